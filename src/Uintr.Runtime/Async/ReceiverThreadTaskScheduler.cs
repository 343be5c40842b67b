using System.Collections.Generic;
using System.Threading.Tasks;

namespace Uintr.Async;

/// <summary>Runs tasks on a <see cref="UintrReceiverThread"/>, through the same queue as its synchronization context.</summary>
internal sealed class ReceiverThreadTaskScheduler(UintrReceiverThread owner) : TaskScheduler
{
    public override int MaximumConcurrencyLevel => 1;

    protected override void QueueTask(Task task) => owner.Post(
        static state =>
        {
            var (scheduler, queued) = ((ReceiverThreadTaskScheduler, Task))state!;
            scheduler.TryExecuteTask(queued);
        },
        (this, task));

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => owner.IsReceiverThread && TryExecuteTask(task);

    // Only a debugger asks; the queue holds callbacks, not tasks.
    protected override IEnumerable<Task>? GetScheduledTasks() => null;
}
