using System;
using System.Collections.Generic;
using Uintr.CompilerServices;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>
/// A receiver definition built by hand (what the generator emits for a type), recording which vectors its
/// handlers ran for, in order.
/// </summary>
internal sealed class TestReceiver
{
    /// <summary>The default pending-bit trampoline, byte for byte (the oracle the generator's output must match).</summary>
    public static readonly byte[] PendingBitTrampoline =
    {
        0x50,                                                       // push rax
        0x51,                                                       // push rcx
        0x48, 0x8B, 0x44, 0x24, 0x10,                               // mov rax,[rsp+10h]
        0x48, 0xB9, 0, 0, 0, 0, 0, 0, 0, 0,                         // mov rcx,<pending word>
        0xF0, 0x48, 0x0F, 0xAB, 0x01,                               // lock bts [rcx],rax
        0x59,                                                       // pop rcx
        0x58,                                                       // pop rax
        0x48, 0x83, 0xC4, 0x08,                                     // add rsp,8
        0xF3, 0x0F, 0x01, 0xEC,                                     // uiret
    };

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
            new TrampolineImage(TrampolineFeatures.None, (byte[])PendingBitTrampoline.Clone(), new TrampolinePatch(TrampolinePatchKind.PendingWordAddress, 9)),
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
