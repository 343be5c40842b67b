using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Uintr.Analyzers.Ownership;

/// <summary>
/// The one place that says which calls hand the caller an object it must dispose, and which rule reports a leak:
/// <list type="bullet">
/// <item><c>UintrFd.Duplicate()</c>, <c>UintrSocket.ReceiveFd()</c> and <c>UintrInheritance.TakeFd(i)</c> (UINTR020),
/// <c>UintrPlatform.RegisterSender(fd)</c> (UINTR021), the generated <c>RegisterUserInterrupts(platform)</c> and
/// <c>UintrReceiverThread.Start</c> (UINTR022: the thread owns a registered receiver);</item>
/// <item><c>UserInterrupts.Mask()</c> (UINTR023: an undisposed scope leaves the thread masked);</item>
/// <item>a source method returning a fresh one of those (a factory), with the rule of the type it returns.</item>
/// </list>
/// <c>UintrReceiver.GetFd</c> is deliberately absent: the receiver owns that fd (UINTR025 reports disposing it).
/// New owned types go in <see cref="OwnedTypes"/> and <see cref="BuiltInRuleOf"/>.
/// </summary>
internal sealed class OwnedResources
{
    /// <summary>The names of the built-in creating calls (the syntactic pre-filter of the leak rules).</summary>
    public static readonly ImmutableHashSet<string> CreatorNames = ImmutableHashSet.Create("Duplicate", "ReceiveFd", "TakeFd", "RegisterSender", "RegisterUserInterrupts", "Start", "Mask");

    private const int MaxFactoryDepth = 4;

    // One instance per compilation, shared by the leak and field rules: the factory-name scan over every tree and the
    // factory summaries are computed once, not once per rule. Weak keys: nothing outlives its compilation.
    private static readonly ConditionalWeakTable<Compilation, OwnedResources> s_perCompilation = new();

    private readonly UintrSymbols _symbols;
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<IMethodSymbol, DiagnosticDescriptor?> _factories = new(SymbolEqualityComparer.Default);
    private readonly System.Lazy<ImmutableHashSet<string>> _factoryNames;

    private OwnedResources(Compilation compilation, UintrSymbols symbols)
    {
        _compilation = compilation;
        _symbols = symbols;
        _factoryNames = new System.Lazy<ImmutableHashSet<string>>(() => CandidateFactoryNames(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The instance of <paramref name="compilation"/>, shared by every rule that asks.</summary>
    public static OwnedResources For(Compilation compilation, UintrSymbols symbols) =>
        s_perCompilation.GetValue(compilation, c => new OwnedResources(c, symbols));

    /// <summary>Whether a call of this name may create an owned object (built-in creators and possible factories).</summary>
    public bool MayCreate(string name) => CreatorNames.Contains(name) || _factoryNames.Value.Contains(name);

    /// <summary>The leak rule of the object <paramref name="invocation"/> creates, or null when the caller does not own it.</summary>
    public DiagnosticDescriptor? LeakRuleOf(IInvocationOperation invocation) => LeakRuleOf(invocation.TargetMethod, 0);

    /// <summary>The leak rule of the object a call of <paramref name="method"/> creates, or null when the caller does not own it.</summary>
    public DiagnosticDescriptor? LeakRuleOf(IMethodSymbol method) => LeakRuleOf(method, 0);

    private DiagnosticDescriptor? LeakRuleOf(IMethodSymbol method, int depth) =>
        BuiltInRuleOf(method) ?? (depth < MaxFactoryDepth ? FactoryRuleOf(method, depth) : null);

    // The owned types and their leak rules.
    private DiagnosticDescriptor? OwnedTypes(ITypeSymbol type) =>
        UintrSymbols.IsOrDerivesFrom(type, _symbols.UintrFd) ? DiagnosticDescriptors.FdNotDisposed
        : UintrSymbols.IsOrDerivesFrom(type, _symbols.UintrSender) ? DiagnosticDescriptors.SenderNotDisposed
        : UintrSymbols.IsOrDerivesFrom(type, _symbols.UintrReceiver) || UintrSymbols.IsOrDerivesFrom(type, _symbols.UintrReceiverThread) ? DiagnosticDescriptors.ReceiverNotDisposed
        : null;

    private DiagnosticDescriptor? BuiltInRuleOf(IMethodSymbol method)
    {
        switch (method.Name)
        {
            case "Duplicate" when UintrSymbols.IsOrDerivesFrom(method.ContainingType, _symbols.UintrFd) && UintrSymbols.IsOrDerivesFrom(method.ReturnType, _symbols.UintrFd):
                return DiagnosticDescriptors.FdNotDisposed;
            case "ReceiveFd" when UintrSymbols.IsOrDerivesFrom(method.ContainingType, _symbols.UintrSocket):
            case "TakeFd" when UintrSymbols.IsOrDerivesFrom(method.ContainingType, _symbols.UintrInheritance):
                return DiagnosticDescriptors.FdNotDisposed;
            case "Start" when method.IsStatic && UintrSymbols.IsOrDerivesFrom(method.ReturnType, _symbols.UintrReceiverThread):
                return DiagnosticDescriptors.ReceiverNotDisposed;
            case "RegisterSender" when UintrSymbols.IsOrDerivesFrom(method.ContainingType, _symbols.UintrPlatform):
                return DiagnosticDescriptors.SenderNotDisposed;
            case "RegisterUserInterrupts" when method.IsStatic && UintrSymbols.IsOrDerivesFrom(method.ReturnType, _symbols.UintrReceiver):
                return DiagnosticDescriptors.ReceiverNotDisposed;
            case "Mask" when method.IsStatic && SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.UserInterrupts):
                return DiagnosticDescriptors.UnbalancedClui;
            default:
                return null;
        }
    }

    // A source method whose every return value is a fresh owned object (a creation, or a local holding one that does
    // not leave otherwise) hands ownership to its caller. Summaries are cached per method.
    private DiagnosticDescriptor? FactoryRuleOf(IMethodSymbol method, int depth)
    {
        method = method.OriginalDefinition;
        if (method.MethodKind != MethodKind.Ordinary || method.DeclaringSyntaxReferences.IsEmpty || method.IsAbstract || method.IsExtern
            || OwnedTypes(method.ReturnType) is not { } rule)
        {
            return null;
        }

        // Only whole answers (computed from depth 0) are cached and read, so an answer never depends on which
        // call site asked first; a recursive factory ends at the depth bound and is then not a factory.
        if (depth == 0 && _factories.TryGetValue(method, out var cached))
        {
            return cached;
        }

        var result = ReturnsOnlyFreshObjects(method, depth) ? rule : null;
        if (depth == 0)
        {
            _factories.TryAdd(method, result);
        }

        return result;
    }

#pragma warning disable RS1030 // A factory's body lives in any tree of the compilation; models are only built for factories called by name.
    private bool ReturnsOnlyFreshObjects(IMethodSymbol method, int depth)
    {
        int returns = 0;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax();
            var body = _compilation.GetSemanticModel(syntax.SyntaxTree).GetOperation(syntax);
            if (body is null)
            {
                return false;
            }

            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IReturnOperation { ReturnedValue: { } value })
                {
                    returns++;
                    if (!IsFresh(value, body, depth))
                    {
                        return false;
                    }
                }
            }
        }

