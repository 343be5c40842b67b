using System;
using System.Collections.Generic;
using System.Linq;

namespace Uintr.Cli.Selftest;

/// <summary>A backend <c>uintr selftest --backend NAME</c> can run against.</summary>
/// <param name="Name">The value typed after <c>--backend</c>.</param>
/// <param name="Backend">What the runner builds for it.</param>
/// <param name="Description">One line for the help text.</param>
internal sealed record SelftestBackendChoice(string Name, SelftestBackend Backend, string Description);

/// <summary>
/// Every backend the selftest knows, by name. The command's choices, its help text and its error messages come from
/// this list, so a new backend is one entry here (and one value of <see cref="SelftestBackend"/>).
/// </summary>
internal static class SelftestBackends
{
    public static IReadOnlyList<SelftestBackendChoice> All { get; } = new SelftestBackendChoice[]
    {
        new("simulator", SelftestBackend.Simulator, "the built-in simulator, a fresh simulated machine per check"),
        new("hardware", SelftestBackend.Hardware, "real UINTR hardware; every check is skipped when a piece is missing"),
        new("emulated", SelftestBackend.Emulated, "the emulated backend: real trampolines on this machine's threads, signals for notifications (x86-64 Linux)"),
    };

    public static IReadOnlyList<string> Names { get; } = All.Select(b => b.Name).ToArray();

    /// <summary>The backend named <paramref name="name"/> (case-insensitive).</summary>
    public static SelftestBackendChoice Find(string name) =>
        All.FirstOrDefault(b => b.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"no selftest backend is named '{name}'; expected one of {string.Join(", ", Names)}", nameof(name));
}
