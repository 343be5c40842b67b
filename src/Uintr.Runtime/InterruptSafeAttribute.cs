using System;

namespace Uintr;

/// <summary>
/// The author vouches that the method is safe to call from a user-interrupt handler: it does not
/// block, throw out, allocate on the GC heap or re-enable user interrupts. The analyzers trust the
/// attribute instead of analysing the method body.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class InterruptSafeAttribute : Attribute
{
}
