using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Uintr.Analyzers.Declarations;

/// <summary>
/// UINTR005-007: declarations the generator skips (it reports nothing itself, and the user would otherwise only see
/// CS0117 at the <c>RegisterUserInterrupts</c> call): a receiver type it cannot extend, a handler it cannot call,
/// and a receiver type that already has a member of a generated name. The conditions mirror the generator's
/// (src/Uintr.Generators/Pipeline: ReceiverTypeFactory, CallWarnings, InheritedMembers).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReceiverShapeAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The members the generator adds to a receiver type.</summary>
    internal static readonly ImmutableArray<string> GeneratedMemberNames = ImmutableArray.Create("RegisterUserInterrupts", "__UintrDefinition", "__UintrDispatch");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnsupportedReceiverType,
        DiagnosticDescriptors.UncallableHandler,
        DiagnosticDescriptors.GeneratedMemberNameTaken);

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

            start.RegisterSymbolAction(c => AnalyzeType(c, symbols), SymbolKind.NamedType);
            start.RegisterSymbolAction(c => AnalyzeHandler(c, symbols), SymbolKind.Method);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, UintrSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!type.GetMembers().Any(m => m is IMethodSymbol method && symbols.IsHandler(method)))
        {
            return;
        }

        var location = IdentifierLocation(type, context);
        if (ShapeProblem(type) is { } shape)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsupportedReceiverType, location, type.Name, shape));
        }

        if (NameCollision(type, symbols) is { } collision)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratedMemberNameTaken, location, type.Name, collision));
        }
    }

    private static void AnalyzeHandler(SymbolAnalysisContext context, UintrSymbols symbols)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!symbols.IsHandler(method) || CallProblem(method) is not { } problem)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UncallableHandler, method.Locations.FirstOrDefault(), method.Name, problem));
    }

    private static string? ShapeProblem(INamedTypeSymbol type)
    {
        if (type.IsGenericType && type.TypeParameters.Length > 0)
        {
            return "generic";
        }

        if (type.IsFileLocal)
        {
            return "a file-local type";
        }

        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.TypeParameters.Length > 0)
            {
                return "nested in the generic type '" + outer.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "'";
            }
        }

        return null;
    }

    private static string? CallProblem(IMethodSymbol method)
    {
        if (method.IsStatic && (method.IsAbstract || method.IsVirtual) && method.ContainingType?.TypeKind == TypeKind.Interface)
        {
            return method.IsAbstract ? "is a static abstract interface member" : "is a static virtual interface member";
        }

        foreach (var attribute in method.GetAttributes())
        {
            // The name first: the display string is built only for the two attributes that can match.
            switch (attribute.AttributeClass is { Name: "ObsoleteAttribute" or "UnmanagedCallersOnlyAttribute" } candidate ? candidate.ToDisplayString() : null)
            {
                case "System.ObsoleteAttribute" when attribute.ConstructorArguments.Length == 2 && attribute.ConstructorArguments[1].Value is true:
                    return "is [Obsolete] with error: true";
                case "System.Runtime.InteropServices.UnmanagedCallersOnlyAttribute":
                    return "is [UnmanagedCallersOnly]";
            }
        }

        return null;
    }

    private static string? NameCollision(INamedTypeSymbol type, UintrSymbols symbols)
    {
        foreach (string name in GeneratedMemberNames)
        {
            if (type.Name == name)
            {
                return "is itself named '" + name + "'";
            }

            if (type.GetMembers(name).Any(m => !IsGenerated(m)))
            {
                return "already declares '" + name + "'";
            }
        }

        var bases = type.TypeKind == TypeKind.Interface ? type.AllInterfaces.ToList() : BaseTypes(type);
        foreach (var baseType in bases)
        {
            foreach (string name in GeneratedMemberNames)
            {
                foreach (var member in baseType.GetMembers(name))
                {
                    // An inherited RegisterUserInterrupts(UintrPlatform) is hidden with 'new'; private members are invisible.
                    if (member.DeclaredAccessibility == Accessibility.Private || IsGenerated(member) || IsRegisterMethod(member, symbols))
                    {
                        continue;
                    }

                    return "inherits '" + name + "' from '" + baseType.Name + "'";
                }
            }
        }

        return null;
    }

    private static System.Collections.Generic.List<INamedTypeSymbol> BaseTypes(INamedTypeSymbol type)
    {
        var bases = new System.Collections.Generic.List<INamedTypeSymbol>();
        for (var current = type.BaseType; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            bases.Add(current);
        }

        return bases;
    }

    private static bool IsRegisterMethod(ISymbol member, UintrSymbols symbols) =>
        member is IMethodSymbol { IsStatic: true, Parameters.Length: 1 } method
        && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, symbols.UintrPlatform);

    // What the generator itself added (its output tree), or what a metadata receiver's generator added: not the user's.
    private static bool IsGenerated(ISymbol member)
    {
        if (member.GetAttributes().Any(a => a.AttributeClass is { Name: "GeneratedCodeAttribute" } attribute && attribute.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute"))
        {
            return true;
        }

        if (member.DeclaringSyntaxReferences.IsEmpty)
        {
            return member.IsImplicitlyDeclared;
        }

        return member.DeclaringSyntaxReferences.All(r => IsGeneratedTree(r.SyntaxTree));
    }

    private static bool IsGeneratedTree(SyntaxTree tree)
    {
        string path = tree.FilePath;
        if (path.EndsWith(".g.cs", System.StringComparison.OrdinalIgnoreCase) || path.EndsWith(".generated.cs", System.StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var first = tree.GetRoot().GetLeadingTrivia();
        return first.Any(t => t.ToString().Contains("<auto-generated"));
    }

    private static Location? IdentifierLocation(INamedTypeSymbol type, SymbolAnalysisContext context)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(context.CancellationToken) is BaseTypeDeclarationSyntax declaration && !IsGeneratedTree(declaration.SyntaxTree))
            {
                return declaration.Identifier.GetLocation();
            }
        }

        return type.Locations.FirstOrDefault();
    }
}
