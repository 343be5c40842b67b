using System;

namespace Uintr;

/// <summary>A thread started by <see cref="UintrPlatform.StartThread"/>: a real thread on hardware, a simulated one on the simulator.</summary>
public abstract class UintrThread
{
    private protected UintrThread(string name) => Name = name ?? throw new ArgumentNullException(nameof(name));

    /// <summary>The name given to <see cref="UintrPlatform.StartThread"/>.</summary>
    public string Name { get; }

    /// <summary>Whether the thread's body has returned or thrown.</summary>
    public abstract bool IsCompleted { get; }

    /// <summary>Waits for the thread to finish; rethrows the exception its body threw, if any.</summary>
    public abstract void Join();

    /// <inheritdoc />
    public override string ToString() => Name;
}
