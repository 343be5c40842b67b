using System;

namespace Uintr;

/// <summary>
/// Marks a static method of a <c>partial</c> type as the handler of one user-interrupt vector.
/// The source generator emits <c>RegisterUserInterrupts(UintrPlatform)</c> on the type, which
/// registers the receiver, creates one fd per declared vector and enables delivery.
/// </summary>
/// <remarks>
/// The method must be <c>static</c>, return <c>void</c> and take either no parameter or one
/// <see cref="ulong"/> (the vector). It runs at a safe point of the receiving thread
/// (<see cref="UintrReceiver.Poll"/>, <see cref="UintrReceiver.Wait"/>), never in interrupt context.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class UserInterruptHandlerAttribute : Attribute
{
    /// <summary>Declares the handler of <paramref name="vector"/> (0..63; 63 has the highest priority).</summary>
    /// <param name="vector">The user-interrupt vector, 0 to 63.</param>
    public UserInterruptHandlerAttribute(int vector) => Vector = vector;

    /// <summary>The user-interrupt vector this method handles (0 to 63).</summary>
    public int Vector { get; }
}
