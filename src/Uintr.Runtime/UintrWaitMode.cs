namespace Uintr;

/// <summary>How <see cref="UintrReceiver.Wait"/> parks the receiving thread.</summary>
public enum UintrWaitMode
{
    /// <summary>Spin in user space (PAUSE loop) until the pending word changes: lowest latency, burns the core.</summary>
    Spin,
    /// <summary>Block in the kernel (uintr_wait) until a user interrupt arrives: frees the core, costs a wake-up.</summary>
    Block,
}
