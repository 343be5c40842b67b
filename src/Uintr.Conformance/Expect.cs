using System;
using System.Runtime.CompilerServices;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Kernel;

namespace Uintr.Conformance;

/// <summary>The assertions the checks make; each failure throws <see cref="CheckFailedException"/> naming what differed.</summary>
internal static class Expect
{
    public static void True(bool condition, [CallerArgumentExpression(nameof(condition))] string? what = null)
    {
        if (!condition)
        {
            throw new CheckFailedException($"expected {what}");
        }
    }

    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!Equals(expected, actual))
        {
            throw new CheckFailedException($"{what}: expected {expected}, got {actual}");
        }
    }

    /// <summary>A simulated system call succeeded; returns its value.</summary>
    public static long Ok(SyscallResult result, string call) =>
        result.Failed ? throw new CheckFailedException($"{call} failed with {result.Error} ({result.Reason})") : result.Value;

    /// <summary>A simulated system call returned -<paramref name="errno"/>.</summary>
    public static void Errno(Errno errno, SyscallResult? result, string call)
    {
        if (result is not { } r)
        {
            throw new CheckFailedException($"{call}: expected -{errno}, but the call blocked");
        }

        if (r.Error != errno || r.Value != -(long)errno)
        {
            throw new CheckFailedException($"{call}: expected -{errno}, got {r}");
        }
    }

    /// <summary>A public-API call threw <see cref="UintrException"/> with <paramref name="errno"/>.</summary>
    public static void Errno(Errno errno, Action call, string what)
    {
        try
        {
            call();
        }
        catch (UintrException e) when (e.Errno == errno)
        {
            return;
        }
        catch (UintrException e)
        {
            throw new CheckFailedException($"{what}: expected {errno}, got {e.Errno} ({e.Message})");
        }

        throw new CheckFailedException($"{what}: expected {errno}, but the call succeeded");
    }

    /// <summary>A public-API call raised the fault <paramref name="fault"/>.</summary>
    public static UintrFaultException Fault(UintrFault fault, Action call, string what)
    {
        try
        {
            call();
        }
        catch (UintrFaultException e) when (e.Fault == fault)
        {
            return e;
        }
        catch (UintrFaultException e)
        {
            throw new CheckFailedException($"{what}: expected {UintrFaultException.FaultName(fault)}, got {UintrFaultException.FaultName(e.Fault)} ({e.Reason})");
        }

        throw new CheckFailedException($"{what}: expected {UintrFaultException.FaultName(fault)}, but no fault was raised");
    }

    /// <summary>An instruction on the simulated machine raised the fault <paramref name="fault"/>.</summary>
    public static ArchitecturalFault ArchitecturalFault(UintrFault fault, Action instruction, string what)
    {
        try
        {
            instruction();
        }
        catch (ArchitecturalFault e) when (e.Fault == fault)
        {
            return e;
        }
        catch (ArchitecturalFault e)
        {
            throw new CheckFailedException($"{what}: expected {UintrFaultException.FaultName(fault)}, got {UintrFaultException.FaultName(e.Fault)} ({e.Reason})");
        }

        throw new CheckFailedException($"{what}: expected {UintrFaultException.FaultName(fault)}, but no fault was raised");
    }
}
