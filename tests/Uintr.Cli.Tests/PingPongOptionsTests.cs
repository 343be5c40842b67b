extern alias PingPongSample;

using System;
using System.IO;
using PingPongSample::PingPong;
using Runner = PingPongSample::Uintr.Cli.CommandLine.CommandLineRunner;

namespace Uintr.Cli.Tests;

/// <summary>The PingPong sample's command line driven with good and bad input (the sample itself does not run).</summary>
public class PingPongOptionsTests
{
    private static (int ExitCode, SampleOptions? Options, string Output, string Error) Parse(params string[] args)
    {
        SampleOptions? parsed = null;
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = Runner.Invoke(SampleOptions.CreateCommand(o => { parsed = o; return 0; }), args, output, error);
        return (exitCode, parsed, output.ToString(), error.ToString());
    }

    [Fact]
    public void No_arguments_give_the_defaults()
    {
        var (exitCode, options, _, error) = Parse();

        Assert.Equal(0, exitCode);
        Assert.Equal(SampleOptions.Default, options);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public void Every_option_is_read()
    {
        var (_, options, _, _) = Parse("-n", "7", "--warmup", "0", "--seed", "9", "--cores", "5", "--mechanisms", "signal,PIPE", "--no-measure");

        Assert.Equal(new SampleOptions(7, 0, 9, 5, PingPongSample::PingPong.Mechanism.Signal | PingPongSample::PingPong.Mechanism.Pipe, Measure: false), options);
    }

    [Fact]
    public void Help_exits_0_on_stdout_listing_every_option_and_range()
    {
        var (exitCode, options, output, error) = Parse("--help");

        Assert.Equal(0, exitCode);
        Assert.Null(options);
        Assert.Equal(string.Empty, error);
        foreach (string name in new[] { "--iterations", "--warmup", "--seed", "--cores", "--mechanisms", "--no-measure", "--version" })
        {
            Assert.Contains(name, output, StringComparison.Ordinal);
        }

        Assert.Contains($"[an integer from {SampleOptions.MinimumCores} to {SampleOptions.MaximumCores}]", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--iterations", "-5" }, "PingPong: --iterations: -5 is out of range; expected an integer >= 1.")]
    [InlineData(new[] { "--iterations", "0" }, "PingPong: --iterations: 0 is out of range; expected an integer >= 1.")]
    [InlineData(new[] { "--warmup", "ten" }, "PingPong: --warmup: 'ten' is not an integer; expected an integer >= 0.")]
    [InlineData(new[] { "--cores", "2" }, "PingPong: --cores: 2 is out of range; expected an integer from 3 to 256.")]
    [InlineData(new[] { "--cores", "257" }, "PingPong: --cores: 257 is out of range; expected an integer from 3 to 256.")]
    [InlineData(new[] { "--seed", "-1" }, "PingPong: --seed: -1 is out of range; expected an integer >= 0.")]
    [InlineData(new[] { "--mechanisms", "signal,smoke" }, "PingPong: --mechanisms: 'smoke' is not one of blocked, signal, eventfd, pipe, unix, futex, emulated, all.")]
    [InlineData(new[] { "--mechanisms", "," }, "PingPong: --mechanisms: ',' names nothing; expected one or more of blocked, signal, eventfd, pipe, unix, futex, emulated, all.")]
    [InlineData(new[] { "--bogus" }, "PingPong: Unrecognized command or argument '--bogus'.")]
    public void Bad_input_is_one_line_naming_the_value_and_the_allowed_range(string[] args, string expected)
    {
        var (exitCode, options, output, error) = Parse(args);

        Assert.Equal(2, exitCode);
        Assert.Null(options);
        Assert.Equal(string.Empty, output);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(expected + " See 'PingPong --help'.", line);
    }
}

/// <summary>The sample run as a user runs it, briefly, to check what its header says.</summary>
public class PingPongRunTests
{
    [Fact]
    public async System.Threading.Tasks.Task The_platform_line_describes_the_run_s_own_cores_and_seed()
    {
        string sample = typeof(SampleOptions).Assembly.Location;
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { sample, "--iterations", "5", "--warmup", "0", "--seed", "3", "--cores", "5", "--no-measure" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["UINTR_BACKEND"] = "simulator";
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "the sample did not finish in 2 minutes");

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(string.Empty, await error);
        Assert.Contains("Platform: UINTR simulator (5 cores, Sapphire Rapids timing at 2.0 GHz, seed 3)", output, StringComparison.Ordinal);
    }
}
