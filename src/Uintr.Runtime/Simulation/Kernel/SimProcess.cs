using System.Collections.Generic;
using System.Linq;

namespace Uintr.Simulation.Kernel;

/// <summary>A simulated process: an fd table shared by its tasks and, with uintr-next, one UITT.</summary>
internal sealed class SimProcess
{
    private readonly SortedDictionary<int, KernelFile> _fds = new();

    public SimProcess(int pid) => Pid = pid;

    public int Pid { get; }

    /// <summary>The name the process was started with (for error messages).</summary>
    public string Name { get; set; } = "main";

    /// <summary>The process's last task exited and its fd table was closed.</summary>
    public bool Exited { get; set; }

    /// <summary>Tasks created so far; the next tid is Pid + TaskCount.</summary>
    public int TaskCount => Tasks.Count;

    /// <summary>The process's tasks, in creation order.</summary>
    public List<SimTask> Tasks { get; } = new();

    /// <summary>The per-process UITT (uintr-next only).</summary>
    public SenderContext? SharedSender { get; set; }

    public bool TryGetFile(int fd, out KernelFile file) => _fds.TryGetValue(fd, out file!);

    public bool HasFd(int fd) => _fds.ContainsKey(fd);

    /// <summary>Installs <paramref name="file"/> at the lowest free fd number, as the kernel does.</summary>
    public int Install(KernelFile file)
    {
        int fd = KernelConstants.FirstFd;
        while (_fds.ContainsKey(fd))
        {
            fd++;
        }

        _fds.Add(fd, file);
        file.References++;
        return fd;
    }

    /// <summary>Installs <paramref name="file"/> at exactly <paramref name="fd"/> (fork copies the table slot for slot).</summary>
    public void InstallAt(int fd, KernelFile file)
    {
        _fds.Add(fd, file);
        file.References++;
    }

    public KernelFile Remove(int fd)
    {
        var file = _fds[fd];
        _fds.Remove(fd);
        file.References--;
        return file;
    }

    public IReadOnlyList<KeyValuePair<int, KernelFile>> Fds => _fds.ToList();
}
