using System;
using System.Collections.Generic;
using System.Reflection;
using Iced.Intel;
using Uintr.CompilerServices;
using Uintr.Hardware;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;
using static Uintr.Conformance.ConformanceSources;

namespace Uintr.Conformance;

/// <summary>
/// Intel's UINTR selftests and GCC's uintr tests, ported to run against any backend. Each check names the test it
/// ports (<see cref="ConformanceCheck.Source"/>); where the two kernel ABIs behave differently, the check expects each
/// ABI's own behaviour and says which is which. Public-API checks run on every backend; checks that raise a fault need
/// a backend that turns it into an exception; raw-syscall and raw-SENDUIPI checks drive the simulator's kernel and CPU
/// model, as the C selftests drive the real ones.
/// </summary>
internal static class ConformanceSuite
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<ConformanceCheck> Checks { get; } = new ConformanceCheck[]
    {
        // ---- Handler registration (syscall_handler.c) ------------------------------------------------------------
        new("register_handler", CheckRequirement.PublicApi, Common + " uintr_supported", RegisterHandler),
        new("register_handler_twice_ebusy", CheckRequirement.PublicApi, SyscallHandler + " test_handler_already_registered", RegisterHandlerTwice),
        new("register_handler_null_efault", CheckRequirement.SimulatedKernel, SyscallHandler + " test_incorrect_handler (disabled there; NULL is the one address the kernel checks)", t =>
        {
            var bench = t.Bench();
            Expect.Errno(Errno.EFAULT, bench.Kernel.RegisterHandler(bench.Task(0, "t"), 0, 0), "uintr_register_handler(NULL)");
        }),
        new("unregister_handler_without_handler_einval", CheckRequirement.SimulatedKernel, SyscallHandler + " test_handler_unregister", t =>
        {
            var bench = t.Bench();
            Expect.Errno(Errno.EINVAL, bench.Kernel.UnregisterHandler(bench.Task(0, "t"), 0), "uintr_unregister_handler");
        }),
        new("register_handler_after_unregister", CheckRequirement.SimulatedKernel, SyscallHandler + " test_handler_already_registered (register, unregister, register again)", t =>
        {
            var bench = t.Bench();
            var task = bench.Task(0, "t");
            Expect.Ok(bench.Kernel.RegisterHandler(task, KernelBench.Handler, 0), "uintr_register_handler");
            Expect.Ok(bench.Kernel.UnregisterHandler(task, 0), "uintr_unregister_handler");
            Expect.Errno(Errno.EINVAL, bench.Kernel.UnregisterHandler(task, 0), "uintr_unregister_handler twice");
            Expect.Ok(bench.Kernel.RegisterHandler(task, KernelBench.Handler, 0), "uintr_register_handler after unregistering");
        }),

        // ---- Vectors (syscall_vector.c) ----------------------------------------------------------------------------
        new("create_fd_without_handler_einval", CheckRequirement.SimulatedKernel, SyscallVector + " test_no_handler", t =>
        {
            var bench = t.Bench();
            Expect.Errno(Errno.EINVAL, bench.Kernel.CreateFd(bench.Task(0, "t"), 1, 0), "uintr_create_fd");
        }),
        new("create_fd_vector_range", CheckRequirement.SimulatedKernel, SyscallVector + " test_vectors_beyond_range", t =>
        {
            var bench = t.Bench();
            var task = bench.Task(0, "rx");
            Expect.Ok(bench.Kernel.RegisterHandler(task, KernelBench.Handler, 0), "uintr_register_handler");
            Expect.Ok(bench.Kernel.CreateFd(task, 0, 0), "uintr_create_fd(vector 0)");
            Expect.Ok(bench.Kernel.CreateFd(task, 63, 0), "uintr_create_fd(vector 63)");
            foreach (ulong vector in new[] { unchecked((ulong)-1L), 64UL, 100UL })
            {
                Expect.Errno(Errno.ENOSPC, bench.Kernel.CreateFd(task, vector, 0), $"uintr_create_fd(vector {(long)vector})");
            }
        }),
        new("create_fd_vector_twice_ebusy", CheckRequirement.SimulatedKernel, SyscallVector + " test_register_same_vector (disabled there)", t =>
        {
            var bench = t.Bench();
            var (task, _) = bench.Receiver(0, 9);
            if (t.Abi == KernelAbi.UintrNext)
            {
                // uintr-next's vector_fd never returns EBUSY: a vector stays registered and another fd for it is created
                // (arch/x86/kernel/uintr.c, intel/uintr-linux-kernel fed8dc12).
                Expect.Ok(bench.Kernel.CreateFd(task, 9, 0), "uintr_vector_fd(vector 9 again)");
                return;
            }

            Expect.Errno(Errno.EBUSY, bench.Kernel.CreateFd(task, 9, 0), "uintr_create_fd(vector 9 again)");
        }),
        new("create_fd_vector_held_by_a_dup_ebusy", CheckRequirement.SimulatedKernel, SyscallVector + " test_fd_dup (disabled there)", t =>
        {
            // The vector stays registered while any reference to its file is open: closing the original of a dup frees nothing.
            var bench = t.Bench();
            var (task, fd) = bench.Receiver(0, 0);
            int dup = (int)Expect.Ok(bench.Kernel.Dup(bench.Process, fd), "dup");
            Expect.Ok(bench.Kernel.Close(task, fd), "close(original)");
            if (t.Abi == KernelAbi.UintrNext)
            {
                // No EBUSY from uintr-next's vector_fd (arch/x86/kernel/uintr.c fed8dc12).
                Expect.Ok(bench.Kernel.CreateFd(task, 0, 0), "uintr_vector_fd(vector 0) while the dup is open");
                return;
            }

            Expect.Errno(Errno.EBUSY, bench.Kernel.CreateFd(task, 0, 0), "uintr_create_fd(vector 0) while the dup is open");
            Expect.Ok(bench.Kernel.Close(task, dup), "close(dup)");
            Expect.Ok(bench.Kernel.CreateFd(task, 0, 0), "uintr_create_fd(vector 0) after the last close");
        }),

        // ---- Flags (syscall_flags.c) ---------------------------------------------------------------------------------
        new("syscall_flags_einval", CheckRequirement.SimulatedKernel, SyscallFlags + " (every bit; the selftest's loop stops at bit 3 because it bounds the bit by sizeof(unsigned int))", t =>
        {
            var bench = t.Bench();
            var (task, fd) = bench.Receiver(0, 1);
            long index = Expect.Ok(bench.Kernel.RegisterSender(task, fd, 0), "uintr_register_sender");
            var other = bench.Task(1, "t");
            for (int bit = 0; bit < 32; bit++)
            {
                uint flag = 1u << bit;
                // uintr-next accepts UINTR_HANDLER_FLAG_WAITING_RECEIVER/_SENDER (arch/x86/include/uapi/asm/uintr.h 533d395f).
                bool waitingFlag = t.Abi == KernelAbi.UintrNext && (flag & (UintrKernel.WaitingReceiverFlag | UintrKernel.WaitingSenderFlag)) != 0;
                if (!waitingFlag)
                {
                    Expect.Errno(Errno.EINVAL, bench.Kernel.RegisterHandler(other, KernelBench.Handler, flag), $"uintr_register_handler(flags 0x{flag:X})");
                }

                Expect.Errno(Errno.EINVAL, bench.Kernel.UnregisterHandler(task, flag), $"uintr_unregister_handler(flags 0x{flag:X})");
                Expect.Errno(Errno.EINVAL, bench.Kernel.CreateFd(task, 2, flag), $"uintr_create_fd(flags 0x{flag:X})");
                Expect.Errno(Errno.EINVAL, bench.Kernel.RegisterSender(other, fd, flag), $"uintr_register_sender(flags 0x{flag:X})");
                Expect.Errno(Errno.EINVAL, bench.Kernel.UnregisterSender(task, t.Abi == KernelAbi.RfcV1 ? fd : index, flag), $"uintr_unregister_sender(flags 0x{flag:X})");
                Expect.Errno(Errno.EINVAL, bench.Kernel.Wait(task, 0, flag), $"uintr_wait(flags 0x{flag:X})");
            }
        }),

        // ---- Senders (syscall_sender.c) -------------------------------------------------------------------------------
        new("register_sender_bad_fd_ebadf", CheckRequirement.SimulatedKernel, SyscallSender + " test_no_uvec_fd", t =>
        {
            var bench = t.Bench();
            var sender = bench.Task(0, "tx");
            Expect.Errno(Errno.EBADF, bench.Kernel.RegisterSender(sender, -1, 0), "uintr_register_sender(fd -1)");
            Expect.Errno(Errno.EBADF, bench.Kernel.RegisterSender(sender, 999, 0), "uintr_register_sender(fd 999)");
        }),
        new("register_sender_not_uintr_fd_eopnotsupp", CheckRequirement.SimulatedKernel, SyscallSender + " test_invalid_uvec_fd", t =>
        {
            var bench = t.Bench();
            int eventFd = bench.Process.Install(new PlainFile("eventfd"));
            Expect.Errno(Errno.EOPNOTSUPP, bench.Kernel.RegisterSender(bench.Task(0, "tx"), eventFd, 0), "uintr_register_sender(an eventfd)");
        }),
        new("register_sender_twice_eisconn", CheckRequirement.PublicApi, SyscallSender + " test_registering_uvecfd_again (disabled there)", RegisterSenderTwice),
        new("register_sender_uitt_full_enospc", CheckRequirement.SimulatedKernel, SyscallSender + " test_out_of_uitte", UittFull),
        new("unregister_sender_not_connected_einval", CheckRequirement.SimulatedKernel, SyscallFlags + " test_unregister_sender_flags (the connection it needs)", t =>
        {
            var bench = t.Bench();
            var (_, fd) = bench.Receiver(0, 4);
            var sender = bench.Task(1, "tx");
            Expect.Errno(Errno.EINVAL, bench.UnregisterSender(sender, fd, 0), "uintr_unregister_sender before uintr_register_sender");
            long index = Expect.Ok(bench.Kernel.RegisterSender(sender, fd, 0), "uintr_register_sender");
            Expect.Ok(bench.UnregisterSender(sender, fd, index), "uintr_unregister_sender");
            Expect.Errno(Errno.EINVAL, bench.UnregisterSender(sender, fd, index), "uintr_unregister_sender twice");
        }),
        new("register_sender_after_receiver_exit_eshutdown", CheckRequirement.SimulatedKernel, SyscallSender + " test_receiver_has_exited (disabled there)", t =>
        {
            var bench = t.Bench();
            var (receiver, fd) = bench.Receiver(0, 4);
            var sender = bench.Task(1, "tx");
            bench.Kernel.ExitTask(receiver);
            Expect.Errno(Errno.ESHUTDOWN, bench.Kernel.RegisterSender(sender, fd, 0), "uintr_register_sender after the receiver exited");
        }),

        // ---- SENDUIPI (senduipi_instr.c) ---------------------------------------------------------------------------
        new("senduipi_without_registration_ud", CheckRequirement.SimulatedKernel, SenduipiInstr + " test_no_registration", t =>
        {
            var bench = t.Bench();
            var fault = Expect.ArchitecturalFault(UintrFault.InvalidOpcode, () => bench.Senduipi(bench.Task(0, "tx"), 0), "SENDUIPI 0 without a sender registration");
            Expect.True(fault.Reason.Contains("UINTR_TT", StringComparison.Ordinal), "the #UD names IA32_UINTR_TT");
        }),
        new("senduipi_invalid_handle_gp", CheckRequirement.SimulatedKernel, SenduipiInstr + " test_invalid_handle", t =>
        {
            var bench = t.Bench();
            var (_, fd) = bench.Receiver(0, 4);
            var sender = bench.Task(1, "tx");
            long index = Expect.Ok(bench.Kernel.RegisterSender(sender, fd, 0), "uintr_register_sender");
            var fault = Expect.ArchitecturalFault(UintrFault.GeneralProtection, () => bench.Senduipi(sender, (ulong)index + 1), "SENDUIPI uipi_handle + 1");
            Expect.True(fault.Reason.Contains("not valid", StringComparison.Ordinal), "the #GP names the invalid entry");
        }),
        new("senduipi_index_beyond_uittsz_gp", CheckRequirement.SimulatedKernel, SenduipiInstr + " test_invalid_handle (an index past the table)", t =>
        {
            var bench = t.Bench();
            var (_, fd) = bench.Receiver(0, 4);
            var sender = bench.Task(1, "tx");
            Expect.Ok(bench.Kernel.RegisterSender(sender, fd, 0), "uintr_register_sender");
            foreach (ulong index in new ulong[] { KernelConstants.UittEntries, 100_000 })
            {
                var fault = Expect.ArchitecturalFault(UintrFault.GeneralProtection, () => bench.Senduipi(sender, index), $"SENDUIPI {index}");
                Expect.True(fault.Reason.Contains("UITTSZ", StringComparison.Ordinal), $"the #GP for index {index} names UITTSZ");
            }
        }),
        new("senduipi_after_unregister_sender_faults", CheckRequirement.SimulatedKernel, SenduipiInstr + " test_after_unregister (SIGILL or SIGSEGV)", t =>
        {
            // With another entry still in use the UITT stays enabled, so the stale index is #GP (SIGSEGV) in both ABIs.
            var bench = t.Bench();
            var (_, fd) = bench.Receiver(0, 4);
            var (_, fd2) = bench.Receiver(2, 5);
            var sender = bench.Task(1, "tx");
            long first = Expect.Ok(bench.Kernel.RegisterSender(sender, fd, 0), "uintr_register_sender");
            Expect.Ok(bench.Kernel.RegisterSender(sender, fd2, 0), "uintr_register_sender");
            Expect.Ok(bench.UnregisterSender(sender, fd, first), "uintr_unregister_sender");
            var fault = Expect.ArchitecturalFault(UintrFault.GeneralProtection, () => bench.Senduipi(sender, (ulong)first), "SENDUIPI to an unregistered entry");
            Expect.True(fault.Reason.Contains("not valid", StringComparison.Ordinal), "the #GP names the invalid entry");
        }),
        new("senduipi_on_another_thread", CheckRequirement.CatchableFaults, SenduipiInstr + " test_separate_thread", SenduipiOnAnotherThread),

        // ---- Delivery (senduipi_self_ipi.c, ipc_base.c, x86/uintr.c) -------------------------------------------------
        new("self_ipi", CheckRequirement.PublicApi, SenduipiSelfIpi + " test_self_ipi_long_delay", SelfIpi),
        new("thread_ipi_spin", CheckRequirement.PublicApi, IpcBase + " test_thread_ipi; " + EarlySelftest + " test_base_ipi", ThreadIpiSpin),
        new("register_self_thread_ipi", CheckRequirement.SimulatedKernel, IpcBase + " test_thread_ipi_no_fd", RegisterSelf),
        new("fd_close_with_live_sender", CheckRequirement.PublicApi, SenduipiInstr + " test_after_unregister, with the receiver's fd closed instead (RFC v1 uintrfd_release in arch/x86/kernel/uintr_fd.c 2100ffbe; uintr-next arch/x86/kernel/uintr.c fed8dc12)", FdCloseWithLiveSender),
        new("reregister_on_one_thread", CheckRequirement.PublicApi, SyscallHandler + " test_handler_already_registered, with a post left pending across the re-registration (uintr-next arch/x86/kernel/uintr.c fed8dc12 keeps the UPID and vectors)", ReregisterOnOneThread),
        new("clui_holds_delivery_until_stui", CheckRequirement.PublicApi, GccIntrinsics + " (_clui, _stui, _testui)", CluiHoldsDelivery),

        // ---- Blocking wait (ipc_base.c, syscall_blocking.c, x86/uintr.c) -----------------------------------------------
        new("blocking_wait_woken_by_sender", CheckRequirement.PublicApi, IpcBase + " test_blocking_ipi_uintr_wait; " + EarlySelftest + " test_blocking_ipi", BlockingWaitWoken),
        new("blocking_wait_times_out", CheckRequirement.PublicApi, SyscallBlocking + " (the receiver's bounded wait)", BlockingWaitTimesOut),
        new("uintr_wait_without_handler_eopnotsupp", CheckRequirement.SimulatedKernel, IpcBase + " test_blocking_ipi_uintr_wait (no handler)", t =>
        {
            var bench = t.Bench();
            Expect.Errno(Errno.EOPNOTSUPP, bench.Kernel.Wait(bench.Task(0, "t"), 10, 0), "uintr_wait without a handler");
        }),
        new("uintr_wait_timeout_bound", CheckRequirement.SimulatedKernel, IpcBase + " test_blocking_ipi_uintr_wait (uintr_wait(usec, flags))", t =>
        {
            var bench = t.Bench();
            var (task, _) = bench.Receiver(0, 1);
            var result = bench.Kernel.Wait(task, KernelConstants.MaxWaitMicroseconds + 1, 0);
            if (t.Abi == KernelAbi.UintrNext)
            {
                // uintr-next: uintr_wait(usec, flags) refuses a timeout above 10^9 microseconds.
                Expect.Errno(Errno.EINVAL, result, "uintr-next uintr_wait(1e9 + 1 us)");
            }
            else
            {
                // RFC v1: uintr_wait(flags) takes no timeout argument to refuse: the task blocks (for at most the fixed
                // 100 us of sys_uintr_wait in arch/x86/kernel/uintr_fd.c 2100ffbe).
                Expect.True(result is null, "RFC v1 uintr_wait blocks (it has no timeout argument to refuse)");
            }
        }),
        new("uintr_wait_zero_usec", CheckRequirement.SimulatedKernel, IpcBase + " test_blocking_ipi_uintr_wait (uintr_wait(usec, flags) with usec 0; sys_uintr_wait in arch/x86/kernel/uintr.c fed8dc12)", t =>
        {
            var bench = t.Bench();
            var (task, _) = bench.Receiver(0, 1);
            var result = bench.Kernel.Wait(task, 0, 0);
            if (t.Abi == KernelAbi.UintrNext)
            {
                // uintr-next returns 0 at once for usec 0, before it looks at the receiver.
                Expect.True(result is { Failed: false, Value: 0 }, $"uintr-next uintr_wait(0 us) returns 0 at once (got {result?.ToString() ?? "blocked"})");
                Expect.True(bench.Kernel.Wait(bench.Task(1, "t"), 0, 0) is { Failed: false, Value: 0 }, "uintr-next uintr_wait(0 us) without a handler returns 0");
            }
            else
            {
                // RFC v1 has no usec argument: the call sleeps (for at most 100 us, arch/x86/kernel/uintr_fd.c 2100ffbe).
                Expect.True(result is null, "RFC v1 uintr_wait blocks (it has no usec argument)");
            }
        }),

        // ---- Alternate stack (syscall_alt_stack.c) ---------------------------------------------------------------------
        new("alt_stack_delivery", CheckRequirement.PublicApi, SyscallAltStack + " test_alt_stack", AltStackDelivery),
        new("alt_stack_clear", CheckRequirement.SimulatedKernel, SyscallAltStack + " test_clear_alt_stack", t =>
        {
            var bench = t.Bench();
            var (task, _) = bench.Receiver(0, 1);
            var set = bench.Kernel.AltStack(task, 0x7000_0000, 4096, 0);
            if (t.Abi == KernelAbi.RfcV1)
            {
                Expect.Errno(Errno.ENOSYS, set, "uintr_alt_stack on RFC v1 (no such system call)");
                Expect.Equal(KernelConstants.StackAdjust, task.UintrState.StackAdjust, "STACKADJUST (the red-zone skip)");
                return;
            }

            Expect.Ok(set, "uintr_alt_stack(sp, 4096)");
            Expect.Equal(1UL, task.UintrState.StackAdjust & 1, "STACKADJUST bit 0 (load RSP) after uintr_alt_stack");
            Expect.Ok(bench.Kernel.AltStack(task, 0, 0, 0), "uintr_alt_stack(NULL, 0)");
            Expect.Equal(KernelConstants.StackAdjust, task.UintrState.StackAdjust, "STACKADJUST after clearing the alternate stack (the red-zone skip)");
        }),
        new("alt_stack_syscall_rules", CheckRequirement.SimulatedKernel, SyscallAltStack + " (its error paths)", t =>
        {
            var bench = t.Bench();
            var (task, _) = bench.Receiver(0, 1);
            if (t.Abi == KernelAbi.RfcV1)
            {
                Expect.Errno(Errno.ENOSYS, bench.Kernel.AltStack(task, 0x7000_0000, 4096, 0), "uintr_alt_stack on RFC v1");
                return;
            }

            Expect.Errno(Errno.EOPNOTSUPP, bench.Kernel.AltStack(bench.Task(1, "t"), 0x7000_0000, 4096, 0), "uintr_alt_stack without a handler");
            Expect.Errno(Errno.EINVAL, bench.Kernel.AltStack(task, 0x7000_0000, 4096, 1), "uintr_alt_stack(flags 1)");
        }),

        // ---- GCC's uintr tests: what a handler and the intrinsics compile to ----------------------------------------------
        new("gcc_handler_drops_vector_then_uiret", CheckRequirement.GeneratedCode, GccHandlerFrame + "; " + GccHandlerNoVector, _ =>
        {
            var code = Decode(GeneratedTrampoline());
            int uirets = code.FindAll(i => i.Code == Code.Uiret).Count;
            Expect.Equal(1, uirets, "UIRETs in the generated handler");
            var last = code[^1];
            var beforeLast = code[^2];
            Expect.Equal(Code.Uiret, last.Code, "the handler's last instruction");
            Expect.True(beforeLast.Code == Code.Add_rm64_imm8 && beforeLast.Op0Register == Register.RSP && beforeLast.Immediate8 == 8,
                "add rsp, 8 (drop the vector the CPU pushed) right before UIRET");
        }),
        new("gcc_handler_general_registers_only", CheckRequirement.GeneratedCode, GccHandlerNoSse + " (SSE is not allowed in an interrupt service routine)", _ =>
        {
            foreach (var instruction in Decode(GeneratedTrampoline()))
            {
                for (int op = 0; op < instruction.OpCount; op++)
                {
                    if (instruction.GetOpKind(op) == OpKind.Register)
                    {
                        var register = instruction.GetOpRegister(op);
                        Expect.True(register.IsGPR() || register == Register.None, $"only general registers in the handler, found {register} in '{instruction}'");
                    }
                }
            }
        }),
        new("gcc_intrinsic_encodings", CheckRequirement.GeneratedCode, GccIntrinsics + " (one each of clui, stui, senduipi, testui + setc)", _ =>
        {
            var stubs = Decode(UintrInstructionStubs.Code.ToArray(), stopAtInt3: false);
            Expect.Equal(1, stubs.FindAll(i => i.Code == Code.Clui).Count, "CLUI stubs");
            Expect.Equal(1, stubs.FindAll(i => i.Code == Code.Stui).Count, "STUI stubs");
            Expect.Equal(1, stubs.FindAll(i => i.Code == Code.Senduipi_r64).Count, "SENDUIPI stubs");
            int testui = stubs.FindIndex(i => i.Code == Code.Testui);
            Expect.True(testui >= 0 && stubs[testui + 1].Mnemonic == Mnemonic.Setb, "TESTUI read through SETC (CF = UIF)");
        }),
        new("testui_sets_cf_clears_other_flags", CheckRequirement.SimulatedKernel, GccIntrinsics + " (_testui returns CF)", t =>
        {
            var bench = t.Bench();
            var (task, _) = bench.Receiver(0, 1);
            var cpu = task.Cpu!;
            foreach (bool uif in new[] { false, true })
            {
                cpu.Registers.Rflags |= Rflags.ZF | Rflags.AF | Rflags.OF | Rflags.PF | Rflags.SF | (uif ? 0 : Rflags.CF);
                cpu.State.Uif = uif;
                Expect.Equal(uif, UifInstructions.Testui(cpu), "TESTUI result");
                Expect.Equal(uif ? Rflags.CF : 0UL, cpu.Registers.Rflags & (Rflags.CF | Rflags.ZF | Rflags.AF | Rflags.OF | Rflags.PF | Rflags.SF), $"status flags after TESTUI with UIF = {(uif ? 1 : 0)}");
            }
        }),
    };

    private static void RegisterHandler(ConformanceTarget target)
    {
        var platform = target.Platform();
        ConformanceTarget.OnThread(platform, "rx", () =>
        {
            using var receiver = SelftestReceiver.RegisterUserInterrupts(platform);
            Expect.Equal(1UL << SelftestReceiver.Vector, receiver.Vectors, "registered vectors");
            var fd = receiver.GetFd(SelftestReceiver.Vector);
            Expect.Equal(SelftestReceiver.Vector, fd.Vector, "the fd's vector");
            Expect.True(fd.Number >= 0 && !fd.IsDisposed, "an open uintr fd");
            Expect.True(UserInterrupts.Testui(), "UIF set after registration (TESTUI)");
        });
    }

    private static void RegisterHandlerTwice(ConformanceTarget target)
    {
        var platform = target.Platform();
        ConformanceTarget.OnThread(platform, "rx", () =>
        {
            using var receiver = SelftestReceiver.RegisterUserInterrupts(platform);
            Expect.Errno(Errno.EBUSY, () => SecondSelftestReceiver.RegisterUserInterrupts(platform).Dispose(), "a second receiver on the same thread");
        });
    }

    private static void RegisterSenderTwice(ConformanceTarget target)
    {
        var platform = target.Platform();
        ConformanceTarget.OnThread(platform, "rx", () =>
        {
            using var receiver = SelftestReceiver.RegisterUserInterrupts(platform);
            using var sender = platform.RegisterSender(receiver.GetFd(SelftestReceiver.Vector));
            if (target.Abi == KernelAbi.UintrNext && !EmulatesSenderFaults(platform))
            {
                // uintr-next has no EISCONN (its sender-list check is compiled out, arch/x86/kernel/uintr.c fed8dc12).
                using var second = platform.RegisterSender(receiver.GetFd(SelftestReceiver.Vector));
                Expect.True(second.Index != sender.Index, "uintr-next: a second registration is a second UITT entry");
                return;
            }

            Expect.Errno(Errno.EISCONN, () => platform.RegisterSender(receiver.GetFd(SelftestReceiver.Vector)).Dispose(), "the same fd registered twice");
        });
    }

    private static void UittFull(ConformanceTarget target)
    {
        // Four receivers with 64 vectors each fill the 256-entry UITT; the 257th registration is ENOSPC. The last
        // entry, index 255 = UITTSZ, is a valid SENDUIPI operand: the #GP bound is index > UITTSZ, not >=.
        var bench = target.Bench();
        var sender = bench.Task(4, "tx");
        var receivers = new List<SimTask>();
        long lastIndex = -1;
        for (int r = 0; r < 4; r++)
        {
            var receiver = bench.Task(r, $"rx{r}");
            receivers.Add(receiver);
            Expect.Ok(bench.Kernel.RegisterHandler(receiver, KernelBench.Handler, 0), "uintr_register_handler");
            for (int vector = 0; vector < 64; vector++)
            {
                int fd = (int)Expect.Ok(bench.Kernel.CreateFd(receiver, (ulong)vector, 0), "uintr_create_fd");
                lastIndex = Expect.Ok(bench.Kernel.RegisterSender(sender, fd, 0), $"uintr_register_sender #{(r * 64) + vector + 1}");
            }
        }

        Expect.Equal((long)KernelConstants.UittEntries - 1, lastIndex, "the 256th entry's index (UITTSZ)");
        var extra = bench.Task(5, "rx4");
        Expect.Ok(bench.Kernel.RegisterHandler(extra, KernelBench.Handler, 0), "uintr_register_handler");
        int extraFd = (int)Expect.Ok(bench.Kernel.CreateFd(extra, 0, 0), "uintr_create_fd");
        Expect.Errno(Errno.ENOSPC, bench.Kernel.RegisterSender(sender, extraFd, 0), "uintr_register_sender #257");

        bench.Senduipi(sender, (ulong)lastIndex);
        var lastReceiver = receivers[3];
        ulong pir = Upid.ReadPir(bench.Machine.Memory, lastReceiver.Receiver!.UpidAddress) | lastReceiver.UintrState.Uirr;
        Expect.Equal(1UL << 63, pir & (1UL << 63), "vector 63 of the fourth receiver posted by SENDUIPI UITTSZ");
    }

    private static void SenduipiOnAnotherThread(ConformanceTarget target)
    {
        // The UITT belongs to the thread on RFC v1 (a thread that never registered a sender has IA32_UINTR_TT = 0, so
        // SENDUIPI is #UD, SIGILL) and to the process on uintr-next (the selftest expects no SIGILL).
        var abi = target.RequireAbi();
        var platform = target.Platform();
        SelftestReceiver.Reset();
        UintrSender? sender = null;
        bool done = false;
        var receiverThread = platform.StartThread("rx", () =>
        {
            using var receiver = SelftestReceiver.RegisterUserInterrupts(platform);
            sender = platform.RegisterSender(receiver.GetFd(SelftestReceiver.Vector));
            // Handlers run at the receiver's safe points: wait in short slices until one ran or the other thread is done.
            while (!System.Threading.Volatile.Read(ref done) && receiver.Wait(UintrWaitMode.Spin, TimeSpan.FromMicroseconds(50)) == 0)
            {
            }

            sender.Dispose();
        });
        try
        {
            ConformanceTarget.OnThread(platform, "other", () =>
            {
                platform.SpinUntil(() => sender is not null, s_wait);
                if (abi == KernelAbi.RfcV1)
                {
                    var fault = Expect.Fault(UintrFault.InvalidOpcode, () => sender!.Send(), "RFC v1: SENDUIPI on a thread without a UITT");
                    Expect.Equal("SIGILL", fault.Signal, "the signal Linux would deliver");
                }
                else
                {
                    sender!.Send();
                    Expect.True(platform.SpinUntil(() => SelftestReceiver.Handled > 0, s_wait), "uintr-next: the interrupt sent from another thread of the process is delivered");
                }
            });
        }
        finally
        {
            System.Threading.Volatile.Write(ref done, true);
            receiverThread.Join();
        }
    }

    private static void SelfIpi(ConformanceTarget target)
    {
        var platform = target.Platform();
        SelftestReceiver.Reset();
        ConformanceTarget.OnThread(platform, "rx", () =>
        {
            using var receiver = SelftestReceiver.RegisterUserInterrupts(platform);
            using var sender = platform.RegisterSender(receiver.GetFd(SelftestReceiver.Vector));
            sender.Send();
            Expect.Equal(1, receiver.Wait(UintrWaitMode.Spin, s_wait), "handlers run by Wait");
            Expect.Equal(1, SelftestReceiver.Handled, "handler runs");
        });
    }

    private static void ThreadIpiSpin(ConformanceTarget target) =>
        ThreadIpi(target, UintrWaitMode.Spin, "handlers run by Wait(Spin) on the receiving thread");

    // One thread waits in mode, another registers a sender to its fd and sends once: the handler runs exactly once.
    private static void ThreadIpi(ConformanceTarget target, UintrWaitMode mode, string what)
    {
        var platform = target.Platform();
        SelftestReceiver.Reset();
        UintrFd? fd = null;
        int handled = -1;
        var receiverThread = platform.StartThread("rx", () =>
        {
            using var receiver = SelftestReceiver.RegisterUserInterrupts(platform);
            System.Threading.Volatile.Write(ref fd, receiver.GetFd(SelftestReceiver.Vector));
            handled = receiver.Wait(mode, s_wait);
        });
        ConformanceTarget.OnThread(platform, "tx", () =>
        {
            platform.SpinUntil(() => System.Threading.Volatile.Read(ref fd) is not null, s_wait);
            using var sender = platform.RegisterSender(fd!);
            sender.Send();
        });
        receiverThread.Join();
        Expect.Equal(1, handled, what);
        Expect.Equal(1, SelftestReceiver.Handled, "handler runs");
    }

    private static void RegisterSelf(ConformanceTarget target)
    {
        var bench = target.Bench();
        var receiver = bench.Task(0, "rx");
        Expect.Ok(bench.Kernel.RegisterHandler(receiver, KernelBench.Handler, 0), "uintr_register_handler");
        var result = bench.Kernel.RegisterSelf(receiver, 2, 0);
        if (target.Abi == KernelAbi.RfcV1)
        {
            Expect.Errno(Errno.ENOSYS, result, "uintr_register_self on RFC v1 (no such system call)");
            return;
        }

        // uintr-next: the index is valid in every thread of the process (the UITT is per process).
        long index = Expect.Ok(result, "uintr_register_self(vector 2)");
        var other = bench.Task(1, "tx");
        bench.Senduipi(other, (ulong)index);
        ulong posted = Upid.ReadPir(bench.Machine.Memory, receiver.Receiver!.UpidAddress) | receiver.UintrState.Uirr;
        Expect.Equal(1UL << 2, posted & (1UL << 2), "vector 2 posted by SENDUIPI from another thread");
    }

    private static void CluiHoldsDelivery(ConformanceTarget target)
    {
        var platform = target.Platform();
        SelftestReceiver.Reset();
        ConformanceTarget.OnThread(platform, "rx", () =>
        {
            using var receiver = SelftestReceiver.RegisterUserInterrupts(platform);
            using var sender = platform.RegisterSender(receiver.GetFd(SelftestReceiver.Vector));
            UserInterrupts.Clui();
            Expect.True(!UserInterrupts.Testui(), "UIF clear after CLUI (TESTUI)");
            sender.Send();
            Expect.Equal(0, receiver.Wait(UintrWaitMode.Spin, TimeSpan.FromMicroseconds(20)), "handlers run while UIF = 0");
            Expect.Equal(0, SelftestReceiver.Handled, "handler runs while masked");
            UserInterrupts.Stui();
            Expect.Equal(1, receiver.Wait(UintrWaitMode.Spin, s_wait), "handlers run after STUI");
            Expect.Equal(1, SelftestReceiver.Handled, "handler runs after STUI");
        });
    }

    private static void BlockingWaitWoken(ConformanceTarget target) =>
        ThreadIpi(target, UintrWaitMode.Block, "handlers run by Wait(Block)");

    private static void BlockingWaitTimesOut(ConformanceTarget target)
    {
        var platform = target.Platform();
        SelftestReceiver.Reset();
        ConformanceTarget.OnThread(platform, "rx", () =>
        {
            using var receiver = SelftestReceiver.RegisterUserInterrupts(platform);
            Expect.Equal(0, receiver.Wait(UintrWaitMode.Block, TimeSpan.FromMicroseconds(50)), "handlers run by a Wait(Block) that timed out");
            Expect.Equal(0, SelftestReceiver.Handled, "handler runs");
        });
    }

    private static void AltStackDelivery(ConformanceTarget target)
    {
        var abi = target.RequireAbi();
        var platform = target.Platform();
        AltStackSelftestReceiver.Reset();
        if (abi == KernelAbi.RfcV1)
        {
            // RFC v1 has no uintr_alt_stack: such a receiver is refused before any system call.
            bool refused = false;
            ConformanceTarget.OnThread(platform, "rx", () =>
            {
                try
                {
                    AltStackSelftestReceiver.RegisterUserInterrupts(platform).Dispose();
                }
                catch (NotSupportedException)
                {
                    refused = true;
                }
            });
            Expect.True(refused, "RFC v1: an alternate-stack receiver is refused");
            return;
        }

        ConformanceTarget.OnThread(platform, "rx", () =>
        {
            using var receiver = AltStackSelftestReceiver.RegisterUserInterrupts(platform);
            using var sender = platform.RegisterSender(receiver.GetFd(AltStackSelftestReceiver.Vector));
            sender.Send();
            Expect.Equal(1, receiver.Wait(UintrWaitMode.Spin, s_wait), "handlers run on the alternate stack");
            Expect.Equal(1, AltStackSelftestReceiver.Handled, "handler runs");
        });
    }

    private static byte[] GeneratedTrampoline()
    {
        var field = typeof(SelftestReceiver).GetField("__UintrDefinition", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new CheckFailedException("the generated receiver has no definition field");
        var definition = (UserInterruptReceiverDefinition)field.GetValue(null)!;
        return definition.Trampoline.Code.ToArray();
    }

    private static List<Instruction> Decode(byte[] code, bool stopAtInt3 = true)
    {
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(code));
        var instructions = new List<Instruction>();
        while (decoder.IP < (ulong)code.Length)
        {
            var instruction = decoder.Decode();
            Expect.True(!instruction.IsInvalid, $"valid x86-64 at offset {instruction.IP}");
            if (instruction.Code == Code.Int3)
            {
                if (stopAtInt3)
                {
                    break;
                }

                continue;
            }

            instructions.Add(instruction);
        }

        return instructions;
    }

    // RFC v1's uintrfd_release kills the senders connected through the file (#GP, then #UD: the process dies); the
    // runtime's senders hold their own copy of the fd, so the receiver's close and Dispose cannot reach them
    // (arch/x86/kernel/uintr_fd.c, intel/uintr-linux-kernel 2100ffbe). On uintr-next the close does nothing to senders.
    private static void FdCloseWithLiveSender(ConformanceTarget target)
    {
        var platform = target.Platform();
        SelftestReceiver.Reset();
        UintrReceiver? receiver = null;
        bool connected = false, closed = false, resent = false;
        var receiverThread = platform.StartThread("rx", () =>
        {
            receiver = SelftestReceiver.RegisterUserInterrupts(platform);
            platform.SpinUntil(() => System.Threading.Volatile.Read(ref connected), s_wait);
            Expect.Equal(1, receiver.Wait(UintrWaitMode.Spin, s_wait), "handlers run before the close");
            receiver.GetFd(SelftestReceiver.Vector).Dispose();
            receiver.Dispose();
            System.Threading.Volatile.Write(ref closed, true);
            platform.SpinUntil(() => System.Threading.Volatile.Read(ref resent), s_wait);
        });
        ConformanceTarget.OnThread(platform, "tx", () =>
        {
            platform.SpinUntil(() => System.Threading.Volatile.Read(ref receiver) is not null, s_wait);
            using var sender = platform.RegisterSender(receiver!.GetFd(SelftestReceiver.Vector));
            sender.Send();
            System.Threading.Volatile.Write(ref connected, true);
            platform.SpinUntil(() => System.Threading.Volatile.Read(ref closed), s_wait);

            if (EmulatesSenderFaults(platform))
            {
                // The emulated backend checks the UITT entry in managed code: RFC v1's #GP, as an exception, not a dead process.
                Expect.Fault(UintrFault.GeneralProtection, sender.Send, "SENDUIPI through the released connection (emulated)");
            }
            else
            {
                // The receiver is gone: these sends are dropped, and must not fault.
                sender.Send();
                sender.Send();
            }

            System.Threading.Volatile.Write(ref resent, true);
        });
        receiverThread.Join();
        Expect.Equal(1, SelftestReceiver.Handled, "handler runs");
    }

    // uintr-next keeps a thread's UPID and vectors across registrations and re-sends what is still posted
    // (arch/x86/kernel/uintr.c, fed8dc12): a post to the first receiver must not run (or break) the second one.
    private static void ReregisterOnOneThread(ConformanceTarget target)
    {
        var platform = target.Platform();
        SelftestReceiver.Reset();
        AltVectorSelftestReceiver.Reset();
        UintrFd? fd = null;
        bool disposed = false, sent = false;
        var receiverThread = platform.StartThread("rx", () =>
        {
            var first = SelftestReceiver.RegisterUserInterrupts(platform);
            System.Threading.Volatile.Write(ref fd, first.GetFd(SelftestReceiver.Vector).Duplicate());
            platform.SpinUntil(() => System.Threading.Volatile.Read(ref fd) is null, s_wait);
            first.Dispose();
            System.Threading.Volatile.Write(ref disposed, true);
            platform.SpinUntil(() => System.Threading.Volatile.Read(ref sent), s_wait);

            using var second = AltVectorSelftestReceiver.RegisterUserInterrupts(platform);
            platform.SpinUntil(() => false, TimeSpan.FromMilliseconds(1));
            Expect.Equal(0, second.Poll(), "handlers the stale post ran on the new receiver");
            long stale = target.Abi == KernelAbi.UintrNext && !EmulatesSenderFaults(platform) ? 1 : 0;
            Expect.Equal(stale, second.DroppedUndeclaredVectors, "stale posts dropped (uintr-next keeps the UPID; RFC v1 allocates a new one)");

            using var self = platform.RegisterSender(second.GetFd(AltVectorSelftestReceiver.Vector));
            self.Send();
            Expect.Equal(1, second.Wait(UintrWaitMode.Spin, s_wait), "the new receiver's own vector");
        });
        ConformanceTarget.OnThread(platform, "tx", () =>
        {
            platform.SpinUntil(() => System.Threading.Volatile.Read(ref fd) is not null, s_wait);
            using var sender = platform.RegisterSender(fd!);
            fd!.Dispose();
            System.Threading.Volatile.Write(ref fd, null);
            platform.SpinUntil(() => System.Threading.Volatile.Read(ref disposed), s_wait);
            if (EmulatesSenderFaults(platform))
            {
                Expect.Fault(UintrFault.GeneralProtection, sender.Send, "SENDUIPI to the unregistered receiver (emulated)");
            }
            else
            {
                sender.Send();
            }

            System.Threading.Volatile.Write(ref sent, true);
            receiverThread.Join();
        });
        Expect.Equal(0, SelftestReceiver.Handled, "the first receiver's handler never ran");
        Expect.Equal(1, AltVectorSelftestReceiver.Handled, "the second receiver's handler");
    }

    // The emulated backend keeps RFC v1's connection rules whatever its ABI label (one connection per thread and file,
    // a #GP for a send through a released connection), and reports the fault as an exception instead of a signal.
    private static bool EmulatesSenderFaults(UintrPlatform platform) => platform is Uintr.Emulation.EmulatedPlatform;
}
