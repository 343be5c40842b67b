using System;
using System.Diagnostics;
using Uintr;

namespace IpcChannel;

/// <summary>
/// The same service and protocol with an eventfd doorbell in each direction, between two real processes of this
/// machine: the eventfds travel to the server over a real Unix socket (SCM_RIGHTS), the rings are the same mapped file.
/// </summary>
internal static class EventfdChannel
{
    private static readonly TimeSpan s_setupTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The server process: take the socket, receive both eventfds, serve until told to stop.</summary>
    public static long Server(UintrInheritance inherited, string regionPath)
    {
        using var socket = inherited.TakeSocket(0);
        using var region = SharedRegion.Open(regionPath);
        using var requests = new EventfdDoorbell(socket.ReceiveHandle(s_setupTimeout));
        using var replies = new EventfdDoorbell(socket.ReceiveHandle(s_setupTimeout));
        return Protocol.Serve(region, requests.Wait, replies.Ring);
    }

    /// <summary>One whole run against a real server process started from <paramref name="serverStart"/>. Latencies in nanoseconds.</summary>
    public static double[] Run(Func<string, ProcessStartInfo> serverStart, int roundTrips)
    {
        using var region = SharedRegion.Create("uintr-ipcchannel-eventfd");
        var (clientEnd, serverEnd) = UintrSocket.CreateSystemPair();
        using (clientEnd)
        using (var requests = EventfdDoorbell.Create())
        using (var replies = EventfdDoorbell.Create())
        {
            using var server = UintrChildProcess.Start(serverStart(region.Path), serverEnd);
            serverEnd.Dispose();
            clientEnd.SendHandle(requests.Handle);
            clientEnd.SendHandle(replies.Handle);

            var waitForReply = Protocol.WatchingServer(() => replies.Wait(s_pollInterval), server);
            var latencies = new long[roundTrips];
            for (int i = 0; i < roundTrips; i++)
            {
                long start = Stopwatch.GetTimestamp();
                Protocol.RoundTrip(region, i + 1, requests.Ring, waitForReply);
                latencies[i] = Stopwatch.GetTimestamp() - start;
            }

            Protocol.RoundTrip(region, roundTrips + 1, requests.Ring, waitForReply, RequestKind.Stop);
            if (!server.WaitForExit(s_setupTimeout) || server.ExitCode != 0)
            {
                throw new InvalidOperationException($"The eventfd server process did not exit cleanly (exited: {server.HasExited}).");
            }

            return Latency.ToNanoseconds(latencies, Stopwatch.Frequency);
        }
    }

    /// <summary>This program again, as the eventfd server.</summary>
    public static ProcessStartInfo ThisProgramAsServer(string regionPath) =>
        UintrChildProcess.ThisProgram("--role", "eventfd-server", "--region", regionPath);
}
