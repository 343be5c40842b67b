using Uintr.Simulation.Kernel;

namespace Uintr.Simulation.Exploration;

/// <summary>The shape of the schedules the explorer generates.</summary>
/// <param name="Senders">Sender tasks, each pinned to a core of its own.</param>
/// <param name="Vectors">Receiver vectors (each sender connects to every vector).</param>
/// <param name="Operations">Random operations per schedule (sends, switches, migrations, masking, waits, closes).</param>
/// <param name="HorizonCycles">The span the operations are spread over.</param>
/// <param name="Restore">The kernel's return-to-user order (the broken order is the explorer's self-test).</param>
/// <param name="RuntimeWaits">
/// Blocking waits as the runtime makes them: read the pending word the trampoline sets, and only if it is zero enter
/// uintr_wait, <paramref name="WaitWindowCycles"/> later (the instructions from the load to SYSCALL).
/// </param>
/// <param name="WaitWindowClosed">
/// With <paramref name="RuntimeWaits"/>: the handler is the runtime's entry stub in front of the trampoline, which moves
/// an interrupted RIP inside the window to the wait stub's abort label (<see cref="Uintr.Hardware.WaitWindow"/>); false
/// registers the bare trampoline, leaving the window open.
/// </param>
/// <param name="WaitTimers">
/// Whether a runtime wait also ends at its timeout. Off by default: only a wake-up ends a wait, so no timer rescues a lost
/// one. The explorer's kernel arms no uintr_wait timer either: RFC v1's 100 us (arch/x86/kernel/uintr_fd.c at 2100ffbe)
/// would end every lost wake-up well inside a schedule.
/// </param>
/// <param name="WaitWindowCycles">How long a runtime wait spends between its check and SYSCALL.</param>
/// <param name="PlantedBugs">Defects planted in the model, for the tests that prove each oracle finds its bug.</param>
internal sealed record ExplorationOptions(
    int Senders = 2,
    int Vectors = 3,
    int Operations = 16,
    long HorizonCycles = 12_000,
    RestoreOrder Restore = RestoreOrder.ClearSuppressThenReadPir,
    bool RuntimeWaits = false,
    bool WaitWindowClosed = true,
    bool WaitTimers = false,
    long WaitWindowCycles = 10,
    PlantedBugs PlantedBugs = PlantedBugs.None);
