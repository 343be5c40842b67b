namespace IpcChannel;

/// <summary>What a request asks the service to do.</summary>
internal enum RequestKind : long
{
    /// <summary>Compute <see cref="Service.Compute"/> of the operands and reply.</summary>
    Compute = 1,

    /// <summary>Reply once more, then stop serving.</summary>
    Stop = 2,
}

/// <summary>A request: the client numbers them 1, 2, 3... and expects the replies in the same order.</summary>
internal readonly record struct Request(long Sequence, RequestKind Kind, long A, long B);

/// <summary>A reply to the request with the same <see cref="Sequence"/>.</summary>
internal readonly record struct Reply(long Sequence, long Result);

/// <summary>The service itself: a small computation, so that a reply proves the server read the request.</summary>
internal static class Service
{
    public static long Compute(long a, long b) => unchecked((a * 31) + b);

    public static Reply Answer(Request request) => new(request.Sequence, request.Kind == RequestKind.Stop ? 0 : Compute(request.A, request.B));
}
