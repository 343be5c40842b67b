using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Uintr.Analyzers.HandlerBodies;

/// <summary>
/// Walks one method body and collects what a handler must not do (UINTR010-014), following calls into
/// source methods through <see cref="InterruptSafetySession.Summarize"/>. Lambda and local-function bodies are
/// not walked where they are declared: they run only when invoked (local functions are followed at the call).
/// </summary>
internal sealed class InterruptSafetyWalker
{
    private readonly InterruptSafetySession _session;
    private readonly ImmutableHashSet<IMethodSymbol> _callers;
    private readonly int _depth;
    private readonly CancellationToken _cancellationToken;
    private readonly List<ImmutableArray<ICatchClauseOperation>> _enclosingCatches = new();

    public InterruptSafetyWalker(InterruptSafetySession session, ImmutableHashSet<IMethodSymbol> callers, int depth, CancellationToken cancellationToken)
    {
        _session = session;
        _callers = callers;
        _depth = depth;
        _cancellationToken = cancellationToken;
    }

    public List<Finding> Findings { get; } = new();

    /// <summary>
    /// The first call chain (in source order) cut by the depth limit: the source methods called from this body down to
    /// the one that was not analysed (null when nothing was cut).
    /// </summary>
    public ImmutableArray<string>? CutChain { get; private set; }

    /// <summary>Where, in this body, the call that starts <see cref="CutChain"/> is.</summary>
    public Location? CutAt { get; private set; }

    /// <summary>Methods skipped as call cycles through methods further up the path (see <see cref="MethodSummary.OpenCycles"/>).</summary>
    public ImmutableHashSet<IMethodSymbol> OpenCycles { get; private set; } = ImmutableHashSet<IMethodSymbol>.Empty.WithComparer(SymbolEqualityComparer.Default);

    public void Visit(IOperation operation)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        switch (operation)
        {
            case IAnonymousFunctionOperation:
            case ILocalFunctionOperation:
                return;

            case ITryOperation tryOperation:
                VisitTry(tryOperation);
                return;

            case ILockOperation lockOperation:
                Add(DiagnosticDescriptors.HandlerBlocks, "lock statement", lockOperation.Syntax is LockStatementSyntax lockSyntax ? lockSyntax.LockKeyword.GetLocation() : lockOperation.Syntax.GetLocation());
                break;

            case IThrowOperation throwOperation:
                CheckThrow(throwOperation);
                break;

            case IInvocationOperation invocation:
                CheckCall(invocation.TargetMethod, invocation);
                break;

            case IPropertyReferenceOperation property:
                CheckProperty(property);
                break;

            case IObjectCreationOperation creation:
                CheckObjectCreation(creation);
                break;

            case IDelegateCreationOperation delegateCreation:
                CheckDelegateCreation(delegateCreation);
                break;

            case IForEachLoopOperation loop:
                CheckForEach(loop);
                break;

            default:
                CheckAllocation(operation);
                CheckOperatorMethod(operation);
                break;
        }

