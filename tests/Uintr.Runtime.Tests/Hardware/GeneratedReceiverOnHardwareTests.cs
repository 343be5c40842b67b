using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Iced.Intel;
using Uintr.Hardware;

namespace Uintr.Runtime.Tests.Hardware;

/// <summary>A receiver compiled by the real generator, registered on the hardware backend over a recording kernel.</summary>
internal static partial class HardwareDoorbell
{
    public static readonly List<int> Handled = new();

    [UserInterruptHandler(5)]
    private static void OnFive() => Handled.Add(5);

    [UserInterruptHandler(40)]
    private static void OnForty(ulong vector) => Handled.Add((int)vector);
}

[Collection(NativeMappingCollection.Name)]
public sealed unsafe class GeneratedReceiverOnHardwareTests
{
    [Fact]
    public void TheGeneratedTrampolineIsLinkedAgainstTheReceiversPendingWordAndSealed()
    {
        var (platform, kernel, _) = TestReceivers.Platform();
        using var receiver = Assert.IsType<HardwareReceiver>(HardwareDoorbell.RegisterUserInterrupts(platform));

        // Decode (never execute: UIRET would raise #UD on this CPU) up to and including UIRET.
        // The trampoline follows the entry stub in the handler's page: read only up to the page's end.
        var code = new byte[System.Environment.SystemPageSize - WaitWindow.EntryStubLength];
        new System.ReadOnlySpan<byte>((void*)receiver.TrampolineAddress, code.Length).CopyTo(code);
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(code));
        var instructions = new List<Instruction>();
        do
        {
            decoder.Decode(out var instruction);
            Assert.False(instruction.IsInvalid);
            instructions.Add(instruction);
        }
        while (instructions[^1].Mnemonic != Mnemonic.Uiret && instructions.Count < 64);

        Assert.Equal(Mnemonic.Uiret, instructions[^1].Mnemonic);
        Assert.Contains(instructions, i => i.Mnemonic == Mnemonic.Mov && i.Op1Kind == OpKind.Immediate64 && i.Immediate64 == (ulong)receiver.State.PendingWord);
        Assert.Contains(instructions, i => i.Mnemonic == Mnemonic.Bts && i.HasLockPrefix);
        Assert.Equal("r-xp", ProcSelfMaps.PermissionsOf(receiver.TrampolineAddress));
        Assert.Equal(["create_fd(5)=100", "create_fd(40)=101"], kernel.Calls.Skip(1));
    }

    [Fact]
    public void GeneratedDispatchRunsHighestFirstAtPoll()
    {
        var (platform, _, _) = TestReceivers.Platform();
        HardwareDoorbell.Handled.Clear();
        using var receiver = Assert.IsType<HardwareReceiver>(HardwareDoorbell.RegisterUserInterrupts(platform));
        Interlocked.Or(ref *receiver.State.PendingWord, (1UL << 5) | (1UL << 40));

        Assert.Equal(2, receiver.Poll());

        Assert.Equal([40, 5], HardwareDoorbell.Handled);
    }
}
