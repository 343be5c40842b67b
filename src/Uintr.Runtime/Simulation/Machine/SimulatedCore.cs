using Uintr.Simulation.Architecture;
using Uintr.Simulation.Execution;
using Uintr.Simulation.Hosting;
using Uintr.Simulation.Kernel;

namespace Uintr.Simulation.Machine;

/// <summary>A core of the simulated machine: its logical processor, the interpreter that runs trampolines on it, and what runs there.</summary>
internal sealed class SimulatedCore
{
    public SimulatedCore(LogicalProcessor cpu, X86Interpreter interpreter)
    {
        Cpu = cpu;
        Interpreter = interpreter;
    }

    public LogicalProcessor Cpu { get; }

    public X86Interpreter Interpreter { get; }

    public int Index => Cpu.Index;

    /// <summary>The task whose UINTR state is loaded here.</summary>
    public SimTask? Task { get; set; }

    /// <summary>The hosted thread bound to <see cref="Task"/>, if any.</summary>
    public HostedThread? Thread { get; set; }

    /// <summary>
    /// The next instruction boundary: the core is executing an instruction or a delivery until then, so an arriving
    /// interrupt waits for it.
    /// </summary>
    public long BusyUntil { get; set; }

    /// <summary>The cycle the trampoline now running on this core was entered at (the time its system instructions act at).</summary>
    public long TrampolineEntryTime { get; set; }

    /// <summary>The interrupted context saved at delivery, to check that the trampoline preserved it.</summary>
    public RegisterFile Interrupted { get; } = new();

    /// <summary>Per vector in UIRR: the cycle of the SENDUIPI that posted it (-1 when none).</summary>
    public long[] UirrPostTimes { get; } = NewTimes();

    /// <summary>Per vector delivered but not yet dispatched: the cycle of the SENDUIPI that posted it (-1 when none).</summary>
    public long[] DeliveredPostTimes { get; } = NewTimes();

    public string ThreadName => Thread?.Name ?? Task?.Name ?? string.Empty;

    private static long[] NewTimes()
    {
        var times = new long[64];
        System.Array.Fill(times, -1L);
        return times;
    }
}
