using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Uintr.Analyzers.Ownership;

/// <summary>
/// The calls that hand the caller a new object it must dispose: <c>UintrFd.Duplicate()</c> (UINTR020),
/// <c>UintrPlatform.RegisterSender(fd)</c> (UINTR021) and the generated <c>RegisterUserInterrupts(platform)</c>
/// (UINTR022). <c>UintrReceiver.GetFd</c> is deliberately absent: the receiver owns that fd.
/// </summary>
internal static class OwnedResources
{
    /// <summary>The leak rule of the object <paramref name="invocation"/> creates, or null when the caller does not own it.</summary>
    public static DiagnosticDescriptor? LeakRuleOf(IInvocationOperation invocation, UintrSymbols symbols)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "Duplicate" when UintrSymbols.IsOrDerivesFrom(method.ContainingType, symbols.UintrFd) && UintrSymbols.IsOrDerivesFrom(method.ReturnType, symbols.UintrFd):
                return DiagnosticDescriptors.FdNotDisposed;
            case "RegisterSender" when UintrSymbols.IsOrDerivesFrom(method.ContainingType, symbols.UintrPlatform):
                return DiagnosticDescriptors.SenderNotDisposed;
            case "RegisterUserInterrupts" when method.IsStatic && UintrSymbols.IsOrDerivesFrom(method.ReturnType, symbols.UintrReceiver):
                return DiagnosticDescriptors.ReceiverNotDisposed;
            default:
                return null;
        }
    }
}
