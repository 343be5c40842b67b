using System;
using System.CommandLine;
using System.Linq;
using Uintr.Cli.CommandLine;

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

    /// <summary>The most cores a simulated machine of the sample gets.</summary>
    public const int MaximumCores = 256;

    public static SampleOptions Default { get; } = new(Iterations: 10_000, Warmup: 100, Seed: 1, Cores: 4, Mechanisms: Mechanism.All, Measure: true);

    /// <summary>The sample's command line; <paramref name="run"/> gets the parsed options and returns the exit code.</summary>
    public static Command CreateCommand(Func<SampleOptions, int> run)
    {
        var iterations = TypedOptions.Integer("--iterations", "Round trips of the rally, of each simulated comparison and of each measured mechanism", 1, int.MaxValue, Default.Iterations, "-n");
        var warmup = TypedOptions.Integer("--warmup", "Round trips run first and left out of every figure", 0, int.MaxValue, Default.Warmup);
        var seed = TypedOptions.Integer("--seed", "Simulator seed: same seed, same simulated numbers", 0, int.MaxValue, Default.Seed);
        var cores = TypedOptions.Integer("--cores", "Cores of the simulated machine (main thread, ping and pong take one each)", MinimumCores, MaximumCores, Default.Cores);
        var mechanisms = TypedOptions.ListOf("--mechanisms", "Mechanisms the comparison covers (the spinning user IPI is always the reference)", MechanismNames.Names, "all");
        var noMeasure = new Option<bool>("--no-measure") { Description = "Skip measuring the baseline mechanisms on this machine" };

        var command = CommandLineRunner.Root("PingPong", "A user-interrupt ping-pong on the default backend, the RFC's comparison simulated, and the baselines measured on this machine.", typeof(SampleOptions).Assembly);
        command.Options.Add(iterations);
        command.Options.Add(warmup);
        command.Options.Add(seed);
        command.Options.Add(cores);
        command.Options.Add(mechanisms);
        command.Options.Add(noMeasure);
        command.SetAction(parse => run(new SampleOptions(
            parse.GetValue(iterations),
            parse.GetValue(warmup),
            parse.GetValue(seed),
            parse.GetValue(cores),
            parse.GetValue(mechanisms)!.Aggregate(Mechanism.None, (set, name) => set | MechanismNames.Parse(name)!.Value),
            !parse.GetValue(noMeasure))));
        return command;
    }
}
