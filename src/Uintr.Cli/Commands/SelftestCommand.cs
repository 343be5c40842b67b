using System;
using System.CommandLine;
using System.Linq;
using Uintr.Cli.CommandLine;
using Uintr.Cli.Selftest;

namespace Uintr.Cli.Commands;

/// <summary><c>uintr selftest [--backend NAME] [--filter TEXT]</c>: the kernel selftests' checks, as KTAP version 1.</summary>
internal static class SelftestCommand
{
    public static Command Create()
    {
        var backend = TypedOptions.OneOf("--backend", "Backend to run the checks against: " + string.Join("; ", SelftestBackends.All.Select(b => $"{b.Name}: {b.Description}")), SelftestBackends.Names, SelftestBackends.All[0].Name);
        var filter = new Option<string?>("--filter")
        {
            Description = "Run only the checks whose name contains TEXT (case-sensitive); it must match at least one check",
            HelpName = "TEXT",
        };
        filter.Validators.Add(result =>
        {
            string? text = result.GetValueOrDefault<string?>();
            if (text is not null && SelftestRunner.Select(text).Count == 0)
            {
                result.AddError($"--filter: '{text}' matches none of the {SelftestSuite.Checks.Count} checks.");
            }
        });

        var command = new Command("selftest", "The kernel UINTR selftests' checks against a backend, as KTAP version 1; exit code 1 when a check fails.");
        command.Options.Add(backend);
        command.Options.Add(filter);
        command.SetAction(parse =>
        {
            var checks = SelftestRunner.Select(parse.GetValue(filter));
            int failures = SelftestRunner.Run(checks, SelftestBackends.Find(parse.GetValue(backend)!).Backend, parse.InvocationConfiguration.Output);
            return failures == 0 ? 0 : 1;
        });
        return command;
    }
}
