using System;
using System.Diagnostics;
using System.IO;

namespace Uintr.Runtime.Tests.Emulation;

/// <summary>What must not happen in the test host: a fatal SIGILL, a signal taken from the backend.</summary>
public sealed class EmulatedChildProcessTests
{
    [Fact]
    public void An_unrelated_ud2_still_reaches_the_runtime_handler_and_ends_the_process_as_without_the_backend()
    {
        var without = RunChild("ud2-without-backend", withDump: true);
        var with = RunChild("ud2", withDump: true);

        // Without the backend: the runtime's SIGILL handler writes the crash dump, then SIG_DFL ends the process.
        Assert.Equal(128 + 4, without.ExitCode);
        Assert.Contains("[createdump]", without.Output);

        // With it: the backend's SIGILL handler saw an address it does not own and passed the signal on; the runtime's
        // handler (the only one that starts createdump) ran, and the process died of SIGILL all the same.
        Assert.Equal(128 + 4, with.ExitCode);
        Assert.Contains("emulated UINTR backend", with.Output);
        Assert.Contains("[createdump]", with.Output);
        Assert.Contains("signal 4", with.Output);
        Assert.DoesNotContain("survived UD2", with.Output);
    }

    [Fact]
    public void A_posix_signal_registration_that_takes_the_notification_signal_is_named_at_the_next_registration()
    {
        var result = RunChild("take-signal", withDump: false);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("another library or a PosixSignalRegistration took it", result.Output);
    }

    private static (int ExitCode, string Output) RunChild(string mode, bool withDump)
    {
        string testDirectory = AppContext.BaseDirectory;
        string configuration = new DirectoryInfo(testDirectory).Parent!.Name;
        string child = Path.GetFullPath(Path.Combine(testDirectory, "..", "..", "..", "..", "Uintr.Emulation.Child", "bin", configuration, "net10.0", "Uintr.Emulation.Child.dll"));
        Assert.True(File.Exists(child), $"{child} is built with the test project");
        string dumps = Path.Combine(Path.GetTempPath(), "uintr-emulated-child-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dumps);
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(child);
            start.ArgumentList.Add(mode);
            if (withDump)
            {
                start.Environment["DOTNET_DbgEnableMiniDump"] = "1";
                start.Environment["DOTNET_DbgMiniDumpType"] = "1";
                start.Environment["DOTNET_DbgMiniDumpName"] = Path.Combine(dumps, "core.%p");
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), $"the child ({mode}) finished");
            return (process.ExitCode, stdout + stderr.Result);
        }
        finally
        {
            Directory.Delete(dumps, recursive: true);
        }
    }
}
