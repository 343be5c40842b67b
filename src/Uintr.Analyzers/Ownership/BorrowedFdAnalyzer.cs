using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Uintr.Analyzers.Flow;

namespace Uintr.Analyzers.Ownership;

/// <summary>
/// UINTR025: an fd from <c>UintrReceiver.GetFd</c> belongs to the receiver, which closes it when disposed; disposing
/// it (<c>Dispose()</c>, <c>using</c>) closes the receiver's fd under it. Followed through locals that are never
/// written again; an fd passed elsewhere is not followed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BorrowedFdAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableHashSet<string> GetFdName = ImmutableHashSet.Create("GetFd");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.BorrowedFdDisposed);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = UintrSymbols.For(start.Compilation);
            if (symbols?.UintrReceiver is null)
            {
                return;
            }

            CallingBodies.Register(start, GetFdName, (context, body) => AnalyzeBody(context, body, symbols));
        });
    }

    private static void AnalyzeBody(SemanticModelAnalysisContext context, SyntaxNode body, UintrSymbols symbols)
    {
        if (context.SemanticModel.GetOperation(body, context.CancellationToken) is not { } root)
        {
            return;
        }

        // Locals that hold a borrowed fd: initialised from GetFd and never written again.
        var borrowed = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var written = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when IsGetFd(declarator.Initializer?.Value, symbols):
                    borrowed.Add(declarator.Symbol);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target }:
                    written.Add(target.Local);
                    break;
                case IArgumentOperation { Value: ILocalReferenceOperation byRef, Parameter.RefKind: RefKind.Ref or RefKind.Out }:
                    written.Add(byRef.Local);
                    break;
            }
        }

        borrowed.ExceptWith(written);
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IInvocationOperation invocation when FlowOperations.IsDispose(invocation) && Borrowed(invocation.Instance, borrowed, symbols):
                    Report(context, invocation.Instance!);
                    break;
                case IUsingOperation { Resources: var resources }:
                    ReportUsing(context, resources, borrowed, symbols);
                    break;
                case IUsingDeclarationOperation { DeclarationGroup: var group }:
                    ReportUsing(context, group, borrowed, symbols);
                    break;
            }
        }
    }

    private static void ReportUsing(SemanticModelAnalysisContext context, IOperation resources, HashSet<ILocalSymbol> borrowed, UintrSymbols symbols)
    {
        if (resources is IVariableDeclarationGroupOperation group)
        {
            foreach (var declaration in group.Declarations)
            {
                foreach (var declarator in declaration.Declarators)
                {
                    if (declarator.Initializer?.Value is { } value && Borrowed(value, borrowed, symbols))
                    {
                        Report(context, value);
                    }
                }
            }
        }
        else if (Borrowed(resources, borrowed, symbols))
        {
            Report(context, resources);
        }
    }

    private static bool Borrowed(IOperation? value, HashSet<ILocalSymbol> borrowed, UintrSymbols symbols) =>
        IsGetFd(value, symbols) || FlowOperations.Unwrap(value) is ILocalReferenceOperation local && borrowed.Contains(local.Local);

    private static bool IsGetFd(IOperation? value, UintrSymbols symbols) =>
        FlowOperations.Unwrap(value) is IInvocationOperation { TargetMethod.Name: "GetFd" } call
        && UintrSymbols.IsOrDerivesFrom(call.TargetMethod.ContainingType, symbols.UintrReceiver);

    private static void Report(SemanticModelAnalysisContext context, IOperation fd) =>
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BorrowedFdDisposed, fd.Syntax.GetLocation(), fd.Syntax.ToString()));
}
