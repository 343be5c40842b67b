using System;
using System.Collections.Generic;
using System.Linq;

namespace Uintr.Cli.Selftest;

/// <summary>A backend <c>uintr selftest --backend NAME</c> can run against.</summary>
/// <param name="Name">The value typed after <c>--backend</c>.</param>
/// <param name="Backend">The platform backend the conformance target is built for.</param>
/// <param name="Description">One line for the help text.</param>
internal sealed record SelftestBackendChoice(string Name, UintrBackend Backend, string Description);

/// <summary>
/// Every backend the selftest knows, by name: every <see cref="UintrBackend"/> but auto, the simulator first (the
/// default). A backend added to <see cref="UintrBackend"/> is listed, described and accepted without touching this file
/// or the suite (the target is built through <see cref="UintrPlatform.Create"/>).
/// </summary>
internal static class SelftestBackends
{
    public static IReadOnlyList<SelftestBackendChoice> All { get; } = Enum.GetValues<UintrBackend>()
        .Where(b => b != UintrBackend.Auto)
        .OrderBy(b => b == UintrBackend.Simulator ? 0 : 1)
        .Select(b => new SelftestBackendChoice(b.ToString().ToLowerInvariant(), b, Describe(b)))
        .ToArray();

    public static IReadOnlyList<string> Names { get; } = All.Select(b => b.Name).ToArray();

    /// <summary>The backend named <paramref name="name"/> (case-insensitive).</summary>
    public static SelftestBackendChoice Find(string name) =>
        All.FirstOrDefault(b => b.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"no selftest backend is named '{name}'; expected one of {string.Join(", ", Names)}", nameof(name));

    private static string Describe(UintrBackend backend) => backend switch
    {
        UintrBackend.Simulator => "the built-in simulator under the --abi kernel ABI, a fresh simulated machine per check",
        UintrBackend.Hardware => "real UINTR hardware; every check is skipped when a piece is missing",
        _ => $"the {backend.ToString().ToLowerInvariant()} backend (UintrPlatform.Create); every check is skipped when it cannot run here",
    };
}

/// <summary>The kernel ABIs <c>uintr selftest --abi NAME</c> accepts for the simulator.</summary>
internal static class SelftestAbis
{
    public static IReadOnlyList<string> Names { get; } = new[] { "rfc-v1", "uintr-next" };

    /// <summary>The ABI named <paramref name="name"/> (one of <see cref="Names"/>, case-insensitive).</summary>
    public static KernelAbi Find(string name) =>
        name.Equals("uintr-next", StringComparison.OrdinalIgnoreCase) ? KernelAbi.UintrNext
        : name.Equals("rfc-v1", StringComparison.OrdinalIgnoreCase) ? KernelAbi.RfcV1
        : throw new ArgumentException($"no kernel ABI is named '{name}'; expected one of {string.Join(", ", Names)}", nameof(name));
}
