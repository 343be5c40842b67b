using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Uintr.Package.Tests;

/// <summary>
/// <c>dotnet pack</c> at the repository root makes exactly the packages a user installs: every project is evaluated
/// with MSBuild, and only the Uintr package and the uintr dotnet tool may be packable. About 30 seconds.
/// </summary>
[Trait("Category", "Package")]
public class PackabilityTests
{
    [Fact]
    public void Only_the_Uintr_package_and_the_uintr_tool_are_packable_and_no_project_names_a_placeholder_address()
    {
        string root = RepositoryRoot();
        var projects = Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.True(projects.Count >= 10, $"found only {projects.Count} projects under {root}");

        var packable = new System.Collections.Generic.List<string>();
        foreach (string project in projects)
        {
            string json = DotnetProcess.Run(root, null, "msbuild", project, "-getProperty:IsPackable", "-getProperty:PackageId",
                "-getProperty:PackAsTool", "-getProperty:RepositoryUrl", "-getProperty:PackageProjectUrl", "-getProperty:PackageLicenseExpression");
            var properties = JsonDocument.Parse(json[json.IndexOf('{', StringComparison.Ordinal)..]).RootElement.GetProperty("Properties");
            string Get(string name) => properties.GetProperty(name).GetString() ?? string.Empty;

            // The project has no public address yet: no URL at all rather than a placeholder one.
            Assert.True(Get("RepositoryUrl").Length == 0, $"{project}: RepositoryUrl '{Get("RepositoryUrl")}'");
            Assert.True(Get("PackageProjectUrl").Length == 0, $"{project}: PackageProjectUrl '{Get("PackageProjectUrl")}'");
            if (Get("IsPackable") == "true")
            {
                packable.Add($"{Get("PackageId")}{(Get("PackAsTool") == "true" ? " (tool)" : string.Empty)}");
                Assert.Equal("MIT", Get("PackageLicenseExpression"));
            }
        }

        Assert.Equal(new[] { "Uintr", "Uintr.Cli (tool)" }, packable.OrderBy(p => p, StringComparer.Ordinal));
    }

    [Fact]
    public void The_MIT_license_the_packages_declare_is_in_the_repository()
    {
        string license = File.ReadAllText(Path.Combine(RepositoryRoot(), "LICENSE"));

        Assert.StartsWith("MIT License", license, StringComparison.Ordinal);
        Assert.Contains("Permission is hereby granted, free of charge", license, StringComparison.Ordinal);
        Assert.Contains("THE SOFTWARE IS PROVIDED \"AS IS\"", license, StringComparison.Ordinal);
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
}
