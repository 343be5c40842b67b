using System;
using System.Linq;
using System.Reflection;
using Uintr.Hardware;

namespace Uintr.Runtime.Tests.Hardware;

public sealed class UintrSyscallTests
{
    [Theory]
    [InlineData("RfcV1", "RegisterHandler", 449)]
    [InlineData("RfcV1", "UnregisterHandler", 450)]
    [InlineData("RfcV1", "CreateFd", 451)]
    [InlineData("RfcV1", "RegisterSender", 452)]
    [InlineData("RfcV1", "UnregisterSender", 453)]
    [InlineData("RfcV1", "Wait", 454)]
    [InlineData("UintrNext", "RegisterHandler", 471)]
    [InlineData("UintrNext", "UnregisterHandler", 472)]
    [InlineData("UintrNext", "CreateFd", 473)]
    [InlineData("UintrNext", "RegisterSender", 474)]
    [InlineData("UintrNext", "UnregisterSender", 475)]
    [InlineData("UintrNext", "Wait", 476)]
    [InlineData("UintrNext", "RegisterSelf", 477)]
    [InlineData("UintrNext", "AltStack", 478)]
    [InlineData("UintrNext", "IpiFd", 479)]
    public void NumbersFollowTheReferenceTable(string abiName, string callName, long number)
    {
        var (abi, call) = (Enum.Parse<KernelAbi>(abiName), Enum.Parse<UintrSyscall>(callName));
        Assert.Equal(number, UintrSyscallTable.Number(abi, call));
    }

    [Theory]
    [InlineData("RegisterSelf")]
    [InlineData("AltStack")]
    [InlineData("IpiFd")]
    public void RfcV1HasNoNextOnlyCalls(string callName)
    {
        var call = Enum.Parse<UintrSyscall>(callName);
        Assert.Throws<ArgumentException>(() => UintrSyscallTable.Number(KernelAbi.RfcV1, call));
    }

    [Fact]
    public void NoAbiHasNoNumbers()
    {
        Assert.Throws<ArgumentException>(() => UintrSyscallTable.Number((KernelAbi)42, UintrSyscall.RegisterHandler));
    }

    [Fact]
    public void CreateFdIsRenamedInUintrNext()
    {
        Assert.Equal("uintr_create_fd", UintrSyscallTable.KernelName(KernelAbi.RfcV1, UintrSyscall.CreateFd));
        Assert.Equal("uintr_vector_fd", UintrSyscallTable.KernelName(KernelAbi.UintrNext, UintrSyscall.CreateFd));
    }

