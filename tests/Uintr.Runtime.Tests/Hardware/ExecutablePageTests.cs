using System;
using System.Buffers.Binary;
using Uintr.CompilerServices;
using Uintr.Hardware;

namespace Uintr.Runtime.Tests.Hardware;

[Collection(NativeMappingCollection.Name)]
public sealed unsafe class ExecutablePageTests
{
    // mov rax, rdi; add rax, rsi; ret - ordinary x86-64, runs on any x86-64 CPU.
    private static readonly byte[] s_add = [0x48, 0x89, 0xF8, 0x48, 0x01, 0xF0, 0xC3];

    [Fact]
    public void SealedCodeRuns()
    {
        using var page = ExecutablePage.Seal(s_add);
        var add = (delegate* unmanaged<long, long, long>)page.Address;

        Assert.Equal(42L, add(40, 2));
        Assert.Equal(-1L, add(long.MaxValue, long.MinValue));
    }

    [Fact]
    public void PageIsReadWriteWhileFilledAndReadExecuteAfterwardsNeverBoth()
    {
        string? whileFilling = null;
        using var page = ExecutablePage.Seal(s_add, address => whileFilling = ProcSelfMaps.PermissionsOf(address));
        string sealedPermissions = ProcSelfMaps.PermissionsOf(page.Address);

        Assert.Equal("rw-p", whileFilling);
        Assert.Equal("r-xp", sealedPermissions);
        Assert.Equal(0, page.Address % Environment.SystemPageSize);
        Assert.Equal(Environment.SystemPageSize, page.Length);
    }

    [Fact]
    public void DisposeUnmapsThePage()
    {
        var page = ExecutablePage.Seal(s_add);
        nint address = page.Address;
        page.Dispose();

        Assert.True(page.IsClosed);
        Assert.Throws<ObjectDisposedException>(() => page.Address);
        string permissions;
        try
        {
            permissions = ProcSelfMaps.PermissionsOf(address);
        }
        catch (InvalidOperationException)
        {
            return; // unmapped
        }

        // The runtime may have mapped something else there since; it must at least not be our r-x page.
        Assert.NotEqual("r-xp", permissions);
    }

    [Fact]
    public void LargeCodeSpansWholePages()
    {
        var code = new byte[Environment.SystemPageSize + 1];
        code.AsSpan().Fill(0xCC);
        using var page = ExecutablePage.Seal(code);

        Assert.Equal(2 * Environment.SystemPageSize, page.Length);
    }

    [Fact]
    public void EmptyCodeIsRejected()
    {
        Assert.Throws<ArgumentException>(() => ExecutablePage.Seal(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void LinkedTrampolineCarriesTheNativeAddressesAtThePatchOffsets()
    {
        // movabs rax, imm64 (pending); movabs rcx, imm64 (counters); movabs rdx, imm64 (waiter); ret - never executed here.
        byte[] code =
        [
            0x48, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0,
            0x48, 0xB9, 0, 0, 0, 0, 0, 0, 0, 0,
            0x48, 0xBA, 0, 0, 0, 0, 0, 0, 0, 0,
            0xC3,
        ];
        var image = new TrampolineImage(
            TrampolineFeatures.DeliveryCounters | TrampolineFeatures.WakeWaiter,
            code,
            new TrampolinePatch(TrampolinePatchKind.PendingWordAddress, 2),
            new TrampolinePatch(TrampolinePatchKind.DeliveryCounterArrayAddress, 12),
            new TrampolinePatch(TrampolinePatchKind.WaiterWordAddress, 22));
        using var state = new ReceiverNativeState();

        using var page = TrampolineLinker.Map(image, state, WaitWindow.Shared);
        var mapped = new ReadOnlySpan<byte>((void*)(page.Address + WaitWindow.EntryStubLength), code.Length);

        Assert.Equal((ulong)state.PendingWord, BinaryPrimitives.ReadUInt64LittleEndian(mapped[2..]));
        Assert.Equal((ulong)state.Counters, BinaryPrimitives.ReadUInt64LittleEndian(mapped[12..]));
        Assert.Equal((ulong)state.WaiterWord, BinaryPrimitives.ReadUInt64LittleEndian(mapped[22..]));
        Assert.Equal(code[..2], mapped[..2].ToArray());
        Assert.Equal(0xC3, mapped[30]);
        Assert.Equal("r-xp", ProcSelfMaps.PermissionsOf(page.Address));
        Assert.Equal(WaitWindow.BuildEntryStub((ulong)WaitWindow.Shared.Address), new ReadOnlySpan<byte>((void*)page.Address, WaitWindow.EntryStubLength).ToArray());
    }

    [Fact]
    public void NativeStateIsCacheLineAlignedZeroedAndSplitIntoLines()
    {
        using var state = new ReceiverNativeState();

        Assert.Equal(0UL, (ulong)state.PendingWord % 64);
        Assert.Equal(64UL, (ulong)state.WaiterWord - (ulong)state.PendingWord);
        Assert.Equal(128UL, (ulong)state.Counters - (ulong)state.PendingWord);
        Assert.Equal(0UL, state.ReadPending());
        Assert.Equal(0U, *state.WaiterWord);
        for (int i = 0; i < 64; i++)
        {
            Assert.Equal(0UL, state.Counters[i]);
        }
    }

    [Fact]
    public void ClearPendingClearsOnlyThatBit()
    {
        using var state = new ReceiverNativeState();
        *state.PendingWord = (1UL << 63) | (1UL << 7) | 1;

        state.ClearPending(7);

        Assert.Equal((1UL << 63) | 1, state.ReadPending());
    }

    [Fact]
    public void NativeStateRefusesUseAfterDispose()
    {
        var state = new ReceiverNativeState();
        state.Dispose();

        Assert.Throws<ObjectDisposedException>(() => state.AddressOf(TrampolinePatchKind.PendingWordAddress));
    }
}
