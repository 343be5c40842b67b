namespace Uintr.Simulation.Timing;

/// <summary>
/// Cycle costs of the Linux kernel paths the baseline IPC mechanisms go through, for Sapphire Rapids at 2.0 GHz
/// (turbo off; 1 ns = 2 cycles). Each figure names its source. Figures marked "estimate" are ours: they come from
/// what the kernel code path does (locks, cache-line transfers, allocations) and from the published figure named
/// next to them, never from the RFC's ping-pong ratios, which are the validation target (docs/simulator-timing.md).
/// </summary>
/// <remarks>
/// Costs are the time the path adds to a ping-pong's critical path on an otherwise idle two-core machine, with warm
/// caches, no KPTI (Sapphire Rapids is not affected by Meltdown) and no audit rules.
/// </remarks>
internal sealed record KernelTiming
{
    /// <summary>The Sapphire Rapids model at 2.0 GHz.</summary>
    public static KernelTiming SapphireRapids { get; } = new();

    // ---- System calls -------------------------------------------------------------------------------------------

    /// <summary>
    /// SYSCALL to the handler: entry, register save, dispatch. Estimate: half of a null syscall of about 100 ns
    /// (200 cycles; the same figure as <see cref="UintrTiming.SyscallCycles"/>). Published reference: getpid() took
    /// 191 ns on Skylake-X with KPTI and 37 audit rules (Oracle Linux blog "Syscall latency... and some uses of
    /// speculative execution", Sept 2023); Sapphire Rapids needs no KPTI page-table switch, hence lower.
    /// </summary>
    public long SyscallEntryCycles { get; init; } = 100;

    /// <summary>Handler back to user mode: exit work check, register restore, SYSRET. Estimate: the other half of the 100 ns null syscall.</summary>
    public long SyscallExitCycles { get; init; } = 100;

    /// <summary>
    /// Copy of a small (at most 8-byte) message between user and kernel (copy_from_user / copy_to_user with STAC/CLAC
    /// and access_ok). Estimate: a few loads and stores plus the two serializing-free SMAP toggles.
    /// </summary>
    public long SmallUserCopyCycles { get; init; } = 40;

    // ---- Scheduler ----------------------------------------------------------------------------------------------

    /// <summary>
    /// try_to_wake_up on the waker's CPU for a task blocked on another, idle CPU: p->pi_lock, select_task_rq_fair,
    /// queueing on the remote CPU's wake list (or the remote enqueue under its rq lock, kernels before 5.16) and
    /// setting TIF_NEED_RESCHED. Estimate: about 400 ns of lock and cache-line traffic (two or three cross-core line
    /// transfers of about 100-200 cycles each plus the fair-class placement code).
    /// No IPI is sent: an idle x86 CPU in MWAIT monitors its thread flags (mwait_idle_with_hints sets TIF_POLLING_NRFLAG),
    /// so set_nr_if_polling wakes it with a store (kernel/sched/core.c, send_call_function_single_ipi).
    /// </summary>
    public long TryToWakeUpCycles { get; init; } = 800;

    /// <summary>
    /// Enqueue of the woken task on its CPU: sched_ttwu_pending / ttwu_do_activate, enqueue_task_fair,
    /// update_load_avg, check_preempt_curr. Estimate: 250 ns.
    /// </summary>
    public long EnqueueTaskCycles { get; init; } = 500;

    /// <summary>
    /// __schedule() choosing the next task: rq lock, put_prev_task, pick_next_task_fair, accounting. Estimate: 300 ns.
    /// </summary>
    public long ScheduleCycles { get; init; } = 600;

    /// <summary>
    /// context_switch() between two tasks of the same address space, or from the idle task back to the task whose mm
    /// it borrowed lazily (no CR3 write): switch_to, stack and segment state, membarrier and rseq hooks. Estimate:
    /// 300 ns. Published reference: about 1.07 us per switch for two threads in a pipe ping-pong on one core (Linux 6.6,
    /// 11th-gen Core i7; ddumbying.vercel.app "Context switch overhead"), which also contains the two pipe syscalls and
    /// the wake-up this model charges separately.
    /// </summary>
    public long ContextSwitchCycles { get; init; } = 600;

