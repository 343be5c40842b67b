using System;

namespace Uintr.Conformance;

/// <summary>One check of the suite, named after the selftest it ports.</summary>
/// <param name="Name">The KTAP test name.</param>
/// <param name="Requirement">What it needs from the target.</param>
/// <param name="Source">The test it ports: repository, file, function and commit.</param>
/// <param name="Body">The check; it throws <see cref="CheckFailedException"/> or <see cref="CheckSkippedException"/>.</param>
internal sealed record ConformanceCheck(string Name, CheckRequirement Requirement, string Source, Action<ConformanceTarget> Body)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}
