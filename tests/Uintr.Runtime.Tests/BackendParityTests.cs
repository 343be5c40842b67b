using System;
using System.Collections.Generic;
using Uintr.CompilerServices;
using Uintr.Runtime.Tests.Hardware;

namespace Uintr.Runtime.Tests;

/// <summary>
/// The simulator, the hardware backend and the emulated backend behave the same for everything that does not need the
/// CPU: argument validation, errno for misuse, ownership and dispose order. The hardware backend runs on a recording
/// kernel here (no UINTR system call or instruction is issued); the simulator and the emulated backend are the real ones.
/// </summary>
public class BackendParityTests
{
    public static TheoryData<string> Backends => new() { "simulator", "hardware", "emulated" };

    private static UintrPlatform Create(string backend) => backend switch
    {
        "simulator" => UintrPlatform.Simulator(),
        "emulated" => Emulation.EmulatedTestPlatform.Instance,
        _ => TestReceivers.Platform().Platform,
    };

    private static UserInterruptReceiverDefinition Definition(ulong vectors, List<int> dispatched) =>
        new("Tests.Parity", vectors, global::Uintr.Simulation.Hosting.DefaultTrampoline.Image, dispatched.Add);

    private static void OnPlatformThread(UintrPlatform platform, Action body) => platform.StartThread("parity", body).Join();

    [Theory]
    [MemberData(nameof(Backends))]
    public void An_undeclared_vector_has_no_fd(string backend)
    {
        var platform = Create(backend);
        OnPlatformThread(platform, () =>
        {
            using var receiver = UserInterruptRegistration.Register(platform, Definition(1UL << 3, new()));
            Assert.Equal(1UL << 3, receiver.Vectors);
            Assert.Equal(3, receiver.GetFd(3).Vector);
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => receiver.GetFd(4));
            Assert.Contains("Tests.Parity", error.Message);
        });
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Wait_validates_its_mode_and_timeout(string backend)
    {
        var platform = Create(backend);
        OnPlatformThread(platform, () =>
        {
            using var receiver = UserInterruptRegistration.Register(platform, Definition(1UL << 3, new()));
            Assert.Throws<ArgumentOutOfRangeException>(() => receiver.Wait((UintrWaitMode)42));
            Assert.Throws<ArgumentOutOfRangeException>(() => receiver.Wait(UintrWaitMode.Spin, TimeSpan.FromTicks(-1)));
            Assert.Equal(0, receiver.Wait(UintrWaitMode.Spin, TimeSpan.Zero));
        });
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void A_second_receiver_on_one_thread_is_EBUSY_from_register_handler(string backend)
    {
        var platform = Create(backend);
        OnPlatformThread(platform, () =>
        {
            using var first = UserInterruptRegistration.Register(platform, Definition(1UL << 1, new()));
            var error = Assert.Throws<UintrException>(() => UserInterruptRegistration.Register(platform, Definition(1UL << 2, new())));
            Assert.Equal(Errno.EBUSY, error.Errno);
            Assert.Equal("uintr_register_handler", error.Syscall);
            Assert.Equal(0, first.Poll());
        });
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Connecting_to_a_closed_fd_is_EBADF_and_to_null_is_an_argument_error(string backend)
    {
        var platform = Create(backend);
        OnPlatformThread(platform, () =>
        {
            using var receiver = UserInterruptRegistration.Register(platform, Definition(1UL << 6, new()));
            var copy = receiver.GetFd(6).Duplicate();
            copy.Dispose();
            Assert.True(copy.IsDisposed);

            Assert.Throws<ArgumentNullException>(() => platform.RegisterSender(null!));
            var error = Assert.Throws<UintrException>(() => platform.RegisterSender(copy));
            Assert.Equal(Errno.EBADF, error.Errno);
            Assert.Throws<ObjectDisposedException>(() => copy.Duplicate());
        });
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void A_disposed_receiver_or_sender_refuses_use_and_disposing_twice_is_harmless(string backend)
    {
        var platform = Create(backend);
        OnPlatformThread(platform, () =>
        {
            var receiver = UserInterruptRegistration.Register(platform, Definition(1UL << 5, new()));
            var sender = platform.RegisterSender(receiver.GetFd(5));
            var fd = receiver.GetFd(5);

            sender.Dispose();
            sender.Dispose();
            receiver.Dispose();
            receiver.Dispose();

            Assert.Throws<ObjectDisposedException>(() => sender.Send());
            Assert.Throws<ObjectDisposedException>(() => receiver.Poll());
            Assert.Throws<ObjectDisposedException>(() => receiver.GetFd(5));
            Assert.True(fd.IsDisposed, "the receiver closes the fds it owns");
        });
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Poll_from_another_thread_is_refused(string backend)
    {
        var platform = Create(backend);
        UintrReceiver? receiver = null;
        bool done = false;
        var owner = platform.StartThread("owner", () =>
        {
            receiver = UserInterruptRegistration.Register(platform, Definition(1UL << 2, new()));
            platform.SpinUntil(() => done, TimeSpan.FromSeconds(10));
            receiver.Dispose();
        });
        platform.StartThread("other", () =>
        {
            platform.SpinUntil(() => receiver is not null, TimeSpan.FromSeconds(10));
            Assert.Throws<InvalidOperationException>(() => receiver!.Poll());
            done = true;
        }).Join();
        owner.Join();
    }
}
