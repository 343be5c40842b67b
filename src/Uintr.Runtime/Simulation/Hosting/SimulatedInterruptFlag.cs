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

    public void Stui()
    {
        Execute(cpu => UifInstructions.Stui(cpu), _host.Machine.Timing.StuiCycles, "STUI: UIF = 1");

        // UIF = 1 takes effect at the very next boundary: anything already in UIRR is delivered there.
        _host.Machine.RequestDeliveryCheck(_thread.Core, _host.Now);
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

        _host.Consume(_thread, cycles);
    }
}
