using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Iced.Intel;
using Uintr.Emulation;
using Uintr.Hardware;
using Uintr.Simulation.Architecture;
using static Uintr.Emulation.EmulationLayout;

namespace Uintr.Runtime.Tests.Emulation;

/// <summary>The emulated backend's signal handlers, checked with Iced and executed on the simulator's interpreter.</summary>
public sealed class SignalHandlerCodeTests
{
    private const ulong UserRip = 0x0000_5555_0000_1234;

    [Fact]
    public void Handler_code_disassembles_with_Iced_exactly_as_the_encoder_wrote_it()
    {
        var handlers = SignalHandlerCode.Build(0x1122_3344_5566_7788);
        byte[] code = handlers.Code.Code.ToArray();
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(code));
        decoder.IP = 0;
        var formatter = new IntelFormatter();
        var output = new StringOutput();
        int index = 0;
        while (decoder.IP < (ulong)code.Length)
        {
            var instruction = decoder.Decode();
            Assert.False(instruction.IsInvalid, $"invalid instruction at {instruction.IP}");
            formatter.Format(instruction, output);
            var expected = handlers.Code.Instructions[index++];
            Assert.Equal(expected.Offset, (int)instruction.IP);
            Assert.Equal(expected.Length, instruction.Length);
            Assert.Equal(output.ToStringAndReset(), expected.Text);
        }

        Assert.Equal(handlers.Code.Instructions.Length, index);
        Assert.Contains(handlers.Code.Instructions, i => i.Offset == handlers.NotificationEntry);
        Assert.Contains(handlers.Code.Instructions, i => i.Offset == handlers.IllegalInstructionEntry);

