using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Uintr.Analyzers.Declarations;

/// <summary>UINTR001-003: the handler's signature, its vector, and one handler per vector and receiver type.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HandlerDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The vectors a receiver can declare: 0 to 63.</summary>
    internal const int MaxVector = 63;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.InvalidHandlerSignature,
        DiagnosticDescriptors.VectorOutOfRange,
        DiagnosticDescriptors.DuplicateVector);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = UintrSymbols.For(start.Compilation);
            if (symbols?.HandlerAttribute is null)
            {
                return;
            }

            start.RegisterSymbolAction(c => AnalyzeMethod(c, symbols), SymbolKind.Method);
            start.RegisterSymbolAction(c => AnalyzeType(c, symbols), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, UintrSymbols symbols)
    {
        var method = (IMethodSymbol)context.Symbol;
        var attribute = symbols.HandlerAttributeOf(method);
        if (attribute is null)
        {
            return;
        }

        if (SignatureProblem(method) is { } problem)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidHandlerSignature, NameLocation(method, context.CancellationToken), method.Name, problem));
        }

        if (VectorOf(attribute) is { } vector && (vector < 0 || vector > MaxVector))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.VectorOutOfRange, VectorArgumentLocation(attribute, context.CancellationToken), vector.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static void AnalyzeType(SymbolAnalysisContext context, UintrSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var handlers = new List<(IMethodSymbol Method, int Vector, Location Location)>();
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol method && symbols.HandlerAttributeOf(method) is { } attribute && VectorOf(attribute) is { } vector)
            {
                handlers.Add((method, vector, NameLocation(method, context.CancellationToken)));
            }
        }

        if (handlers.Count < 2)
        {
            return;
        }

        // Source order (file, then position) decides which handler is "the second": deterministic across partial files.
        var ordered = handlers
            .OrderBy(h => h.Location.SourceTree?.FilePath, System.StringComparer.Ordinal)
            .ThenBy(h => h.Location.SourceSpan.Start);
        var first = new Dictionary<int, IMethodSymbol>();
        foreach (var (method, vector, location) in ordered)
        {
            if (first.TryGetValue(vector, out var original))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateVector, location, method.Name, vector.ToString(CultureInfo.InvariantCulture), original.Name, type.Name));
            }
            else
            {
                first.Add(vector, method);
            }
        }
    }

    /// <summary>What is wrong with the handler's signature, as a phrase, or null.</summary>
    internal static string? SignatureProblem(IMethodSymbol method)
    {
        var problems = new List<string>();
        if (!method.IsStatic)
        {
            problems.Add("is not static");
        }

        if (method.IsGenericMethod)
        {
            problems.Add("is generic");
        }

        if (method.IsAsync)
        {
            problems.Add("is async");
        }

        if (!method.ReturnsVoid)
        {
            problems.Add("does not return void");
        }

        bool parametersOk = method.Parameters.Length == 0
            || (method.Parameters.Length == 1
                && method.Parameters[0].Type.SpecialType == SpecialType.System_UInt64
                && method.Parameters[0].RefKind == RefKind.None
                && !method.Parameters[0].IsParams);
        if (!parametersOk)
        {
            problems.Add("has parameters other than '()' or '(ulong vector)'");
        }

        return problems.Count == 0 ? null : string.Join(", ", problems);
    }

    private static int? VectorOf(AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int vector ? vector : null;

    private static Location NameLocation(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration)
            {
                return declaration.Identifier.GetLocation();
            }
        }

        return method.Locations.FirstOrDefault() ?? Location.None;
    }

    private static Location VectorArgumentLocation(AttributeData attribute, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax)
        {
            return syntax.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation() ?? syntax.GetLocation();
        }

        return Location.None;
    }
}
