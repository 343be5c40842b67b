namespace Uintr.Simulation.Kernel;

/// <summary>The kernel's answers to the RFC's open questions.</summary>
/// <param name="Abi">Which revision of the syscall ABI.</param>
/// <param name="SharedUitt">Whether the UITT is per process (uintr-next) rather than per thread (RFC v1); defaults from the ABI.</param>
/// <param name="InterruptBlockingSyscalls">Whether a user interrupt also ends other blocking system calls with EINTR, as a signal would.</param>
/// <param name="Restore">The order of the return-to-user steps (only the explorer's self-test changes it).</param>
/// <param name="BlockingConfigured">
/// uintr-next built with CONFIG_X86_UINTR_BLOCKING: the register_handler waiting flags are accepted and uintr_wait works;
/// without it both refuse (EINVAL, ENOSYS). RFC v1 always blocks.
/// </param>
/// <param name="PlantedBugs">Kernel defects planted for the explorer's own tests.</param>
/// <param name="WaitTimers">
/// Whether uintr_wait arms its hrtimer (both trees do). The schedule explorer turns it off: it checks that a wake-up is
/// never lost, which a timer would hide.
/// </param>
internal sealed record KernelOptions(KernelAbi Abi, bool? SharedUitt = null, bool InterruptBlockingSyscalls = false, RestoreOrder Restore = RestoreOrder.ClearSuppressThenReadPir, bool BlockingConfigured = true, PlantedBugs PlantedBugs = PlantedBugs.None, bool WaitTimers = true)
{
    public bool UittIsShared => SharedUitt ?? Abi == KernelAbi.UintrNext;
}
