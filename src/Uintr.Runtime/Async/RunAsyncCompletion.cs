using System.Threading.Tasks;

namespace Uintr.Async;

/// <summary>The task <see cref="UintrReceiverThread.RunAsync{T}"/> returns, completed from the work's own task.</summary>
internal sealed class RunAsyncCompletion<T> : IRunAsyncCompletion
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _completion.Task;

    public void CompleteFrom(Task<T> finished)
    {
        if (finished.IsCanceled)
        {
            _completion.TrySetCanceled();
        }
        else if (finished.Exception is { } exception)
        {
            _completion.TrySetException(exception.InnerExceptions);
        }
        else
        {
            _completion.TrySetResult(finished.Result);
        }
    }

    public void Cancel() => _completion.TrySetCanceled();
}
