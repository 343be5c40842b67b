using System.Threading.Tasks;
using Uintr.Analyzers.HandlerBodies;
using Uintr.Analyzers.Ownership;

namespace Uintr.Analyzers.Tests.HandlerBodies;

/// <summary>Code that is safe and was once reported: each case must stay silent.</summary>
public sealed class FalseAlarmTests
{
    private static string Receiver(string body, string members = "") =>
        "static partial class R { static readonly object Gate = new object(); static SpinLock Spin; static int Count; static long Total; "
        + "static readonly int[] Items = new int[8]; static readonly System.Collections.Generic.Dictionary<int, int> Map = new(); "
        + "static readonly System.Collections.Generic.List<int> List = new(); "
        + members + " [UserInterruptHandler(1)] static void OnWork(ulong vector) { " + body + " } }";

    [Theory]
    [InlineData("GC.KeepAlive(Gate);")]
    [InlineData("if (Map.TryGetValue(3, out int v)) Count = v;")]
    [InlineData("Count = List.Count;")]
    [InlineData("Span<int> s = Items.AsSpan(); Count = s.Length;")]
    [InlineData("Count = Items.AsSpan(1, 2).Length;")]
    [InlineData("var pool = System.Buffers.ArrayPool<byte>.Shared; var again = System.Buffers.ArrayPool<byte>.Shared; Count = pool == again ? 1 : 0;")]
    [InlineData("if (Monitor.IsEntered(Gate)) Monitor.Exit(Gate);")]
    [InlineData("bool taken = false; Spin.TryEnter(ref taken); if (taken) Spin.Exit();")]
    [InlineData("if (Monitor.TryEnter(Gate, 0)) { Count++; Monitor.Exit(Gate); }")]
    [InlineData("if (Monitor.TryEnter(Gate, TimeSpan.Zero)) { Count++; Monitor.Exit(Gate); }")]
    public async Task SafeLibraryCallsAreNotReported(string body)
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver(body));
    }

    [Fact]
    public async Task ConstrainedCallOnAStructTypeArgumentIsNotReported()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver(
            "Count = Larger(Count, 3);",
            "static T Larger<T>(T a, T b) where T : IComparable<T> => a.CompareTo(b) >= 0 ? a : b;"));
    }

    [Fact]
    public async Task ConstrainedCallOnASourceStructUsesItsImplementation()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver(
            "Count = Larger(new Tick(1), new Tick(2)).Value;",
            "struct Tick : IComparable<Tick> { public int Value; public Tick(int v) { Value = v; } public int CompareTo(Tick other) => Value - other.Value; } "
            + "static T Larger<T>(T a, T b) where T : IComparable<T> => a.CompareTo(b) >= 0 ? a : b;"));
    }

    [Fact]
    public async Task ConstrainedCallOnAStructWithAnUnsafeImplementationIsReported()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver(
                "Count = {|#0:Larger(new Tick(1), new Tick(2))|}.Value;",
                "struct Tick : IComparable<Tick> { public int Value; public Tick(int v) { Value = v; } public int CompareTo(Tick other) { Thread.Sleep(1); return Value - other.Value; } } "
                + "static T Larger<T>(T a, T b) where T : IComparable<T> => a.CompareTo(b) >= 0 ? a : b;"),
            Verify.Diagnostic("UINTR010").WithLocation(0).WithArguments("OnWork", "OnWork -> Larger -> CompareTo -> Thread.Sleep"));
    }

    [Fact]
    public async Task InvokingALambdaDeclaredAboveIsNotReported()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver("Action bump = static () => Count++; bump(); Func<int, int> twice = static x => 2 * x; Count = twice(Count);"));
    }

    [Fact]
    public async Task InvokingALambdaDeclaredAboveIsAnalysedInPlace()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("Action nap = static () => Thread.Sleep(1); {|#0:nap()|};"),
            Verify.Diagnostic("UINTR010").WithLocation(0).WithArguments("OnWork", "OnWork -> lambda -> Thread.Sleep"));
    }

    [Fact]
    public async Task ALambdaLocalThatIsReassignedIsStillUnknown()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("Action bump = static () => Count++; if (vector == 2) bump = Hook!; {|#0:bump()|};", "static Action? Hook;"),
            Verify.Diagnostic("UINTR013").WithLocation(0).WithArguments("OnWork", "Action delegate invocation"));
    }

    [Fact]
    public async Task MonitorTryEnterWithATimeoutStillBlocks()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("if ({|#0:Monitor.TryEnter(Gate, 5)|}) { Monitor.Exit(Gate); }"),
            Verify.Diagnostic("UINTR010").WithLocation(0).WithArguments("OnWork", "Monitor.TryEnter"));
    }

    [Fact]
    public async Task ASpecificExceptionFromAHelperCaughtByTheHandlerIsNotReported()
    {
        // Creating the exception allocates (UINTR012, as for any throw); it is not thrown out of the handler (no UINTR011).
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver(
            "try { {|UINTR012:Check(vector)|}; } catch (ArgumentOutOfRangeException) { Count = -1; }",
            "static void Check(ulong v) { if (v > 63) throw new ArgumentOutOfRangeException(nameof(v)); }"));
    }

    [Fact]
    public async Task AHelperThrowingAnotherTypeThanTheOneCaughtIsReported()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver(
                "try { {|#0:Check(vector)|}; } catch (ArgumentOutOfRangeException) { Count = -1; }",
                "static void Check(ulong v) { if (v > 63) throw new ArgumentOutOfRangeException(nameof(v)); if (v == 0) throw new InvalidOperationException(); }"),
            Verify.Diagnostic("UINTR011").WithLocation(0).WithArguments("OnWork", "OnWork -> Check -> throw InvalidOperationException"),
            Verify.Diagnostic("UINTR012").WithLocation(0));
    }

    [Fact]
    public async Task AnAliasOfAUsingLocalIsNotALeak()
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>(
            "class C { static void M(UintrPlatform p, UintrFd fd) { using var s = p.RegisterSender(fd); var e = s; e.Send(); } }");
    }

    [Fact]
    public async Task AnAliasDisposedInsteadOfTheOriginalIsNotALeak()
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>(
            "class C { static void M(UintrPlatform p, UintrFd fd) { var s = p.RegisterSender(fd); var e = s; e.Send(); e.Dispose(); } }");
    }
}
