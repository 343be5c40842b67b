using System;
using System.IO;
using Uintr.Cli.Selftest;

namespace Uintr.Cli.Commands;

/// <summary><c>uintr selftest [--backend simulator|hardware]</c>: the kernel selftests' checks, as KTAP version 1.</summary>
internal sealed class SelftestCommand : ICommand
{
    public string Name => "selftest";

    public string Summary => "the kernel UINTR selftests' checks against a backend, as KTAP version 1";

    public int Run(string[] args, TextWriter output)
    {
        if (SelftestRunner.ParseArguments(args, Console.Error) is not { } parsed)
        {
            return 2;
        }

        int failures = SelftestRunner.Run(SelftestRunner.Select(parsed.Filter), parsed.Backend, output);
        return failures == 0 ? 0 : 1;
    }
}
