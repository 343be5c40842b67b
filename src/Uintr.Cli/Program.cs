using System;
using Uintr.Cli.Commands;

namespace Uintr.Cli;

/// <summary>Entry point of the <c>uintr</c> tool: <c>uintr &lt;command&gt; [options]</c>.</summary>
internal static class Program
{
    private static int Main(string[] args) => UintrCommand.Invoke(args, Console.Out, Console.Error);
}
