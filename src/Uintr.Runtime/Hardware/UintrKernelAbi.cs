namespace Uintr.Hardware;

/// <summary>The revisions of Intel's out-of-tree UINTR kernel ABI (UINTR-REFERENCE.md section 8).</summary>
internal enum UintrKernelAbi
{
    /// <summary>No UINTR system calls were confirmed.</summary>
    None,
    /// <summary>The RFC v1 posting (Sept 2021): <c>sys_uintr_create_fd</c>, system calls 449-454.</summary>
    RfcV1,
    /// <summary>The later <c>uintr-next</c> branch: <c>sys_uintr_vector_fd</c>, system calls 471-479.</summary>
    UintrNext,
}
