using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Uintr.Cli.Tests.Documentation;

/// <summary>One place a document or a source file points at a file of the repository.</summary>
/// <param name="Source">The file the reference is in, relative to the repository root.</param>
/// <param name="Line">Its 1-based line.</param>
/// <param name="Target">The reference as written.</param>
/// <param name="Problem">Why it does not resolve; null when it does.</param>
public sealed record RepositoryReference(string Source, int Line, string Target, string? Problem)
{
    public override string ToString() => $"{Source}:{Line}: '{Target}' {Problem}";
}

/// <summary>
/// Finds the references in the repository's Markdown and C# files and resolves them: Markdown links (and their
/// #anchors), repository paths such as <c>src/Uintr.Runtime/UintrPlatform.cs</c> or <c>docs/simulator.md</c> in prose,
/// code and comments, and bare Markdown file names such as <c>README.md</c>.
/// </summary>
public static class RepositoryReferences
{
    private static readonly string[] s_topFolders = { "src", "tests", "samples", "docs", "benchmarks", ".ci" };
    private static readonly Regex s_markdownLink = new(@"\]\(([^)\s]+)\)", RegexOptions.CultureInvariant);
    private static readonly Regex s_repositoryPath = new(@"(?<![\w./<*-])(?:src|tests|samples|docs|benchmarks|\.ci)/[A-Za-z0-9_.\-/]*[A-Za-z0-9_]", RegexOptions.CultureInvariant);
    private static readonly Regex s_markdownName = new(@"(?<![\w./<*-])[A-Za-z0-9_\-]+\.md\b", RegexOptions.CultureInvariant);
    private static readonly Regex s_heading = new(@"^#{1,6}\s+(.*?)\s*#*\s*$", RegexOptions.CultureInvariant);

