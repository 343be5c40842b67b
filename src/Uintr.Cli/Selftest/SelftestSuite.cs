using System;
using System.Collections.Generic;
using Uintr.Simulation.Architecture;

namespace Uintr.Cli.Selftest;

/// <summary>
/// The checks of the kernel's UINTR selftests (tools/testing/selftests/x86/uintr*.c in Intel's tree), ported to run
/// against a backend: handler registration, vector range, flags, senders, SENDUIPI faults, self-IPI, masking,
/// blocking wait and the alternate stack. Public-API checks run on either backend; the raw-syscall and raw-SENDUIPI
/// checks drive the simulator's kernel and CPU model, as the C selftests drive the real ones.
/// </summary>
internal static class SelftestSuite
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<SelftestCheck> Checks { get; } = new SelftestCheck[]
    {
        // ---- Handler registration ---------------------------------------------------------------------------------
        new("register_handler", CheckScope.PublicApi, RegisterHandler),
        new("register_handler_twice_ebusy", CheckScope.PublicApi, RegisterHandlerTwice),
        new("register_handler_null_efault", CheckScope.SimulatedKernel, _ =>
        {
            var bench = new KernelBench();
            Expect.Errno(Errno.EFAULT, bench.Kernel.RegisterHandler(bench.Task(0, "t"), 0, 0), "uintr_register_handler(NULL)");
        }),
        new("unregister_handler_without_handler_einval", CheckScope.SimulatedKernel, _ =>
        {
            var bench = new KernelBench();
            Expect.Errno(Errno.EINVAL, bench.Kernel.UnregisterHandler(bench.Task(0, "t"), 0), "uintr_unregister_handler");
        }),

        // ---- Vectors ----------------------------------------------------------------------------------------------
        new("create_fd_vector_range", CheckScope.SimulatedKernel, _ =>
        {
            var bench = new KernelBench();
            var task = bench.Task(0, "rx");
            Expect.Ok(bench.Kernel.RegisterHandler(task, KernelBench.Handler, 0), "uintr_register_handler");
            Expect.Ok(bench.Kernel.CreateFd(task, 0, 0), "uintr_create_fd(vector 0)");
            Expect.Ok(bench.Kernel.CreateFd(task, 63, 0), "uintr_create_fd(vector 63)");
            Expect.Errno(Errno.ENOSPC, bench.Kernel.CreateFd(task, 64, 0), "uintr_create_fd(vector 64)");
        }),
        new("create_fd_vector_twice_ebusy", CheckScope.SimulatedKernel, _ =>
        {
            var bench = new KernelBench();
            var (task, _) = bench.Receiver(0, 9);
            Expect.Errno(Errno.EBUSY, bench.Kernel.CreateFd(task, 9, 0), "uintr_create_fd(vector 9 again)");
        }),
        new("create_fd_without_handler_einval", CheckScope.SimulatedKernel, _ =>
        {
            var bench = new KernelBench();
            Expect.Errno(Errno.EINVAL, bench.Kernel.CreateFd(bench.Task(0, "t"), 1, 0), "uintr_create_fd");
        }),

        // ---- Flags ------------------------------------------------------------------------------------------------
        new("syscall_flags_einval", CheckScope.SimulatedKernel, _ =>
        {
            var bench = new KernelBench();
            var (task, fd) = bench.Receiver(0, 1);
            Expect.Errno(Errno.EINVAL, bench.Kernel.RegisterHandler(bench.Task(1, "t"), KernelBench.Handler, 1), "uintr_register_handler(flags 1)");
            Expect.Errno(Errno.EINVAL, bench.Kernel.CreateFd(task, 2, 1), "uintr_create_fd(flags 1)");
            Expect.Errno(Errno.EINVAL, bench.Kernel.RegisterSender(task, fd, 4), "uintr_register_sender(flags 4)");
            Expect.Errno(Errno.EINVAL, bench.Kernel.UnregisterHandler(task, 2), "uintr_unregister_handler(flags 2)");
            Expect.Errno(Errno.EINVAL, bench.Kernel.Wait(task, 0, 1), "uintr_wait(flags 1)");
        }),

        // ---- Senders ----------------------------------------------------------------------------------------------
        new("register_sender_twice_eisconn", CheckScope.PublicApi, RegisterSenderTwice),
        new("register_sender_bad_fd_ebadf", CheckScope.SimulatedKernel, _ =>
        {
            var bench = new KernelBench();
            Expect.Errno(Errno.EBADF, bench.Kernel.RegisterSender(bench.Task(0, "tx"), 999, 0), "uintr_register_sender(fd 999)");
        }),
        new("unregister_sender_not_connected_einval", CheckScope.SimulatedKernel, _ =>
        {
            var bench = new KernelBench();
            var (_, fd) = bench.Receiver(0, 4);
            var sender = bench.Task(1, "tx");
            Expect.Errno(Errno.EINVAL, bench.Kernel.UnregisterSender(sender, fd, 0), "uintr_unregister_sender before uintr_register_sender");
            Expect.Ok(bench.Kernel.RegisterSender(sender, fd, 0), "uintr_register_sender");
            Expect.Ok(bench.Kernel.UnregisterSender(sender, fd, 0), "uintr_unregister_sender");
            Expect.Errno(Errno.EINVAL, bench.Kernel.UnregisterSender(sender, fd, 0), "uintr_unregister_sender twice");
        }),
        new("register_sender_after_receiver_exit_eshutdown", CheckScope.SimulatedKernel, _ =>
        {
            var bench = new KernelBench();
            var (receiver, fd) = bench.Receiver(0, 4);
            var sender = bench.Task(1, "tx");
            bench.Kernel.ExitTask(receiver);
            Expect.Errno(Errno.ESHUTDOWN, bench.Kernel.RegisterSender(sender, fd, 0), "uintr_register_sender after the receiver exited");
        }),

        // ---- SENDUIPI faults --------------------------------------------------------------------------------------
        new("senduipi_without_uitt_ud", CheckScope.SimulatorPublicApi, SenduipiWithoutUitt),
        new("senduipi_index_beyond_uittsz_gp", CheckScope.SimulatedKernel, _ =>
        {
            var bench = new KernelBench();
            var (_, fd) = bench.Receiver(0, 4);
            var sender = bench.Task(1, "tx");
            Expect.Ok(bench.Kernel.RegisterSender(sender, fd, 0), "uintr_register_sender");
            var fault = Expect.ArchitecturalFault(UintrFault.GeneralProtection, () => bench.Senduipi(sender, 100_000), "SENDUIPI 100000");
            Expect.True(fault.Reason.Contains("UITTSZ", StringComparison.Ordinal), "the #GP names UITTSZ");
        }),
        new("senduipi_released_entry_gp", CheckScope.SimulatedKernel, _ =>
        {
            var bench = new KernelBench();
            var (_, fd) = bench.Receiver(0, 4);
            var (_, fd2) = bench.Receiver(2, 5);
            var sender = bench.Task(1, "tx");
            int first = (int)Expect.Ok(bench.Kernel.RegisterSender(sender, fd, 0), "uintr_register_sender");
            Expect.Ok(bench.Kernel.RegisterSender(sender, fd2, 0), "uintr_register_sender");
            Expect.Ok(bench.Kernel.ReleaseSenderEntry(sender, first), "uintr_unregister_sender");
            var fault = Expect.ArchitecturalFault(UintrFault.GeneralProtection, () => bench.Senduipi(sender, (ulong)first), "SENDUIPI to a released entry");
            Expect.True(fault.Reason.Contains("not valid", StringComparison.Ordinal), "the #GP names the invalid entry");
        }),

        // ---- Delivery ---------------------------------------------------------------------------------------------
        new("self_ipi", CheckScope.PublicApi, SelfIpi),
        new("fd_close_with_live_sender", CheckScope.PublicApi, FdCloseWithLiveSender),
        new("reregister_on_one_thread", CheckScope.PublicApi, ReregisterOnOneThread),
        new("clui_holds_delivery_until_stui", CheckScope.PublicApi, CluiHoldsDelivery),

        // ---- Blocking wait ----------------------------------------------------------------------------------------
        new("blocking_wait_woken_by_sender", CheckScope.PublicApi, BlockingWaitWoken),
        new("blocking_wait_times_out", CheckScope.PublicApi, BlockingWaitTimesOut),
        new("uintr_wait_without_handler_eopnotsupp", CheckScope.SimulatedKernel, _ =>
        {
            var bench = new KernelBench();
            Expect.Errno(Errno.EOPNOTSUPP, bench.Kernel.Wait(bench.Task(0, "t"), 10, 0), "uintr_wait without a handler");
        }),

        new("uintr_wait_timeout_too_long_einval", CheckScope.SimulatedKernel, _ =>
        {
            // uintr-next bounds the timeout; RFC v1's uintr_wait has none.
            var bench = new KernelBench(KernelAbi.UintrNext);
            var (task, _) = bench.Receiver(0, 1);
            Expect.Errno(Errno.EINVAL, bench.Kernel.Wait(task, Uintr.Simulation.Kernel.KernelConstants.MaxWaitMicroseconds + 1, 0), "uintr_wait(1e9 + 1 us)");
        }),

        // ---- Alternate stack --------------------------------------------------------------------------------------
        new("alt_stack_delivery", CheckScope.PublicApi, AltStackDelivery),
        new("alt_stack_syscall_rules", CheckScope.SimulatedKernel, _ =>
        {
            var rfc = new KernelBench(KernelAbi.RfcV1);
            var (rfcTask, _) = rfc.Receiver(0, 1);
            Expect.Errno(Errno.ENOSYS, rfc.Kernel.AltStack(rfcTask, 0x7000_0000, 4096, 0), "uintr_alt_stack on RFC v1");
            var next = new KernelBench(KernelAbi.UintrNext);
            Expect.Errno(Errno.EOPNOTSUPP, next.Kernel.AltStack(next.Task(0, "t"), 0x7000_0000, 4096, 0), "uintr_alt_stack without a handler");
            var (nextTask, _) = next.Receiver(1, 1);
            Expect.Errno(Errno.EINVAL, next.Kernel.AltStack(nextTask, 0x7000_0000, 4096, 1), "uintr_alt_stack(flags 1)");
        }),
    };

    private static void RegisterHandler(SelftestContext context)
    {
        var platform = context.Platform();
        SelftestContext.OnThread(platform, "rx", () =>
        {
            using var receiver = SelftestReceiver.RegisterUserInterrupts(platform);
            Expect.Equal(1UL << SelftestReceiver.Vector, receiver.Vectors, "registered vectors");
            var fd = receiver.GetFd(SelftestReceiver.Vector);
            Expect.Equal(SelftestReceiver.Vector, fd.Vector, "the fd's vector");
            Expect.True(fd.Number >= 0 && !fd.IsDisposed, "an open uintr fd");
            Expect.True(UserInterrupts.Testui(), "UIF set after registration (TESTUI)");
        });
    }

    private static void RegisterHandlerTwice(SelftestContext context)
    {
        var platform = context.Platform();
        SelftestContext.OnThread(platform, "rx", () =>
        {
            using var receiver = SelftestReceiver.RegisterUserInterrupts(platform);
            Expect.Errno(Errno.EBUSY, () => SecondSelftestReceiver.RegisterUserInterrupts(platform).Dispose(), "a second receiver on the same thread");
        });
    }

    private static void RegisterSenderTwice(SelftestContext context)
    {
        var platform = context.Platform();
        SelftestContext.OnThread(platform, "rx", () =>
        {
            using var receiver = SelftestReceiver.RegisterUserInterrupts(platform);
            using var sender = platform.RegisterSender(receiver.GetFd(SelftestReceiver.Vector));
            if (SelftestContext.AbiOf(platform) == KernelAbi.UintrNext)
            {
                // uintr-next has no EISCONN (its sender-list check is compiled out, arch/x86/kernel/uintr.c fed8dc12).
                using var second = platform.RegisterSender(receiver.GetFd(SelftestReceiver.Vector));
                Expect.True(second.Index != sender.Index, "uintr-next: a second registration is a second UITT entry");
                return;
            }

            Expect.Errno(Errno.EISCONN, () => platform.RegisterSender(receiver.GetFd(SelftestReceiver.Vector)).Dispose(), "the same fd registered twice");
        });
    }

    private static void SenduipiWithoutUitt(SelftestContext context)
    {
        // RFC v1 UITTs are per thread: a thread that never registered a sender has IA32_UINTR_TT[0] = 0, so SENDUIPI is #UD.
        var platform = context.Platform(new SimulatorOptions { KernelAbi = KernelAbi.RfcV1 });
        UintrSender? sender = null;
        bool done = false;
        var receiverThread = platform.StartThread("rx", () =>
        {
            using var receiver = SelftestReceiver.RegisterUserInterrupts(platform);
            sender = platform.RegisterSender(receiver.GetFd(SelftestReceiver.Vector));
            platform.SpinUntil(() => Volatile(ref done));
            sender.Dispose();
        });
        try
        {
            SelftestContext.OnThread(platform, "other", () =>
            {
                platform.SpinUntil(() => sender is not null);
                var fault = Expect.Fault(UintrFault.InvalidOpcode, () => sender!.Send(), "SENDUIPI on a thread without a UITT");
                Expect.Equal("SIGILL", fault.Signal, "the signal Linux would deliver");
            });
        }
        finally
        {
            done = true;
            receiverThread.Join();
        }
    }

    private static void SelfIpi(SelftestContext context)
    {
        var platform = context.Platform();
        SelftestReceiver.Reset();
        SelftestContext.OnThread(platform, "rx", () =>
        {
            using var receiver = SelftestReceiver.RegisterUserInterrupts(platform);
            using var sender = platform.RegisterSender(receiver.GetFd(SelftestReceiver.Vector));
            sender.Send();
            Expect.Equal(1, receiver.Wait(UintrWaitMode.Spin, s_wait), "handlers run by Wait");
            Expect.Equal(1, SelftestReceiver.Handled, "handler runs");
        });
    }

    private static void CluiHoldsDelivery(SelftestContext context)
    {
        var platform = context.Platform();
        SelftestReceiver.Reset();
        SelftestContext.OnThread(platform, "rx", () =>
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

    // RFC v1's uintrfd_release kills the senders connected through the file (#GP, then #UD: the process dies); the
    // runtime's senders hold their own copy of the fd, so the receiver's close and Dispose cannot reach them
    // (arch/x86/kernel/uintr_fd.c, intel/uintr-linux-kernel 2100ffbe). On uintr-next the close does nothing to senders.
    private static void FdCloseWithLiveSender(SelftestContext context)
    {
        var platform = context.Platform();
        SelftestReceiver.Reset();
        UintrReceiver? receiver = null;
        bool connected = false, closed = false, resent = false;
        var receiverThread = platform.StartThread("rx", () =>
        {
            receiver = SelftestReceiver.RegisterUserInterrupts(platform);
            platform.SpinUntil(() => Volatile(ref connected), s_wait);
            Expect.Equal(1, receiver.Wait(UintrWaitMode.Spin, s_wait), "handlers run before the close");
            receiver.GetFd(SelftestReceiver.Vector).Dispose();
            receiver.Dispose();
            closed = true;
            platform.SpinUntil(() => Volatile(ref resent), s_wait);
        });
        SelftestContext.OnThread(platform, "tx", () =>
        {
            platform.SpinUntil(() => Volatile(ref receiver) is not null, s_wait);
            using var sender = platform.RegisterSender(receiver!.GetFd(SelftestReceiver.Vector));
            sender.Send();
            connected = true;
            platform.SpinUntil(() => Volatile(ref closed), s_wait);

            // The receiver is gone: these sends are dropped, and must not fault.
            sender.Send();
            sender.Send();
            resent = true;
        });
        receiverThread.Join();
        Expect.Equal(1, SelftestReceiver.Handled, "handler runs");
    }

    // uintr-next keeps a thread's UPID and vectors across registrations and re-sends what is still posted
    // (arch/x86/kernel/uintr.c, fed8dc12): a post to the first receiver must not run (or break) the second one.
    private static void ReregisterOnOneThread(SelftestContext context)
    {
        var platform = context.Platform();
        SelftestReceiver.Reset();
        AltVectorSelftestReceiver.Reset();
        UintrFd? fd = null;
        bool disposed = false, sent = false;
        var receiverThread = platform.StartThread("rx", () =>
        {
            var first = SelftestReceiver.RegisterUserInterrupts(platform);
            fd = first.GetFd(SelftestReceiver.Vector).Duplicate();
            platform.SpinUntil(() => Volatile(ref fd) is null, s_wait);
            first.Dispose();
            disposed = true;
            platform.SpinUntil(() => Volatile(ref sent), s_wait);

            using var second = AltVectorSelftestReceiver.RegisterUserInterrupts(platform);
            platform.SpinUntil(() => false, TimeSpan.FromMilliseconds(1));
            Expect.Equal(0, second.Poll(), "handlers the stale post ran on the new receiver");
            long stale = SelftestContext.AbiOf(platform) == KernelAbi.UintrNext ? 1 : 0;
            Expect.Equal(stale, second.DroppedUndeclaredVectors, "stale posts dropped (uintr-next keeps the UPID; RFC v1 allocates a new one)");
            using var self = platform.RegisterSender(second.GetFd(AltVectorSelftestReceiver.Vector));
            self.Send();
            Expect.Equal(1, second.Wait(UintrWaitMode.Spin, s_wait), "the new receiver's own vector");
        });
        SelftestContext.OnThread(platform, "tx", () =>
        {
            platform.SpinUntil(() => Volatile(ref fd) is not null, s_wait);
            using var sender = platform.RegisterSender(fd!);
            fd!.Dispose();
            fd = null;
            platform.SpinUntil(() => Volatile(ref disposed), s_wait);
            sender.Send();
            sent = true;
            receiverThread.Join();
        });
        Expect.Equal(0, SelftestReceiver.Handled, "the first receiver's handler never ran");
        Expect.Equal(1, AltVectorSelftestReceiver.Handled, "the second receiver's handler");
    }

    private static void BlockingWaitWoken(SelftestContext context)
    {
        var platform = context.Platform();
        SelftestReceiver.Reset();
        UintrFd? fd = null;
        int handled = -1;
        var receiverThread = platform.StartThread("rx", () =>
        {
            using var receiver = SelftestReceiver.RegisterUserInterrupts(platform);
            fd = receiver.GetFd(SelftestReceiver.Vector);
            handled = receiver.Wait(UintrWaitMode.Block, s_wait);
        });
        SelftestContext.OnThread(platform, "tx", () =>
        {
            platform.SpinUntil(() => fd is not null, s_wait);
            using var sender = platform.RegisterSender(fd!);
            sender.Send();
        });
        receiverThread.Join();
        Expect.Equal(1, handled, "handlers run by Wait(Block)");
        Expect.Equal(1, SelftestReceiver.Handled, "handler runs");
    }

    private static void BlockingWaitTimesOut(SelftestContext context)
    {
        var platform = context.Platform();
        SelftestReceiver.Reset();
        SelftestContext.OnThread(platform, "rx", () =>
        {
            using var receiver = SelftestReceiver.RegisterUserInterrupts(platform);
            Expect.Equal(0, receiver.Wait(UintrWaitMode.Block, TimeSpan.FromMicroseconds(50)), "handlers run by a Wait(Block) that timed out");
            Expect.Equal(0, SelftestReceiver.Handled, "handler runs");
        });
    }

    private static void AltStackDelivery(SelftestContext context)
    {
        var platform = context.Platform(new SimulatorOptions { KernelAbi = KernelAbi.UintrNext });
        if (platform is UintrSimulator { Options.KernelAbi: not KernelAbi.UintrNext })
        {
            throw new CheckSkippedException("the simulator was not built with the uintr-next ABI");
        }

        AltStackSelftestReceiver.Reset();
        try
        {
            SelftestContext.OnThread(platform, "rx", () =>
            {
                using var receiver = AltStackSelftestReceiver.RegisterUserInterrupts(platform);
                using var sender = platform.RegisterSender(receiver.GetFd(AltStackSelftestReceiver.Vector));
                sender.Send();
                Expect.Equal(1, receiver.Wait(UintrWaitMode.Spin, s_wait), "handlers run on the alternate stack");
                Expect.Equal(1, AltStackSelftestReceiver.Handled, "handler runs");
            });
        }
        catch (NotSupportedException e) when (platform is not UintrSimulator)
        {
            throw new CheckSkippedException($"the kernel has no uintr_alt_stack: {e.Message}");
        }

        // The RFC v1 ABI has no uintr_alt_stack: such a receiver is refused before any system call.
        if (platform is UintrSimulator)
        {
            var rfc = UintrPlatform.Simulator(new SimulatorOptions { KernelAbi = KernelAbi.RfcV1 });
            bool refused = false;
            SelftestContext.OnThread(rfc, "rx", () =>
            {
                try
                {
                    AltStackSelftestReceiver.RegisterUserInterrupts(rfc).Dispose();
                }
                catch (NotSupportedException)
                {
                    refused = true;
                }
            });
            Expect.True(refused, "an alternate-stack receiver refused on RFC v1");
        }
    }

    private static bool Volatile(ref bool flag) => System.Threading.Volatile.Read(ref flag);

    private static T? Volatile<T>(ref T? value)
        where T : class => System.Threading.Volatile.Read(ref value);
}
