namespace Uintr.Conformance;

/// <summary>
/// The tests the checks port, by repository, file and commit. Intel's tree holds two generations of selftests: the
/// early single file (x86/uintr.c, syscalls 471..476, blocking through handler flags) and the later directory
/// (uintr/*.c, adding register_self, alt_stack and ipi_fd). GCC's tests are compile tests of the intrinsics and of the
/// interrupt attribute; their ports inspect the code this project generates.
/// </summary>
internal static class ConformanceSources
{
    private const string Kernel = "intel/uintr-linux-kernel tools/testing/selftests/";

    public const string EarlySelftest = Kernel + "x86/uintr.c@6a7271b";
    public const string SyscallHandler = Kernel + "uintr/syscall_handler.c@9bbbb4b";
    public const string SyscallVector = Kernel + "uintr/syscall_vector.c@9a56ee8";
    public const string SyscallFlags = Kernel + "uintr/syscall_flags.c@9a56ee8";
    public const string SyscallSender = Kernel + "uintr/syscall_sender.c@9bbbb4b";
    public const string SyscallBlocking = Kernel + "uintr/syscall_blocking.c@9a56ee8";
    public const string SyscallAltStack = Kernel + "uintr/syscall_alt_stack.c@8ff89a2";
    public const string SenduipiInstr = Kernel + "uintr/senduipi_instr.c@9bbbb4b";
    public const string SenduipiSelfIpi = Kernel + "uintr/senduipi_self_ipi.c@9bbbb4b";
    public const string IpcBase = Kernel + "uintr/ipc_base.c@9bbbb4b";
    public const string Common = Kernel + "uintr/uintr_common.h@9bbbb4b";

    private const string Gcc = "gcc-mirror/gcc gcc/testsuite/gcc.target/i386/";

    public const string GccIntrinsics = Gcc + "uintr-1.c@2f5b974";
    public const string GccHandlerFrame = Gcc + "uintr-2.c@071b412";
    public const string GccHandlerNoVector = Gcc + "uintr-3.c@2ec0cbf";
    public const string GccHandlerNoSse = Gcc + "uintr-4.c@0b6270c";
}
