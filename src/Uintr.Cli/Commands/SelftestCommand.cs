using System.CommandLine;
using System.Linq;
using Uintr.Cli.CommandLine;
using Uintr.Cli.Selftest;
using Uintr.Conformance;
using Uintr.Hardware;

namespace Uintr.Cli.Commands;

/// <summary><c>uintr selftest [--backend NAME] [--abi NAME] [--filter TEXT]</c>: the conformance suite, as KTAP version 1.</summary>
internal static class SelftestCommand
{
    public static Command Create()
    {
        var backend = TypedOptions.OneOf("--backend", "Backend to run the checks against: " + string.Join("; ", SelftestBackends.All.Select(b => $"{b.Name}: {b.Description}")), SelftestBackends.Names, SelftestBackends.All[0].Name);
        var abi = TypedOptions.OneOf("--abi", "The kernel ABI the simulator runs (other backends report their own): rfc-v1 (the RFC posting, per-thread UITT) or uintr-next (per-process UITT, alt stack, register_self)", SelftestAbis.Names, SelftestAbis.Names[0]);
        var filter = new Option<string?>("--filter")
        {
            Description = "Run only the checks whose name contains TEXT (case-sensitive); it must match at least one check",
            HelpName = "TEXT",
        };
        filter.Validators.Add(result =>
        {
            string? text = result.GetValueOrDefault<string?>();
            if (text is not null && ConformanceRunner.Select(text).Count == 0)
            {
                result.AddError($"--filter: '{text}' matches none of the {ConformanceSuite.Checks.Count} checks.");
            }
        });

        var command = new Command("selftest", "The conformance suite (Intel's UINTR selftests and GCC's uintr tests) against a backend, as KTAP version 1; exit code 1 when a check fails.");
        command.Options.Add(backend);
        command.Options.Add(abi);
        command.Options.Add(filter);
        command.SetAction(parse =>
        {
            var checks = ConformanceRunner.Select(parse.GetValue(filter));
            var target = ConformanceTarget.ForBackend(SelftestBackends.Find(parse.GetValue(backend)!).Backend, SelftestAbis.Find(parse.GetValue(abi)!), HardwareProbe.Detect());
            int failures = ConformanceRunner.Run(checks, target, parse.InvocationConfiguration.Output);
            return failures == 0 ? 0 : 1;
        });
        return command;
    }
}
