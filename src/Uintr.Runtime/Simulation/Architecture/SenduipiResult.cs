namespace Uintr.Simulation.Architecture;

/// <summary>What SENDUIPI did: the vector it posted and, when it must notify, the ordinary IPI to send.</summary>
/// <param name="UserVector">UV of the UITT entry: the bit set in PIR.</param>
/// <param name="UpidAddress">The UPID the entry points to.</param>
/// <param name="SendNotification">SN and ON were both 0: ON was set and an IPI must go out.</param>
/// <param name="DestinationApicId">The APIC ID taken from UPID.NDST.</param>
/// <param name="NotificationVector">UPID.NV, the vector of the ordinary IPI.</param>
internal readonly record struct SenduipiResult(int UserVector, ulong UpidAddress, bool SendNotification, uint DestinationApicId, byte NotificationVector);
