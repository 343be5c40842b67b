using System;
using Uintr;

namespace IpcChannel;

/// <summary>
/// The service with a user-interrupt doorbell in each direction. The client and the server are written once, against
/// the public API; they run as two real processes on UINTR hardware and as two simulated processes on the simulator.
/// <see cref="StartServer"/> is the one place that differs.
/// </summary>
internal static class UintrChannel
{
    private static readonly TimeSpan s_setupTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Starts the server process with its socket end: the only backend-specific line of the sample.</summary>
    public static UintrChildProcess StartServer(UintrPlatform platform, UintrSocket serverEnd, string regionPath, UintrWaitMode wait) =>
        platform is UintrSimulator simulator
            ? simulator.StartProcess("server", inherited => Server(simulator, inherited, regionPath, wait), serverEnd)
            : UintrChildProcess.Start(UintrChildProcess.ThisProgram("--role", "uintr-server", "--region", regionPath, "--wait", wait.ToString()), serverEnd);

    /// <summary>The server process (waiting in <paramref name="wait"/> mode between requests): receive the client's fd, hand over its own, connect, serve until told to stop.</summary>
    public static long Server(UintrPlatform platform, UintrInheritance inherited, string regionPath, UintrWaitMode wait)
    {
        using var socket = inherited.TakeSocket(0);
        using var region = SharedRegion.Open(regionPath);
        using var receiver = ServerDoorbell.RegisterUserInterrupts(platform);
        socket.Send(receiver.GetFd(ServerDoorbell.Vector));
        using var clientFd = socket.ReceiveFd(s_setupTimeout);
        using var toClient = platform.RegisterSender(clientFd);
        return Protocol.Serve(region, () => receiver.Wait(wait), toClient.Send);
    }

    /// <summary>The client (this process): <paramref name="roundTrips"/> timed round trips, then a stop request. Returns the latencies in platform ticks.</summary>
    public static long[] Client(UintrPlatform platform, SharedRegion region, UintrSocket clientEnd, int roundTrips, UintrWaitMode wait, UintrChildProcess server)
    {
        using var receiver = ClientDoorbell.RegisterUserInterrupts(platform);
        clientEnd.Send(receiver.GetFd(ClientDoorbell.Vector));
        using var serverFd = clientEnd.ReceiveFd(s_setupTimeout);
        using var toServer = platform.RegisterSender(serverFd);
        var waitForReply = Protocol.WatchingServer(() => receiver.Wait(wait, s_pollInterval) > 0, server);

        var latencies = new long[roundTrips];
        for (int i = 0; i < roundTrips; i++)
        {
            long start = platform.GetTimestamp();
            Protocol.RoundTrip(region, i + 1, toServer.Send, waitForReply);
            latencies[i] = platform.GetTimestamp() - start;
        }

        Protocol.RoundTrip(region, roundTrips + 1, toServer.Send, waitForReply, RequestKind.Stop);
        return latencies;
    }

    /// <summary>One whole run: region, socket pair, server process, client, server exit. Latencies in nanoseconds.</summary>
    public static double[] Run(UintrPlatform platform, int roundTrips, UintrWaitMode wait)
    {
        using var region = SharedRegion.Create("uintr-ipcchannel");
        var (clientEnd, serverEnd) = platform.CreateSocketPair();
        using (clientEnd)
        {
            using (var server = StartServer(platform, serverEnd, region.Path, wait))
            {
                serverEnd.Dispose();
                long[] ticks = Client(platform, region, clientEnd, roundTrips, wait, server);
                if (!server.WaitForExit(s_setupTimeout) || server.ExitCode != 0)
                {
                    throw new InvalidOperationException($"The server process did not exit cleanly (exited: {server.HasExited}).");
                }

                return Latency.ToNanoseconds(ticks, platform.TimestampFrequency);
            }
        }
    }
}
