namespace Uintr.Simulation.Exploration;

/// <summary>Which invariant a schedule broke.</summary>
internal enum ViolationKind
{
    /// <summary>A send of a vector was never followed by a delivery of that vector (a lost interrupt).</summary>
    LostInterrupt,
    /// <summary>A delivery had no send of its vector to account for it.</summary>
    SpuriousDelivery,
    /// <summary>A delivery happened while the receiver had UIF = 0 or was not running user code.</summary>
    DeliveryWhileMasked,
    /// <summary>The receiver sleeps in uintr_wait although a vector it was sent is already in its pending word.</summary>
    LostWakeUp,
}

/// <summary>One broken invariant, with the seed that reproduces the schedule.</summary>
internal sealed record ExplorationViolation(int Seed, ViolationKind Kind, int Vector, long Cycle, string Detail)
{
    public override string ToString() => $"seed {Seed}: {Kind} of vector {Vector} at cycle {Cycle}: {Detail}";
}
