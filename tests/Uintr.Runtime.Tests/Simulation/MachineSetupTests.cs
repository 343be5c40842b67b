using System;
using System.Collections.Generic;
using System.Linq;
using Uintr.Runtime.Tests.Kernel;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;
using Uintr.Simulation.Machine;
using Uintr.Simulation.Timing;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>
/// The set-up that puts tasks on the machine (the explorer, the workloads): the seeded user context a thread is
/// interrupted in, the UITT index of a connection, and set-up calls that must not fail.
/// </summary>
public class MachineSetupTests
{
    private const ulong StackSize = 16 * 1024;
    private const ulong UserCodeRegion = 0x0000_5555_0000_0000;

    [Fact]
    public void A_seeded_user_context_has_its_stack_pointer_inside_its_stack_its_RIP_in_its_threads_code_page_and_only_status_flags()
    {
        var machine = new SimulatedMachine(new SimulatorOptions { Cores = 1, Seed = 11 }, UintrTiming.SapphireRapids);
        var contexts = new List<RegisterFile>();
        for (int tid = 1; tid <= 40; tid++)
        {
            var registers = new RegisterFile();

            MachineSetup.InitializeUserContext(machine, registers, tid, StackSize);

            // The allocator hands out pages in order: the stack ends where the next page starts.
            ulong stackTop = machine.UserMemory.Allocate(SimulatedMemory.PageSize, SimulatedMemory.PageSize);
            Assert.Equal(0UL, registers.Rsp % 8);
            Assert.InRange(registers.Rsp, stackTop - (8 * 63), stackTop - 8);
            ulong codePage = UserCodeRegion + ((ulong)tid << 12);
            Assert.InRange(registers.Rip, codePage, codePage + 0xFFF);
            Assert.Equal(0UL, registers.Rflags & ~(RegisterFile.RflagsFixedBits | Rflags.IF | Rflags.Status));
            Assert.Equal(RegisterFile.RflagsFixedBits | Rflags.IF, registers.Rflags & (RegisterFile.RflagsFixedBits | Rflags.IF));
            contexts.Add(registers);
        }

        // Seeded values everywhere else, so a trampoline that clobbers any register is caught.
        Assert.True(contexts.Select(r => r.Rflags & Rflags.Status).Distinct().Count() > 1);
        foreach (var gpr in Enum.GetValues<Gpr>().Where(g => g != Gpr.Rsp))
        {
            Assert.True(contexts.Select(r => r[gpr]).Distinct().Count() > 1, $"{gpr} is not seeded");
        }
    }

    [Fact]
    public void The_UITT_index_of_a_connection_is_found_by_receiver_and_vector()
    {
        var f = new KernelFixture();
        var (a, aFds) = f.Receiver(0, 5, 9);
        var b = f.RunningTask(2, "b");
        Assert.False(f.Kernel.RegisterHandler(b, KernelFixture.Handler, 0).Failed);
        int bFd = (int)f.Kernel.CreateFd(b, 5, 0).Value;
        var tx = f.RunningTask(1, "tx");
        long a5 = f.Kernel.RegisterSender(tx, aFds[0], 0).Value;
        long b5 = f.Kernel.RegisterSender(tx, bFd, 0).Value;
        long a9 = f.Kernel.RegisterSender(tx, aFds[1], 0).Value;

        Assert.Equal(a5, MachineSetup.FindSenderIndex(tx, a, 5));
        Assert.Equal(b5, MachineSetup.FindSenderIndex(tx, b, 5));
        Assert.Equal(a9, MachineSetup.FindSenderIndex(tx, a, 9));
        var error = Assert.Throws<InvalidOperationException>(() => MachineSetup.FindSenderIndex(tx, b, 9));
        Assert.Equal("Sender tx has no UITT entry for vector 9 of b.", error.Message);
    }

    [Fact]
    public void A_set_up_call_that_fails_stops_the_set_up_with_its_errno()
    {
        Assert.Equal(7, MachineSetup.Check(SyscallResult.Ok(7)));

        var error = Assert.Throws<InvalidOperationException>(() => MachineSetup.Check(SyscallResult.Fail(Errno.EBADF, "fd 9 is not open")));

        Assert.Contains("Simulator set-up failed", error.Message);
        Assert.Contains("EBADF", error.Message);
        Assert.Contains("fd 9 is not open", error.Message);
    }
}