        return returns > 0;
    }
#pragma warning restore RS1030

    private bool IsFresh(IOperation value, IOperation body, int depth)
    {
        var unwrapped = Flow.FlowOperations.Unwrap(value);
        if (unwrapped is IConditionalOperation { WhenFalse: { } whenFalse } conditional)
        {
            return IsFresh(conditional.WhenTrue, body, depth) && IsFresh(whenFalse, body, depth);
        }

        if (unwrapped is IInvocationOperation call)
        {
            return LeakRuleOf(call.TargetMethod, depth + 1) is not null;
        }

        if (unwrapped is not ILocalReferenceOperation { Local: var local })
        {
            return false;
        }

        // A local initialised with a creation whose other uses only call members on it.
        bool initialised = false;
        foreach (var operation in body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    initialised = Flow.FlowOperations.Unwrap(declarator.Initializer?.Value) is IInvocationOperation creation && LeakRuleOf(creation.TargetMethod, depth + 1) is not null;
                    if (!initialised)
                    {
                        return false;
                    }

                    break;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local) && reference != unwrapped:
                    var (parent, child) = Flow.FlowOperations.Context(reference);
                    bool memberUse = parent is IInvocationOperation { Instance: var instance } invocation && instance == child && !Flow.FlowOperations.IsDispose(invocation)
                        || parent is IPropertyReferenceOperation property && property.Instance == child
                        || parent is IReturnOperation;
                    if (!memberUse)
                    {
                        return false;
                    }

                    break;
            }
        }

        return initialised;
    }

    // Methods declared (syntactically) to return an owned type: the only names a factory call can have.
    private static ImmutableHashSet<string> CandidateFactoryNames(Compilation compilation)
    {
        var names = ImmutableHashSet.CreateBuilder<string>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot() is CompilationUnitSyntax unit)
            {
                Collect(unit.Members, names);
            }
        }

        return names.ToImmutable();
    }

    private static void Collect(SyntaxList<MemberDeclarationSyntax> members, ImmutableHashSet<string>.Builder names)
    {
        foreach (var member in members)
        {
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    Collect(ns.Members, names);
                    break;
                case TypeDeclarationSyntax type:
                    Collect(type.Members, names);
                    break;
                case MethodDeclarationSyntax method when LastName(method.ReturnType) is "UintrFd" or "UintrSender" or "UintrReceiver":
                    names.Add(method.Identifier.ValueText);
                    break;
            }
        }
    }

    private static string? LastName(TypeSyntax type) => type switch
    {
        NullableTypeSyntax nullable => LastName(nullable.ElementType),
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => null,
    };
}
