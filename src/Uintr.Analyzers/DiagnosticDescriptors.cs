using Microsoft.CodeAnalysis;

namespace Uintr.Analyzers;

/// <summary>Every descriptor of the catalog, with the default severities of the catalog (one page per rule in docs/rules/).</summary>
public static class DiagnosticDescriptors
{
    /// <summary>
    /// Where each rule's page lives, relative to the repository root. The descriptors carry no help link: the project
    /// has no public address yet, and a guessed one would send users to a page that does not exist. The description of
    /// every rule ends with this path instead.
    /// </summary>
    public const string RulePagesFolder = "docs/rules/";

    private const string Usage = "Usage";
    private const string Reliability = "Reliability";
    private const string Performance = "Performance";

    /// <summary>UINTR001.</summary>
    public static readonly DiagnosticDescriptor InvalidHandlerSignature = Create(
        RuleIds.InvalidHandlerSignature,
        "User-interrupt handler signature is invalid",
        "Handler '{0}' {1}: a handler is a static, non-generic, non-async method that returns void and takes nothing or 'ulong vector'",
        Usage,
        DiagnosticSeverity.Error,
        "The generated trampoline calls the handler as a static void method with no parameter or the vector as a ulong.");

    /// <summary>UINTR002.</summary>
    public static readonly DiagnosticDescriptor VectorOutOfRange = Create(
        RuleIds.VectorOutOfRange,
        "User-interrupt vector is outside 0..63",
        "Vector {0} is outside 0..63",
        Usage,
        DiagnosticSeverity.Error,
        "UINTR has 64 vectors per receiver (UIRR is a 64-bit register); the kernel rejects any other vector.");

    /// <summary>UINTR003.</summary>
    public static readonly DiagnosticDescriptor DuplicateVector = Create(
        RuleIds.DuplicateVector,
        "Two handlers of one receiver type use the same vector",
        "Handler '{0}' uses vector {1}, already handled by '{2}' in '{3}'",
        Usage,
        DiagnosticSeverity.Error,
        "A receiver type has one fd per vector and dispatches each vector to exactly one handler.");

    /// <summary>UINTR004.</summary>
    public static readonly DiagnosticDescriptor ReceiverTypeNotPartial = Create(
        RuleIds.ReceiverTypeNotPartial,
        "Receiver type or a containing type is not partial",
        "Type '{0}' must be partial: it {1}",
        Usage,
        DiagnosticSeverity.Error,
        "The generator adds RegisterUserInterrupts to the receiver type, which needs every type of the chain to be partial.");

    /// <summary>UINTR005.</summary>
    public static readonly DiagnosticDescriptor UnsupportedReceiverType = Create(
        RuleIds.UnsupportedReceiverType,
        "Receiver type cannot get generated registration",
        "Type '{0}' declares user-interrupt handlers but is {1}: no RegisterUserInterrupts is generated for it",
        Usage,
        DiagnosticSeverity.Error,
        "The generator re-declares the receiver type as partial in another file; a generic type, a file-local type or a type nested in a generic type cannot be extended that way.");

    /// <summary>UINTR006.</summary>
    public static readonly DiagnosticDescriptor UncallableHandler = Create(
        RuleIds.UncallableHandler,
        "Handler cannot be called from generated code",
        "Handler '{0}' {1}: the generated dispatcher cannot call it, so its type gets no RegisterUserInterrupts",
        Usage,
        DiagnosticSeverity.Error,
        "The generated dispatcher calls every handler directly; a static abstract or virtual interface member has no implementation to call, an [Obsolete(error: true)] member is an error to call, and an [UnmanagedCallersOnly] method cannot be called from managed code.");

