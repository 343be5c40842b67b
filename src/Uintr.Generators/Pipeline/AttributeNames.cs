namespace Uintr.Generators.Pipeline;

/// <summary>Metadata names of the runtime types the generator reads.</summary>
internal static class AttributeNames
{
    public const string UserInterruptHandler = "Uintr.UserInterruptHandlerAttribute";
    public const string UserInterruptReceiver = "Uintr.UserInterruptReceiverAttribute";
    public const string Obsolete = "System.ObsoleteAttribute";
    public const string Experimental = "System.Diagnostics.CodeAnalysis.ExperimentalAttribute";
    public const string UnmanagedCallersOnly = "System.Runtime.InteropServices.UnmanagedCallersOnlyAttribute";
    public const string UintrPlatform = "Uintr.UintrPlatform";
}
