using System;
using System.ComponentModel;

namespace Uintr.CompilerServices;

/// <summary>The entry point generated <c>RegisterUserInterrupts</c> methods call.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class UserInterruptRegistration
{
    /// <summary>
    /// Registers the calling thread as the user-interrupt receiver of the type that declares the
    /// <see cref="UserInterruptHandlerAttribute"/> methods: installs the type's trampoline (uintr_register_handler),
    /// creates one fd per declared vector (uintr_create_fd) and enables delivery (STUI). Handlers then run on this
    /// thread at its safe points (<see cref="UintrReceiver.Poll"/>, <see cref="UintrReceiver.Wait"/>).
    /// </summary>
    /// <remarks>
    /// A receiver type's generated <c>RegisterUserInterrupts(UintrPlatform)</c> calls this with the type's definition
    /// and takes its documentation from here.
    /// </remarks>
    /// <param name="platform">The hardware or the simulator to register on.</param>
    /// <param name="definition">The receiver type's vectors, trampoline and dispatch, as the source generator wrote them.</param>
    /// <returns>The receiver; dispose it on this thread to close its fds and unregister.</returns>
    public static UintrReceiver Register(UintrPlatform platform, UserInterruptReceiverDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(definition);
        return platform.RegisterReceiver(definition);
    }
}
