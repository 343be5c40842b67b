using System;

namespace Uintr.Conformance;

/// <summary>A check's assertion did not hold; the message says what was expected and what happened.</summary>
internal sealed class CheckFailedException : Exception
{
    public CheckFailedException(string message)
        : base(message)
    {
    }
}
