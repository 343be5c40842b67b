namespace Uintr;

/// <summary>The two revisions of Intel's out-of-tree UINTR kernel ABI (docs/uintr-reference.md section 8).</summary>
public enum KernelAbi
{
    /// <summary>RFC v1 (Sept 2021): syscalls 449-454, per-thread UITT, unregister_sender takes the fd, wait takes only flags.</summary>
    RfcV1,
    /// <summary>uintr-next: syscalls 471-479, per-process UITT, unregister_sender takes the index, wait takes usec, plus register_self and alt_stack.</summary>
    UintrNext,
}
