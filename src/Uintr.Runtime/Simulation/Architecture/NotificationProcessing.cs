namespace Uintr.Simulation.Architecture;

/// <summary>
/// User-interrupt notification identification and processing (SDM "User-Interrupt Notification
/// Processing"; docs/uintr-reference.md section 5).
/// </summary>
internal static class NotificationProcessing
{
    /// <summary>
    /// Identification: an ordinary interrupt is a user-interrupt notification when CR4.UINTR = 1, the processor is in
    /// 64-bit mode and its vector equals UINV (not gated by CPL).
    /// </summary>
    public static bool IsNotification(LogicalProcessor cpu, byte vector) => cpu.Cr4Uintr && cpu.LongMode && vector == cpu.State.Uinv;

    /// <summary>
    /// Processing, after the local APIC acknowledged the notification vector and the processor wrote EOI:
    /// (a) clear UPID.ON, (b) exchange PIR with 0, (c) OR the old PIR into UIRR.
    /// </summary>
    /// <returns>Whether a user interrupt is now recognized (UIRR != 0).</returns>
    public static bool Process(LogicalProcessor cpu)
    {
        var memory = cpu.Memory;
        ulong upid = cpu.State.UpidAddress;

        // (a) Atomically clear ON.
        Upid.WriteControl(memory, upid, Upid.ReadControl(memory, upid) & ~Upid.On);

        // (b) Atomically read PIR and write 0.
        ulong pir = Upid.ReadPir(memory, upid);
        Upid.WritePir(memory, upid, 0);

        // (c) Merge into UIRR and recognize.
        cpu.State.Uirr |= pir;
        return cpu.UserInterruptRecognized;
    }
}
