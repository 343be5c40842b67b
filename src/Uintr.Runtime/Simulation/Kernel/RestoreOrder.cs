namespace Uintr.Simulation.Kernel;

/// <summary>The order of the return-to-user steps that re-arm notifications (docs/uintr-reference.md section 8).</summary>
internal enum RestoreOrder
{
    /// <summary>The order from the RFC review: clear SN, then read PIR. A SENDUIPI racing with the switch is never lost.</summary>
    ClearSuppressThenReadPir,
    /// <summary>The broken order the review warns about: read PIR, then clear SN. A send in between is lost. For the explorer's self-test.</summary>
    ReadPirThenClearSuppress,
}