        foreach (var child in operation.ChildOperations)
        {
            Visit(child);
        }
    }

    private void VisitTry(ITryOperation tryOperation)
    {
        bool catches = !tryOperation.Catches.IsEmpty;
        if (catches)
        {
            _enclosingCatches.Add(tryOperation.Catches);
        }

        Visit(tryOperation.Body);
        if (catches)
        {
            _enclosingCatches.RemoveAt(_enclosingCatches.Count - 1);
        }

        foreach (var clause in tryOperation.Catches)
        {
            Visit(clause);
        }

        if (tryOperation.Finally is { } @finally)
        {
            Visit(@finally);
        }
    }

    private void CheckThrow(IThrowOperation throwOperation)
    {
        var thrown = Unwrap(throwOperation.Exception)?.Type;
        if (!IsCaught(thrown))
        {
            string what = throwOperation.Exception is null ? "rethrow" : "throw " + (thrown?.Name ?? "exception");
            Findings.Add(new Finding(DiagnosticDescriptors.HandlerThrows, what, throwOperation.Syntax.GetLocation(), ImmutableArray<string>.Empty, throwOperation.Exception is null ? null : thrown));
        }
    }

    // Whether a try around this point catches the type (null: any exception, as from a rethrow or a callee).
    private bool IsCaught(ITypeSymbol? thrown)
    {
        foreach (var clauses in _enclosingCatches)
        {
            foreach (var clause in clauses)
            {
                if (clause.Filter is not null)
                {
                    continue;
                }

                // A catch of a type parameter (catch (TException)) catches only what derives from its constraint: not "everything".
                if (clause.ExceptionType is not INamedTypeSymbol caught)
                {
                    continue;
                }

                if (caught.SpecialType == SpecialType.System_Object || ExternalApis.FullName(caught) == "System.Exception")
                {
                    return true;
                }

                if (thrown is not null && UintrSymbols.IsOrDerivesFrom(thrown, caught))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void CheckProperty(IPropertyReferenceOperation property)
    {
        if (_session.Symbols.IsMarkedInterruptSafe(property.Property))
        {
            return;
        }

        var parent = property.Parent;
        bool written = parent is IAssignmentOperation assignment && assignment.Target == property;
        bool read = !written || parent is ICompoundAssignmentOperation || parent is ICoalesceAssignmentOperation;
        if (read && property.Property.GetMethod is { } getter)
        {
            CheckCall(getter, property);
        }

        if (written && property.Property.SetMethod is { } setter)
        {
            CheckCall(setter, property);
        }
    }

    private void CheckObjectCreation(IObjectCreationOperation creation)
    {
        var type = creation.Type;
        if (type is { IsReferenceType: true })
        {
            Add(DiagnosticDescriptors.HandlerAllocates, "new " + type.Name, creation.Syntax.GetLocation());
        }
        else if (creation.Constructor is { IsImplicitlyDeclared: false } constructor)
        {
            CheckCall(constructor, creation);
        }
    }

    private void CheckDelegateCreation(IDelegateCreationOperation creation)
    {
        switch (creation.Target)
        {
            case IAnonymousFunctionOperation lambda when Captures(lambda):
                Add(DiagnosticDescriptors.HandlerAllocates, "closure", lambda.Syntax.GetLocation());
                break;
            case IMethodReferenceOperation { Method.IsStatic: false } reference:
                Add(DiagnosticDescriptors.HandlerAllocates, "delegate to instance method " + reference.Method.Name, creation.Syntax.GetLocation());
                break;
        }
    }

    private void CheckForEach(IForEachLoopOperation loop)
    {
        var collectionType = Unwrap(loop.Collection)?.Type;
        if (collectionType is null || collectionType is IArrayTypeSymbol || collectionType.SpecialType == SpecialType.System_String
            || (collectionType is INamedTypeSymbol named && ExternalApis.FullName(named) is "System.Span`1" or "System.ReadOnlySpan`1"))
        {
            return;
        }

        if (loop.Syntax is CommonForEachStatementSyntax syntax
            && loop.SemanticModel?.GetForEachStatementInfo(syntax).GetEnumeratorMethod is { } getEnumerator
            && getEnumerator.ReturnType.IsReferenceType)
        {
            Add(DiagnosticDescriptors.HandlerAllocates, "class enumerator of " + collectionType.Name, loop.Collection.Syntax.GetLocation());
        }
    }

    private void CheckAllocation(IOperation operation)
    {
        switch (operation)
        {
            case IArrayCreationOperation array:
                bool emptyParams = array.IsImplicit && array.DimensionSizes.Length == 1 && array.DimensionSizes[0].ConstantValue is { HasValue: true, Value: 0 };
                if (!emptyParams)
                {
                    Add(DiagnosticDescriptors.HandlerAllocates, array.IsImplicit ? "params array" : "array creation", array.Syntax.GetLocation());
                }

                break;
            case IAnonymousObjectCreationOperation:
                Add(DiagnosticDescriptors.HandlerAllocates, "anonymous object", operation.Syntax.GetLocation());
                break;
            case ITypeParameterObjectCreationOperation { Type.IsValueType: false }:
                Add(DiagnosticDescriptors.HandlerAllocates, "new T()", operation.Syntax.GetLocation());
                break;
            case ICollectionExpressionOperation { Type: { } type } when type is IArrayTypeSymbol || type.IsReferenceType:
                Add(DiagnosticDescriptors.HandlerAllocates, "collection expression", operation.Syntax.GetLocation());
                break;
            case IWithOperation { Type.IsReferenceType: true }:
                Add(DiagnosticDescriptors.HandlerAllocates, "'with' copy of a record class", operation.Syntax.GetLocation());
                break;
            case IConversionOperation conversion when IsBoxing(conversion):
                Add(DiagnosticDescriptors.HandlerAllocates, "boxing of " + conversion.Operand.Type!.Name, conversion.Operand.Syntax.GetLocation());
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String, ConstantValue.HasValue: false }:
            case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String }:
                if (operation.Parent is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String })
                {
                    Add(DiagnosticDescriptors.HandlerAllocates, "string concatenation", operation.Syntax.GetLocation());
                }

                break;
            case IInterpolatedStringOperation { Type.SpecialType: SpecialType.System_String, ConstantValue.HasValue: false } when operation.Parent is not IInterpolatedStringHandlerCreationOperation:
                Add(DiagnosticDescriptors.HandlerAllocates, "string interpolation", operation.Syntax.GetLocation());
                break;
        }
    }

    // A value type, or a type parameter that may be one, converted to a reference type. An operand of string
    // concatenation is reported as the concatenation, not as a separate boxing.
    private static bool IsBoxing(IConversionOperation conversion) =>
        !conversion.Conversion.IsUserDefined
        && conversion.Parent is not IBinaryOperation { Type.SpecialType: SpecialType.System_String }
        && conversion.Parent is not ICompoundAssignmentOperation { Type.SpecialType: SpecialType.System_String }
        && conversion.Operand.Type is { IsValueType: true } or ITypeParameterSymbol { IsReferenceType: false }
        && conversion.Type is { IsReferenceType: true }
        && conversion.Operand.Type.TypeKind != TypeKind.Pointer;

    private void CheckOperatorMethod(IOperation operation)
    {
        var method = operation switch
        {
            IBinaryOperation binary => binary.OperatorMethod,
            IUnaryOperation unary => unary.OperatorMethod,
            IConversionOperation { Conversion.IsUserDefined: true } conversion => conversion.Conversion.MethodSymbol,
            _ => null,
        };

        if (method is not null && method.ContainingType.SpecialType == SpecialType.None)
        {
            CheckCall(method, operation);
        }
    }

    private void CheckCall(IMethodSymbol method, IOperation site)
    {
        var symbols = _session.Symbols;
        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            if (!TryFollowLocalLambda(site))
            {
                Add(DiagnosticDescriptors.HandlerCallsUnknownCode, ExternalApis.DisplayName(method), site.Syntax.GetLocation());
            }

            return;
        }

        // A call through a type parameter: the caller that knows the type argument decides what it reaches.
        if (site is IInvocationOperation { Instance: { Type: ITypeParameterSymbol typeParameter } } && method.ContainingType?.TypeKind == TypeKind.Interface)
        {
            Findings.Add(new Finding(DiagnosticDescriptors.HandlerCallsUnknownCode, ExternalApis.DisplayName(method), site.Syntax.GetLocation(), ImmutableArray<string>.Empty, constrainedCall: new ConstrainedCall(typeParameter, method.OriginalDefinition)));
            return;
        }

        if (symbols.IsMarkedInterruptSafe(method) || (method.AssociatedSymbol is { } associated && symbols.IsMarkedInterruptSafe(associated)))
        {
            return;
        }

        var definition = method.OriginalDefinition;
        if (InterruptSafetySession.IsInSource(definition))
        {
            if (definition.IsAbstract || definition.IsExtern)
            {
                Add(DiagnosticDescriptors.HandlerCallsUnknownCode, ExternalApis.DisplayName(definition) + " (no body to analyse)", site.Syntax.GetLocation());
                return;
            }

            var summary = _session.Summarize(definition, site.SemanticModel, _callers, _depth, _cancellationToken);
            string name = ExternalApis.MemberName(definition);
            NoteCut(summary.Cut, name, site);
            OpenCycles = OpenCycles.Union(summary.OpenCycles);
            foreach (var finding in summary.Findings)
            {
                foreach (var resolved in ResolveConstrainedCall(finding, method, site))
                {
                    // A try around the call that catches the thrown type (or everything) also catches it from the callee.
                    if (resolved.Rule.Id == RuleIds.HandlerThrows && IsCaught(resolved.ThrownType))
                    {
                        continue;
                    }

                    Findings.Add(resolved.ThroughCall(name, site.Syntax.GetLocation()));
                }
            }

            return;
        }

        // Classified as constructed (Span<int>, not Span<T>): the allow list looks at type arguments.
        var kind = ExternalApis.Classify(method, site as IInvocationOperation);
        var rule = kind switch
        {
            ExternalApis.Kind.Safe => null,
            ExternalApis.Kind.Blocking => DiagnosticDescriptors.HandlerBlocks,
            ExternalApis.Kind.Allocating => DiagnosticDescriptors.HandlerAllocates,
            ExternalApis.Kind.ReenablesInterrupts => DiagnosticDescriptors.HandlerReenablesInterrupts,
            _ => DiagnosticDescriptors.HandlerCallsUnknownCode,
        };
        if (rule is not null)
        {
            Add(rule, ExternalApis.DisplayName(method), site.Syntax.GetLocation());
        }
    }

    // A callee's call through one of its type parameters, seen with this call's type arguments: still deferred when the
    // argument is a type parameter of ours, else the implementation the type argument provides (a primitive's own
    // member is trusted like any primitive member; a source struct's is analysed).
    private IEnumerable<Finding> ResolveConstrainedCall(Finding finding, IMethodSymbol callee, IOperation site)
    {
        if (finding.ConstrainedCall is not { } call)
        {
            yield return finding;
            yield break;
        }

        var parameter = call.TypeParameter;
        ITypeSymbol? argument = parameter.TypeParameterKind switch
        {
            TypeParameterKind.Method when SymbolEqualityComparer.Default.Equals(parameter.DeclaringMethod, callee.OriginalDefinition) && parameter.Ordinal < callee.TypeArguments.Length
                => callee.TypeArguments[parameter.Ordinal],
            TypeParameterKind.Type when callee.ContainingType is { } type && SymbolEqualityComparer.Default.Equals(parameter.DeclaringType, type.OriginalDefinition) && parameter.Ordinal < type.TypeArguments.Length
                => type.TypeArguments[parameter.Ordinal],
            _ => null,
        };

        if (argument is null)
        {
            yield return finding;
            yield break;
        }

        if (argument is ITypeParameterSymbol outer)
        {
            yield return finding.WithConstrainedCall(new ConstrainedCall(outer, call.InterfaceMethod));
            yield break;
        }

        if (ImplementationOf(argument, call.InterfaceMethod) is not { } implementation)
        {
            yield return finding.WithConstrainedCall(null);
            yield break;
        }

        var inner = new InterruptSafetyWalker(_session, _callers, _depth, _cancellationToken);
        inner.CheckCall(implementation, site);
        OpenCycles = OpenCycles.Union(inner.OpenCycles);
        if (inner.CutChain is { } innerCut)
        {
            // Seen from the callee: its call at the finding's location reached the implementation, whose chain was cut.
            NoteCut(finding.Via.AddRange(innerCut), ExternalApis.MemberName(callee.OriginalDefinition), site);
        }

        foreach (var reached in inner.Findings)
        {
            // Seen from the callee: its call at the finding's location reached this implementation.
            yield return new Finding(reached.Rule, reached.What, finding.Location, finding.Via.AddRange(reached.Via), reached.ThrownType, reached.ConstrainedCall);
        }
    }

    private static IMethodSymbol? ImplementationOf(ITypeSymbol type, IMethodSymbol interfaceMethod)
    {
        var definition = interfaceMethod.ContainingType.OriginalDefinition;
        foreach (var candidate in type.AllInterfaces)
        {
            if (!SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, definition))
            {
                continue;
            }

            foreach (var member in candidate.GetMembers(interfaceMethod.Name))
            {
                if (member is IMethodSymbol method && SymbolEqualityComparer.Default.Equals(method.OriginalDefinition, interfaceMethod.OriginalDefinition)
                    && type.FindImplementationForInterfaceMember(method) is IMethodSymbol implementation)
                {
                    return implementation;
                }
            }
        }

        return null;
    }

    // 'Action bump = () => ...; bump();': a delegate local initialised with a lambda and never written again runs
    // exactly that lambda, so its body is analysed at the call (as a callee named "lambda").
    private bool TryFollowLocalLambda(IOperation site)
    {
        if (site is not IInvocationOperation { Instance: { } instance } || Unwrap(instance) is not ILocalReferenceOperation { Local: var local })
        {
            return false;
        }

        var root = site;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        IAnonymousFunctionOperation? lambda = null;
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    lambda = Unwrap(declarator.Initializer?.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation target } ? target : null;
                    if (lambda is null)
                    {
                        return false;
                    }

                    break;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local) && IsWritten(reference):
                    return false;
            }
        }

        if (lambda is null)
        {
            return false;
        }

        if (_depth >= InterruptSafetySession.MaxDepth)
        {
            // The lambda is a call like any other (see InterruptSafetySession.Summarize): past the limit it is not analysed, and the chain is cut there.
            NoteCut(ImmutableArray<string>.Empty, "lambda", site);
            return true;
        }

        var inner = new InterruptSafetyWalker(_session, _callers, _depth + 1, _cancellationToken);
        inner.Visit(lambda.Body);
        NoteCut(inner.CutChain, "lambda", site);
        OpenCycles = OpenCycles.Union(inner.OpenCycles);
        foreach (var finding in inner.Findings)
        {
            if (finding.Rule.Id == RuleIds.HandlerThrows && IsCaught(finding.ThrownType))
            {
                continue;
            }

            Findings.Add(finding.ThroughCall("lambda", site.Syntax.GetLocation()));
        }

        return true;
    }

    private static bool IsWritten(ILocalReferenceOperation reference) => reference.Parent switch
    {
        ISimpleAssignmentOperation assignment => assignment.Target == reference,
        ICompoundAssignmentOperation compound => compound.Target == reference,
        ICoalesceAssignmentOperation coalesce => coalesce.Target == reference,
        IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
        _ => false,
    };

    private static bool Captures(IAnonymousFunctionOperation lambda)
    {
        if (lambda.Symbol.IsStatic)
        {
            return false;
        }

        var span = lambda.Syntax.Span;
        foreach (var operation in lambda.Body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IInstanceReferenceOperation:
                    return true;
                case ILocalReferenceOperation local when !DeclaredWithin(local.Local, span):
                    return true;
                case IParameterReferenceOperation parameter when !DeclaredWithin(parameter.Parameter, span):
                    return true;
            }
        }

        return false;
    }

    private static bool DeclaredWithin(ISymbol symbol, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        foreach (var location in symbol.Locations)
        {
            if (location.IsInSource && span.Contains(location.SourceSpan))
            {
                return true;
            }
        }

        return false;
    }

    private static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    // Keeps the first cut chain of this body (source order), seen from here: through the callee called at the site.
    private void NoteCut(ImmutableArray<string>? calleeCut, string callee, IOperation site)
    {
        if (CutChain is null && calleeCut is { } chain)
        {
            CutChain = chain.Insert(0, callee);
            CutAt = site.Syntax.GetLocation();
        }
    }

    private void Add(DiagnosticDescriptor rule, string what, Location location) =>
        Findings.Add(new Finding(rule, what, location, ImmutableArray<string>.Empty));
}
