using System;
using System.Linq;

namespace Uintr.Simulator.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project benchmarks/Uintr.Simulator.Benchmarks -- &lt;verb&gt; [args]</c>.</summary>
internal static class Program
{
    // Add a verb by adding its class here.
    private static readonly IVerb[] s_verbs =
    {
        new ValidateVerb(),
        new StressVerb(),
        new SpeedVerb(),
        new BenchmarkDotNetVerb(),
        new AsyncLatencyVerb(),
    };

    private static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintUsage();
            return args.Length == 0 ? 1 : 0;
        }

        var verb = s_verbs.FirstOrDefault(v => string.Equals(v.Name, args[0], StringComparison.OrdinalIgnoreCase));
        if (verb is null)
        {
            Console.Error.WriteLine($"Unknown verb '{args[0]}'.");
            PrintUsage();
            return 1;
        }

        return verb.Run(args[1..]);
    }

    private static void PrintUsage()
    {
        Console.WriteLine("usage: Uintr.Simulator.Benchmarks <verb> [args]");
        foreach (var verb in s_verbs)
        {
            Console.WriteLine($"  {verb.Name,-10} {verb.Summary}");
        }
    }
}
