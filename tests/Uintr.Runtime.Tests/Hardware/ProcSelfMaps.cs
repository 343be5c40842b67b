using System;
using System.Globalization;
using System.IO;

namespace Uintr.Runtime.Tests.Hardware;

/// <summary>Reads the permissions of the mapping that holds an address from /proc/self/maps.</summary>
internal static class ProcSelfMaps
{
    public static string PermissionsOf(nint address)
    {
        ulong target = (ulong)address;
        foreach (string line in File.ReadLines("/proc/self/maps"))
        {
            // "start-end perms offset dev inode path"
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string[] range = fields[0].Split('-');
            ulong start = ulong.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            ulong end = ulong.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (target >= start && target < end)
            {
                return fields[1];
            }
        }

        throw new InvalidOperationException($"0x{target:x} is not mapped.");
    }
}
