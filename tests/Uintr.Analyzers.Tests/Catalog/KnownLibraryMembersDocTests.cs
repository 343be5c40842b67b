using System.IO;
using System.Linq;
using Uintr.Analyzers.HandlerBodies;

namespace Uintr.Analyzers.Tests.Catalog;

/// <summary>The curated table of library members and docs/rules/UINTR013.md say the same thing.</summary>
public sealed class KnownLibraryMembersDocTests
{
    [Fact]
    public void EveryEntryHasAReasonAndARowInTheRulePage()
    {
        string[] rows = File.ReadAllLines(Path.Combine(AllAnalyzers.RepositoryRoot, "docs", "rules", "UINTR013.md")).Where(l => l.StartsWith('|')).ToArray();
        Assert.NotEmpty(KnownLibraryMembers.All);
        Assert.All(KnownLibraryMembers.All, entry =>
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Value.Reason), entry.Key);
            string[] parts = entry.Key.Split('.');
            string type = parts[^2];
            string member = parts[^1];
            Assert.True(rows.Any(r => r.Contains(type, System.StringComparison.Ordinal) && r.Contains(member, System.StringComparison.Ordinal) && r.Contains(entry.Value.Reason.Split(';')[0].Split(':')[0], System.StringComparison.Ordinal)),
                $"docs/rules/UINTR013.md has no row for {entry.Key} with its reason");
        });
    }
}
