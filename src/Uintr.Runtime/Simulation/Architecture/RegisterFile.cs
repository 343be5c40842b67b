using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Uintr.Simulation.Architecture;

/// <summary>The user-visible integer state of one simulated hardware thread: 16 GPRs, RIP and RFLAGS.</summary>
internal sealed class RegisterFile : IEquatable<RegisterFile>
{
    public const int GprCount = 16;

    /// <summary>Bit 1 of RFLAGS always reads as 1.</summary>
    public const ulong RflagsFixedBits = 0x2;

    private readonly ulong[] _gpr = new ulong[GprCount];

    public ulong Rip { get; set; }

    public ulong Rflags { get; set; } = RflagsFixedBits;

    public ulong this[Gpr register]
    {
        get => _gpr[(int)register];
        set => _gpr[(int)register] = value;
    }

    public ulong Rsp
    {
        get => _gpr[(int)Gpr.Rsp];
        set => _gpr[(int)Gpr.Rsp] = value;
    }

    public RegisterFile Clone()
    {
        var copy = new RegisterFile { Rip = Rip, Rflags = Rflags };
        _gpr.CopyTo(copy._gpr, 0);
        return copy;
    }

    public void CopyFrom(RegisterFile other)
    {
        other._gpr.CopyTo(_gpr, 0);
        Rip = other.Rip;
        Rflags = other.Rflags;
    }

    /// <summary>Fills every GPR but RSP with seeded random values over all 64 bits, keeping RSP, RIP and RFLAGS as they are.</summary>
    public void Randomize(Random random)
    {
        ulong rsp = Rsp;
        random.NextBytes(MemoryMarshal.AsBytes(_gpr.AsSpan()));
        Rsp = rsp;
    }

    public bool Equals(RegisterFile? other) =>
        other is not null && Rip == other.Rip && Rflags == other.Rflags && _gpr.AsSpan().SequenceEqual(other._gpr);

    public override bool Equals(object? obj) => Equals(obj as RegisterFile);

    public override int GetHashCode() => HashCode.Combine(Rip, Rflags, _gpr[0], _gpr[4]);

    /// <summary>The registers that differ from <paramref name="expected"/>, for failure messages.</summary>
    public string DescribeDifferences(RegisterFile expected)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < GprCount; i++)
        {
            if (_gpr[i] != expected._gpr[i])
            {
                sb.Append($"{(Gpr)i}: expected 0x{expected._gpr[i]:X16}, got 0x{_gpr[i]:X16}; ");
            }
        }

        if (Rip != expected.Rip)
        {
            sb.Append($"RIP: expected 0x{expected.Rip:X16}, got 0x{Rip:X16}; ");
        }

        if (Rflags != expected.Rflags)
        {
            sb.Append($"RFLAGS: expected 0x{expected.Rflags:X}, got 0x{Rflags:X}; ");
        }

        return sb.Length == 0 ? "none" : sb.ToString().TrimEnd(' ', ';');
    }
}
