namespace Uintr.Simulation.Architecture;

/// <summary>
/// One simulated logical processor as the UINTR flows see it: its local APIC ID, the CR4 and CPUID bits
/// that gate the feature, the user context it is running (registers) and the UINTR state loaded for that
/// thread. The flows themselves (<see cref="Senduipi"/>, <see cref="NotificationProcessing"/>,
/// <see cref="UserInterruptDelivery"/>, <see cref="Uiret"/>, <see cref="UifInstructions"/>) operate on it.
/// </summary>
internal sealed class LogicalProcessor
{
    public LogicalProcessor(int index, uint apicId, SimulatedMemory memory)
    {
        Index = index;
        ApicId = apicId;
        Memory = memory;
    }

    public int Index { get; }

    public uint ApicId { get; }

    public SimulatedMemory Memory { get; }

    /// <summary>
    /// x2APIC mode (NDST holds a 32-bit APIC ID) versus xAPIC mode (ID in NDST bits 15:8, the mode at reset). The machine
    /// sets it from <see cref="SimulatorOptions.X2Apic"/>.
    /// </summary>
    public bool X2ApicMode { get; set; }

    /// <summary>CPUID.(EAX=7,ECX=0):EDX[5]: the processor supports UINTR.</summary>
    public bool CpuidUintr { get; set; } = true;

    /// <summary>CPUID.(EAX=7,ECX=1):EDX[17]: flexible UIRET (UIF taken from bit 1 of the popped RFLAGS).</summary>
    public bool CpuidFlexibleUiret { get; set; }

    /// <summary>CR4.UINTR (bit 25): enables notification identification, delivery and the UINTR instructions.</summary>
    public bool Cr4Uintr { get; set; } = true;

    /// <summary>IA-32e 64-bit mode; UINTR delivery and instructions require it.</summary>
    public bool LongMode { get; set; } = true;

    /// <summary>CPL = 3: the processor runs user code.</summary>
    public bool UserMode { get; set; }

    /// <summary>Blocking by MOV SS / POP SS: no delivery on the boundary right after it.</summary>
    public bool MovSsShadow { get; set; }

    /// <summary>Defects planted for the schedule explorer's own tests; <see cref="PlantedBugs.None"/> otherwise.</summary>
    public PlantedBugs PlantedBugs { get; set; }

    /// <summary>The user context the processor executes (the interrupted thread's registers).</summary>
    public RegisterFile Registers { get; set; } = new();

    /// <summary>The UINTR state of the thread that runs here (loaded by XRSTORS on a context switch).</summary>
    public UserInterruptState State { get; set; } = new();

    /// <summary>A user interrupt is recognized: UIRR is not zero (SDM "recognition of user interrupts").</summary>
    public bool UserInterruptRecognized => State.Uirr != 0;
}
