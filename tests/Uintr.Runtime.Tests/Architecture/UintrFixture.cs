using Uintr.Simulation.Architecture;

namespace Uintr.Runtime.Tests.Architecture;

/// <summary>
/// A sender and a receiver processor sharing memory, with a UPID and a UITT laid out as the kernel lays them out
/// (UPID 64-byte aligned with NV = 0xEC, a 256-entry UITT whose entry 0 targets vector 5).
/// </summary>
internal sealed class UintrFixture
{
    public const ulong UpidAddress = 0x10_0040;
    public const ulong UittAddress = 0x20_0000;
    public const ulong StackBase = 0x30_0000;
    public const ulong HandlerAddress = 0x40_0000;
    public const byte Uinv = 0xEC;

    public UintrFixture(bool x2Apic = true)
    {
        Memory.Map(0x10_0000, 0x1000);
        Memory.Map(UittAddress, 256 * 16);
        Memory.Map(StackBase, 0x1_0000);
        Sender = new LogicalProcessor(0, apicId: 0, Memory) { UserMode = true, X2ApicMode = x2Apic };
        Receiver = new LogicalProcessor(1, apicId: 6, Memory) { UserMode = true, X2ApicMode = x2Apic };

        Upid.WriteControl(Memory, UpidAddress, Upid.ComposeControl(Uinv, Receiver.ApicId, x2Apic));
        Receiver.State.WriteMsr(UintrMsr.Handler, HandlerAddress);
        Receiver.State.WriteMsr(UintrMsr.StackAdjust, 128);
        Receiver.State.WriteMsr(UintrMsr.Pd, UpidAddress);
        Receiver.State.WriteMsr(UintrMsr.Misc, (ulong)Uinv << 32);
        Receiver.Registers.Rsp = StackBase + 0x8000;
        Receiver.Registers.Rip = 0x5555_0000_1234;

        Sender.State.WriteMsr(UintrMsr.Tt, UittAddress | 1);
        Sender.State.WriteMsr(UintrMsr.Misc, 255);
        SetEntry(0, vector: 5);
    }

    public SimulatedMemory Memory { get; } = new();

    public LogicalProcessor Sender { get; }

    public LogicalProcessor Receiver { get; }

    public ulong Control
    {
        get => Upid.ReadControl(Memory, UpidAddress);
        set => Upid.WriteControl(Memory, UpidAddress, value);
    }

    public ulong Pir => Upid.ReadPir(Memory, UpidAddress);

    public void SetEntry(ulong index, int vector, ulong upid = UpidAddress) =>
        UittEntry.Write(Memory, UittAddress, index, valid: true, vector, upid);

    /// <summary>Sends through entry <paramref name="index"/> and, when it notifies, processes the notification on the receiver.</summary>
    public SenduipiResult SendAndNotify(ulong index)
    {
        var result = Senduipi.Execute(Sender, index);
        if (result.SendNotification && NotificationProcessing.IsNotification(Receiver, result.NotificationVector))
        {
            NotificationProcessing.Process(Receiver);
        }

        return result;
    }
}
