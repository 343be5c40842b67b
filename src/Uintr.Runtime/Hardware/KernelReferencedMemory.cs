using System.Collections.Generic;
using System.Threading;

namespace Uintr.Hardware;

/// <summary>
/// The GC root for native memory the kernel or the CPU may still use on a receiver's behalf: its handler page (entry
/// stub and trampoline), the words the trampoline writes, and its alternate stack.
/// </summary>
/// <remarks>
/// The rule: such memory is rooted here from before uintr_register_handler until uintr_unregister_handler has
/// succeeded on the owning thread, and only then may a finalizer or Dispose free it. The kernel drops a handler only
/// in uintr_unregister_handler or at thread exit (uintr_free in arch/x86/kernel/uintr_core.c, intel/uintr-linux-kernel
/// 2100ffbe, and arch/x86/kernel/uintr.c, fed8dc12), and .NET does not tell us when the OS thread is gone, so a
/// receiver whose unregistration failed or whose thread exited without disposing it stays rooted for the life of the
/// process: a few KiB leaked on purpose instead of a delivery into unmapped code.
/// </remarks>
internal static class KernelReferencedMemory
{
    private static readonly Lock s_lock = new();
    private static readonly HashSet<object> s_roots = new(ReferenceEqualityComparer.Instance);

    /// <summary>How many owners are rooted now.</summary>
    public static int Count
    {
        get
        {
            lock (s_lock)
            {
                return s_roots.Count;
            }
        }
    }

    /// <summary>Roots <paramref name="owner"/> (and what it references) until <see cref="Release"/>.</summary>
    public static void Keep(object owner)
    {
        lock (s_lock)
        {
            s_roots.Add(owner);
        }
    }

    /// <summary>Unroots <paramref name="owner"/>: call only once the kernel can no longer use its memory.</summary>
    public static void Release(object owner)
    {
        lock (s_lock)
        {
            s_roots.Remove(owner);
        }
    }

    /// <summary>Whether <paramref name="owner"/> is rooted.</summary>
    public static bool IsKept(object owner)
    {
        lock (s_lock)
        {
            return s_roots.Contains(owner);
        }
    }
}
