using System.Linq;
using Uintr.Hardware;

namespace Uintr.Runtime.Tests.Hardware;

/// <summary>The machines of the probe matrix.</summary>
internal static class RecordedMachines
{
    private const string BaseFlags = "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ht syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology cpuid pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm avx2 bmi1 bmi2 erms invpcid";

    public static string CpuInfo(string model, bool uintrFlag) =>
        $"processor\t: 0\nvendor_id\t: x\nmodel name\t: {model}\nflags\t\t: {BaseFlags}{(uintrFlag ? " uintr" : string.Empty)} md_clear\n\n" +
        $"processor\t: 1\nmodel name\t: {model}\nflags\t\t: {BaseFlags}{(uintrFlag ? " uintr" : string.Empty)} md_clear\n";

    /// <summary>Mainline kallsyms: futex_waitv holds 449; no UINTR symbols. Zero addresses as a non-root reader sees them.</summary>
    public const string MainlineKallsyms =
        "0000000000000000 T _text\n0000000000000000 t __do_sys_futex_waitv\n0000000000000000 T __x64_sys_futex_waitv\n0000000000000000 T __x64_sys_io_uring_setup\n0000000000000000 t uintr_unrelated_helper\n";

    public static string UintrKallsyms(params string[] calls) =>
        MainlineKallsyms + string.Concat(calls.Select(call =>
            $"0000000000000000 t __do_sys_{call}\n0000000000000000 T __x64_sys_{call}\n0000000000000000 T __ia32_sys_{call}\n"));

    public static readonly string[] RfcV1Calls =
        ["uintr_register_handler", "uintr_unregister_handler", "uintr_create_fd", "uintr_register_sender", "uintr_unregister_sender", "uintr_wait"];

    public static readonly string[] UintrNextCalls =
        ["uintr_register_handler", "uintr_unregister_handler", "uintr_vector_fd", "uintr_register_sender", "uintr_unregister_sender", "uintr_wait", "uintr_register_self", "uintr_alt_stack", "uintr_ipi_fd"];

    public static RecordedProbeSource AmdEpycMainline() => new RecordedProbeSource()
        .WithCpu("AuthenticAMD", "AMD EPYC 9654 96-Core Processor", uintr: false)
        .WithFile(HardwareProbe.CpuInfoPath, CpuInfo("AMD EPYC 9654 96-Core Processor", uintrFlag: false))
        .WithFile(HardwareProbe.KallsymsPath, MainlineKallsyms);

    public static RecordedProbeSource IntelWithoutUintr() => new RecordedProbeSource()
        .WithCpu("GenuineIntel", "Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz", uintr: false)
        .WithFile(HardwareProbe.CpuInfoPath, CpuInfo("Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz", uintrFlag: false))
        .WithFile(HardwareProbe.KallsymsPath, MainlineKallsyms);

    public static RecordedProbeSource SapphireRapids(bool uintrFlag, string kallsyms) => new RecordedProbeSource { OperatingSystemDescription = "Linux 6.0.0-uintr" }
        .WithCpu("GenuineIntel", "Intel(R) Xeon(R) Gold 5420+", uintr: true)
        .WithFile(HardwareProbe.CpuInfoPath, CpuInfo("Intel(R) Xeon(R) Gold 5420+", uintrFlag))
        .WithFile(HardwareProbe.KallsymsPath, kallsyms);
}
