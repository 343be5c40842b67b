using System;
using System.Collections.Generic;

namespace Uintr.Hardware;

/// <summary>
/// System-call numbers and kernel names per ABI revision (docs/uintr-reference.md section 8). The numbers
/// are meaningless on any other kernel (449 is futex_waitv on mainline), so they are only ever used
/// after /proc/kallsyms confirmed the revision.
/// </summary>
internal static class UintrSyscallTable
{
    private static readonly UintrSyscall[] s_required =
    [
        UintrSyscall.RegisterHandler,
        UintrSyscall.UnregisterHandler,
        UintrSyscall.CreateFd,
        UintrSyscall.RegisterSender,
        UintrSyscall.UnregisterSender,
        UintrSyscall.Wait,
    ];

    /// <summary>The system calls the hardware backend needs; the probe requires all of them in /proc/kallsyms.</summary>
    public static IReadOnlyList<UintrSyscall> Required => s_required;

    /// <summary>Whether <paramref name="abi"/> has <paramref name="syscall"/> at all.</summary>
    public static bool Exists(KernelAbi abi, UintrSyscall syscall) => abi switch
    {
        KernelAbi.RfcV1 => syscall <= UintrSyscall.Wait,
        KernelAbi.UintrNext => true,
        _ => false,
    };

    /// <summary>The x86-64 system-call number of <paramref name="syscall"/> in <paramref name="abi"/>.</summary>
    /// <exception cref="ArgumentException">The revision does not have the call.</exception>
    public static long Number(KernelAbi abi, UintrSyscall syscall)
    {
        if (!Exists(abi, syscall))
        {
            throw new ArgumentException($"{KernelName(abi, syscall)} does not exist in the {abi} ABI.", nameof(syscall));
        }

        long first = abi == KernelAbi.RfcV1 ? 449 : 471;
        return first + (int)syscall;
    }

    /// <summary>The kernel's name of the call, as it appears after <c>sys_</c> in /proc/kallsyms.</summary>
    public static string KernelName(KernelAbi abi, UintrSyscall syscall) => syscall switch
    {
        UintrSyscall.RegisterHandler => "uintr_register_handler",
        UintrSyscall.UnregisterHandler => "uintr_unregister_handler",
        UintrSyscall.CreateFd => abi == KernelAbi.UintrNext ? "uintr_vector_fd" : "uintr_create_fd",
        UintrSyscall.RegisterSender => "uintr_register_sender",
        UintrSyscall.UnregisterSender => "uintr_unregister_sender",
        UintrSyscall.Wait => "uintr_wait",
        UintrSyscall.RegisterSelf => "uintr_register_self",
        UintrSyscall.AltStack => "uintr_alt_stack",
        UintrSyscall.IpiFd => "uintr_ipi_fd",
        _ => throw new ArgumentOutOfRangeException(nameof(syscall)),
    };
}