        // Libc-free and position-independent apart from the block address: no absolute call or jump targets.
        Assert.DoesNotContain(handlers.Code.Instructions, i => i.Text.StartsWith("call qword", StringComparison.Ordinal) || i.Text.StartsWith("jmp qword", StringComparison.Ordinal));
    }

    [Fact]
    public void A_notification_delivers_the_highest_vector_then_uiret_delivers_the_next_and_every_register_comes_back()
    {
        var machine = new HandlerMachine();
        machine.Write(HandlerMachine.Block + UpidControl, machine.Read(HandlerMachine.Block + UpidControl) | (ulong)UpidOn);
        machine.Write(HandlerMachine.Block + UpidPir, (1UL << 5) | (1UL << 9));
        var registers = RandomRegisters(seed: 1);

        // No alignment slack: the kernel's extended state ends exactly at RSP - 128, so the frame lands on its last 32 bytes.
        registers.Rsp = HandlerMachine.StackTop - 0x8000 + 128 + HandlerMachine.XstateSize + 4;
        Assert.Equal(0UL, (registers.Rsp - 128 - HandlerMachine.XstateSize - 4) % 64);
        var original = registers.Clone();

        // The first delivery, looked at before the trampoline runs.
        var afterSignal = registers.Clone();
        machine.RaiseSignal(afterSignal, HandlerMachine.Signal, SiQueue, HandlerMachine.Pid, HandlerMachine.Magic, illegalInstruction: false);
        Assert.True(machine.LastExtendedStateIntact, "the extended state was moved before the frame was pushed");
        ulong frame = ((original.Rsp - 128) & ~15UL) - 32;
        Assert.Equal(frame, afterSignal.Rsp);
        Assert.Equal(HandlerMachine.TrampolinePage, afterSignal.Rip);
        Assert.Equal(9UL, machine.Read(frame));
        Assert.Equal(original.Rip, machine.Read(frame + 8));
        Assert.Equal(original.Rflags, machine.Read(frame + 16));
        Assert.Equal(original.Rsp, machine.Read(frame + 24));
        Assert.Equal(0UL, afterSignal.Rflags & (Rflags.TF | (1UL << 16)));
        Assert.Equal(0UL, machine.Read(HandlerMachine.Block + Uif));
        Assert.Equal(1UL << 5, machine.Read(HandlerMachine.Block + Uirr));
        Assert.Equal(0UL, machine.Read(HandlerMachine.Block + UpidPir));
        Assert.Equal(0UL, machine.Read(HandlerMachine.Block + UpidControl) & (ulong)UpidOn);

        // The trampoline, its UIRET (a #UD), the second delivery at that UIRET, and the last UIRET.
        var intact = new List<bool>();
        Assert.Equal(2, machine.FollowDeliveries(afterSignal, intact));
        Assert.All(intact, Assert.True);
        AssertSameRegisters(original, afterSignal);
        Assert.Equal((1UL << 5) | (1UL << 9), machine.Read(HandlerMachine.PendingWord));
        Assert.Equal(1UL, machine.Read(HandlerMachine.Block + Uif));
        Assert.Equal(0UL, machine.Read(HandlerMachine.Block + Uirr));
        Assert.Equal(2UL, machine.Read(HandlerMachine.Block + Deliveries));
        Assert.Equal(2UL, machine.Read(HandlerMachine.Block + Uirets));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Random_contexts_survive_a_notification_on_every_trampoline_variant(int seed)
    {
        foreach (var image in TrampolineVariants())
        {
            var machine = new HandlerMachine(image.Image, alternateStack: image.AlternateStack);
            machine.Write(HandlerMachine.Block + UpidPir, 1UL << (seed * 11 % 64));
            var registers = RandomRegisters(seed);
            var original = registers.Clone();
            var intact = new List<bool>();
            Assert.Equal(1, machine.Notify(registers, intact));
            Assert.All(intact, Assert.True);
            AssertSameRegisters(original, registers);
            Assert.Equal(1UL << (seed * 11 % 64), machine.Read(HandlerMachine.PendingWord));
        }
    }

    [Fact]
    public void On_the_alternate_stack_the_frame_lands_below_its_top()
    {
        var machine = new HandlerMachine(Uintr.Simulation.Hosting.DefaultTrampoline.Image, alternateStack: true);
        machine.Write(HandlerMachine.Block + UpidPir, 1UL << 7);
        var registers = RandomRegisters(seed: 5);
        machine.RaiseSignal(registers, HandlerMachine.Signal, SiQueue, HandlerMachine.Pid, HandlerMachine.Magic, illegalInstruction: false);
        ulong top = HandlerMachine.AlternateStackBase + (ulong)Uintr.UserInterruptReceiverAttribute.AlternateStackSize;
        Assert.Equal(top - 32, registers.Rsp);
        Assert.Equal(7UL, machine.Read(top - 32));
    }

    [Fact]
    public void A_masked_receiver_only_moves_the_notification_into_uirr()
    {
        var machine = new HandlerMachine();
        machine.Write(HandlerMachine.Block + Uif, 0);
        machine.Write(HandlerMachine.Block + UpidPir, 1UL << 12);
        var registers = RandomRegisters(seed: 6);
        var original = registers.Clone();
        Assert.Equal(0, machine.Notify(registers));
        AssertSameRegisters(original, registers);
        Assert.Equal(1UL << 12, machine.Read(HandlerMachine.Block + Uirr));
        Assert.Equal(1UL, machine.Read(HandlerMachine.Block + BlockWord));
        Assert.Equal(0UL, machine.Read(HandlerMachine.PendingWord));
    }

    [Theory]
    [InlineData(0, HandlerMachine.Pid, HandlerMachine.Magic)] // SI_USER: kill(2) from anyone
    [InlineData(SiQueue, 1, HandlerMachine.Magic)] // another process
    [InlineData(SiQueue, HandlerMachine.Pid, 77UL)] // another library in this process
    public void A_foreign_real_time_signal_goes_to_the_previous_handler_untouched(int code, int senderPid, ulong value)
    {
        var machine = new HandlerMachine();
        machine.Write(HandlerMachine.Block + UpidPir, 1UL << 3);
        const ulong previous = 0x10_3000;
        machine.Write(HandlerMachine.Globals + GlobalPreviousDeliveryHandler, previous);
        var registers = RandomRegisters(seed: 7);
        var handler = machine.RaiseSignal(registers, HandlerMachine.Signal, code, senderPid, value, illegalInstruction: false, stopAt: previous);
        Assert.Equal(previous, handler.Rip);
        Assert.Equal((ulong)HandlerMachine.Signal, handler[Gpr.Rdi]);
        Assert.Equal(HandlerMachine.Restorer, machine.Read(handler.Rsp));
        Assert.Equal(1UL << 3, machine.Read(HandlerMachine.Block + UpidPir));
        Assert.Equal(1UL, machine.Read(HandlerMachine.Globals + GlobalForeignSignals));

        // With SIG_DFL before it, the signal is dropped (counted) and the thread resumes unchanged.
        machine.Write(HandlerMachine.Globals + GlobalPreviousDeliveryHandler, 0);
        var original = registers.Clone();
        machine.RaiseSignal(registers, HandlerMachine.Signal, code, senderPid, value, illegalInstruction: false);
        AssertSameRegisters(original, registers);
        Assert.Equal(2UL, machine.Read(HandlerMachine.Globals + GlobalForeignSignals));
    }

    [Fact]
    public void Stui_in_the_stub_delivers_a_pending_interrupt_at_once_and_returns_after_the_stub()
    {
        var machine = new HandlerMachine();
        machine.Write(HandlerMachine.Block + Uif, 0);
        machine.Write(HandlerMachine.Block + Uirr, 1UL << 33);
        var registers = RandomRegisters(seed: 8);
        registers.Rip = HandlerMachine.StubPage + UintrInstructionStubs.StuiOffset;
        var original = registers.Clone();
        machine.RunUntilInvalidOpcode(registers);
        machine.RaiseSignal(registers, Sigill, IllIllopn, HandlerMachine.Pid, 0, illegalInstruction: true);
        Assert.Equal(HandlerMachine.TrampolinePage, registers.Rip);
        Assert.Equal(original.Rip + 4, machine.Read(registers.Rsp + 8));
        Assert.Equal(1, machine.FollowDeliveries(registers));
        original.Rip += 4;
        AssertSameRegisters(original, registers);
        Assert.Equal(1UL, machine.Read(HandlerMachine.Block + Uif));
        Assert.Equal(1UL << 33, machine.Read(HandlerMachine.PendingWord));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Clui_and_testui_in_the_stubs_act_on_the_thread_s_uif(bool initiallySet)
    {
        var machine = new HandlerMachine();
        machine.Write(HandlerMachine.Block + Uif, initiallySet ? 1UL : 0UL);
        var registers = RandomRegisters(seed: 9);
        registers.Rip = HandlerMachine.StubPage + UintrInstructionStubs.TestuiOffset;
        registers.Rflags |= Rflags.ZF | Rflags.SF | Rflags.CF;
        machine.RunUntilInvalidOpcode(registers);
        machine.RaiseSignal(registers, Sigill, IllIllopn, HandlerMachine.Pid, 0, illegalInstruction: true);
        Assert.Equal(HandlerMachine.StubPage + UintrInstructionStubs.TestuiOffset + 4, registers.Rip);
        Assert.Equal(initiallySet, (registers.Rflags & Rflags.CF) != 0);
        Assert.Equal(0UL, registers.Rflags & (Rflags.ZF | Rflags.SF));

        registers.Rip = HandlerMachine.StubPage + UintrInstructionStubs.CluiOffset;
        machine.RunUntilInvalidOpcode(registers);
        machine.RaiseSignal(registers, Sigill, IllIllopn, HandlerMachine.Pid, 0, illegalInstruction: true);
        Assert.Equal(HandlerMachine.StubPage + UintrInstructionStubs.CluiOffset + 4, registers.Rip);
        Assert.Equal(0UL, machine.Read(HandlerMachine.Block + Uif));
    }

    [Fact]
    public void Senduipi_in_the_stub_posts_and_signals_only_when_on_and_sn_are_clear()
    {
        var machine = new HandlerMachine();
        machine.Write(HandlerMachine.Uitt + 3 * UittEntrySize, 1UL | (17UL << 8));
        machine.Write(HandlerMachine.Uitt + 3 * UittEntrySize + UittUpid, HandlerMachine.Block);
        var registers = RandomRegisters(seed: 10);

        Send(machine, registers, 3);
        Assert.Equal(1UL << 17, machine.Read(HandlerMachine.Block + UpidPir));
        Assert.Equal((ulong)UpidOn, machine.Read(HandlerMachine.Block + UpidControl) & 3);
        var queued = Assert.Single(machine.Queued);
        Assert.Equal(((ulong)HandlerMachine.Pid, (ulong)HandlerMachine.Tid, (ulong)HandlerMachine.Signal, SiQueue, HandlerMachine.Pid, HandlerMachine.Magic), queued);

        // ON is set: the post coalesces, no second notification.
        Send(machine, registers, 3);
        Assert.Single(machine.Queued);

        // SN suppresses the notification as well.
        machine.Write(HandlerMachine.Block + UpidControl, (machine.Read(HandlerMachine.Block + UpidControl) & ~3UL) | (ulong)UpidSn);
        Send(machine, registers, 3);
        Assert.Single(machine.Queued);

        // An invalid entry and an index beyond the UITT are dropped and counted; the stub still returns.
        Send(machine, registers, 4);
        Send(machine, registers, 100_000);
        Assert.Equal(2UL, machine.Read(HandlerMachine.Globals + GlobalDroppedSends));
    }

    [Fact]
    public void An_unrelated_sigill_goes_to_the_previous_handler_or_back_to_the_default_action()
    {
        var machine = new HandlerMachine();
        const ulong previous = 0x10_3800;
        machine.Write(HandlerMachine.Globals + GlobalPreviousIllegalHandler, previous);
        var registers = RandomRegisters(seed: 11);
        registers.Rip = 0x0000_4000_0000_0000; // not a registered page
        var handler = machine.RaiseSignal(registers.Clone(), Sigill, IllIllopn, HandlerMachine.Pid, 0, illegalInstruction: true, stopAt: previous);
        Assert.Equal(previous, handler.Rip);
        Assert.Equal((ulong)Sigill, handler[Gpr.Rdi]);
        Assert.Equal(HandlerMachine.Restorer, machine.Read(handler.Rsp));

        // A SIGILL at a trampoline's UIRET that the kernel did not raise for #UD (kill -ILL) is not ours either.
        var atUiret = RandomRegisters(seed: 12);
        atUiret.Rip = HandlerMachine.TrampolinePage + (ulong)machine.TrampolineLength - 4;
        handler = machine.RaiseSignal(atUiret, Sigill, 0, HandlerMachine.Pid, 0, illegalInstruction: true, stopAt: previous);
        Assert.Equal(previous, handler.Rip);

        // With SIG_DFL before it: rt_sigaction(SIGILL, SIG_DFL), then the instruction faults again and the process ends.
        machine.Write(HandlerMachine.Globals + GlobalPreviousIllegalHandler, 0);
        var original = registers.Clone();
        machine.RaiseSignal(registers, Sigill, IllIllopn, HandlerMachine.Pid, 0, illegalInstruction: true);
        Assert.Equal(((ulong)Sigill, 0UL), Assert.Single(machine.SignalActions));
        AssertSameRegisters(original, registers);
    }

    private static void Send(HandlerMachine machine, RegisterFile registers, ulong index)
    {
        registers.Rip = HandlerMachine.StubPage + UintrInstructionStubs.SendUipiOffset;
        registers[Gpr.Rdi] = index;
        machine.RunUntilInvalidOpcode(registers);
        machine.RaiseSignal(registers, Sigill, IllIllopn, HandlerMachine.Pid, 0, illegalInstruction: true);
        Assert.Equal(HandlerMachine.StubPage + UintrInstructionStubs.SendUipiOffset + 4, registers.Rip);
    }

    private static IEnumerable<(Uintr.CompilerServices.TrampolineImage Image, bool AlternateStack)> TrampolineVariants()
    {
        foreach (var flags in new[] { 0, 1, 2, 4, 8, 15 })
        {
            var code = Uintr.Generators.Trampolines.TrampolineBuilder.Build((Uintr.Generators.Trampolines.TrampolineFlags)flags);
            var patches = code.Patches.Select(p => new Uintr.CompilerServices.TrampolinePatch((Uintr.CompilerServices.TrampolinePatchKind)(int)p.Kind, p.Offset)).ToArray();
            yield return (new Uintr.CompilerServices.TrampolineImage((Uintr.CompilerServices.TrampolineFeatures)flags, code.Code.ToArray(), patches), (flags & 4) != 0);
        }
    }

    private static RegisterFile RandomRegisters(int seed)
    {
        var random = new Random(seed);
        var registers = new RegisterFile();
        for (int i = 0; i < 16; i++)
        {
            registers[(Gpr)i] = (ulong)random.NextInt64();
        }

        registers.Rsp = HandlerMachine.StackTop - 0x8000 - (ulong)random.Next(0, 64) * 8;
        registers.Rip = UserRip;
        registers.Rflags = 0x202 | Rflags.CF | Rflags.OF | (1UL << 16);
        return registers;
    }

    private static void AssertSameRegisters(RegisterFile expected, RegisterFile actual)
    {
        for (int i = 0; i < 16; i++)
        {
            Assert.True(expected[(Gpr)i] == actual[(Gpr)i], $"{(Gpr)i}: expected 0x{expected[(Gpr)i]:X}, got 0x{actual[(Gpr)i]:X}");
        }

        Assert.Equal(expected.Rip, actual.Rip);
        Assert.Equal(expected.Rflags, actual.Rflags);
    }
}
