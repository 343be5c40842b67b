namespace Uintr.Simulation.Workloads;

/// <summary>
/// Every core sends to its neighbour on all of <c>vectors</c> vectors at once, then sends the next vector, round robin,
/// each time its own trampoline returns: many vectors pending per UPID, coalescing, back-to-back deliveries.
/// </summary>
internal sealed class InterruptStorm : MachineWorkload
{
    private readonly int[,] _index;
    private readonly int[] _next;
    private readonly int _vectors;

    public InterruptStorm(int cores, int vectors)
        : base(cores)
    {
        _vectors = vectors;
        _index = new int[cores, vectors];
        _next = new int[cores];
        for (int core = 0; core < cores; core++)
        {
            var neighbour = Tasks[(core + 1) % cores];
            for (int v = 0; v < vectors; v++)
            {
                _index[core, v] = Connect(Tasks[core], neighbour, v);
            }
        }
    }

    protected override void Start()
    {
        for (int core = 0; core < Tasks.Length; core++)
        {
            for (int v = 0; v < _vectors; v++)
            {
                Send(core, _index[core, v], v);
            }
        }
    }

    protected override void OnHandled(int core, long time)
    {
        int v = _next[core];
        _next[core] = (v + 1) % _vectors;
        Send(core, _index[core, v], time);
    }
}
