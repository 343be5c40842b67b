using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Uintr;

namespace IpcChannel.Tests;

public sealed class ProtocolTests
{
    [Fact]
    public void A_reply_out_of_step_or_with_a_wrong_result_is_an_error()
    {
        var request = new Request(4, RequestKind.Compute, 4, 7);

        Protocol.Check(request, new Reply(4, Service.Compute(4, 7)));
        Assert.Contains("arrived for request 4", Assert.Throws<InvalidDataException>(() => Protocol.Check(request, new Reply(3, Service.Compute(4, 7)))).Message);
        Assert.Contains("expected", Assert.Throws<InvalidDataException>(() => Protocol.Check(request, new Reply(4, 0))).Message);
    }

    [Fact]
    public async Task The_server_answers_every_request_in_order_and_stops_on_a_stop_request()
    {
        using var region = SharedRegion.Create("ipcchannel-protocol");
        using var requestBell = new SemaphoreSlim(0);
        using var replyBell = new SemaphoreSlim(0);
        var server = Task.Run(() => Protocol.Serve(region, () => requestBell.Wait(), () => replyBell.Release()));

        for (int i = 1; i <= 100; i++)
        {
            Protocol.RoundTrip(region, i, () => requestBell.Release(), () => replyBell.Wait());
        }

        Protocol.RoundTrip(region, 101, () => requestBell.Release(), () => replyBell.Wait(), RequestKind.Stop);
        Assert.Equal(100, await server.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(region.Requests.IsEmpty);
        Assert.True(region.Replies.IsEmpty);
    }

    [Fact]
    public void The_client_detects_a_server_that_answers_the_wrong_request()
    {
        using var region = SharedRegion.Create("ipcchannel-wrong");
        Assert.True(region.Replies.TryWrite(new Reply(99, 0)));

        Assert.Throws<InvalidDataException>(() => Protocol.RoundTrip(region, 1, () => { }, () => { }));
    }

    [Fact]
    public void Percentiles_are_nearest_rank_and_runs_reduce_to_min_and_median()
    {
        double[] sorted = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        Assert.Equal(50, Latency.Percentile(sorted, 50));
        Assert.Equal(99, Latency.Percentile(sorted, 99));
        Assert.Equal(100, Latency.Percentile(sorted, 99.9));
        Assert.Equal([51, 91, 100, 101], Latency.Summarize(Enumerable.Range(0, 101).Select(i => (double)i).ToArray(), warmup: 1).Select(v => v + 1));

        var across = Latency.AcrossRuns(new List<double[]> { new double[] { 3, 30, 300, 3000 }, new double[] { 1, 10, 100, 1000 }, new double[] { 2, 20, 200, 2000 } });
        Assert.Equal((1.0, 2.0), across[0]);
        Assert.Equal((1000.0, 2000.0), across[3]);
    }

    [Fact]
    public void Options_reject_bad_values_and_need_a_region_for_a_role()
    {
        Assert.Equal(new Options(5000, 500, 5, null, null, null), Options.Parse([]));
        Assert.Equal(UintrWaitMode.Spin, Options.Parse(["--role", "uintr-server", "--region", "/x", "--wait", "Spin"])!.Wait);
        Assert.Null(Options.Parse(["--round-trips", "0"]));
        Assert.Null(Options.Parse(["--only", "pipe"]));
        Assert.Null(Options.Parse(["--role", "eventfd-server"]));
        Assert.Null(Options.Parse(["--runs"]));
    }
}
