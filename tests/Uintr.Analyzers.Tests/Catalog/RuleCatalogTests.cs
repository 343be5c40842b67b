using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Uintr.Analyzers.Tests.Catalog;

/// <summary>The public catalog (docs/rules/ has one page per rule): ids, default severities, docs pages, help links, release tracking.</summary>
public sealed class RuleCatalogTests
{
    public static TheoryData<string, DiagnosticSeverity> Catalog => new()
    {
        { "UINTR001", DiagnosticSeverity.Error },
        { "UINTR002", DiagnosticSeverity.Error },
        { "UINTR003", DiagnosticSeverity.Error },
        { "UINTR004", DiagnosticSeverity.Error },
        { "UINTR005", DiagnosticSeverity.Error },
        { "UINTR006", DiagnosticSeverity.Error },
        { "UINTR007", DiagnosticSeverity.Error },
        { "UINTR010", DiagnosticSeverity.Warning },
        { "UINTR011", DiagnosticSeverity.Warning },
        { "UINTR012", DiagnosticSeverity.Warning },
        { "UINTR013", DiagnosticSeverity.Warning },
        { "UINTR014", DiagnosticSeverity.Warning },
        { "UINTR015", DiagnosticSeverity.Warning },
        { "UINTR016", DiagnosticSeverity.Info },
        { "UINTR020", DiagnosticSeverity.Warning },
        { "UINTR021", DiagnosticSeverity.Warning },
        { "UINTR022", DiagnosticSeverity.Warning },
        { "UINTR023", DiagnosticSeverity.Warning },
        { "UINTR024", DiagnosticSeverity.Warning },
        { "UINTR025", DiagnosticSeverity.Warning },
        { "UINTR026", DiagnosticSeverity.Warning },
        { "UINTR027", DiagnosticSeverity.Warning },
    };

    [Theory]
    [MemberData(nameof(Catalog))]
    public void EveryCatalogRuleIsSupportedWithItsDefaultSeverity(string id, DiagnosticSeverity severity)
    {
        var descriptor = AllAnalyzers.Descriptors().SingleOrDefault(d => d.Id == id);
        Assert.NotNull(descriptor);
        Assert.Equal(severity, descriptor.DefaultSeverity);
        Assert.True(descriptor.IsEnabledByDefault);
    }

    [Fact]
    public void NoRuleOutsideTheCatalogIsShipped()
    {
        var catalog = ((System.Collections.Generic.IEnumerable<object[]>)Catalog).Select(row => (string)row[0]).ToHashSet();
        Assert.All(AllAnalyzers.Descriptors(), d => Assert.Contains(d.Id, catalog));
    }

    [Fact]
    public void EveryDescriptorNamesItsDocsPageAndThePageExists()
    {
        string docs = Path.Combine(AllAnalyzers.RepositoryRoot, "docs", "rules");
        Assert.All(AllAnalyzers.Descriptors(), descriptor =>
        {
            // No help link to an address the project does not have: the description names the page in the repository.
            Assert.Equal(string.Empty, descriptor.HelpLinkUri);
            Assert.EndsWith($"See docs/rules/{descriptor.Id}.md in the Uintr for .NET repository.", descriptor.Description.ToString(), StringComparison.Ordinal);
            string page = Path.Combine(docs, descriptor.Id + ".md");
            Assert.True(File.Exists(page), "Missing " + page);
            string text = File.ReadAllText(page);
            Assert.StartsWith("# " + descriptor.Id, text, StringComparison.Ordinal);
            foreach (string section in new[] { "## What it reports", "## Why", "## How to fix", "## Example" })
            {
                Assert.Contains(section, text, StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public void EveryDescriptorHasATitleMessageAndDescription()
    {
        Assert.All(AllAnalyzers.Descriptors(), descriptor =>
        {
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
            Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString()));
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
            Assert.Contains(descriptor.Category, new[] { "Usage", "Reliability", "Performance" });
        });
    }

    [Fact]
    public void ReleaseTrackingListsEveryRuleWithItsCategoryAndSeverity()
    {
        string unshipped = File.ReadAllText(Path.Combine(AllAnalyzers.RepositoryRoot, "src", "Uintr.Analyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.All(AllAnalyzers.Descriptors(), descriptor =>
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", unshipped, StringComparison.Ordinal));
    }
}
