using Uintr.Simulation.Kernel;

namespace Uintr.Simulation.Exploration;

/// <summary>The shape of the schedules the explorer generates.</summary>
/// <param name="Senders">Sender tasks, each pinned to a core of its own.</param>
/// <param name="Vectors">Receiver vectors (each sender connects to every vector).</param>
/// <param name="Operations">Random operations per schedule (sends, switches, migrations, masking, waits, closes).</param>
/// <param name="HorizonCycles">The span the operations are spread over.</param>
/// <param name="Restore">The kernel's return-to-user order (the broken order is the explorer's self-test).</param>
internal sealed record ExplorationOptions(
    int Senders = 2,
    int Vectors = 3,
    int Operations = 16,
    long HorizonCycles = 12_000,
    RestoreOrder Restore = RestoreOrder.ClearSuppressThenReadPir);
