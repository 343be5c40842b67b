using System;
using System.CommandLine;
using System.IO;
using Uintr.Cli.Detection;
using Uintr.Hardware;

namespace Uintr.Cli.Commands;

/// <summary><c>uintr detect</c>: what this machine has and which backend a program gets, with the reason.</summary>
internal static class DetectCommand
{
    public static Command Create()
    {
        var command = new Command("detect", "What this machine has (CPU, kernel, system calls, ABI) and which backend a program gets, with the reason.");
        command.SetAction(parse => Run(parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(TextWriter output)
    {
        string? variable = Environment.GetEnvironmentVariable(BackendSelector.EnvironmentVariable);
        string backend;
        try
        {
            backend = UintrPlatform.Default.Description;
        }
        catch (Exception e) when (e is PlatformNotSupportedException or ArgumentException)
        {
            // UINTR_BACKEND=hardware without hardware, or an invalid value: a program would fail the same way.
            backend = $"none: a program would fail with {e.GetType().Name}: {e.Message}";
        }

        foreach (string line in DetectionReport.Lines(HardwareProbe.Detect(), backend, variable))
        {
            output.WriteLine(line);
        }

        return 0;
    }
}
