using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

// A benchmark helper, never loaded by a compiler: no release tracking, any target framework.
#pragma warning disable RS1036, RS1041, RS2008

namespace Uintr.Analyzers.Benchmarks;

/// <summary>
/// Profiling aid: builds the operation tree (<see cref="Graph"/> false) or also the control-flow graph of the same
/// methods the disposal rule analyses, and nothing else: what binding and graph construction cost on their own.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GraphOnlyAnalyzer(bool graph) : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new("NOOP002", "Graph only", "Graph only", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public GraphOnlyAnalyzer()
        : this(true)
    {
    }

    public bool Graph { get; } = graph;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(
            c =>
            {
                var method = (BaseMethodDeclarationSyntax)c.Node;
                SyntaxNode? body = (SyntaxNode?)method.Body ?? method.ExpressionBody;
                if (body is null || !body.DescendantTokens().Any(t => t.ValueText is "Duplicate" or "RegisterSender" or "RegisterUserInterrupts"))
                {
                    return;
                }

                var operation = c.SemanticModel.GetOperation(method, c.CancellationToken);
                if (Graph && operation is IMethodBodyOperation { Parent: null } methodBody)
                {
                    _ = ControlFlowGraph.Create(methodBody, c.CancellationToken).Blocks.Length;
                }
                else if (Graph && operation is IConstructorBodyOperation { Parent: null } constructorBody)
                {
                    _ = ControlFlowGraph.Create(constructorBody, c.CancellationToken).Blocks.Length;
                }
            },
            SyntaxKind.MethodDeclaration,
            SyntaxKind.ConstructorDeclaration);
    }
}
