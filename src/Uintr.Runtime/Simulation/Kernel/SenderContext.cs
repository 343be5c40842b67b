using System.Collections.Generic;

namespace Uintr.Simulation.Kernel;

/// <summary>A UITT the kernel allocated (per thread in RFC v1, per process in uintr-next) and what each entry connects to.</summary>
internal sealed class SenderContext
{
    public SenderContext(ulong uittAddress) => UittAddress = uittAddress;

    public ulong UittAddress { get; }

    /// <summary>UITT index -> the uintr file it targets.</summary>
    public Dictionary<int, UintrFile> Entries { get; } = new();

    public int FindIndex(UintrFile file)
    {
        foreach (var (index, target) in Entries)
        {
            if (target == file)
            {
                return index;
            }
        }

        return -1;
    }

    public int FirstFreeIndex()
    {
        for (int i = 0; i < KernelConstants.UittEntries; i++)
        {
            if (!Entries.ContainsKey(i))
            {
                return i;
            }
        }

        return -1;
    }
}
