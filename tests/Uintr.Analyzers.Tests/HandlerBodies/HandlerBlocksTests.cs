using System.Collections.Generic;
using System.Threading.Tasks;
using Uintr.Analyzers.HandlerBodies;

namespace Uintr.Analyzers.Tests.HandlerBodies;

public sealed class HandlerBlocksTests
{
    private static string Receiver(string body, string members = "") =>
        "static partial class R { static readonly object Gate = new object(); static int Count; static System.Threading.Tasks.Task<int> Pending = null!; static UintrReceiver Receiver = null!; "
        + members + " [UserInterruptHandler(1)] static void OnWork() { " + body + " } }";

    [Theory]
    [InlineData("{|#0:lock|} (Gate) { Count++; }", "lock statement")]
    [InlineData("{|#0:Monitor.Enter(Gate)|};", "Monitor.Enter")]
    [InlineData("{|#0:Thread.Sleep(1)|};", "Thread.Sleep")]
    [InlineData("Count = {|#0:Pending.Result|};", "Task.Result")]
    [InlineData("{|#0:Pending.Wait()|};", "Task.Wait")]
    [InlineData("{|#0:Console.WriteLine()|};", "Console.WriteLine")]
    [InlineData("{|#0:Receiver.Poll()|};", "UintrReceiver.Poll")]
    [InlineData("{|#0:Receiver.Wait(UintrWaitMode.Spin)|};", "UintrReceiver.Wait")]
    [InlineData("{|#0:System.IO.File.Exists(\"x\")|};", "File.Exists")]
    public async Task BlockingConstructsAreReported(string body, string what)
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver(body), Verify.Diagnostic("UINTR010").WithLocation(0).WithArguments("OnWork", what));
    }

    [Fact]
    public async Task GetResultOnAnAwaiterIsReported()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("Count = {|#0:{|#1:Pending.GetAwaiter()|}.GetResult()|};"),
            Verify.Diagnostic("UINTR010").WithLocation(0).WithArguments("OnWork", "TaskAwaiter.GetResult"),
            Verify.Diagnostic("UINTR013").WithLocation(1).WithArguments("OnWork", "Task.GetAwaiter"));
    }

    [Fact]
    public async Task WaitHandlesAreReported()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("{|#0:Signal.WaitOne()|};", "static readonly ManualResetEvent Signal = new ManualResetEvent(false);"),
            Verify.Diagnostic("UINTR010").WithLocation(0).WithArguments("OnWork", "WaitHandle.WaitOne"));
    }

    [Fact]
    public async Task IndirectBlockingIsReportedAtTheCallWithTheChain()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("{|#0:Helper()|};", "static void Helper() => Inner(); static void Inner() { Monitor.Enter(Gate); }"),
            Verify.Diagnostic("UINTR010").WithLocation(0).WithArguments("OnWork", "OnWork -> Helper -> Inner -> Monitor.Enter"));
    }

    [Fact]
    public async Task IndirectProblemsAreReportedOncePerRulePerCall()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("{|#0:Helper()|}; {|#1:Helper()|};", "static void Helper() { Thread.Sleep(1); Thread.Sleep(2); }"),
            Verify.Diagnostic("UINTR010").WithLocation(0).WithArguments("OnWork", "OnWork -> Helper -> Thread.Sleep"),
            Verify.Diagnostic("UINTR010").WithLocation(1).WithArguments("OnWork", "OnWork -> Helper -> Thread.Sleep"));
    }

    [Fact]
    public async Task RecursionTerminates()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("{|#0:Ping(3)|};", "static void Ping(int n) { if (n > 0) Pong(n - 1); } static void Pong(int n) { if (n > 0) Ping(n - 1); else Thread.Sleep(0); }"),
            Verify.Diagnostic("UINTR010").WithLocation(0).WithArguments("OnWork", "OnWork -> Ping -> Pong -> Thread.Sleep"));
    }

    [Fact]
    public async Task CallsDeeperThanTheBoundAreNotFollowed()
    {
        string chain = "";
        for (int i = 0; i < 12; i++)
        {
            chain += $"static void H{i}() => H{i + 1}(); ";
        }

        chain += "static void H12() => Thread.Sleep(1);";
        // Not UINTR010: the sleep is 13 calls deep. The cut is said instead (UINTR016, an info).
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("{|#0:H0()|};", chain),
            Verify.Diagnostic("UINTR016").WithLocation(0).WithArguments("OnWork", 8, "OnWork -> H0 -> H1 -> H2 -> H3 -> H4 -> H5 -> H6 -> H7 -> H8", "H8"));
    }

    [Fact]
    public async Task LambdasThatAreNotInvokedAreNotAnalysed()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver("Action a = static () => Thread.Sleep(1); _ = a;"));
    }

    [Fact]
    public async Task LocalFunctionsAreFollowedAtTheCall()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("{|#0:Nap()|}; static void Nap() => Thread.Sleep(1);"),
            Verify.Diagnostic("UINTR010").WithLocation(0).WithArguments("OnWork", "OnWork -> Nap -> Thread.Sleep"));
    }

    [Fact]
    public async Task NonHandlersAreNotAnalysed()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>("static class C { static void M() { Thread.Sleep(1); lock (typeof(C)) { } } }");
    }

    [Fact]
    public async Task EditorConfigCanTurnTheRuleOff()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver("Thread.Sleep(1);"), new Dictionary<string, string> { ["dotnet_diagnostic.UINTR010.severity"] = "none" });
    }

    [Fact]
    public async Task PragmaSuppressesTheRule()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver("\n#pragma warning disable UINTR010\nThread.Sleep(1);\n#pragma warning restore UINTR010\n"));
    }
}
