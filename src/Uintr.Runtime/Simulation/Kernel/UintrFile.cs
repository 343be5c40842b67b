namespace Uintr.Simulation.Kernel;

/// <summary>
/// The anonymous-inode file behind a uintr fd: one receiver vector. Open-file references (fds in any process)
/// are counted; closing the last one unregisters the vector (deferred to the receiver as task work).
/// </summary>
internal sealed class UintrFile : KernelFile
{
    public UintrFile(ReceiverContext receiver, int vector)
    {
        Receiver = receiver;
        Vector = vector;
    }

    public ReceiverContext Receiver { get; }

    public int Vector { get; }

    public override string Kind => "uintr";
}
