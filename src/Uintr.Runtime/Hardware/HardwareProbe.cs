using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Uintr.Hardware;

/// <summary>
/// Finds out, without issuing a single UINTR system call, whether the hardware backend can run
/// (docs/uintr-reference.md section 9): OS, architecture, CPUID bit, the <c>uintr</c> flag the kernel
/// shows in /proc/cpuinfo, then the system calls' symbols in /proc/kallsyms, which also pick the ABI
/// revision. The first missing piece is the reason.
/// </summary>
internal static class HardwareProbe
{
    public const string CpuInfoPath = "/proc/cpuinfo";
    public const string KallsymsPath = "/proc/kallsyms";

    private const uint UintrEdxBit = 5;
    private const uint FlexibleUiretEdxBit = 17;

    // CPU, kernel and symbol table do not change while the process runs: probe (and read kallsyms) once.
    private static readonly Lazy<HardwareSupport> s_live = new(() => Detect(SystemProbeSource.Instance));

    /// <summary>Probes the machine the process runs on (once per process).</summary>
    public static HardwareSupport Detect() => s_live.Value;

    /// <summary>Probes the inputs <paramref name="source"/> gives (recorded ones in tests).</summary>
    public static HardwareSupport Detect(IHardwareProbeSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        bool live = ReferenceEquals(source, SystemProbeSource.Instance);
        string os = source.OperatingSystemDescription;

        if (!source.IsLinux)
        {
            return HardwareSupport.Unavailable(
                HardwareMissingPiece.OperatingSystem,
                $"the operating system is {os}, not Linux: the UINTR system calls exist only in Intel's out-of-tree Linux kernel",
                hasFlexibleUiret: false, cpuDescription: "unknown CPU", os, live);
        }

        if (!source.IsX86_64)
        {
            return HardwareSupport.Unavailable(
                HardwareMissingPiece.Architecture,
                $"the process runs as {source.ProcessArchitecture}, not x86-64: user interrupts exist only in 64-bit mode on x86 CPUs",
                hasFlexibleUiret: false, cpuDescription: "unknown CPU", os, live);
        }

        string cpu = DescribeCpu(source);
        uint maxLeaf = source.CpuId(0, 0).Eax;
        var leaf7 = maxLeaf >= 7 ? source.CpuId(7, 0) : CpuIdResult.Zero;
        bool hasFlexibleUiret = maxLeaf >= 7 && leaf7.Eax >= 1 && IsSet(source.CpuId(7, 1).Edx, FlexibleUiretEdxBit);
        if (!IsSet(leaf7.Edx, UintrEdxBit))
        {
            string detail = maxLeaf >= 7
                ? "CPUID.(EAX=7,ECX=0):EDX[bit 5] = 0"
                : $"its highest CPUID leaf is {maxLeaf}, so CPUID.(EAX=7,ECX=0):EDX[bit 5] is not even defined";
            return HardwareSupport.Unavailable(
                HardwareMissingPiece.CpuFeature,
                $"the CPU ({cpu}) does not support user interrupts: {detail}",
                hasFlexibleUiret, cpu, os, live);
        }

        var cpuInfo = source.ReadFile(CpuInfoPath);
        if (!cpuInfo.IsReadable)
        {
            return HardwareSupport.Unavailable(
                HardwareMissingPiece.KernelEnablement,
                $"the CPU ({cpu}) supports user interrupts (CPUID.(EAX=7,ECX=0):EDX[bit 5] = 1) but {CpuInfoPath} could not be read ({cpuInfo.Error}), so the kernel's enablement cannot be confirmed",
                hasFlexibleUiret, cpu, os, live);
        }

        if (!HasCpuInfoFlag(cpuInfo.Text!, "uintr"))
        {
            return HardwareSupport.Unavailable(
                HardwareMissingPiece.KernelEnablement,
                $"the CPU ({cpu}) supports user interrupts (CPUID.(EAX=7,ECX=0):EDX[bit 5] = 1) but the kernel ({os}) did not enable them: no 'uintr' flag in {CpuInfoPath} (mainline Linux has no UINTR support; Intel's out-of-tree kernel is needed)",
                hasFlexibleUiret, cpu, os, live);
        }

        var kallsyms = source.ReadFile(KallsymsPath);
        if (!kallsyms.IsReadable || string.IsNullOrWhiteSpace(kallsyms.Text))
        {
            string why = kallsyms.IsReadable ? "it is empty" : kallsyms.Error!;
            return HardwareSupport.Unavailable(
                HardwareMissingPiece.SymbolTableUnreadable,
                $"the kernel ({os}) enabled user interrupts ('uintr' in {CpuInfoPath}) but {KallsymsPath} could not be read ({why}), so its UINTR system calls cannot be confirmed and are not called blind",
                hasFlexibleUiret, cpu, os, live);
        }

        return ChooseAbi(FindUintrSyscalls(kallsyms.Text!), hasFlexibleUiret, cpu, os, live);
    }

