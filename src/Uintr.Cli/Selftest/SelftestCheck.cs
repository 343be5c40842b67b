using System;

namespace Uintr.Cli.Selftest;

/// <summary>One check of the suite, named after the kernel selftest it ports.</summary>
/// <param name="Name">The KTAP test name.</param>
/// <param name="Scope">What it needs from the backend.</param>
/// <param name="Body">The check; it throws <see cref="CheckFailedException"/> or <see cref="CheckSkippedException"/>.</param>
internal sealed record SelftestCheck(string Name, CheckScope Scope, Action<SelftestContext> Body);
