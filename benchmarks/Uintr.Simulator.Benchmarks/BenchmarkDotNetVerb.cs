using BenchmarkDotNet.Running;

namespace Uintr.Simulator.Benchmarks;

/// <summary><c>bdn [BenchmarkDotNet arguments]</c>: runs the BenchmarkDotNet benchmarks of this project.</summary>
internal sealed class BenchmarkDotNetVerb : IVerb
{
    public string Name => "bdn";

    public string Summary => "BenchmarkDotNet benchmarks (pass its arguments, e.g. --filter * --job short)";

    public int Run(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkDotNetVerb).Assembly).Run(args);
        return 0;
    }
}