    /// <summary>UINTR007.</summary>
    public static readonly DiagnosticDescriptor GeneratedMemberNameTaken = Create(
        RuleIds.GeneratedMemberNameTaken,
        "Receiver type already has a member the generator adds",
        "Type '{0}' {1}: the generated members would collide, so no RegisterUserInterrupts is generated for it",
        Usage,
        DiagnosticSeverity.Error,
        "The generator adds RegisterUserInterrupts, __UintrDefinition and __UintrDispatch to the receiver type; a member of that name declared or inherited (other than an inherited RegisterUserInterrupts(UintrPlatform)) would collide.");

    /// <summary>UINTR010.</summary>
    public static readonly DiagnosticDescriptor HandlerBlocks = Create(
        RuleIds.HandlerBlocks,
        "User-interrupt handler blocks",
        "Handler '{0}' blocks the receiving thread: {1}",
        Reliability,
        DiagnosticSeverity.Warning,
        "Handlers run at a safe point of the receiving thread while further interrupts wait; blocking there delays every pending vector and can deadlock.");

    /// <summary>UINTR011.</summary>
    public static readonly DiagnosticDescriptor HandlerThrows = Create(
        RuleIds.HandlerThrows,
        "User-interrupt handler can throw out of the handler",
        "Handler '{0}' can throw out of the handler: {1}",
        Reliability,
        DiagnosticSeverity.Warning,
        "An exception escaping a handler unwinds through Poll or Wait and abandons the remaining pending vectors.");

    /// <summary>UINTR012.</summary>
    public static readonly DiagnosticDescriptor HandlerAllocates = Create(
        RuleIds.HandlerAllocates,
        "User-interrupt handler allocates on the GC heap",
        "Handler '{0}' allocates on the GC heap: {1}",
        Performance,
        DiagnosticSeverity.Warning,
        "Handlers are the latency-critical path; a GC heap allocation there can trigger a collection while interrupts wait.");

    /// <summary>UINTR013.</summary>
    public static readonly DiagnosticDescriptor HandlerCallsUnknownCode = Create(
        RuleIds.HandlerCallsUnknownCode,
        "User-interrupt handler calls a method not known to be interrupt-safe",
        "Handler '{0}' calls '{1}', which is not known to be interrupt-safe (mark it [InterruptSafe] if it is)",
        Reliability,
        DiagnosticSeverity.Warning,
        "Code outside the compilation cannot be analysed; only the documented allow list and [InterruptSafe] methods are trusted.");

    /// <summary>UINTR014.</summary>
    public static readonly DiagnosticDescriptor HandlerReenablesInterrupts = Create(
        RuleIds.HandlerReenablesInterrupts,
        "User-interrupt handler re-enables user interrupts",
        "Handler '{0}' re-enables user interrupts (nested delivery): {1}",
        Reliability,
        DiagnosticSeverity.Warning,
        "STUI inside a handler lets another interrupt be delivered and dispatched before the handler returns.");

    /// <summary>UINTR015.</summary>
    public static readonly DiagnosticDescriptor InterruptSafeViolated = Create(
        RuleIds.InterruptSafeViolated,
        "[InterruptSafe] method visibly breaks a handler rule",
        "'{0}' is marked [InterruptSafe] but its own body {1}",
        Reliability,
        DiagnosticSeverity.Warning,
        "[InterruptSafe] makes the handler rules trust a method without analysing it; when the method's own body blocks, throws, allocates or re-enables interrupts, the promise is visibly wrong.");

    /// <summary>UINTR016.</summary>
    public static readonly DiagnosticDescriptor HandlerAnalysisCut = Create(
        RuleIds.HandlerAnalysisCut,
        "Handler analysis stopped at the call-depth limit",
        "Handler '{0}' is analysed {1} calls deep: {2} was not followed, so problems past '{3}' are not reported",
        Reliability,
        DiagnosticSeverity.Info,
        "The handler rules follow calls into source methods up to a fixed depth; a chain that reaches it is cut, and what the method at the cut does is not analysed. A notice, not a problem: the handler may be fine.");

