namespace Uintr.Conformance;

/// <summary>What a check needs from the target it runs on.</summary>
internal enum CheckRequirement
{
    /// <summary>Runs through the public API on any backend.</summary>
    PublicApi,

    /// <summary>
    /// Runs through the public API but provokes a #UD or #GP: only where the fault comes back as an exception (the
    /// simulator); on hardware the signal would end this process.
    /// </summary>
    CatchableFaults,

    /// <summary>Issues raw system calls and raw SENDUIPI on the simulator's kernel and CPU model, as the C selftests do on the real ones.</summary>
    SimulatedKernel,

    /// <summary>Inspects code this project generates (the trampoline bytes), as GCC's compile tests inspect its output; needs no backend.</summary>
    GeneratedCode,
}