    [Theory]
    [InlineData("RfcV1", "RegisterHandler", Errno.EOPNOTSUPP, "no UINTR hardware support")]
    [InlineData("UintrNext", "RegisterHandler", Errno.ENOSYS, "no UINTR hardware support")]
    [InlineData("RfcV1", "RegisterHandler", Errno.EINVAL, "flags must be 0")]
    [InlineData("RfcV1", "RegisterHandler", Errno.EBUSY, "already registered on this thread")]
    [InlineData("UintrNext", "RegisterHandler", Errno.EFAULT, "handler address is 0")]
    [InlineData("RfcV1", "UnregisterHandler", Errno.EINVAL, "no handler is registered")]
    [InlineData("UintrNext", "UnregisterHandler", Errno.ENOSYS, "no UINTR hardware support")]
    [InlineData("RfcV1", "CreateFd", Errno.EINVAL, "no handler is registered")]
    [InlineData("RfcV1", "CreateFd", Errno.ENOSPC, "vector is 64 or above")]
    [InlineData("RfcV1", "CreateFd", Errno.EBUSY, "already registered by this thread")]
    [InlineData("UintrNext", "CreateFd", Errno.EBUSY, "unexpected errno 16")]
    [InlineData("RfcV1", "CreateFd", Errno.EOPNOTSUPP, "no UINTR hardware support")]
    [InlineData("UintrNext", "RegisterSender", Errno.EOPNOTSUPP, "not a uintr fd")]
    [InlineData("RfcV1", "RegisterSender", Errno.EOPNOTSUPP, "not a uintr fd (or the kernel has no UINTR hardware support)")]
    [InlineData("RfcV1", "RegisterSender", Errno.EBADF, "not an open file descriptor")]
    [InlineData("RfcV1", "RegisterSender", Errno.EISCONN, "already connected")]
    [InlineData("UintrNext", "RegisterSender", Errno.EISCONN, "unexpected errno 106")]
    [InlineData("RfcV1", "RegisterSender", Errno.ECONNRESET, "unexpected errno 104")]
    [InlineData("UintrNext", "RegisterSender", Errno.ECONNRESET, "unexpected errno 104")]
    [InlineData("UintrNext", "RegisterSender", Errno.ESHUTDOWN, "receiver thread exited")]
    [InlineData("RfcV1", "RegisterSender", Errno.ESHUTDOWN, "unregistered its handler or exited")]
    [InlineData("UintrNext", "RegisterSender", Errno.ENOSPC, "UITT is full")]
    [InlineData("RfcV1", "RegisterSender", Errno.EINVAL, "flags must be 0")]
    [InlineData("RfcV1", "UnregisterSender", Errno.EINVAL, "no sender connection through the fd")]
    [InlineData("UintrNext", "UnregisterSender", Errno.EINVAL, "no sender connection at that UITT index")]
    [InlineData("RfcV1", "UnregisterSender", Errno.EBADF, "not an open file descriptor")]
    [InlineData("UintrNext", "UnregisterSender", Errno.EBADF, "unexpected errno 9")]
    [InlineData("UintrNext", "AltStack", Errno.EOPNOTSUPP, "no handler is registered on this thread")]
    [InlineData("UintrNext", "RegisterHandler", Errno.EINVAL, "CONFIG_X86_UINTR_BLOCKING")]
    [InlineData("UintrNext", "Wait", Errno.EOPNOTSUPP, "no handler is registered on this thread")]
    [InlineData("UintrNext", "Wait", Errno.EINVAL, "exceeds 1,000,000,000 microseconds")]
    [InlineData("UintrNext", "Wait", Errno.ENOSYS, "built without CONFIG_X86_UINTR_BLOCKING")]
    [InlineData("RfcV1", "Wait", Errno.EINVAL, "flags must be 0")]
    [InlineData("RfcV1", "Wait", Errno.EINTR, "user interrupt")]
    [InlineData("RfcV1", "CreateFd", Errno.EINTR, "interrupted by a signal")]
    [InlineData("RfcV1", "RegisterHandler", (Errno)12, "unexpected errno 12")]
    public void ErrnoMapsToTheKernelsReason(string abiName, string callName, Errno errno, string reason)
    {
        var (abi, call) = (Enum.Parse<KernelAbi>(abiName), Enum.Parse<UintrSyscall>(callName));
        var e = UintrSyscallErrors.ToException(abi, call, (int)errno);

        Assert.Equal(errno, e.Errno);
        Assert.Equal(UintrSyscallTable.KernelName(abi, call), e.Syscall);
        Assert.Contains(reason, e.Reason);
        Assert.Contains(e.Syscall, e.Message);
    }

    [Fact]
    public void OpeningTheSyscallsIsRefusedOnThisMachine()
    {
        var e = Assert.Throws<PlatformNotSupportedException>(() => UintrSyscalls.Open(HardwareProbe.Detect()));

        Assert.Contains("does not support user interrupts", e.Message);
    }

    [Fact]
    public void OpeningTheSyscallsFromRecordedSupportIsRefused()
    {
        var recorded = HardwareProbe.Detect(RecordedMachines.SapphireRapids(uintrFlag: true, RecordedMachines.UintrKallsyms(RecordedMachines.UintrNextCalls)));

        var e = Assert.Throws<PlatformNotSupportedException>(() => UintrSyscalls.Open(recorded));

        Assert.Contains("recorded inputs", e.Message);
    }

    [Fact]
    public void TheRawEntryPointAndTheConstructorAreNotReachable()
    {
        var type = typeof(UintrSyscalls);

        Assert.All(type.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic), c => Assert.True(c.IsPrivate));
        Assert.All(type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(m => !m.Name.Contains('<') && m.GetParameters().FirstOrDefault()?.ParameterType == typeof(long)),
            m => Assert.True(m.IsPrivate, $"{m.Name} must be private"));
    }
}
