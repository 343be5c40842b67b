using System;
using System.Linq;
using BenchmarkDotNet.Running;

namespace Uintr.Generators.Benchmarks;

/// <summary>
/// Runs the generator benchmarks. Short run on a shared machine:
/// <c>dotnet run -c Release --project benchmarks/Uintr.Generators.Benchmarks -- --filter '*' --job short</c>;
/// <c>-- cputime</c> times the same operations in thread CPU time instead (see <see cref="CpuTimeReport"/>), and
/// <c>-- allocations</c> counts the bytes they allocate (see <see cref="AllocationReport"/>), and
/// <c>instructions</c>, under Callgrind, counts their instructions (see <see cref="InstructionCountReport"/>), and
/// <c>instruction-count</c> counts one operation per process (see <see cref="SingleOperationCount"/>).
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

        if (args is ["instruction-count", string prefix, string receiverCount, string stage, string operation, .. var options])
        {
            SingleOperationCount.Run(prefix, int.Parse(receiverCount, System.Globalization.CultureInfo.InvariantCulture), Enum.Parse<PipelineStage>(stage), operation, WarmUps(options), options.Contains("--keep-dump"));
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    // --warmups N: the operations run before the counted one (default 2).
    private static int WarmUps(string[] options)
    {
        int at = Array.IndexOf(options, "--warmups");
        return at >= 0 && at + 1 < options.Length && int.TryParse(options[at + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) && n >= 1 ? n : 2;
    }
}
