using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.CommandLine.Invocation;
using System.IO;
using System.Reflection;

namespace Uintr.Cli.CommandLine;

/// <summary>
/// Parses and runs a command line with one error policy: a parse error or a failure is one line on standard error
/// and a non-zero exit code (2 for bad input, 1 for a failure while running), never a stack trace.
/// </summary>
internal static class CommandLineRunner
{
    /// <summary>Exit code for a command line that does not parse.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code for a failure while the command ran (an unusable path, a refused system call).</summary>
    public const int RunError = 1;

    /// <summary>
    /// A top-level command named as the user types it (a <see cref="RootCommand"/> takes the executable's file name,
    /// which is "Uintr.Cli" under <c>dotnet run</c> and "testhost" under a test), with help on it and every subcommand,
    /// and <c>--version</c> printing <paramref name="versionOf"/>'s informational version (the default prints the entry
    /// assembly's, which is the test host's under a test).
    /// </summary>
    public static Command Root(string name, string description, Assembly versionOf)
    {
        var root = new Command(name, description);
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption { Action = new PrintVersionAction(versionOf) });
        return root;
    }

    /// <summary>Parses <paramref name="args"/> against <paramref name="root"/> and runs the chosen command's action.</summary>
    public static int Invoke(Command root, string[] args, TextWriter output, TextWriter error)
    {
        var parse = root.Parse(args);
        string path = CommandPath(parse.CommandResult);
        bool help = parse.Action is HelpAction;
        if (parse.Errors.Count > 0 && !help)
        {
            string more = parse.Errors.Count > 1 ? $" (and {parse.Errors.Count - 1} more)" : string.Empty;
            error.WriteLine($"{path}: {OneLine(parse.Errors[0].Message)}{more} See '{path} --help'.");
            return UsageError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            error.WriteLine($"{path}: {Describe(e)}");
            return RunError;
        }
    }

    /// <summary>The message of <paramref name="e"/> on one line; the type only when it says something the message does not.</summary>
    public static string Describe(Exception e)
    {
        var inner = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : e;
        string message = OneLine(inner.Message);
        return inner is IOException or UnauthorizedAccessException or UintrException or UintrFaultException or OperationCanceledException
            ? message
            : $"{inner.GetType().Name}: {message}";
    }

    private sealed class PrintVersionAction(Assembly assembly) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString() ?? "unknown";
            parseResult.InvocationConfiguration.Output.WriteLine(version);
            return 0;
        }
    }

    private static string CommandPath(CommandResult? command)
    {
        var names = new System.Collections.Generic.List<string>();
        for (var c = command; c is not null; c = c.Parent as CommandResult)
        {
            names.Add(c.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(new[] { '\r', '\n', '\t' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
