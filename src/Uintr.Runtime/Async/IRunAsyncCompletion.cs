namespace Uintr.Async;

/// <summary>A <see cref="UintrReceiverThread.RunAsync(System.Func{System.Threading.Tasks.Task})"/> still running, cancelled if the thread stops first.</summary>
internal interface IRunAsyncCompletion
{
    void Cancel();
}
