using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Uintr;

namespace IpcChannel.Tests;

/// <summary>The whole service: user-interrupt doorbells between two simulated processes, eventfd doorbells between two real ones.</summary>
public sealed class ChannelTests
{
    [Theory]
    [InlineData(UintrWaitMode.Block)]
    [InlineData(UintrWaitMode.Spin)]
    public void The_user_interrupt_channel_serves_every_request_between_two_simulated_processes_deterministically(UintrWaitMode wait)
    {
        double[] first = UintrChannel.Run(UintrPlatform.Simulator(new SimulatorOptions { Seed = 3 }), 60, wait);
        double[] again = UintrChannel.Run(UintrPlatform.Simulator(new SimulatorOptions { Seed = 3 }), 60, wait);

        Assert.Equal(60, first.Length);
        Assert.All(first, ns => Assert.InRange(ns, 100, 100_000));
        Assert.Equal(first, again);
    }

    [Fact]
    public void Blocking_waits_cost_more_than_spinning_in_the_simulated_channel()
    {
        double block = UintrChannel.Run(UintrPlatform.Simulator(), 40, UintrWaitMode.Block).Skip(5).Average();
        double spin = UintrChannel.Run(UintrPlatform.Simulator(), 40, UintrWaitMode.Spin).Skip(5).Average();

        Assert.True(block > spin, $"block {block} ns, spin {spin} ns");
    }

    [Fact]
    public void A_simulated_server_that_exits_after_connecting_is_reported_not_waited_for_forever()
    {
        var sim = UintrPlatform.Simulator();
        using var region = SharedRegion.Create("ipcchannel-dying");
        var (clientEnd, serverEnd) = sim.CreateSocketPair();
        using var server = sim.StartProcess("dying", inherited =>
        {
            using var socket = inherited.TakeSocket(0);
            using var receiver = ServerDoorbell.RegisterUserInterrupts(sim);
            socket.Send(receiver.GetFd(ServerDoorbell.Vector));
            socket.ReceiveFd().Dispose();
        }, serverEnd);
        serverEnd.Dispose();

        var e = Assert.Throws<InvalidOperationException>(() => UintrChannel.Client(sim, region, clientEnd, 10, UintrWaitMode.Block, server));

        Assert.Contains($"server process {server.Id} exited (code 0)", e.Message);
        clientEnd.Dispose();
    }

    [Fact]
    public void The_eventfd_channel_runs_between_two_real_processes_with_fds_passed_over_a_real_socket()
    {
        double[] latencies = EventfdChannel.Run(ServerProcess, 200);

        Assert.Equal(200, latencies.Length);
        Assert.All(latencies, ns => Assert.True(ns > 0));
    }

    [Fact]
    public void A_server_process_that_dies_before_it_takes_the_eventfds_is_a_clear_error()
    {
        var e = Assert.ThrowsAny<Exception>(() => EventfdChannel.Run(_ => new ProcessStartInfo("/bin/true"), 10));

        Assert.True(e is UintrException { Errno: Errno.EPIPE } || e is InvalidOperationException, e.ToString());
    }

    /// <summary>The sample's own program, built next to this assembly, as the eventfd server.</summary>
    private static ProcessStartInfo ServerProcess(string regionPath)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "IpcChannel.dll");
        string dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet) { UseShellExecute = false };
        foreach (string argument in (string[])[dll, "--role", "eventfd-server", "--region", regionPath])
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}
