using System;
using System.Globalization;

namespace PingPong;

/// <summary>Command-line options of the sample.</summary>
/// <param name="Iterations">Round trips of the rally, of each simulated comparison run and of each measured mechanism.</param>
/// <param name="Warmup">Round trips run first and left out of every figure.</param>
/// <param name="Seed">Seed of the simulator: same seed, same simulated numbers.</param>
/// <param name="Cores">Cores of the simulated machine (the main thread, ping and pong each take one).</param>
/// <param name="Mechanisms">Which mechanisms the comparison covers (the spinning user IPI is always the reference).</param>
/// <param name="Measure">Whether to measure the baseline mechanisms on this machine after the simulated part.</param>
internal sealed record SampleOptions(int Iterations, int Warmup, int Seed, int Cores, Mechanism Mechanisms, bool Measure)
{
    /// <summary>Main thread, ping and pong: each simulated thread needs a core of its own.</summary>
    public const int MinimumCores = 3;

    public static SampleOptions Default { get; } = new(Iterations: 10_000, Warmup: 100, Seed: 1, Cores: 4, Mechanisms: Mechanism.All, Measure: true);

    public static string Usage =>
        "usage: PingPong [--iterations N] [--warmup N] [--seed N] [--cores N] [--mechanisms " + MechanismNames.Usage + "] [--no-measure]";

    /// <summary>Parses the command line; prints the problem and returns null on bad input or --help.</summary>
    public static SampleOptions? Parse(string[] args)
    {
        var options = Default;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name is "-h" or "--help")
            {
                Console.WriteLine(Usage);
                return null;
            }

            if (name == "--no-measure")
            {
                options = options with { Measure = false };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                Console.Error.WriteLine($"PingPong: option '{name}' needs a value.");
                return null;
            }

            string text = args[++i];
            if (name == "--mechanisms")
            {
                if (MechanismNames.Parse(text) is not { } mechanisms)
                {
                    Console.Error.WriteLine($"PingPong: --mechanisms takes a comma-separated list of {MechanismNames.Usage}; got '{text}'.");
                    return null;
                }

                options = options with { Mechanisms = mechanisms };
                continue;
            }

            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            {
                Console.Error.WriteLine($"PingPong: option '{name}' needs an integer value; got '{text}'.");
                return null;
            }

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
                case "--cores" when value is >= MinimumCores and <= 256:
                    options = options with { Cores = value };
                    break;
                default:
                    Console.Error.WriteLine(
                        $"PingPong: unknown option '{name}' or value {value} out of range (iterations > 0, warmup >= 0, cores {MinimumCores}..256).");
                    Console.Error.WriteLine(Usage);
                    return null;
            }
        }

        return options;
    }
}