    private static HardwareSupport ChooseAbi(HashSet<string> syscalls, bool hasFlexibleUiret, string cpu, string os, bool live)
    {
        string prefix = $"the kernel ({os}) enabled user interrupts ('uintr' in {CpuInfoPath}) but";
        string register = UintrSyscallTable.KernelName(KernelAbi.RfcV1, UintrSyscall.RegisterHandler);
        if (!syscalls.Contains(register))
        {
            return HardwareSupport.Unavailable(
                HardwareMissingPiece.KernelSystemCalls,
                $"{prefix} {KallsymsPath} has no UINTR system calls (no sys_{register})",
                hasFlexibleUiret, cpu, os, live);
        }

        bool rfc = syscalls.Contains(UintrSyscallTable.KernelName(KernelAbi.RfcV1, UintrSyscall.CreateFd));
        bool next = syscalls.Contains(UintrSyscallTable.KernelName(KernelAbi.UintrNext, UintrSyscall.CreateFd));
        if (rfc == next)
        {
            string what = rfc ? "both sys_uintr_create_fd and sys_uintr_vector_fd" : "neither sys_uintr_create_fd nor sys_uintr_vector_fd";
            return HardwareSupport.Unavailable(
                HardwareMissingPiece.KernelSystemCalls,
                $"{prefix} {KallsymsPath} has {what}, so the UINTR ABI revision (RFC v1 or uintr-next) cannot be told apart",
                hasFlexibleUiret, cpu, os, live);
        }

        var abi = rfc ? KernelAbi.RfcV1 : KernelAbi.UintrNext;
        var missing = UintrSyscallTable.Required
            .Select(call => UintrSyscallTable.KernelName(abi, call))
            .Where(name => !syscalls.Contains(name))
            .ToList();
        if (missing.Count > 0)
        {
            return HardwareSupport.Unavailable(
                HardwareMissingPiece.KernelSystemCalls,
                $"{prefix} {KallsymsPath} lacks {string.Join(", ", missing.Select(name => "sys_" + name))} of the {HardwareSupport.DescribeAbi(abi)} ABI",
                hasFlexibleUiret, cpu, os, live);
        }

        return HardwareSupport.Available(abi, hasFlexibleUiret, cpu, os, live);
    }

    /// <summary>
    /// The UINTR system-call names in a kallsyms listing. Only names matter: non-root readers see zero
    /// addresses. A call appears as <c>sys_X</c> or wrapped (<c>__x64_sys_X</c>, <c>__se_sys_X</c>, <c>__do_sys_X</c>).
    /// </summary>
    internal static HashSet<string> FindUintrSyscalls(string kallsyms)
    {
        const string marker = "sys_uintr_";
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in kallsyms.AsSpan().EnumerateLines())
        {
            int index = line.IndexOf(marker, StringComparison.Ordinal);
            if (index < 0)
            {
                continue;
            }

            // Lines are "address type name [module]"; the name is the third field.
            var fields = line.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3)
            {
                continue;
            }

            string name = fields[2];
            int at = name.LastIndexOf(marker, StringComparison.Ordinal);
            // Bare "sys_X" or a kernel wrapper prefix such as "__x64_", "__se_", "__do_", "__pfx___x64_".
            if (at < 0 || (at > 0 && !(name.StartsWith("__", StringComparison.Ordinal) && name[at - 1] == '_')))
            {
                continue;
            }

            string call = name[(at + "sys_".Length)..];
            int suffix = call.IndexOf('.');
            found.Add(suffix < 0 ? call : call[..suffix]);
        }

        return found;
    }

    private static bool HasCpuInfoFlag(string cpuInfo, string flag)
    {
        foreach (var line in cpuInfo.AsSpan().EnumerateLines())
        {
            int colon = line.IndexOf(':');
            if (colon < 0 || !line[..colon].Trim().SequenceEqual("flags"))
            {
                continue;
            }

            foreach (var token in line[(colon + 1)..].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (token == flag)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>"brand string, vendor id" from CPUID leaves 0 and 0x80000002-4, for messages.</summary>
    internal static string DescribeCpu(IHardwareProbeSource source)
    {
        var leaf0 = source.CpuId(0, 0);
        string vendor = Ascii(leaf0.Ebx, leaf0.Edx, leaf0.Ecx).Trim();
        string brand = string.Empty;
        if (source.CpuId(0x8000_0000, 0).Eax >= 0x8000_0004)
        {
            var text = new StringBuilder();
            for (uint leaf = 0x8000_0002; leaf <= 0x8000_0004; leaf++)
            {
                var r = source.CpuId(leaf, 0);
                text.Append(Ascii(r.Eax, r.Ebx, r.Ecx, r.Edx));
            }

            brand = string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        vendor = vendor.Length == 0 ? "unknown vendor" : $"vendor {vendor}";
        return brand.Length == 0 ? vendor : $"{brand}, {vendor}";
    }

    private static string Ascii(params uint[] registers)
    {
        var text = new StringBuilder(registers.Length * 4);
        foreach (uint register in registers)
        {
            for (int shift = 0; shift < 32; shift += 8)
            {
                char c = (char)((register >> shift) & 0xFF);
                if (c != '\0')
                {
                    text.Append(c);
                }
            }
        }

        return text.ToString();
    }

    private static bool IsSet(uint value, uint bit) => (value & (1u << (int)bit)) != 0;
}
