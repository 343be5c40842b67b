using System;
using System.IO;
using Uintr;

namespace IpcChannel;

/// <summary>
/// The request/response protocol over the two rings, whatever the doorbell: the ring is the truth and a doorbell only
/// wakes the other side. A side checks its ring before it waits, and a ring that fills up or a reply out of order is an
/// error, never a silent retry.
/// </summary>
internal static class Protocol
{
    /// <summary>
    /// The server loop: answers every queued request, rings the client after each reply, and waits for the next ring
    /// when the request ring is empty. Returns how many requests it served when a stop request arrives.
    /// </summary>
    public static long Serve(SharedRegion region, Action waitForRequest, Action ringClient)
    {
        long served = 0;
        while (true)
        {
            while (region.Requests.TryRead(out Request request))
            {
                if (!region.Replies.TryWrite(Service.Answer(request)))
                {
                    throw new InvalidOperationException($"The reply ring is full at request {request.Sequence}: the client sends one request at a time, so it never should be.");
                }

                ringClient();
                if (request.Kind == RequestKind.Stop)
                {
                    return served;
                }

                served++;
            }

            waitForRequest();
        }
    }

    /// <summary>One round trip from the client: write request <paramref name="sequence"/>, ring, wait until its reply is there, check it.</summary>
    public static void RoundTrip(SharedRegion region, long sequence, Action ringServer, Action waitForReply, RequestKind kind = RequestKind.Compute)
    {
        var request = new Request(sequence, kind, sequence, 7);
        if (!region.Requests.TryWrite(request))
        {
            throw new InvalidOperationException($"The request ring is full at request {sequence}: the server is not reading.");
        }

        ringServer();
        Reply reply;
        while (!region.Replies.TryRead(out reply))
        {
            waitForReply();
        }

        Check(request, reply);
    }

    /// <summary>
    /// A client wait that notices a dead server: <paramref name="waitBriefly"/> waits for the doorbell a short while (false
    /// when it did not ring); between waits the server's exit is checked, so a server that dies mid-exchange is an error
    /// naming it, not a hang.
    /// </summary>
    public static Action WatchingServer(Func<bool> waitBriefly, UintrChildProcess server) => () =>
    {
        if (!waitBriefly() && server.HasExited)
        {
            throw new InvalidOperationException($"The server process {server.Id} exited (code {server.ExitCode}) while a request was waiting for its reply.");
        }
    };

    /// <summary>A reply answers the request it follows, or the exchange is broken.</summary>
    public static void Check(Request request, Reply reply)
    {
        if (reply.Sequence != request.Sequence)
        {
            throw new InvalidDataException($"Reply {reply.Sequence} arrived for request {request.Sequence}: the rings are out of step.");
        }

        var expected = Service.Answer(request);
        if (reply.Result != expected.Result)
        {
            throw new InvalidDataException($"Reply {reply.Sequence} carries {reply.Result}, expected {expected.Result}.");
        }
    }
}
