using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Uintr.Hardware;

namespace Uintr.Runtime.Tests.Hardware;

/// <summary>
/// A kernel that records the calls the hardware backend makes and behaves like Intel's trees where the backend's
/// correctness depends on it, so the backend's logic runs on machines without UINTR. RFC v1 follows
/// arch/x86/kernel/uintr_fd.c and uintr_core.c (intel/uintr-linux-kernel 2100ffbe), uintr-next arch/x86/kernel/uintr.c
/// (fed8dc12): per-thread handlers, files with references (the last close of an RFC v1 file kills its senders' UITT
/// entries), alt stack STACKADJUST = sp | 1, waiting flags, the UPID kept per thread on uintr-next.
/// </summary>
internal sealed class RecordingKernel(KernelAbi abi) : IUintrKernel
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, File> _fds = [];
    private readonly Dictionary<int, ThreadState> _threads = [];
    private readonly Dictionary<int, Entry> _uitt = [];
    private int _nextFd = 100;

    public List<string> Calls { get; } = [];

    /// <summary>What a real process would have died of (a SENDUIPI #GP/#UD, a call with a dead fd): must stay empty.</summary>
    public List<string> Crashes { get; } = [];

    /// <summary>
    /// create_fd makes a real eventfd standing in for the uintr fd (its counter holds the vector), dup and close are
    /// real, and Identify reads /proc: the fds can cross real sockets and processes.
    /// </summary>
    public bool RealFds { get; init; }

    public KernelAbi Abi => abi;

    public bool WaitSupportsTimeout => abi == KernelAbi.UintrNext;

    /// <summary>uintr-next built with CONFIG_X86_UINTR_BLOCKING (the waiting flags and uintr_wait work).</summary>
    public bool BlockingConfigured { get; set; } = true;

    /// <summary>Fails create_fd for this vector with ENOSPC.</summary>
    public int? FailCreateFdFor { get; set; }

    /// <summary>Fails unregister_handler with this errno.</summary>
    public Errno? FailUnregisterHandler { get; set; }

    /// <summary>Runs inside uintr_wait before the kernel decides (for example: a sender posts, the test plays the trampoline).</summary>
    public Action<long>? OnWait { get; set; }

    /// <summary>Runs inside the futex sleep.</summary>
    public Action<long>? OnSleep { get; set; }

    public nint RegisteredHandler { get; private set; }

    /// <summary>The calling thread's IA32_UINTR_STACKADJUST as the kernel programmed it.</summary>
    public ulong StackAdjust => Current().StackAdjust;

    public void RegisterHandler(nint handler, uint flags)
    {
        lock (_gate)
        {
            Calls.Add(flags == 0 ? $"register_handler(0x{handler:x})" : $"register_handler(0x{handler:x}, 0x{flags:x})");
            uint allowed = abi == KernelAbi.UintrNext ? UintrHandlerFlags.WaitingReceiver | UintrHandlerFlags.WaitingSender : 0;
            if ((flags & ~allowed) != 0 || (flags != 0 && !BlockingConfigured))
            {
                throw Fail(UintrSyscall.RegisterHandler, Errno.EINVAL);
            }

            var thread = Current();
            if (thread.Registered)
            {
                throw Fail(UintrSyscall.RegisterHandler, Errno.EBUSY);
            }

            thread.Registered = true;
            thread.Flags = flags;
            thread.StackAdjust = 128;
            if (abi == KernelAbi.RfcV1)
            {
                // RFC v1 allocates a new UPID per registration (alloc_upid in do_uintr_register_handler).
                thread.Upid = new Upid();
                thread.Vectors = 0;
            }
            else
            {
                // uintr-next keeps the thread's UPID, its PIR and its registered vectors (do_uintr_register_handler).
                thread.Upid ??= new Upid();
            }

            thread.Upid.Suppressed = false;
            RegisteredHandler = handler;
        }
    }

    public void UnregisterHandler()
    {
        lock (_gate)
        {
            Calls.Add("unregister_handler");
            if (FailUnregisterHandler is { } errno)
            {
                throw Fail(UintrSyscall.UnregisterHandler, errno);
            }

            var thread = Current();
            if (!thread.Registered)
            {
                throw Fail(UintrSyscall.UnregisterHandler, Errno.EINVAL);
            }

            thread.Registered = false;
            thread.StackAdjust = 0;
            thread.Upid!.Suppressed = true;
            if (abi == KernelAbi.RfcV1)
            {
                thread.Upid.ReceiverActive = false;
            }
        }
    }

    public void AltStack(nint stackTop, ulong size)
    {
        lock (_gate)
        {
            Calls.Add($"alt_stack(0x{stackTop:x}, {size})");
            var thread = Current();
            if (!thread.Registered)
            {
                throw Fail(UintrSyscall.AltStack, Errno.EOPNOTSUPP);
            }

            // do_uintr_alt_stack: sp | 1, the size is ignored; sp = 0 restores the red-zone skip.
            thread.StackAdjust = stackTop != 0 ? (ulong)stackTop | 1 : 128;
        }
    }

    public int CreateFd(int vector)
    {
        lock (_gate)
        {
            if (vector == FailCreateFdFor)
            {
                throw Fail(UintrSyscall.CreateFd, Errno.ENOSPC);
            }

            var thread = Current();
            if (!thread.Registered)
            {
                throw Fail(UintrSyscall.CreateFd, Errno.EINVAL);
            }

            if (abi == KernelAbi.RfcV1 && (thread.Vectors & (1UL << vector)) != 0)
            {
                throw Fail(UintrSyscall.CreateFd, Errno.EBUSY);
            }

            thread.Vectors |= 1UL << vector;
            int fd = RealFds ? Ipc.TestFds.EventFd(Ipc.TestFds.StandInBase + (ulong)vector) : _nextFd++;
            _fds[fd] = new File(vector, thread.Upid!) { References = 1 };
            Calls.Add($"create_fd({vector})={fd}");
            return fd;
        }
    }

    public int RegisterSender(int fd)
    {
        lock (_gate)
        {
            if (Lookup(fd) is not { } file)
            {
                Calls.Add($"register_sender({fd})");
                throw Fail(UintrSyscall.RegisterSender, Errno.EBADF);
            }

            if (!file.Upid.ReceiverActive)
            {
                Calls.Add($"register_sender({fd})");
                throw Fail(UintrSyscall.RegisterSender, Errno.ESHUTDOWN);
            }

            int sender = Environment.CurrentManagedThreadId;
            if (abi == KernelAbi.RfcV1 && file.Senders.Any(e => e.Thread == sender))
            {
                Calls.Add($"register_sender({fd})");
                throw Fail(UintrSyscall.RegisterSender, Errno.EISCONN);
            }

            int index = 5;
            while (_uitt.ContainsKey(index))
            {
                index++;
            }

            var entry = new Entry(index, sender, file);
            _uitt[index] = entry;
            file.Senders.Add(entry);
            Calls.Add($"register_sender({fd})={index}");
            return index;
        }
    }

    public void UnregisterSender(int fd, int index)
    {
        lock (_gate)
        {
            Calls.Add(abi == KernelAbi.RfcV1 ? $"unregister_sender(fd {fd})" : $"unregister_sender(index {index})");
            if (abi == KernelAbi.RfcV1)
            {
                if (!_fds.TryGetValue(fd, out var file))
                {
                    Crashes.Add($"uintr_unregister_sender({fd}) with a closed fd");
                    throw Fail(UintrSyscall.UnregisterSender, Errno.EBADF);
                }

                var entry = file.Senders.FirstOrDefault(e => e.Thread == Environment.CurrentManagedThreadId)
                    ?? throw Fail(UintrSyscall.UnregisterSender, Errno.EINVAL);
                file.Senders.Remove(entry);
                _uitt.Remove(entry.Index);
                return;
            }

            if (!_uitt.Remove(index, out var connected))
            {
                throw Fail(UintrSyscall.UnregisterSender, Errno.EINVAL);
            }

            connected.File.Senders.Remove(connected);
        }
    }

    public unsafe bool Wait(ulong* pendingWord, long microseconds)
    {
        if (*pendingWord != 0)
        {
            // The wait window: a vector pending before SYSCALL ends the wait without entering the kernel.
            lock (_gate)
            {
                Calls.Add("wait aborted (pending)");
            }

            return true;
        }

        bool wakes;
        lock (_gate)
        {
            Calls.Add($"wait({microseconds})");
            if (abi == KernelAbi.UintrNext && !BlockingConfigured)
            {
                throw Fail(UintrSyscall.Wait, Errno.ENOSYS);
            }

            // RFC v1 always redirects a waiting receiver's notifications to the kernel; uintr-next only with a waiting flag.
            var thread = Current();
            wakes = abi == KernelAbi.RfcV1 || (thread.Flags & UintrHandlerFlags.WaitingReceiver) != 0;
        }

        OnWait?.Invoke(microseconds);
        if (*pendingWord != 0 && wakes)
        {
            return true;
        }

        lock (_gate)
        {
            Calls.Add(*pendingWord != 0 ? "wait slept through the interrupt (SN set)" : "wait timed out");
        }

        return false;
    }

    public unsafe void Sleep(ulong* pendingWord, long microseconds)
    {
        lock (_gate)
        {
            Calls.Add(*pendingWord != 0 ? "sleep aborted (pending)" : $"sleep({microseconds})");
        }

        if (*pendingWord == 0)
        {
            OnSleep?.Invoke(microseconds);
        }
    }

    public int Duplicate(int fd)
    {
        lock (_gate)
        {
            if (Lookup(fd) is not { } file)
            {
                throw new System.IO.IOException($"dup({fd}) failed with errno 9");
            }

            int copy = RealFds ? Ipc.TestFds.Dup(fd) : _nextFd++;
            file.References++;
            _fds[copy] = file;
            Calls.Add($"dup({fd})={copy}");
            return copy;
        }
    }

    public void Close(int fd)
    {
        lock (_gate)
        {
            Calls.Add($"close({fd})");
            if (RealFds)
            {
                Ipc.TestFds.Close(fd);
            }

            if (!_fds.Remove(fd, out var file) || --file.References > 0)
            {
                return;
            }

            // The last reference: uintrfd_release (RFC v1) unregisters every connected sender and marks its UITT entry
            // invalid; uvecfd_release (uintr-next) only drops a UPID reference and the vector stays registered.
            if (abi == KernelAbi.RfcV1)
            {
                foreach (var entry in file.Senders)
                {
                    entry.Valid = false;
                }

                file.Senders.Clear();
                file.Upid.Pir &= ~(1UL << file.Vector);
            }
        }
    }

    /// <summary>With real fds: a stand-in eventfd is a uintr fd of the vector its counter holds; anything else is what /proc says.</summary>
    public Uintr.Ipc.FdIdentity Identify(int fd)
    {
        Calls.Add($"identify({fd})");
        if (!RealFds)
        {
            return new(null, "a fake fd");
        }

        string target = Uintr.Ipc.ProcFdInspector.LinkTarget(fd) ?? throw new UintrException(Errno.EBADF, "readlink", $"fd {fd} is not open");
        return target == "anon_inode:[eventfd]" && Ipc.TestFds.Counter(fd) is >= Ipc.TestFds.StandInBase and < Ipc.TestFds.StandInBase + 64 and var count
            ? new((int)(count - Ipc.TestFds.StandInBase), "a stand-in uintr fd")
            : new(null, target);
    }

    // With real fds, an fd that arrived over a real socket has a number of its own: it is a new reference to the
    // stand-in's file (found by its vector, as /proc identifies it).
    private File? Lookup(int fd)
    {
        if (_fds.TryGetValue(fd, out var file))
        {
            return file;
        }

        if (RealFds && Identify(fd).Vector is int vector && _fds.Values.FirstOrDefault(f => f.Vector == vector) is { } original)
        {
            original.References++;
            _fds[fd] = original;
            return original;
        }

        return null;
    }

    /// <summary>SENDUIPI by the calling thread: validates the entry as the CPU would, then posts into the target UPID.</summary>
    public void Send(ulong index)
    {
        lock (_gate)
        {
            if (!_uitt.TryGetValue((int)index, out var entry) || !entry.Valid)
            {
                Crashes.Add($"senduipi {index}: #GP (invalid UITT entry) - SIGSEGV, the process dies");
                throw new InvalidOperationException($"The process would have died: SENDUIPI {index} on an invalid UITT entry (#GP).");
            }

            entry.File.Upid.Pir |= 1UL << entry.File.Vector;
        }
    }

    /// <summary>
    /// Returns and clears what the calling thread's UPID holds: what switch_uintr_return re-sends to it on the next
    /// return to user space (the test then plays the trampoline with it).
    /// </summary>
    public ulong TakePosted()
    {
        lock (_gate)
        {
            var upid = Current().Upid;
            if (upid is null || upid.Suppressed)
            {
                return 0;
            }

            ulong posted = upid.Pir;
            upid.Pir = 0;
            return posted;
        }
    }

    private ThreadState Current()
    {
        int id = Environment.CurrentManagedThreadId;
        if (!_threads.TryGetValue(id, out var state))
        {
            state = new ThreadState();
            _threads[id] = state;
        }

        return state;
    }

    private UintrException Fail(UintrSyscall call, Errno errno) => UintrSyscallErrors.ToException(abi, call, (int)errno);

    private sealed class ThreadState
    {
        public bool Registered;
        public uint Flags;
        public ulong StackAdjust;
        public ulong Vectors;
        public Upid? Upid;
    }

    private sealed class Upid
    {
        public ulong Pir;
        public bool Suppressed;
        public bool ReceiverActive = true;
    }

    private sealed class File(int vector, Upid upid)
    {
        public int Vector { get; } = vector;

        public Upid Upid { get; } = upid;

        public int References { get; set; }

        public List<Entry> Senders { get; } = [];
    }

    private sealed class Entry(int index, int thread, File file)
    {
        public int Index { get; } = index;

        public int Thread { get; } = thread;

        public File File { get; } = file;

        public bool Valid { get; set; } = true;
    }
}