    /// <summary>
    /// Extra cost of a switch that changes address space (CR3 write with PCID, TLB refills afterwards). Estimate from
    /// the same measurement: process switches cost about 2.41 us against 1.07 us for threads, a difference of 1.34 us.
    /// Not on the two-core ping-pong's critical path: each core alternates between one task and the idle task, which
    /// keeps that task's mm lazily.
    /// </summary>
    public long AddressSpaceSwitchCycles { get; init; } = 2680;

    /// <summary>
    /// Restoring the user FPU/vector state before returning to a task that was switched out (XRSTOR under
    /// TIF_NEED_FPU_LOAD). Source: docs/uintr-reference.md section 10, XRSTOR latency 37 cycles (LLVM SPR model).
    /// </summary>
    public long FpuRestoreCycles { get; init; } = 37;

    // ---- Idle ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// Leaving C1 (MWAIT 0x00) when a wake-up store or an interrupt arrives. Source: Linux drivers/idle/intel_idle.c,
    /// spr_cstates: C1 exit_latency = 1 us (measured with Intel's wult tool). C1 is what the menu governor picks for
    /// idle periods of a few microseconds (C1E needs 4 us of target residency, C6 800 us).
    /// </summary>
    public long IdleExitCycles { get; init; } = 2000;

    // ---- Interrupts ---------------------------------------------------------------------------------------------

    /// <summary>Kernel IPI send (apic send_IPI). Source: Skyloft artifact (SOSP 2024), Xeon Gold 5418Y at 2.0 GHz: 437 cycles.</summary>
    public long KernelIpiSendCycles { get; init; } = 437;

    /// <summary>Kernel IPI receive path (interrupt entry, handler, EOI, exit). Source: Skyloft artifact, same machine: 1582 cycles.</summary>
    public long KernelIpiReceiveCycles { get; init; } = 1582;

    // ---- Futex --------------------------------------------------------------------------------------------------

    /// <summary>FUTEX_WAKE without the wake-up itself: get_futex_key, hash bucket lock, walk and dequeue the waiter (mark_wake_futex). Estimate: 150 ns.</summary>
    public long FutexWakeCycles { get; init; } = 300;

    /// <summary>FUTEX_WAIT after the wake-up: the woken waiter leaves futex_wait_queue, checks it was dequeued, returns. Estimate: 75 ns.</summary>
    public long FutexWaitReturnCycles { get; init; } = 150;

    // ---- eventfd ------------------------------------------------------------------------------------------------

    /// <summary>eventfd_write: ctx->wqh spin lock, add to the counter, wake_up_locked_poll (without the wake-up itself). Estimate: 100 ns.</summary>
    public long EventfdWriteCycles { get; init; } = 200;

    /// <summary>eventfd_read after the wake-up: lock, read and reset the counter, wake writers' queue check. Estimate: 100 ns.</summary>
    public long EventfdReadCycles { get; init; } = 200;

    // ---- Pipe ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// pipe_write of one byte: pipe->mutex, merge into or take a buffer slot (page already allocated), file_update_time,
    /// wake_up_interruptible_sync_poll and kill_fasync (without the wake-up itself). Estimate: 250 ns.
    /// </summary>
    public long PipeWriteCycles { get; init; } = 500;

    /// <summary>pipe_read of one byte after the wake-up: pipe->mutex, copy out of the slot, release the buffer, touch_atime. Estimate: 200 ns.</summary>
    public long PipeReadCycles { get; init; } = 400;

    // ---- Unix domain socket (SOCK_STREAM) -----------------------------------------------------------------------

    /// <summary>
    /// unix_stream_sendmsg of one byte: scm_send, sock_alloc_send_pskb (an sk_buff from its slab plus data), unix_state_lock
    /// of the peer, skb_queue_tail, sk_data_ready (without the wake-up itself), security hooks. Estimate: 750 ns;
    /// the sk_buff allocation alone is two slab allocations.
    /// </summary>
    public long UnixStreamSendCycles { get; init; } = 1500;