    /// <summary>UINTR020.</summary>
    public static readonly DiagnosticDescriptor FdNotDisposed = Create(
        RuleIds.FdNotDisposed,
        "UintrFd is not disposed on every path",
        "The UintrFd created by '{0}' is not disposed on every path",
        Reliability,
        DiagnosticSeverity.Warning,
        "An undisposed fd reference keeps the vector registered and the kernel object alive.");

    /// <summary>UINTR021.</summary>
    public static readonly DiagnosticDescriptor SenderNotDisposed = Create(
        RuleIds.SenderNotDisposed,
        "UintrSender is not disposed on every path",
        "The UintrSender created by '{0}' is not disposed on every path",
        Reliability,
        DiagnosticSeverity.Warning,
        "An undisposed sender keeps its UITT entry allocated.");

    /// <summary>UINTR022.</summary>
    public static readonly DiagnosticDescriptor ReceiverNotDisposed = Create(
        RuleIds.ReceiverNotDisposed,
        "UintrReceiver is not disposed on every path",
        "The UintrReceiver created by '{0}' is not disposed on every path",
        Reliability,
        DiagnosticSeverity.Warning,
        "An undisposed receiver keeps the handler registered and its fds open.");

    /// <summary>UINTR023.</summary>
    public static readonly DiagnosticDescriptor UnbalancedClui = Create(
        RuleIds.UnbalancedClui,
        "Clui() without a matching Stui() on every path",
        "User interrupts masked here stay masked on some path out of '{0}'; use 'using (UserInterrupts.Mask())'",
        Reliability,
        DiagnosticSeverity.Warning,
        "A path that leaves user interrupts masked delays every later interrupt of the thread indefinitely.");

    /// <summary>UINTR024.</summary>
    public static readonly DiagnosticDescriptor UseAfterDispose = Create(
        RuleIds.UseAfterDispose,
        "UintrFd or UintrSender used after Dispose",
        "'{0}' may already be disposed here",
        Reliability,
        DiagnosticSeverity.Warning,
        "A disposed fd or sender no longer refers to a kernel object; using it fails with EBADF or sends nothing.");

    /// <summary>UINTR025.</summary>
    public static readonly DiagnosticDescriptor BorrowedFdDisposed = Create(
        RuleIds.BorrowedFdDisposed,
        "UintrFd owned by its receiver is disposed",
        "'{0}' comes from UintrReceiver.GetFd and belongs to the receiver; do not dispose it (use Duplicate() for a reference of your own)",
        Reliability,
        DiagnosticSeverity.Warning,
        "The receiver owns the fds it created and closes them when it is disposed; disposing one early unregisters the vector under the receiver and makes the receiver's own Dispose close it twice.");

    /// <summary>UINTR026.</summary>
    public static readonly DiagnosticDescriptor OwnedFieldNotDisposed = Create(
        RuleIds.OwnedFieldNotDisposed,
        "Dispose forgets an owned field",
        "'{0}' owns '{1}' (it assigns it a new object) but its Dispose does not dispose it",
        Reliability,
        DiagnosticSeverity.Warning,
        "A type that stores a new fd, sender or receiver in a field owns it; its Dispose is the only place left to release the kernel object.");

    /// <summary>UINTR027.</summary>
    public static readonly DiagnosticDescriptor OwnedFieldOverwritten = Create(
        RuleIds.OwnedFieldOverwritten,
        "Owned field overwritten while it may hold an undisposed object",
        "'{0}' is assigned a new object here without disposing or checking the one it may still hold",
        Reliability,
        DiagnosticSeverity.Warning,
        "Assigning a new fd, sender or receiver to a field that already holds one loses the only reference to the old one, which then leaks.");

    /// <summary>The page of <paramref name="id"/>, relative to the repository root.</summary>
    public static string RulePage(string id) => RulePagesFolder + id + ".md";

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: $"{description} See {RulePage(id)} in the Uintr for .NET repository.");
}
