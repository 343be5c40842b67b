using System;
using System.IO;
using System.Linq;
using Uintr.Cli.Commands;

namespace Uintr.Cli.Tests;

/// <summary>The <c>uintr</c> parser driven with bad input: one line on stderr naming the problem, a non-zero exit, no stack trace.</summary>
public class CommandLineTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = UintrCommand.Invoke(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string OneErrorLine(string error)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        return lines[0];
    }

    [Theory]
    [InlineData(new[] { "detect", "--bogus" }, "uintr detect:", "'--bogus'")]
    [InlineData(new[] { "selftest", "--bogus" }, "uintr selftest:", "'--bogus'")]
    [InlineData(new[] { "selftest", "--backend", "foo" }, "--backend: 'foo' is not one of simulator, hardware", "")]
    [InlineData(new[] { "selftest", "--backend" }, "uintr selftest:", "--backend")]
    [InlineData(new[] { "selftest", "--filter", "nomatch" }, "--filter: 'nomatch' matches none of the", "checks")]
    [InlineData(new[] { "trace", "pingpong", "--seed", "abc" }, "--seed: 'abc' is not an integer", "expected an integer >= 0")]
    [InlineData(new[] { "trace", "pingpong", "--seed", "-1" }, "--seed: -1 is out of range", "expected an integer >= 0")]
    [InlineData(new[] { "trace", "pingpong", "--seed", "99999999999" }, "--seed: '99999999999' is not an integer", "")]
    [InlineData(new[] { "trace", "teleport" }, "scenario: 'teleport' is not one of pingpong, blocked, masked", "")]
    [InlineData(new[] { "trace" }, "uintr trace:", "")]
    [InlineData(new[] { "trace", "pingpong", "--out", "" }, "--out: the path is empty", "")]
    [InlineData(new[] { "trace", "pingpong", "--out", "  " }, "--out: the path is empty", "")]
    [InlineData(new[] { "bench", "--quick", "extra" }, "uintr bench:", "'extra'")]
    [InlineData(new[] { "teleport" }, "uintr:", "'teleport'")]
    [InlineData(new string[0], "uintr: which command? detect, selftest, trace, bench", "")]
    public void Bad_input_is_one_line_on_stderr_naming_the_problem_with_exit_code_2(string[] args, string expected, string alsoExpected)
    {
        var (exitCode, output, error) = Run(args);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        string line = OneErrorLine(error);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Contains(alsoExpected, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("file")]
    [InlineData("/proc/uintr-trace")]
    [InlineData("/proc/self/status/below-a-file")]
    public void An_unusable_trace_directory_is_one_line_on_stderr_with_exit_code_1(string kind)
    {
        string file = Path.Combine(Path.GetTempPath(), "uintr-not-a-directory-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(file, "a file, not a directory");
        try
        {
            string directory = kind == "file" ? file : kind;

            var (exitCode, output, error) = Run("trace", "pingpong", "--out", directory);

            Assert.Equal(1, exitCode);
            Assert.Equal(string.Empty, output);
            string line = OneErrorLine(error);
            Assert.StartsWith($"uintr trace: --out '{directory}': cannot write the trace files there: ", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("detect --help")]
    [InlineData("selftest --help")]
    [InlineData("trace --help")]
    [InlineData("bench -h")]
    public void Every_command_has_help_on_stdout_with_exit_code_0(string commandLine)
    {
        var (exitCode, output, error) = Run(commandLine.Split(' '));

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        string command = string.Join(' ', commandLine.Split(' ').Where(a => !a.StartsWith('-')));
        Assert.Contains($"uintr {command}".TrimEnd(), output, StringComparison.Ordinal);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains("--help", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_every_value_a_choice_accepts_and_every_range()
    {
        string selftest = Run("selftest", "--help").Output;
        string trace = Run("trace", "--help").Output;

        foreach (var backend in Uintr.Cli.Selftest.SelftestBackends.Names)
        {
            Assert.Contains(backend, selftest, StringComparison.Ordinal);
        }

        Assert.Contains("<pingpong|blocked|masked>", trace, StringComparison.Ordinal);
        Assert.Contains("[an integer >= 0]", trace, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_prints_the_assembly_version()
    {
        var (exitCode, output, error) = Run("--version");

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        string expected = typeof(UintrCommand).Assembly.GetName().Version!.ToString(3);
        Assert.StartsWith(expected, output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_seed_is_used_as_given()
    {
        // Seed 2 is accepted and gives its own trace; negative seeds are refused above (System.Random folds -n onto n).
        var parse = UintrCommand.Create().Parse(new[] { "trace", "pingpong", "--seed", "2" });
        Assert.Empty(parse.Errors);
    }
}
