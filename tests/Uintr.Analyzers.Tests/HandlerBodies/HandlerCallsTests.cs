using System.Collections.Generic;
using System.Threading.Tasks;
using Uintr.Analyzers.HandlerBodies;

namespace Uintr.Analyzers.Tests.HandlerBodies;

public sealed class HandlerCallsTests
{
    private static string Receiver(string body, string members = "") =>
        "static partial class R { static int Count; static long Total; static UintrSender? Reply; static Action? Callback; static int[] Items = new int[4]; "
        + members + " [UserInterruptHandler(1)] static void OnWork(ulong vector) { " + body + " } }";

    [Theory]
    [InlineData("Interlocked.Increment(ref Count);")]
    [InlineData("Volatile.Write(ref Count, 1); Total = Volatile.Read(ref Total);")]
    [InlineData("Count = Math.Max(Count, 3) + System.Numerics.BitOperations.PopCount(vector);")]
    [InlineData("Reply?.Send();")]
    [InlineData("Span<int> s = Items; s[0] = s.Length; Count = s.Slice(1)[0];")]
    [InlineData("Count = UserInterrupts.Testui() ? 1 : 0;")]
    [InlineData("Total = System.Diagnostics.Stopwatch.GetTimestamp();")]
    [InlineData("Count = int.Max(Count, 1) + Count.CompareTo(2);")]
    [InlineData("Trusted();")]
    [InlineData("Helper();")]
    [InlineData("Counter = 3; Count = Counter;")]
    public async Task TrustedCallsAreNotReported(string body)
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver(
            body,
            "[InterruptSafe] static void Trusted() => Console.WriteLine(); static void Helper() => Interlocked.Add(ref Total, 2); static int Counter { get; set; }"));
    }

    [Theory]
    [InlineData("{|#0:GC.Collect()|};", "GC.Collect")]
    [InlineData("{|#0:Callback!()|};", "Action delegate invocation")]
    [InlineData("{|#0:Array.Clear(Items)|};", "Array.Clear")]
    public async Task UnknownCallsAreReported(string body, string what)
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver(body), Verify.Diagnostic("UINTR013").WithLocation(0).WithArguments("OnWork", what));
    }

    [Fact]
    public async Task UnknownCallInACalleeIsReportedWithTheChain()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("{|#0:Helper()|};", "static void Helper() => Array.Clear(Items);"),
            Verify.Diagnostic("UINTR013").WithLocation(0).WithArguments("OnWork", "OnWork -> Helper -> Array.Clear"));
    }

    [Fact]
    public async Task InterfaceCallInSourceIsReported()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("{|#0:Sink.Push()|};", "interface ISink { void Push(); } static ISink Sink = null!;"),
            Verify.Diagnostic("UINTR013").WithLocation(0).WithArguments("OnWork", "ISink.Push (no body to analyse)"));
    }

    [Fact]
    public async Task InterruptSafePropertyIsTrusted()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver("Count = Now;", "[InterruptSafe] static int Now => Environment.TickCount;"));
    }

    [Fact]
    public async Task EditorConfigCanTurnTheRuleOff()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver("GC.Collect();"), new Dictionary<string, string> { ["dotnet_diagnostic.UINTR013.severity"] = "none" });
    }
}
