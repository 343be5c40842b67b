using System;
using Uintr.CompilerServices;

namespace Uintr;

/// <summary>
/// The built-in cycle-level simulator of a UINTR machine (Sapphire Rapids timing by default).
/// Simulated threads run one at a time under the simulator's control, so a program gives the same
/// output, simulated timestamps included, every time it runs with the same options.
/// </summary>
public sealed partial class UintrSimulator : UintrPlatform
{
    private readonly string? _selectionReason;

    internal UintrSimulator(SimulatorOptions options, string? selectionReason = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _selectionReason = selectionReason;
    }

    /// <summary>The options the machine was built with.</summary>
    public SimulatorOptions Options { get; }

    /// <inheritdoc />
    public override string Description =>
        $"UINTR simulator ({Options.Cores} cores at {Options.FrequencyHz / 1e9:0.0##} GHz, seed {Options.Seed})" +
        (_selectionReason is null ? string.Empty : $"; hardware backend not used: {_selectionReason}");

    /// <inheritdoc />
    public override long TimestampFrequency => Options.FrequencyHz;

    /// <inheritdoc />
    public override long GetTimestamp() => throw new NotImplementedException();

    /// <inheritdoc />
    public override UintrThread StartThread(string name, Action body) => throw new NotImplementedException();

    /// <inheritdoc />
    public override UintrSender RegisterSender(UintrFd fd) => throw new NotImplementedException();

    /// <inheritdoc />
    public override bool SpinUntil(Func<bool> condition, TimeSpan? timeout = null) => throw new NotImplementedException();

    internal override UintrReceiver RegisterReceiver(UserInterruptReceiverDefinition definition) => throw new NotImplementedException();

    internal override IUserInterruptFlag CurrentThreadFlag() => throw new NotImplementedException();
}
