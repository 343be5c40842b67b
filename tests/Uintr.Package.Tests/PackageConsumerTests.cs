using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;

namespace Uintr.Package.Tests;

/// <summary>
/// The package as a user gets it: pack src/Uintr.Runtime into a temporary folder feed, check what is inside, then
/// create a fresh console project outside the repository, <c>dotnet add package Uintr</c> from that feed (plus the
/// user's default feeds), write a [UserInterruptHandler] receiver, build it with warnings as errors and run it on the
/// simulator. Slow (about a minute): filter it out with <c>--filter Category!=Package</c>.
/// </summary>
[Trait("Category", "Package")]
public class PackageConsumerTests
{
    [Fact]
    public void A_fresh_console_project_with_only_the_package_gets_working_user_interrupt_handlers()
    {
        string root = Path.Combine(Path.GetTempPath(), "uintr-package-" + Guid.NewGuid().ToString("N")[..12]);
        string feed = Path.Combine(root, "feed");
        string consumer = Path.Combine(root, "Consumer");
        // A version of its own, so the global packages folder never serves a stale copy from an earlier run.
        string version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(consumer);
        try
        {
            string repository = RepositoryRoot();
            DotnetProcess.Run(repository, null, "pack", Path.Combine("src", "Uintr.Runtime"), "-c", "Release", "-o", feed, "-p:Version=" + version);
            string package = Path.Combine(feed, $"Uintr.{version}.nupkg");
            CheckContents(package, version);

            DotnetProcess.Run(consumer, null, "new", "console", "--framework", "net10.0", "--name", "Consumer", "--output", consumer);
            File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="uintr-local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            DotnetProcess.Run(consumer, null, "add", "package", "Uintr", "--version", version);
            File.WriteAllText(Path.Combine(consumer, "Program.cs"), ConsumerProgram.Source);

            // add package restored already: the build needs no feed, so an unreachable source cannot turn into a warning-as-error.
            DotnetProcess.Run(consumer, null, "build", "-c", "Release", "--no-restore", "-warnaserror");
            string output = DotnetProcess.Run(consumer, new Dictionary<string, string> { ["UINTR_BACKEND"] = "simulator" }, "run", "-c", "Release", "--no-build");

            Assert.Contains("1 ring(s) on UINTR simulator", output);
        }
        finally
        {
            TryDelete(root);
            TryDelete(Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "uintr", version));
        }
    }

    private static void CheckContents(string package, string version)
    {
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("lib/net10.0/Uintr.Runtime.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Uintr.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Uintr.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Uintr.Analyzers.CodeFixes.dll", entries);
        Assert.Contains("README.md", entries);

        using var nuspecStream = zip.GetEntry("Uintr.nuspec")!.Open();
        var nuspec = XDocument.Load(nuspecStream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("Uintr", metadata.Element(ns + "id")!.Value);
        Assert.Equal(version, metadata.Element(ns + "version")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")!.Value));
        Assert.NotNull(metadata.Element(ns + "license"));

        // The Roslyn components ship as analyzers, never as dependencies; the runtime's only dependency is Iced.
        var dependencies = metadata.Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!).ToList();
        Assert.Equal(new[] { "Iced" }, dependencies);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Uintr.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Uintr.sln above {AppContext.BaseDirectory}.");
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a temporary folder left behind does not make the package wrong.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
