using System.Collections.Generic;

namespace Uintr.Simulation.Kernel;

/// <summary>A UITT the kernel allocated (per thread in RFC v1, per process in uintr-next) and what each entry connects to.</summary>
internal sealed class SenderContext
{
    public SenderContext(ulong uittAddress) => UittAddress = uittAddress;

    public ulong UittAddress { get; }

    /// <summary>UITT index -> the uintr file it targets.</summary>
    public Dictionary<int, UintrFile> Entries { get; } = new();

    /// <summary>
    /// RFC v1: entries the release of their receiver's file marked invalid; the sender task frees them as task work
    /// (sender_free_uitte), and tears the UITT down once it is empty.
    /// </summary>
    public List<int> PendingFree { get; } = new();

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
