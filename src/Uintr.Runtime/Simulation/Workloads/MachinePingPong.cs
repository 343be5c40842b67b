namespace Uintr.Simulation.Workloads;

/// <summary>Two cores bounce one user interrupt: each delivery makes the receiving core send straight back.</summary>
internal sealed class MachinePingPong : MachineWorkload
{
    private readonly int[] _replyIndex = new int[2];

    public MachinePingPong()
        : base(cores: 2)
    {
        _replyIndex[0] = Connect(Tasks[0], Tasks[1], vector: 2);
        _replyIndex[1] = Connect(Tasks[1], Tasks[0], vector: 1);
    }

    protected override void Start() => Send(0, _replyIndex[0], 0);

    protected override void OnHandled(int core, long time) => Send(core, _replyIndex[core], time);
}
