using System;
using System.ComponentModel;

namespace Uintr.CompilerServices;

/// <summary>The entry point generated <c>RegisterUserInterrupts</c> methods call.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class UserInterruptRegistration
{
    /// <summary>
    /// Registers the calling thread as the receiver of <paramref name="definition"/> on <paramref name="platform"/>:
    /// uintr_register_handler with the linked trampoline, uintr_create_fd per vector, then STUI.
    /// </summary>
    public static UintrReceiver Register(UintrPlatform platform, UserInterruptReceiverDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(definition);
        return platform.RegisterReceiver(definition);
    }
}
