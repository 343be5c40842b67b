namespace Uintr.Analyzers;

/// <summary>The public diagnostic ids of the catalog (docs/rules/ has one page per rule). Never renumber.</summary>
public static class RuleIds
{
    /// <summary>Handler signature invalid (not static, generic, non-void, wrong parameters, async).</summary>
    public const string InvalidHandlerSignature = "UINTR001";

    /// <summary>Vector outside 0..63.</summary>
    public const string VectorOutOfRange = "UINTR002";

    /// <summary>Two handlers of one receiver type use the same vector.</summary>
    public const string DuplicateVector = "UINTR003";

    /// <summary>Receiver type (or a containing type) is not partial.</summary>
    public const string ReceiverTypeNotPartial = "UINTR004";

    /// <summary>Receiver type shape the generator cannot extend (generic, file-local, nested in a generic type).</summary>
    public const string UnsupportedReceiverType = "UINTR005";

    /// <summary>Handler the generated code cannot call (static abstract/virtual interface member, [Obsolete(error)], [UnmanagedCallersOnly]).</summary>
    public const string UncallableHandler = "UINTR006";

    /// <summary>Receiver type already declares or inherits a member with a generated name.</summary>
    public const string GeneratedMemberNameTaken = "UINTR007";

    /// <summary>Handler body blocks.</summary>
    public const string HandlerBlocks = "UINTR010";

    /// <summary>Handler body can throw out of the handler.</summary>
    public const string HandlerThrows = "UINTR011";

    /// <summary>Handler body allocates on the GC heap.</summary>
    public const string HandlerAllocates = "UINTR012";

    /// <summary>Handler calls a method not known to be interrupt-safe.</summary>
    public const string HandlerCallsUnknownCode = "UINTR013";

    /// <summary>Handler re-enables user interrupts (Stui).</summary>
    public const string HandlerReenablesInterrupts = "UINTR014";

    /// <summary>[InterruptSafe] on a method whose own body visibly breaks a handler rule.</summary>
    public const string InterruptSafeViolated = "UINTR015";

    /// <summary>The handler analysis reached the call-depth limit: a call chain was cut and not analysed past it.</summary>
    public const string HandlerAnalysisCut = "UINTR016";

    /// <summary>UintrFd not disposed on every path.</summary>
    public const string FdNotDisposed = "UINTR020";

    /// <summary>UintrSender not disposed on every path.</summary>
    public const string SenderNotDisposed = "UINTR021";

    /// <summary>UintrReceiver not disposed on every path.</summary>
    public const string ReceiverNotDisposed = "UINTR022";

    /// <summary>Clui() without a matching Stui() on every path.</summary>
    public const string UnbalancedClui = "UINTR023";

    /// <summary>Use of a UintrFd/UintrSender after Dispose.</summary>
    public const string UseAfterDispose = "UINTR024";

    /// <summary>Dispose of a UintrFd that its receiver owns (from <c>UintrReceiver.GetFd</c>).</summary>
    public const string BorrowedFdDisposed = "UINTR025";

    /// <summary>An IDisposable type's Dispose does not dispose a field it owns.</summary>
    public const string OwnedFieldNotDisposed = "UINTR026";

    /// <summary>An owned field is assigned a new object while it may still hold an undisposed one.</summary>
    public const string OwnedFieldOverwritten = "UINTR027";
}
