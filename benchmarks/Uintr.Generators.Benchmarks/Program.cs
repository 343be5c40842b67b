using BenchmarkDotNet.Running;

namespace Uintr.Generators.Benchmarks;

/// <summary>
/// Runs the generator benchmarks. Short run on a shared machine:
/// <c>dotnet run -c Release --project benchmarks/Uintr.Generators.Benchmarks -- --filter '*' --job short</c>.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
