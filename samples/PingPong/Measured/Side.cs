namespace PingPong.Measured;

/// <summary>The two ends of a measured ping-pong.</summary>
internal enum Side
{
    /// <summary>Sends first and times each round trip.</summary>
    Ping = 0,

    /// <summary>Answers every message.</summary>
    Pong = 1,
}
