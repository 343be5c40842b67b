using System;

namespace Uintr;

/// <summary>One handler run on a <see cref="UintrReceiverThread"/>: which vector, when, and what the handler threw, if anything.</summary>
/// <param name="Vector">The vector whose handler ran, 0 to 63.</param>
/// <param name="Sequence">The receiver thread's count of handler runs, starting at 1: consecutive deliveries have consecutive numbers.</param>
/// <param name="Timestamp">The platform's timestamp (<see cref="UintrPlatform.GetTimestamp"/>) right after the handler returned.</param>
/// <param name="Exception">The exception the handler threw, or <see langword="null"/> when it returned normally.</param>
public readonly record struct UintrDelivery(int Vector, long Sequence, long Timestamp, Exception? Exception);