    /// <summary>
    /// unix_stream_read_generic of one byte after the wake-up: socket lock, skb_peek, copy, scm_recv, unlink and
    /// consume_skb (two slab frees). Estimate: 500 ns.
    /// </summary>
    public long UnixStreamReceiveCycles { get; init; } = 1000;

    // ---- Signals ------------------------------------------------------------------------------------------------

    /// <summary>
    /// Signal generation in tgkill: find the task, __send_signal (sigqueue allocation, siginfo, pending set under
    /// sighand->siglock), complete_signal and signal_wake_up (without the wake-up itself). Estimate: 300 ns.
    /// </summary>
    public long SignalGenerationCycles { get; init; } = 600;

    /// <summary>
    /// Delivery on the way back to user mode: get_signal (dequeue under siglock) and setup_rt_frame (XSAVE of the
    /// extended state to the user stack, about 2.7 KiB with AVX-512 on Sapphire Rapids, siginfo and ucontext).
    /// Estimate: 500 ns.
    /// </summary>
    public long SignalFrameSetupCycles { get; init; } = 1000;

    /// <summary>
    /// rt_sigtimedwait (sigwait) after the wake-up, without its syscall entry/exit: dequeue_signal under siglock,
    /// restore the blocked mask, copy the 128-byte siginfo out. Estimate: 200 ns.
    /// </summary>
    public long SigtimedwaitReturnCycles { get; init; } = 400;

    /// <summary>A signal handler that only stores a flag. Estimate: a few instructions and the return into the sigreturn trampoline.</summary>
    public long SignalHandlerCycles { get; init; } = 50;

    /// <summary>rt_sigreturn without its syscall entry/exit: restore_sigcontext, XRSTOR of the frame, sigprocmask restore. Estimate: 300 ns.</summary>
    public long SigreturnCycles { get; init; } = 600;

    /// <summary>
    /// One signal to a running receiver, end to end (generation, IPI, delivery, handler, sigreturn). Source: xUI paper
    /// (ASPLOS 2025), section 2, as summarized in docs/uintr-reference.md section 10 and by the Dangling Pointers review of the
    /// paper ("each of these signals costs about 2.4 microseconds"). Used only as a cross-check of the components above,
    /// never as a component.
    /// </summary>
    public long PublishedSignalCycles { get; init; } = 4800;

    // ---- UINTR kernel paths -------------------------------------------------------------------------------------

    /// <summary>
    /// switch_uintr_return, the UINTR work on return to user space after a switch-in (intel/uintr-linux-kernel
    /// arch/x86/kernel/uintr_core.c at 2100ffbe): RDMSR of MISC (and WRMSR if UINV is 0), the NDST write, a locked clear
    /// of SN, a read of PIR and, when it is not 0, an x2APIC self-IPI with the notification vector (a WRMSR); the fold
    /// itself is the hardware's notification processing of that IPI. Estimate: two locked UPID accesses (about 20 cycles
    /// each, uops.info) plus two MSR accesses of about 100 cycles each.
    /// </summary>
    public long UintrReturnToUserCycles { get; init; } = 250;

    /// <summary>
    /// hrtimer_cancel of the sleeper the RFC-v1-era uintr_wait arms for its 100 us time-out, when the wait ends early
    /// (uintr_receiver_wait, intel/uintr-linux-kernel arch/x86/kernel/uintr_core.c at 2100ffbe): the timer base lock, the
    /// rb-tree erase and, as it was the CPU's next event, the clock-event reprogram (a WRMSR of IA32_TSC_DEADLINE).
    /// Estimate: 100 ns.
    /// </summary>
    public long HrtimerCancelCycles { get; init; } = 200;

    /// <summary>
    /// uintr_wake_up_process, the 0xEB handler's body without the wake-up itself (uintr_core.c at 2100ffbe): the global
    /// uintr_wait_lock (a line both threads' waits write, so it comes from the other core), the walk of the wait list,
    /// test ON, set SN, write NV back to the notification vector. Estimate: one cross-core line transfer and a few
    /// locked operations, 75 ns.
    /// </summary>
    public long UintrWakeScanCycles { get; init; } = 150;
}
