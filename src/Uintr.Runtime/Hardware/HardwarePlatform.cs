using System;

namespace Uintr.Hardware;

internal static class HardwarePlatform
{
    public static UintrPlatform Create(HardwareSupport support) => throw new PlatformNotSupportedException(support.MissingPiece);
}