    /// <summary>The repository root (the folder with Uintr.sln above the test's output).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Every Markdown and C# file of the repository, build output excluded, relative to the root.</summary>
    public static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(part => part is "bin" or "obj" or ".git" or "TestResults" or "BenchmarkDotNet.Artifacts" or "StrykerOutput"))
            // This folder's tests quote missing files on purpose, to show that the scan reports them.
            .Where(f => !f.StartsWith("tests/Uintr.Cli.Tests/Documentation/", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>Every reference in <paramref name="relativePath"/>, resolved.</summary>
    public static IEnumerable<RepositoryReference> In(string relativePath)
    {
        string[] lines = File.ReadAllLines(Path.Combine(Root, relativePath));
        bool markdown = relativePath.EndsWith(".md", StringComparison.Ordinal);
        string directory = Path.GetDirectoryName(relativePath)!.Replace('\\', '/');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            if (markdown)
            {
                foreach (Match link in s_markdownLink.Matches(line))
                {
                    string target = link.Groups[1].Value;
                    seen.Add(target.Split('#')[0]);
                    if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    yield return new RepositoryReference(relativePath, i + 1, target, ResolveLink(relativePath, directory, target));
                }
            }

            if (line.Contains("://", StringComparison.Ordinal) && !markdown)
            {
                // A URL's path (https://github.com/dotnet/runtime/blob/main/src/...) is another repository's.
                line = Regex.Replace(line, @"\S+://\S+", string.Empty);
            }

            foreach (Match path in s_repositoryPath.Matches(line))
            {
                string target = path.Value.TrimEnd('.');
                if (seen.Add(target) && !line.Contains("://" + target, StringComparison.Ordinal) && !IsInUrl(line, path.Index)
                    && !IsInAnotherRepository(lines, i, path.Index) && !IsBuildOutput(target))
                {
                    yield return new RepositoryReference(relativePath, i + 1, target, Exists(target) ? null : "does not exist in the repository");
                }
            }

            foreach (Match name in s_markdownName.Matches(line))
            {
                string target = name.Value;
                if (seen.Add(target) && !IsInUrl(line, name.Index))
                {
                    bool exists = File.Exists(Path.Combine(Root, directory, target)) || MarkdownNames.Value.Contains(target);
                    yield return new RepositoryReference(relativePath, i + 1, target, exists ? null : "names a Markdown file the repository does not have");
                }
            }
        }
    }

    private static readonly Lazy<HashSet<string>> MarkdownNames = new(() =>
        Files().Where(f => f.EndsWith(".md", StringComparison.Ordinal)).Select(f => f.Split('/')[^1]).ToHashSet(StringComparer.Ordinal));

    // "dotnet/runtime `src/coreclr/...`" or "(intel/uintr-linux-kernel arch/x86/...)": a path in the named repository,
    // which may sit at the end of the previous line.
    private static readonly Regex s_otherRepository = new(@"\b[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+[`'""]?\s*[`'""(]?\s*$", RegexOptions.CultureInvariant);

    private static bool IsInAnotherRepository(string[] lines, int lineIndex, int index)
    {
        string before = lines[lineIndex][..index].TrimEnd('`', ' ', '(');
        if (before.Length == 0 && lineIndex > 0)
        {
            before = lines[lineIndex - 1].TrimEnd();
        }

        var match = s_otherRepository.Match(before);
        return match.Success && !s_topFolders.Any(folder => match.Value.TrimStart().StartsWith(folder + "/", StringComparison.Ordinal));
    }

    // A project's bin/ or obj/ folder exists after a build, not in the repository: a command that runs a built
    // assembly names it on purpose.
    private static bool IsBuildOutput(string target) => target.Split('/').Any(part => part is "bin" or "obj");

    private static bool IsInUrl(string line, int index)
    {
        int start = line.LastIndexOfAny(new[] { ' ', '(', '<', '"', '`', '\'' }, Math.Max(0, index - 1)) + 1;
        return line.AsSpan(start, index - start).Contains("://".AsSpan(), StringComparison.Ordinal);
    }

    private static bool Exists(string path)
    {
        string full = Path.Combine(Root, path);
        return File.Exists(full) || Directory.Exists(full);
    }

    private static string? ResolveLink(string source, string directory, string target)
    {
        string[] parts = target.Split('#', 2);
        string file = parts[0].Length == 0 ? source : NormalizeJoin(directory, parts[0]);
        if (!Exists(file))
        {
            return "links to a file that does not exist";
        }

        if (parts.Length == 2 && file.EndsWith(".md", StringComparison.Ordinal) && File.Exists(Path.Combine(Root, file)))
        {
            var anchors = Anchors(file);
            if (!anchors.Contains(parts[1]))
            {
                return $"links to an anchor {file} does not have (it has: {string.Join(", ", anchors.Take(40))})";
            }
        }

        return null;
    }

    private static string NormalizeJoin(string directory, string relative)
    {
        var parts = new List<string>(directory.Length == 0 ? Array.Empty<string>() : directory.Split('/'));
        foreach (string part in relative.Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part is not ("." or ""))
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>The heading anchors of a Markdown file, as GitHub makes them.</summary>
    public static HashSet<string> Anchors(string relativePath)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        bool fence = false;
        foreach (string line in File.ReadLines(Path.Combine(Root, relativePath)))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fence = !fence;
                continue;
            }

            var heading = s_heading.Match(line);
            if (fence || !heading.Success)
            {
                continue;
            }

            string slug = Slug(heading.Groups[1].Value);
            int n = counts.TryGetValue(slug, out int c) ? c : 0;
            counts[slug] = n + 1;
            anchors.Add(n == 0 ? slug : $"{slug}-{n}");
        }

        return anchors;
    }

    private static string Slug(string heading)
    {
        var text = new StringBuilder();
        foreach (char c in heading.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                text.Append(c);
            }
            else if (c == ' ')
            {
                text.Append('-');
            }
        }

        return text.ToString();
    }

    private static string FindRoot()
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
