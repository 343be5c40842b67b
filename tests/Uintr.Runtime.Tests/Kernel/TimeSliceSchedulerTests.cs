using System;
using System.Collections.Generic;
using Uintr.Simulation.Kernel;
using Uintr.Simulation.Machine;
using Uintr.Simulation.Timing;

namespace Uintr.Runtime.Tests.Kernel;

public class TimeSliceSchedulerTests
{
    private const long Slice = 20_000;

    [Fact]
    public void Three_receivers_time_sliced_on_two_cores_get_every_interrupt_only_while_they_run()
    {
        var timing = UintrTiming.SapphireRapids;
        var machine = new SimulatedMachine(new SimulatorOptions { Cores = 3 }, timing);
        var observer = new DeliveryObserver(machine);
        machine.Observer = observer;
        var kernel = machine.Kernel;
        var process = kernel.CreateProcess();

        var receivers = new SimTask[3];
        var fds = new int[3];
        for (int i = 0; i < receivers.Length; i++)
        {
            var task = kernel.CreateTask(process, "rx" + i);
            MachineSetup.Place(machine, task, 0);
            MachineSetup.InitializeUserContext(machine, machine.Cores[0].Cpu.Registers, task.Tid, 16 * 1024);
            MachineSetup.RegisterDefaultReceiver(machine, task);
            fds[i] = (int)MachineSetup.Check(kernel.CreateFd(task, (ulong)(i + 1), 0));
            observer.Owner[i + 1] = task;
            kernel.SwitchOut(task);
            receivers[i] = task;
        }

        var sender = kernel.CreateTask(process, "tx");
        MachineSetup.Place(machine, sender, 2);
        foreach (int fd in fds)
        {
            MachineSetup.Check(kernel.RegisterSender(sender, fd, 0));
        }

        var scheduler = new TimeSliceScheduler(kernel, machine, new[] { machine.Cores[0].Cpu, machine.Cores[1].Cpu }, Slice, timing.Kernel.ContextSwitchCycles, timing.RestoreStepCycles);
        foreach (var task in receivers)
        {
            scheduler.Admit(task, 0, 0);   // all on core 0: core 1 must steal to get work
        }

        scheduler.Start(0);
        var lastSend = new long[4];
        int k = 0;
        for (long t = 1_000; t < 20 * Slice; t += 2_500)
        {
            int index = k++ % 3;
            long at = t;
            ((Uintr.Simulation.Kernel.IKernelHost)machine).At(at, now =>
            {
                machine.ExecuteSenduipi(machine.Cores[2], (ulong)index, now);
                lastSend[index + 1] = now;
            });
        }

        RunUntil(machine, 26 * Slice);
        scheduler.Stop();
        RunUntil(machine, long.MaxValue);

        Assert.Empty(observer.Violations);
        for (int v = 1; v <= 3; v++)
        {
            Assert.True(observer.Deliveries[v] > 10, $"vector {v}: {observer.Deliveries[v]} deliveries");
            Assert.True(observer.LastDelivery[v] > lastSend[v], $"vector {v}: the last send at {lastSend[v]} was never delivered");
        }

        Assert.True(scheduler.ContextSwitches > 20, $"{scheduler.ContextSwitches} context switches");
        Assert.True(scheduler.Migrations >= 1, "core 1 never stole a task");
    }

    private static void RunUntil(SimulatedMachine machine, long limit)
    {
        while (machine.Queue.TryPeekTime(out long next) && next <= limit && machine.Queue.TryDequeue(out var e))
        {
            machine.Now = Math.Max(machine.Now, e.Time);
            machine.Process(e);
        }
    }

    private sealed class DeliveryObserver : ISimulationObserver
    {
        private readonly SimulatedMachine _machine;

        public DeliveryObserver(SimulatedMachine machine) => _machine = machine;

        public SimTask?[] Owner { get; } = new SimTask?[64];

        public long[] Deliveries { get; } = new long[64];

        public long[] LastDelivery { get; } = new long[64];

        public List<string> Violations { get; } = new();

        public void Delivered(SimulatedCore core, int vector, long time)
        {
            Deliveries[vector]++;
            LastDelivery[vector] = time;
            if (core.Task != Owner[vector] || !core.Cpu.UserMode)
            {
                Violations.Add($"vector {vector} delivered at {time} on core {core.Index} running {core.Task?.Name ?? "nothing"}");
            }
        }

        public void TrampolineCompleted(SimulatedCore core, long time)
        {
        }

        public void ReturnedToUser(SimulatedCore core, SimTask task, long time)
        {
        }
    }
}
