namespace Uintr.Conformance;

/// <summary>How a check ended.</summary>
internal enum CheckStatus
{
    Pass,
    Fail,
    Skip,
}

/// <summary>A check's result: the status and, for a failure or a skip, why.</summary>
internal sealed record CheckOutcome(CheckStatus Status, string? Reason)
{
    public static CheckOutcome Pass { get; } = new(CheckStatus.Pass, null);

    public static CheckOutcome Fail(string reason) => new(CheckStatus.Fail, reason);

    public static CheckOutcome Skip(string reason) => new(CheckStatus.Skip, reason);
}
