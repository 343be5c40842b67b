using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Uintr.Analyzers.Flow;

/// <summary>Small helpers over the lowered operations of a control-flow graph.</summary>
internal static class FlowOperations
{
    /// <summary>Skips implicit conversions (e.g. to IDisposable in a lowered using).</summary>
    public static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>The first ancestor that is not an implicit conversion, and the child under it.</summary>
    public static (IOperation? Parent, IOperation Child) Context(IOperation operation)
    {
        var child = operation;
        var parent = operation.Parent;
        while (parent is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
        {
            child = parent;
            parent = parent.Parent;
        }

        return (parent, child);
    }

    /// <summary>The variable an operation reads: a local, a parameter, or a flow capture (boxed <see cref="CaptureId"/>).</summary>
    public static object? VariableOf(IOperation? operation) => Unwrap(operation) switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFlowCaptureReferenceOperation capture => capture.Id,
        _ => null,
    };

    /// <summary>Whether <paramref name="invocation"/> is <c>Dispose()</c> (or <c>Close()</c>) on its instance.</summary>
    public static bool IsDispose(IInvocationOperation invocation) =>
        invocation.TargetMethod.Name is "Dispose" or "Close" && invocation.TargetMethod.Parameters.IsEmpty && invocation.Instance is not null;

    /// <summary>
    /// For a branch value that tests a variable against null (<c>x == null</c>, <c>x is null</c>, <c>x != null</c>,
    /// the lowered <c>x?.</c>), the variable and the branch value for which it is null.
    /// </summary>
    public static (object? Variable, bool NullWhen) NullTest(IOperation? condition)
    {
        condition = Unwrap(condition);
        switch (condition)
        {
            case IIsNullOperation isNull:
                return (VariableOf(isNull.Operand), true);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                bool equals = binary.OperatorKind == BinaryOperatorKind.Equals;
                if (IsNull(binary.RightOperand))
                {
                    return (VariableOf(binary.LeftOperand), equals);
                }

                if (IsNull(binary.LeftOperand))
                {
                    return (VariableOf(binary.RightOperand), equals);
                }

                break;
            case IIsPatternOperation pattern:
                return pattern.Pattern switch
                {
                    IConstantPatternOperation constant when IsNull(constant.Value) => (VariableOf(pattern.Value), true),
                    INegatedPatternOperation { Pattern: IConstantPatternOperation constant } when IsNull(constant.Value) => (VariableOf(pattern.Value), false),
                    IRecursivePatternOperation or ITypePatternOperation or IDeclarationPatternOperation => (VariableOf(pattern.Value), false),
                    _ => (null, false),
                };
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                var (variable, nullWhen) = NullTest(not.Operand);
                return (variable, !nullWhen);
        }

        return (null, false);
    }

    private static bool IsNull(IOperation operand) =>
        Unwrap(operand) is { ConstantValue: { HasValue: true, Value: null } };

    /// <summary>Whether the block is inside a region of <paramref name="kind"/>.</summary>
    public static bool IsInside(BasicBlock block, ControlFlowRegionKind kind)
    {
        for (var region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
        {
            if (region.Kind == kind)
            {
                return true;
            }
        }

        return false;
    }
}
