using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Uintr.Hardware;

/// <summary>A real OS thread bound to the hardware platform (so <see cref="UserInterrupts"/> runs CLUI/STUI/TESTUI there).</summary>
internal sealed class HardwareThread : UintrThread
{
    private readonly Thread _thread;
    private ExceptionDispatchInfo? _failure;
    private volatile bool _completed;

    public HardwareThread(UintrPlatform platform, string name, Action body)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(body);
        _thread = new Thread(() => Run(platform, body)) { Name = name, IsBackground = true };
        _thread.Start();
    }

    public override bool IsCompleted => _completed;

    public override void Join()
    {
        if (Thread.CurrentThread == _thread)
        {
            throw new InvalidOperationException($"Thread '{Name}' cannot join itself.");
        }

        _thread.Join();
        _failure?.Throw();
    }

    private void Run(UintrPlatform platform, Action body)
    {
        UserInterrupts.BindCurrentThread(platform);
        try
        {
            body();
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            _completed = true;
        }
    }
}
