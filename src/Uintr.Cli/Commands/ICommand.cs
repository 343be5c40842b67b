using System.IO;

namespace Uintr.Cli.Commands;

/// <summary>One verb of the <c>uintr</c> command.</summary>
internal interface ICommand
{
    /// <summary>The verb, as typed.</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Summary { get; }

    /// <summary>Runs the verb with the arguments after it; returns the exit code.</summary>
    int Run(string[] args, TextWriter output);
}
