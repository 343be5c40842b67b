using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Uintr.Cli.Commands;
using Uintr.Cli.Selftest;
using Uintr.Conformance;

namespace Uintr.Cli.Tests;

public class SelftestKtapTests
{
    private static readonly Regex s_result = new(@"^(ok|not ok) (\d+) - ([a-z0-9_]+)( # SKIP \S.*)?$", RegexOptions.CultureInvariant);

    private static (int ExitCode, string[] Lines) RunSelftest(params string[] args)
    {
        var output = new StringWriter();
        int exitCode = UintrCommand.Invoke(new[] { "selftest" }.Concat(args).ToArray(), output, new StringWriter());
        return (exitCode, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray());
    }

    [Theory]
    [InlineData("rfc-v1")]
    [InlineData("uintr-next")]
    public void On_the_simulator_every_check_passes_in_KTAP_version_1(string abi)
    {
        var (exitCode, lines) = RunSelftest("--abi", abi);

        Assert.Equal(0, exitCode);
        Assert.Equal("KTAP version 1", lines[0]);
        Assert.Equal($"1..{ConformanceSuite.Checks.Count}", lines[1]);
        var results = lines.Where(l => l.StartsWith("ok ", StringComparison.Ordinal) || l.StartsWith("not ok ", StringComparison.Ordinal)).ToList();
        Assert.Equal(ConformanceSuite.Checks.Count, results.Count);
        for (int i = 0; i < results.Count; i++)
        {
            var match = s_result.Match(results[i]);
            Assert.True(match.Success, $"not a KTAP result line: {results[i]}");
            Assert.Equal("ok", match.Groups[1].Value);
            Assert.Equal(i + 1, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(ConformanceSuite.Checks[i].Name, match.Groups[3].Value);
            Assert.False(match.Groups[4].Success, $"skipped on the simulator: {results[i]}");
        }

        Assert.StartsWith(abi == "rfc-v1" ? "# UINTR simulator, kernel ABI RFC v1 (" : "# UINTR simulator, kernel ABI uintr-next (", lines[2], StringComparison.Ordinal);

        // Every other line is a diagnostic.
        Assert.All(lines.Skip(2).Except(results), l => Assert.StartsWith("# ", l));
        Assert.Contains($"# Totals: pass:{ConformanceSuite.Checks.Count} fail:0 xfail:0 xpass:0 skip:0 error:0", lines);
    }

    [Fact]
    public void The_suite_covers_the_kernel_selftests_areas()
    {
        string[] names = ConformanceSuite.Checks.Select(c => c.Name).ToArray();
        Assert.Equal(names.Length, names.Distinct().Count());
        foreach (string area in new[] { "register_handler", "vector_range", "flags", "senduipi", "self_ipi", "blocking_wait", "alt_stack" })
        {
            Assert.Contains(names, n => n.Contains(area, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void On_the_hardware_backend_without_UINTR_every_check_is_skipped_with_the_reason()
    {
        var (exitCode, lines) = RunSelftest("--backend", "hardware");
        var results = lines.Where(l => s_result.IsMatch(l)).ToList();

        Assert.Equal(0, exitCode);
        Assert.Equal("KTAP version 1", lines[0]);
        Assert.Equal(ConformanceSuite.Checks.Count, results.Count);
        if (lines[2].StartsWith("# UINTR hardware not available", StringComparison.Ordinal))
        {
            string reason = lines[2]["# UINTR hardware not available: ".Length..];
            Assert.All(results, l => Assert.EndsWith($" # SKIP hardware backend unavailable: {reason}", l));
        }
    }

    [Fact]
    public void On_the_emulated_backend_every_public_api_check_passes_natively()
    {
        var (exitCode, lines) = RunSelftest("--backend", "emulated");
        var results = lines.Where(l => s_result.IsMatch(l)).ToList();

        Assert.Equal(0, exitCode);
        Assert.StartsWith("# backend: emulated UINTR backend", lines[2], StringComparison.Ordinal);
        Assert.Equal(ConformanceSuite.Checks.Count, results.Count);
        for (int i = 0; i < results.Count; i++)
        {
            var match = s_result.Match(results[i]);
            Assert.Equal("ok", match.Groups[1].Value);

            // The public-API checks run for real on this machine's threads; only the simulator-only ones are skipped.
            Assert.Equal(ConformanceSuite.Checks[i].Requirement is not (CheckRequirement.PublicApi or CheckRequirement.GeneratedCode), match.Groups[4].Success);
        }

        Assert.Contains(results, l => l.EndsWith(" - self_ipi", StringComparison.Ordinal));
        Assert.Contains(results, l => l.EndsWith(" - alt_stack_delivery", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failing_check_is_not_ok_with_its_reason_as_a_diagnostic_and_a_nonzero_count()
    {
        var checks = new[]
        {
            new ConformanceCheck("passes", CheckRequirement.PublicApi, "test", _ => { }),
            new ConformanceCheck("expects_the_wrong_errno", CheckRequirement.PublicApi, "test", _ =>
                Expect.Errno(Errno.EINVAL, () => throw new UintrException(Errno.EFAULT, "uintr_register_handler", "the handler address is 0"), "uintr_register_handler(NULL)")),
            new ConformanceCheck("skips", CheckRequirement.PublicApi, "test", _ => throw new CheckSkippedException("not here")),
        };
        var output = new StringWriter();

        int failures = ConformanceRunner.Run(checks, ConformanceTarget.Simulator(KernelAbi.RfcV1), output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(1, failures);
        Assert.Equal("1..3", lines[1]);
        Assert.Contains("ok 1 - passes", lines);
        int notOk = lines.IndexOf("not ok 2 - expects_the_wrong_errno");
        Assert.True(notOk > 0);
        Assert.StartsWith("# expects_the_wrong_errno: uintr_register_handler(NULL): expected EINVAL, got EFAULT", lines[notOk - 1]);
        Assert.Contains("ok 3 - skips # SKIP not here", lines);
        Assert.Contains("# Totals: pass:1 fail:1 xfail:0 xpass:0 skip:1 error:0", lines);
    }

    [Fact]
    public void Every_listed_backend_name_is_accepted_and_maps_to_its_own_backend()
    {
        Assert.Equal(SelftestBackends.Names.Count, SelftestBackends.All.Select(b => b.Backend).Distinct().Count());
        foreach (string name in SelftestBackends.Names)
        {
            var parse = UintrCommand.Create().Parse(new[] { "selftest", "--backend", name.ToUpperInvariant() });
            Assert.Empty(parse.Errors);
            Assert.Equal(name, SelftestBackends.Find(name.ToUpperInvariant()).Name);
        }
    }

    [Fact]
    public void Every_platform_backend_but_auto_is_a_selftest_backend_and_the_simulator_is_the_default()
    {
        var expected = System.Enum.GetValues<UintrBackend>().Where(b => b != UintrBackend.Auto).ToHashSet();

        Assert.Equal(expected, SelftestBackends.All.Select(b => b.Backend).ToHashSet());
        Assert.Equal("simulator", SelftestBackends.All[0].Name);
    }

    [Fact]
    public void Unknown_ABIs_are_refused_with_the_choices()
    {
        var error = new StringWriter();

        int exitCode = UintrCommand.Invoke(new[] { "selftest", "--abi", "rfc-v2" }, new StringWriter(), error);

        Assert.Equal(2, exitCode);
        Assert.Contains("rfc-v2", error.ToString(), StringComparison.Ordinal);
    }
}
