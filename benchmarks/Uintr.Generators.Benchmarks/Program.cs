using BenchmarkDotNet.Running;

namespace Uintr.Generators.Benchmarks;

/// <summary>
/// Runs the generator benchmarks. Short run on a shared machine:
/// <c>dotnet run -c Release --project benchmarks/Uintr.Generators.Benchmarks -- --filter '*' --job short</c>;
/// <c>-- cputime</c> times the same operations in thread CPU time instead (see <see cref="CpuTimeReport"/>).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["cputime"])
        {
            CpuTimeReport.Run();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
