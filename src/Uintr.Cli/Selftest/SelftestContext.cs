using System;

namespace Uintr.Cli.Selftest;

/// <summary>What a check runs against: fresh simulators, or the one hardware or emulated platform.</summary>
internal sealed class SelftestContext
{
    private readonly UintrPlatform? _platform;

    private SelftestContext(SelftestBackend backend, UintrPlatform? platform)
    {
        Backend = backend;
        _platform = platform;
    }

    public SelftestBackend Backend { get; }

    public static SelftestContext Simulator() => new(SelftestBackend.Simulator, null);

    public static SelftestContext Hardware(UintrPlatform hardware) => new(SelftestBackend.Hardware, hardware);

    public static SelftestContext Emulated(UintrPlatform emulated) => new(SelftestBackend.Emulated, emulated);

    /// <summary>A platform for one check: a new simulator with <paramref name="options"/>, or the hardware or emulated platform.</summary>
    public UintrPlatform Platform(SimulatorOptions? options = null) => _platform ?? UintrPlatform.Simulator(options);

    /// <summary>The kernel ABI revision <paramref name="platform"/> follows (the confirmed one on hardware).</summary>
    public static KernelAbi AbiOf(UintrPlatform platform) => platform switch
    {
        UintrSimulator simulator => simulator.Options.KernelAbi,
        Uintr.Hardware.HardwarePlatform hardware => hardware.Support.Abi ?? KernelAbi.RfcV1,
        _ => KernelAbi.RfcV1,
    };

    /// <summary>Runs <paramref name="body"/> on a new thread of <paramref name="platform"/> and rethrows what it threw.</summary>
    public static void OnThread(UintrPlatform platform, string name, Action body)
    {
        Exception? failure = null;
        platform.StartThread(name, () =>
        {
            try
            {
                body();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }).Join();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }
}
