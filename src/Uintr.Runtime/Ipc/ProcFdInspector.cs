using System;
using System.Globalization;
using System.IO;

namespace Uintr.Ipc;

/// <summary>
/// Identifies an fd of this process through procfs: /proc/self/fd/N names the file and /proc/self/fdinfo/N carries
/// what its show_fdinfo printed. Intel's kernels name a uintr fd's anonymous inode and print its vector as follows:
/// RFC-v1-era tree (arch/x86/kernel/uintr_fd.c, intel/uintr-linux-kernel 2100ffbe): "[uintrfd]" and
/// "user_vector:%llu"; uintr-next (arch/x86/kernel/uintr.c, fed8dc12): "[uvecfd]" and "uintr: receiver: %d vector:%llu".
/// </summary>
internal static class ProcFdInspector
{
    /// <exception cref="UintrException">EBADF: <paramref name="fd"/> is not open.</exception>
    public static FdIdentity Identify(int fd)
    {
        string? target = LinkTarget(fd);
        if (target is null)
        {
            throw new UintrException(Errno.EBADF, "readlink", $"fd {fd} is not open");
        }

        if (target is not ("anon_inode:[uintrfd]" or "anon_inode:[uvecfd]"))
        {
            return new FdIdentity(null, target);
        }

        string info = File.ReadAllText($"/proc/self/fdinfo/{fd}");
        return new FdIdentity(ParseVector(info) ?? throw new InvalidDataException($"/proc/self/fdinfo/{fd} of {target} names no vector: {info}"), target);
    }

    /// <summary>What /proc/self/fd/N points to ("socket:[1234]", "anon_inode:[eventfd]"), or null when the fd is not open.</summary>
    public static string? LinkTarget(int fd)
    {
        try
        {
            return new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The vector in an fdinfo text of either kernel tree, or null.</summary>
    public static int? ParseVector(string fdinfo)
    {
        foreach (string line in fdinfo.Split('\n'))
        {
            foreach (string key in (ReadOnlySpan<string>)["user_vector:", "vector:"])
            {
                int at = line.IndexOf(key, StringComparison.Ordinal);
                if (at >= 0 && int.TryParse(line.AsSpan(at + key.Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int vector) && vector is >= 0 and < 64)
                {
                    return vector;
                }
            }
        }

        return null;
    }
}
