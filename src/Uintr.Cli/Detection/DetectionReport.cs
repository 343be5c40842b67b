using System;
using System.Collections.Generic;
using Uintr.Hardware;

namespace Uintr.Cli.Detection;

/// <summary>
/// What <c>uintr detect</c> prints: each piece of the hardware path in probe order (present, missing with the reason,
/// or not checked because an earlier piece is missing), then the backend a program gets and why.
/// </summary>
internal static class DetectionReport
{
    private static readonly (HardwareMissingPiece Piece, string Label)[] s_pieces =
    {
        (HardwareMissingPiece.OperatingSystem, "Linux"),
        (HardwareMissingPiece.Architecture, "x86-64 process"),
        (HardwareMissingPiece.CpuFeature, "CPU: UINTR (CPUID.(EAX=7,ECX=0):EDX[5])"),
        (HardwareMissingPiece.KernelEnablement, "kernel: 'uintr' flag in /proc/cpuinfo"),
        (HardwareMissingPiece.SymbolTableUnreadable, "kernel: /proc/kallsyms readable"),
        (HardwareMissingPiece.KernelSystemCalls, "kernel: UINTR system calls"),
    };

    /// <summary>The report's lines for a probe result and the platform a program would get.</summary>
    public static IReadOnlyList<string> Lines(HardwareSupport support, string backendDescription, string? backendVariable)
    {
        ArgumentNullException.ThrowIfNull(support);
        var lines = new List<string>
        {
            $"CPU:     {support.CpuDescription}",
            $"OS:      {support.OperatingSystemDescription}",
            "Hardware path:",
        };

        bool missingSeen = false;
        foreach (var (piece, label) in s_pieces)
        {
            string state;
            if (missingSeen)
            {
                state = "not checked (an earlier piece is missing)";
            }
            else if (support.Missing == piece)
            {
                missingSeen = true;
                state = "MISSING";
            }
            else
            {
                state = "yes";
            }

            lines.Add($"  {label,-44} {state}");
        }

        lines.Add($"  {"kernel ABI",-44} {HardwareSupport.DescribeAbi(support.Abi)}");
        lines.Add($"  {"flexible UIRET (CPUID.(EAX=7,ECX=1):EDX[17])",-44} {(support.HasFlexibleUiret ? "yes" : "no")}");
        lines.Add(support.IsAvailable
            ? "Hardware: available."
            : $"Missing: {support.UnavailableReason}");
        lines.Add($"{BackendSelector.EnvironmentVariable}: {(string.IsNullOrWhiteSpace(backendVariable) ? "not set (auto)" : backendVariable)}");
        lines.Add($"Backend: {backendDescription}");
        return lines;
    }
}
