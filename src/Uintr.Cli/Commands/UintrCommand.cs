using System.CommandLine;
using System.IO;
using System.Linq;
using Uintr.Cli.CommandLine;

namespace Uintr.Cli.Commands;

/// <summary>The <c>uintr</c> command line: its verbs, their options, and how errors are reported.</summary>
internal static class UintrCommand
{
    /// <summary>The command as typed.</summary>
    public const string Name = "uintr";

    /// <summary>Builds the command tree (a new one each call: the tree is cheap and holds no state between runs).</summary>
    public static Command Create()
    {
        var root = CommandLineRunner.Root(Name, "x86 user interrupts for .NET: detect support, run the kernel selftests' checks, trace and benchmark the simulator.", typeof(UintrCommand).Assembly);
        root.Subcommands.Add(DetectCommand.Create());
        root.Subcommands.Add(SelftestCommand.Create());
        root.Subcommands.Add(TraceCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.SetAction(parse =>
        {
            parse.InvocationConfiguration.Error.WriteLine($"{Name}: which command? {string.Join(", ", root.Subcommands.Select(c => c.Name))}. See '{Name} --help'.");
            return CommandLineRunner.UsageError;
        });
        return root;
    }

    /// <summary>Runs <paramref name="args"/>; returns the exit code (0 success, 1 a failure while running, 2 bad input).</summary>
    public static int Invoke(string[] args, TextWriter output, TextWriter error) =>
        CommandLineRunner.Invoke(Create(), args, output, error);
}
