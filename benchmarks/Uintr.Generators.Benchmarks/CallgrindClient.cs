using System;
using System.Runtime.InteropServices;

namespace Uintr.Generators.Benchmarks;

/// <summary>
/// Valgrind client requests from managed code, so the instruction-count report can switch Callgrind's counting on and
/// off around one operation and dump the count. A client request is a no-op instruction sequence that Valgrind's JIT
/// recognises (valgrind.h, <c>VALGRIND_DO_CLIENT_REQUEST_EXPR</c> for amd64): RAX points at six 64-bit words (request
/// code, five arguments), RDX holds the value to return when not running under Valgrind, and the result comes back in
/// RDX. The sequence is written once into an executable page and called through a function pointer; outside Valgrind
/// it returns the default, 0.
/// </summary>
internal static unsafe partial class CallgrindClient
{
    private const ulong RunningOnValgrind = 0x1001;

    // VG_USERREQ_TOOL_BASE('C','T') in callgrind.h, followed by the tool's requests in declaration order.
    private const ulong CallgrindBase = (ulong)'C' << 24 | (ulong)'T' << 16;
    private const ulong ZeroStats = CallgrindBase + 1;
    private const ulong ToggleCollect = CallgrindBase + 2;
    private const ulong DumpStatsAt = CallgrindBase + 3;
    private const ulong StartInstrumentationRequest = CallgrindBase + 4;
    private const ulong StopInstrumentationRequest = CallgrindBase + 5;

    private static readonly delegate* unmanaged<ulong*, ulong> s_request = CreateStub();

    /// <summary>Whether this process runs under Valgrind.</summary>
    public static bool IsRunningOnValgrind => Request(RunningOnValgrind) != 0;

    /// <summary>Resets every cost counter to zero.</summary>
    public static void Zero() => Request(ZeroStats);

    /// <summary>Switches counting on or off for the calling thread (start the process with <c>--collect-atstart=no</c>).</summary>
    public static void Toggle() => Request(ToggleCollect);

    /// <summary>Starts instrumenting code (start the process with <c>--instr-atstart=no</c>: until then it runs several times faster, uncounted).</summary>
    public static void StartInstrumentation() => Request(StartInstrumentationRequest);

    /// <summary>Stops instrumenting code.</summary>
    public static void StopInstrumentation() => Request(StopInstrumentationRequest);

    /// <summary>Writes the counts since the last zeroing or dump to a new dump file, labelled <paramref name="reason"/>.</summary>
    public static void Dump(string reason)
    {
        IntPtr text = Marshal.StringToCoTaskMemUTF8(reason);
        try
        {
            Request(DumpStatsAt, (ulong)text);
        }
        finally
        {
            Marshal.FreeCoTaskMem(text);
        }
    }

    private static ulong Request(ulong code, ulong argument = 0)
    {
        ulong* words = stackalloc ulong[6];
        words[0] = code;
        words[1] = argument;
        words[2] = words[3] = words[4] = words[5] = 0;
        return s_request(words);
    }

    private static delegate* unmanaged<ulong*, ulong> CreateStub()
    {
        byte[] code =
        [
            0x48, 0x89, 0xF8,       // mov rax,rdi      (the request words)
            0x31, 0xD2,             // xor edx,edx      (the result outside Valgrind)
            0x48, 0xC1, 0xC7, 0x03, // rol rdi,3
            0x48, 0xC1, 0xC7, 0x0D, // rol rdi,0Dh
            0x48, 0xC1, 0xC7, 0x3D, // rol rdi,3Dh
            0x48, 0xC1, 0xC7, 0x33, // rol rdi,33h      (the four rotations add up to 128: RDI is unchanged)
            0x48, 0x87, 0xDB,       // xchg rbx,rbx     (the request marker)
            0x48, 0x89, 0xD0,       // mov rax,rdx
            0xC3,                   // ret
        ];
        const int protReadWriteExec = 0x1 | 0x2 | 0x4;
        const int mapPrivateAnonymous = 0x02 | 0x20;
        IntPtr page = Mmap(IntPtr.Zero, 4096, protReadWriteExec, mapPrivateAnonymous, -1, 0);
        if (page == new IntPtr(-1))
        {
            throw new InvalidOperationException("mmap of the client-request stub failed.");
        }

        Marshal.Copy(code, 0, page, code.Length);
        return (delegate* unmanaged<ulong*, ulong>)page;
    }

    [LibraryImport("libc", EntryPoint = "mmap")]
    private static partial IntPtr Mmap(IntPtr address, nuint length, int protection, int flags, int fd, long offset);
}
