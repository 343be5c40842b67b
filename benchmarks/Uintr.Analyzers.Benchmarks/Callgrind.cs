using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace Uintr.Analyzers.Benchmarks;

/// <summary>
/// Instruction counts from Valgrind's Callgrind, which do not depend on what else the machine runs (CPU time does
/// here: the virtual machine charges the time its CPUs were taken away to whatever process was running). Callgrind is
/// driven with client requests (valgrind.h: on amd64, RAX points at the request and its five arguments, RDX carries
/// the result, and a fixed sequence of <c>rol rdi</c> followed by <c>xchg rbx,rbx</c> marks the request; outside
/// Valgrind the sequence does nothing and the default is returned). The requests are those of callgrind.h, numbered
/// from <c>VG_USERREQ_TOOL_BASE('C','T')</c>: dump statistics, zero statistics, (toggle collection, dump at,) start
/// instrumentation, stop instrumentation. Run with <c>--instr-atstart=no</c>: start-up, JIT and warm-up then run
/// uninstrumented (several times faster), and only the measured calls are instrumented and counted.
/// </summary>
internal static unsafe class Callgrind
{
    private const ulong RunningOnValgrindRequest = 0x1001;
    private const ulong ToolBase = ((ulong)'C' << 24) | ((ulong)'T' << 16);
    private const ulong DumpStatsRequest = ToolBase;
    private const ulong ZeroStatsRequest = ToolBase + 1;
    private const ulong StartInstrumentationRequest = ToolBase + 4;
    private const ulong StopInstrumentationRequest = ToolBase + 5;

    private static readonly delegate* unmanaged<ulong*, ulong, ulong> s_request = RequestStub();

    public static bool IsRunning => Request(RunningOnValgrindRequest) != 0;

    /// <summary>Instructions executed by the whole process while <paramref name="action"/> ran (dumped to <paramref name="dumpPrefix"/>.n and read back).</summary>
    public static long Instructions(Action action, string dumpPrefix, bool keepDump = false)
    {
        Request(StartInstrumentationRequest);
        Request(ZeroStatsRequest);
        action();
        Request(DumpStatsRequest);
        Request(StopInstrumentationRequest);
        return ReadLatestDump(dumpPrefix, keepDump);
    }

    private static ulong Request(ulong request)
    {
        ulong* words = stackalloc ulong[6];
        words[0] = request;
        for (int i = 1; i < 6; i++)
        {
            words[i] = 0;
        }

        return s_request(words, 0);
    }

    // (ulong* request, ulong default) -> result: the client-request sequence in an executable page of its own.
    private static delegate* unmanaged<ulong*, ulong, ulong> RequestStub()
    {
        byte[] code =
        {
            0x48, 0x89, 0xF8,       // mov rax, rdi   (the request)
            0x48, 0x89, 0xF2,       // mov rdx, rsi   (the default)
            0x48, 0xC1, 0xC7, 0x03, // rol rdi, 3
            0x48, 0xC1, 0xC7, 0x0D, // rol rdi, 13
            0x48, 0xC1, 0xC7, 0x3D, // rol rdi, 61
            0x48, 0xC1, 0xC7, 0x33, // rol rdi, 51   (128 in all: rdi unchanged)
            0x48, 0x87, 0xDB,       // xchg rbx, rbx (the marker)
            0x48, 0x89, 0xD0,       // mov rax, rdx   (the result)
            0xC3,                   // ret
        };
        IntPtr page = mmap(IntPtr.Zero, 4096, 0x7 /* read, write, execute */, 0x22 /* private, anonymous */, -1, 0);
        if (page == new IntPtr(-1))
        {
            throw new InvalidOperationException("mmap failed for the client-request stub");
        }

        Marshal.Copy(code, 0, page, code.Length);
        return (delegate* unmanaged<ulong*, ulong, ulong>)page;
    }

    [DllImport("libc")]
    private static extern IntPtr mmap(IntPtr address, nuint length, int protection, int flags, int fd, long offset);

    // Callgrind writes the n-th dump to <prefix>.<n>; its "totals:" (or "summary:") line is the count since zeroing.
    private static long ReadLatestDump(string dumpPrefix, bool keepDump)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(dumpPrefix))!;
        string prefix = Path.GetFileName(dumpPrefix) + ".";
        // Only <prefix>.<n>: the pattern "out.*" also matches "out" itself (the final dump, written at exit).
        string latest = Directory.GetFiles(directory, prefix + "*")
            .Select(path => Path.GetFileName(path) is var name && name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(name.Substring(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? (Path: path, Number: n) : (Path: path, Number: -1))
            .Where(dump => dump.Number >= 0)
            .OrderByDescending(dump => dump.Number)
            .Select(dump => dump.Path)
            .FirstOrDefault() ?? throw new InvalidOperationException("No Callgrind dump " + dumpPrefix + ".<n>: give the --callgrind-out-file prefix.");
        foreach (string line in File.ReadLines(latest))
        {
            if (line.StartsWith("totals:", StringComparison.Ordinal) || line.StartsWith("summary:", StringComparison.Ordinal))
            {
                long total = long.Parse(line.Substring(line.IndexOf(':') + 1).Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                if (!keepDump)
                {
                    File.Delete(latest);
                }

                return total;
            }
        }

        throw new InvalidOperationException(latest + " has no totals line");
    }
}
