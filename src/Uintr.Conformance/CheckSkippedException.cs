using System;

namespace Uintr.Conformance;

/// <summary>A check cannot run on the selected backend; the message says why.</summary>
internal sealed class CheckSkippedException : Exception
{
    public CheckSkippedException(string message)
        : base(message)
    {
    }
}
