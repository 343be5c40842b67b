namespace Uintr.Hardware;

/// <summary>The UINTR system calls of Intel's out-of-tree kernel (docs/uintr-reference.md section 8).</summary>
internal enum UintrSyscall
{
    /// <summary>uintr_register_handler(u64 handler, uint flags).</summary>
    RegisterHandler,
    /// <summary>uintr_unregister_handler(uint flags).</summary>
    UnregisterHandler,
    /// <summary>uintr_create_fd(u64 vector, uint flags); renamed uintr_vector_fd in uintr-next.</summary>
    CreateFd,
    /// <summary>uintr_register_sender(int fd, uint flags) returns the UITT index.</summary>
    RegisterSender,
    /// <summary>uintr_unregister_sender(RFC v1: int fd / uintr-next: int index, uint flags).</summary>
    UnregisterSender,
    /// <summary>uintr_wait(RFC v1: uint flags / uintr-next: u64 usec, uint flags).</summary>
    Wait,
    /// <summary>uintr_register_self(u64 vector, uint flags), uintr-next only.</summary>
    RegisterSelf,
    /// <summary>uintr_alt_stack(void* sp, size_t size, uint flags), uintr-next only.</summary>
    AltStack,
    /// <summary>uintr_ipi_fd(uint flags), uintr-next only.</summary>
    IpiFd,
}
