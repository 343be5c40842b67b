using System;
using System.Collections.Generic;
using Uintr.CompilerServices;
using Uintr.Simulation.Hosting;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>
/// A receiver definition built by hand (what the generator emits for a type), recording which vectors its
/// handlers ran for, in order.
/// </summary>
internal sealed class TestReceiver
{
    public TestReceiver(params int[] vectors)
    {
        ulong mask = 0;
        foreach (int vector in vectors)
        {
            mask |= 1UL << vector;
        }

        Definition = new UserInterruptReceiverDefinition(
            "Tests.TestReceiver",
            mask,
            DefaultTrampoline.Image,
            vector =>
            {
                Handled.Add(vector);
                OnHandled?.Invoke(vector);
            });
    }

    public UserInterruptReceiverDefinition Definition { get; }

    public List<int> Handled { get; } = new();

    public Action<int>? OnHandled { get; set; }

    public UintrReceiver Register(UintrPlatform platform) => UserInterruptRegistration.Register(platform, Definition);
}
