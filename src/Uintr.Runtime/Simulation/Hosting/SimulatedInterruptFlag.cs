using Uintr.Simulation.Architecture;

namespace Uintr.Simulation.Hosting;

/// <summary>CLUI, STUI and TESTUI of one simulated thread, executed on its core.</summary>
internal sealed class SimulatedInterruptFlag : IUserInterruptFlag
{
    private readonly SimulationHost _host;
    private readonly HostedThread _thread;

    public SimulatedInterruptFlag(SimulationHost host, HostedThread thread)
    {
        _host = host;
        _thread = thread;
    }

    public void Clui() => Execute(cpu => UifInstructions.Clui(cpu), _host.Machine.Timing.CluiCycles, "CLUI: UIF = 0");

    /// <summary>
    /// STUI: UIF = 1 takes effect at the very next instruction boundary, the end of STUI itself, so anything already in
    /// UIRR is delivered there, before the thread's next instruction (a CLUI right after it included). The delivery check
    /// is queued for that boundary before STUI's cycles are consumed, so the thread yields to it.
    /// </summary>
    public void Stui()
    {
        var timing = _host.Machine.Timing;
        Execute(cpu => UifInstructions.Stui(cpu), 0, "STUI: UIF = 1");
        _host.Machine.OpenStuiWindow(_thread.Core, _host.Now + timing.StuiCycles);
        _host.Consume(_thread, timing.StuiCycles);
    }

    public bool Testui()
    {
        bool uif = false;
        Execute(cpu => uif = UifInstructions.Testui(cpu), _host.Machine.Timing.TestuiCycles, null);
        return uif;
    }

    private void Execute(System.Action<LogicalProcessor> instruction, long cycles, string? trace)
    {
        try
        {
            instruction(_thread.Core.Cpu);
        }
        catch (ArchitecturalFault fault)
        {
            throw fault.ToPublic();
        }

        if (trace is not null)
        {
            _host.Machine.Record(_host.Now, _thread.Core, SimulationEventKind.FlagChange, -1, trace);
        }

        if (cycles > 0)
        {
            _host.Consume(_thread, cycles);
        }
    }
}
