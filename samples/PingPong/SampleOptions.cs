using System;
using System.Globalization;

namespace PingPong;

/// <summary>Command-line options of the sample.</summary>
internal sealed record SampleOptions(int Iterations, int Warmup, int Seed)
{
    public static SampleOptions Default { get; } = new(Iterations: 10_000, Warmup: 100, Seed: 1);

    /// <summary>Parses <c>--iterations N</c>, <c>--warmup N</c>, <c>--seed N</c>; prints the problem and returns null on bad input.</summary>
    public static SampleOptions? Parse(string[] args)
    {
        var options = Default;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name is "-h" or "--help")
            {
                Console.WriteLine("usage: PingPong [--iterations N] [--warmup N] [--seed N]");
                return null;
            }

            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            {
                Console.Error.WriteLine($"PingPong: option '{name}' needs an integer value.");
                return null;
            }

            i++;
            switch (name)
            {
                case "--iterations" or "-n" when value > 0:
                    options = options with { Iterations = value };
                    break;
                case "--warmup" when value >= 0:
                    options = options with { Warmup = value };
                    break;
                case "--seed":
                    options = options with { Seed = value };
                    break;
                default:
                    Console.Error.WriteLine($"PingPong: unknown option '{name}' or value {value} out of range (iterations > 0, warmup >= 0).");
                    return null;
            }
        }

        return options;
    }
}
