using System;
using System.Linq;
using BenchmarkDotNet.Running;

namespace Uintr.Generators.Benchmarks;

/// <summary>
/// Runs the generator benchmarks. Short run on a shared machine:
/// <c>dotnet run -c Release --project benchmarks/Uintr.Generators.Benchmarks -- --filter '*' --job short</c>;
/// <c>-- cputime</c> times the same operations in thread CPU time instead (see <see cref="CpuTimeReport"/>), and
/// <c>-- allocations</c> counts the bytes they allocate (see <see cref="AllocationReport"/>), and
/// <c>instructions</c>, under Callgrind, counts their instructions (see <see cref="InstructionCountReport"/>).
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

        if (args is ["allocations"])
        {
            AllocationReport.Run();
            return;
        }

        if (args is ["instructions", string dumpPrefix, .. var rest])
        {
            var receivers = rest.Where(arg => arg.All(char.IsAsciiDigit)).Select(int.Parse).ToArray();
            var stages = rest.Where(arg => !arg.All(char.IsAsciiDigit)).Select(Enum.Parse<PipelineStage>).ToArray();
            InstructionCountReport.Run(dumpPrefix, stages, receivers);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
