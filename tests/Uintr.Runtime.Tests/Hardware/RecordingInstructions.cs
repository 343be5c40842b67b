using System.Collections.Generic;
using Uintr.Hardware;

namespace Uintr.Runtime.Tests.Hardware;

/// <summary>Records SENDUIPI/CLUI/STUI/TESTUI instead of executing them (this machine would raise #UD).</summary>
internal sealed class RecordingInstructions(RecordingKernel? kernel = null) : IUintrInstructions
{
    private readonly object _gate = new();
    private bool _uif;

    public List<string> Executed { get; } = [];

    /// <summary>Records SENDUIPI and, with a kernel, checks the UITT entry and posts as the CPU would.</summary>
    public void SendUipi(ulong index)
    {
        Record($"senduipi {index}");
        kernel?.Send(index);
    }

    public void Clui()
    {
        Record("clui");
        _uif = false;
    }

    public void Stui()
    {
        Record("stui");
        _uif = true;
    }

    public bool Testui()
    {
        Record("testui");
        return _uif;
    }

    private void Record(string text)
    {
        lock (_gate)
        {
            Executed.Add(text);
        }
    }
}
