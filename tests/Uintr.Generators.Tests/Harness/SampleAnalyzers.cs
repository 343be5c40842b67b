using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Uintr.Generators.Tests.Harness;

/// <summary>Reports TEST001 on every class whose name starts with "Bad"; skips generated code.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BadNameAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new("TEST001", "Bad name", "Type '{0}' has a bad name", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(
            c =>
            {
                var declaration = (ClassDeclarationSyntax)c.Node;
                if (declaration.Identifier.ValueText.StartsWith("Bad", System.StringComparison.Ordinal))
                {
                    c.ReportDiagnostic(Diagnostic.Create(Rule, declaration.Identifier.GetLocation(), declaration.Identifier.ValueText));
                }
            },
            SyntaxKind.ClassDeclaration);
    }
}

/// <summary>The same rule as an error that also analyses generated code (a mistake the harness must catch).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SloppyAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new("TEST002", "Bad name", "Type '{0}' has a bad name", "Test", DiagnosticSeverity.Error, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(
            c =>
            {
                if (c.Symbol.Name.StartsWith("Bad", System.StringComparison.Ordinal))
                {
                    c.ReportDiagnostic(Diagnostic.Create(Rule, c.Symbol.Locations[0], c.Symbol.Name));
                }
            },
            SymbolKind.NamedType);
    }
}

/// <summary>Reports TEST003 when the option <c>test_option</c> is <c>on</c>.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OptionAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new("TEST003", "Option", "Option is {0}", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxTreeAction(c =>
        {
            if (c.Options.AnalyzerConfigOptionsProvider.GetOptions(c.Tree).TryGetValue("test_option", out string? value) && value == "on")
            {
                c.ReportDiagnostic(Diagnostic.Create(Rule, c.Tree.GetRoot(c.CancellationToken).GetFirstToken().GetLocation(), value));
            }
        });
    }
}

/// <summary>Throws on every class: the harness must report the exception (AD0001), not pass.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThrowingAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new("TEST004", "Throws", "Throws", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(_ => throw new System.InvalidOperationException("analyzer bug"), SyntaxKind.ClassDeclaration);
    }
}
