using System;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Hosting;
using Uintr.Simulation.Kernel;

namespace Uintr.Simulation.Machine;

/// <summary>Set-up shared by everything that puts tasks on the machine: hosted threads, the explorer, the workloads.</summary>
internal static class MachineSetup
{
    /// <summary>Runs <paramref name="task"/> on <paramref name="core"/> in user mode with its UINTR state loaded.</summary>
    public static void Place(SimulatedMachine machine, SimTask task, int core)
    {
        var c = machine.Cores[core];
        task.Cpu = c.Cpu;
        c.Task = task;
        c.Cpu.State = task.UintrState;
        c.Cpu.UserMode = true;
    }

    /// <summary>Seeds an interrupted user context: random GPRs and status flags, a stack in simulated memory, a user-space RIP.</summary>
    public static void InitializeUserContext(SimulatedMachine machine, RegisterFile registers, int tid, ulong stackSize)
    {
        var random = machine.Random;
        ulong stack = machine.UserMemory.Allocate(stackSize, SimulatedMemory.PageSize);
        registers.Randomize(random);
        registers.Rsp = stack + stackSize - (8 * (ulong)random.Next(1, 64));
        registers.Rip = 0x0000_5555_0000_0000UL + ((ulong)tid << 12) + (ulong)random.Next(0, 0x1000);
        registers.Rflags = RegisterFile.RflagsFixedBits | Rflags.IF | ((ulong)random.Next() & Rflags.Status);
    }

    /// <summary>
    /// Registers <paramref name="task"/> as a receiver whose handler is the default trampoline, linked in a page of its own,
    /// and sets UIF. Returns the pending word's address.
    /// </summary>
    public static ulong RegisterDefaultReceiver(SimulatedMachine machine, SimTask task)
    {
        ulong pendingWord = machine.UserMemory.Allocate(64, 64);
        ulong trampoline = machine.UserMemory.Allocate(SimulatedMemory.PageSize, SimulatedMemory.PageSize);
        machine.Memory.Write(trampoline, DefaultTrampoline.Image.Link(_ => pendingWord));
        Check(machine.Kernel.RegisterHandler(task, trampoline, 0));
        task.UintrState.Uif = true;
        return pendingWord;
    }

    /// <summary>The UITT index of <paramref name="sender"/>'s entry for <paramref name="vector"/> of <paramref name="receiver"/>.</summary>
    public static int FindSenderIndex(SimTask sender, SimTask receiver, int vector)
    {
        foreach (var (index, file) in sender.Sender!.Entries)
        {
            if (file.Vector == vector && file.Receiver.Task == receiver)
            {
                return index;
            }
        }

        throw new InvalidOperationException($"Sender {sender.Name} has no UITT entry for vector {vector} of {receiver.Name}.");
    }

    /// <summary>The value of a set-up system call that must not fail.</summary>
    public static long Check(SyscallResult result) =>
        result.Failed ? throw new InvalidOperationException($"Simulator set-up failed: {result}") : result.Value;
}
