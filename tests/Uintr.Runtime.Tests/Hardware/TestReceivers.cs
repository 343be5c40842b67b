using System;
using System.Collections.Generic;
using Uintr.CompilerServices;
using Uintr.Hardware;

namespace Uintr.Runtime.Tests.Hardware;

internal static class TestReceivers
{
    /// <summary>A stand-in trampoline (movabs rax, pending; ret): it is mapped and linked, never executed.</summary>
    public static TrampolineImage Trampoline() => new(
        TrampolineFeatures.None,
        [0x48, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0xC3],
        new TrampolinePatch(TrampolinePatchKind.PendingWordAddress, 2));

    public static UserInterruptReceiverDefinition Definition(ulong vectors, List<int> dispatched, int throwOn = -1) =>
        new("Tests.Doorbell", vectors, Trampoline(), vector =>
        {
            dispatched.Add(vector);
            if (vector == throwOn)
            {
                throw new InvalidOperationException($"handler {vector} failed");
            }
        });

    public static HardwareSupport RecordedSupport(KernelAbi abi) =>
        HardwareProbe.Detect(RecordedMachines.SapphireRapids(uintrFlag: true,
            RecordedMachines.UintrKallsyms(abi == KernelAbi.RfcV1 ? RecordedMachines.RfcV1Calls : RecordedMachines.UintrNextCalls)));

    public static (HardwarePlatform Platform, RecordingKernel Kernel, RecordingInstructions Instructions) Platform(KernelAbi abi = KernelAbi.UintrNext)
    {
        var kernel = new RecordingKernel(abi);
        var instructions = new RecordingInstructions(kernel);
        return (new HardwarePlatform(RecordedSupport(abi), kernel, instructions), kernel, instructions);
    }
}
