using System;
using System.Linq;
using Uintr.Runtime.Tests.Kernel;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Hosting;
using Uintr.Simulation.Kernel;
using Uintr.Simulation.Machine;
using WaitWindow = Uintr.Hardware.WaitWindow;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>
/// The interrupted context around a trampoline: a trampoline must hand it back unchanged at UIRET, except that the
/// runtime's handler entry stub moves an interrupted RIP inside the wait window to the window's abort label
/// (<see cref="WaitWindow"/>); a fault inside the trampoline leaves the thread in the context it was interrupted in.
/// </summary>
public class TrampolineContextTests
{
    private sealed record Receiver(KernelFixture F, SimTask Task, SimulatedCore Core, ulong Index)
    {
        public RegisterFile Registers => Core.Cpu.Registers;

        /// <summary>SENDUIPI from core 1 and every event after it.</summary>
        public void SendAndRun()
        {
            F.Machine.ExecuteSenduipi(F.Machine.Cores[1], Index, F.Machine.Now);
            F.RunUntilIdle();
        }
    }

    /// <summary>A receiver on core 0 whose handler is <paramref name="handlerCode"/> at <see cref="KernelFixture.Handler"/>, UIF = 1.</summary>
    private static Receiver WithHandler(byte[] handlerCode) => WithHandlerIn(new KernelFixture(), handlerCode);

    /// <summary>A receiver whose handler is the runtime's entry stub for a wait stub mapped in user memory, then the default trampoline.</summary>
    private static (Receiver Receiver, ulong WaitStub) WithEntryStub()
    {
        var f = new KernelFixture();
        ulong stub = f.Machine.UserMemory.Allocate(SimulatedMemory.PageSize, SimulatedMemory.PageSize);
        f.Machine.Memory.Write(stub, WaitWindow.WaitStub);
        ulong pending = f.Machine.UserMemory.Allocate(64, 64);
        var code = WaitWindow.BuildEntryStub(stub).Concat(DefaultTrampoline.Image.Link(_ => pending)).ToArray();
        var receiver = WithHandlerIn(f, code);
        f.Machine.WaitWindow = (stub, stub + WaitWindow.SyscallOffset, stub + WaitWindow.AbortOffset);
        return (receiver, stub);
    }

    private static Receiver WithHandlerIn(KernelFixture f, byte[] code)
    {
        var (rx, fds) = f.Receiver(0, 5);
        f.Machine.Memory.Write(KernelFixture.Handler, code);
        MachineSetup.InitializeUserContext(f.Machine, f.Machine.Cores[0].Cpu.Registers, rx.Tid, 64 * 1024);
        var tx = f.RunningTask(1, "tx");
        ulong index = (ulong)f.Kernel.RegisterSender(tx, fds[0], 0).Value;
        rx.UintrState.Uif = true;
        return new Receiver(f, rx, f.Machine.Cores[0], index);
    }

    [Fact]
    public void A_fault_inside_the_trampoline_is_traced_and_leaves_the_interrupted_context_and_the_delivery_time()
    {
        // SENDUIPI RAX in a thread that is no sender: #UD, raised after the delivery moved RSP and RIP.
        var rx = WithHandler([0xF3, 0x0F, 0xC7, 0xF0]);
        var before = rx.Registers.Clone();

        rx.SendAndRun();

        var delivered = rx.F.Machine.Trace.Single(e => e.Kind == SimulationEventKind.Delivery);
        var faults = rx.F.Machine.Trace.Where(e => e.Kind == SimulationEventKind.Fault).ToArray();
        Assert.Equal(2, faults.Length);   // the instruction's own, then the delivery's
        var fault = faults[1];
        Assert.Equal(0, fault.Core);
        Assert.Equal(-1, fault.Vector);
        Assert.Equal(delivered.Cycle, fault.Cycle);
        Assert.StartsWith("#UD in SENDUIPI", fault.Detail);
        Assert.Equal(before, rx.Registers);
        Assert.Equal(delivered.Cycle, rx.Core.BusyUntil);
        Assert.DoesNotContain(rx.F.Machine.Trace, e => e.Kind == SimulationEventKind.Uiret);
    }

    [Fact]
    public void A_trampoline_that_changes_the_interrupted_context_is_an_error_naming_the_core_and_the_register()
    {
        // The entry stub moves a RIP inside the window to the abort label, but no window is known to the machine.
        var (rx, stub) = WithEntryStub();
        rx.F.Machine.WaitWindow = null;
        rx.Registers.Rip = stub + 3;

        var error = Assert.Throws<InvalidOperationException>(rx.SendAndRun);

        Assert.Contains("core 0", error.Message);
        Assert.Contains("did not preserve the interrupted context", error.Message);
        Assert.Contains("RIP", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(WaitWindow.WindowStart)]
    [InlineData(3)]
    [InlineData(WaitWindow.SyscallOffset)]
    public void An_interrupt_inside_the_wait_window_resumes_at_the_abort_label_with_everything_else_preserved(int offset)
    {
        var (rx, stub) = WithEntryStub();
        rx.Registers.Rip = stub + (ulong)offset;
        var expected = rx.Registers.Clone();
        expected.Rip = stub + WaitWindow.AbortOffset;

        rx.SendAndRun();

        Assert.Equal(1, rx.F.Machine.Statistics.Deliveries);
        Assert.Equal(expected, rx.Registers);
    }

    [Theory]
    [InlineData(WaitWindow.SyscallOffset + 2)]
    [InlineData(WaitWindow.AbortOffset)]
    public void An_interrupt_outside_the_wait_window_resumes_where_it_was(int offset)
    {
        var (rx, stub) = WithEntryStub();
        rx.Registers.Rip = stub + (ulong)offset;
        var expected = rx.Registers.Clone();

        rx.SendAndRun();

        Assert.Equal(1, rx.F.Machine.Statistics.Deliveries);
        Assert.Equal(expected, rx.Registers);
    }
}
