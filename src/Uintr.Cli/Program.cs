using System;
using System.Linq;
using Uintr.Cli.Commands;

namespace Uintr.Cli;

/// <summary>Entry point of the <c>uintr</c> tool: <c>uintr &lt;command&gt; [options]</c>.</summary>
internal static class Program
{
    internal static readonly ICommand[] Commands =
    {
        new DetectCommand(),
        new SelftestCommand(),
        new TraceCommand(),
        new BenchCommand(),
    };

    private static int Main(string[] args)
    {
        var command = args.Length == 0 ? null : Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            bool help = args.Length > 0 && args[0] is "-h" or "--help" or "help";
            var writer = help ? Console.Out : Console.Error;
            if (!help && args.Length > 0)
            {
                writer.WriteLine($"uintr: unknown command '{args[0]}'.");
            }

            writer.WriteLine("usage: uintr <command> [options]");
            foreach (var c in Commands)
            {
                writer.WriteLine($"  {c.Name,-9} {c.Summary}");
            }

            return help ? 0 : 2;
        }

        return command.Run(args[1..], Console.Out);
    }
}
