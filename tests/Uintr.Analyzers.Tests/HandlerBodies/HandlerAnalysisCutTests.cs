using System.Linq;
using System.Threading.Tasks;
using Uintr.Analyzers.HandlerBodies;

namespace Uintr.Analyzers.Tests.HandlerBodies;

/// <summary>UINTR016: the handler analysis follows source calls 8 deep and says where a chain was cut.</summary>
public sealed class HandlerAnalysisCutTests
{
    // OnWork -> M1 -> ... -> M{n}, where M{n} does what `last` says.
    private static string ChainOf(int n, string last, string call = "{|#0:M1()|};")
    {
        string methods = string.Concat(Enumerable.Range(1, n - 1).Select(i => $"static void M{i}() => M{i + 1}(); "));
        return "static partial class R { " + methods + $"static void M{n}() {{ {last} }} [UserInterruptHandler(1)] static void OnWork() {{ {call} }} }}";
    }

    [Fact]
    public async Task AChainWithinTheLimitIsFollowedToTheEnd()
    {
        // M8 is the 8th call: analysed, so its unknown call is reported and nothing is cut.
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            ChainOf(8, "GC.Collect();"),
            Verify.Diagnostic("UINTR013").WithLocation(0).WithArguments("OnWork", "OnWork -> M1 -> M2 -> M3 -> M4 -> M5 -> M6 -> M7 -> M8 -> GC.Collect"));
    }

    [Fact]
    public async Task AChainPastTheLimitIsReportedAsCutWhereItStarts()
    {
        // M9 is the 9th call: not analysed (its GC.Collect is not reported); the notice names the chain.
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            ChainOf(9, "GC.Collect();"),
            Verify.Diagnostic("UINTR016").WithLocation(0).WithArguments("OnWork", 8, "OnWork -> M1 -> M2 -> M3 -> M4 -> M5 -> M6 -> M7 -> M8 -> M9", "M9"));
    }

    [Fact]
    public async Task ACutIsReportedOncePerHandlerAtTheFirstCutCall()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            ChainOf(9, "Interlocked.Increment(ref s_count);", "{|#0:M1()|}; M1(); M2();").Replace("static partial class R { ", "static partial class R { static int s_count; "),
            Verify.Diagnostic("UINTR016").WithLocation(0).WithArguments("OnWork", 8, "OnWork -> M1 -> M2 -> M3 -> M4 -> M5 -> M6 -> M7 -> M8 -> M9", "M9"));
    }

    [Fact]
    public async Task RecursionIsNotACut()
    {
        // Going round a cycle again learns nothing new: no notice, and the direct problem is still found once per call.
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            "static partial class R { static int s_n; static void Even(int n) { if (n > 0) Odd(n - 1); } static void Odd(int n) { if (n > 0) Even(n - 1); else GC.Collect(); } "
            + "[UserInterruptHandler(1)] static void OnWork() { {|#0:Even(s_n)|}; } }",
            Verify.Diagnostic("UINTR013").WithLocation(0).WithArguments("OnWork", "OnWork -> Even -> Odd -> GC.Collect"));
    }

    [Fact]
    public async Task ALocalLambdaAtTheLimitIsACutLikeACall()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            ChainOf(8, "Action bump = static () => GC.Collect(); bump();"),
            Verify.Diagnostic("UINTR016").WithLocation(0).WithArguments("OnWork", 8, "OnWork -> M1 -> M2 -> M3 -> M4 -> M5 -> M6 -> M7 -> M8 -> lambda", "lambda"));
    }

    [Fact]
    public async Task TheNoticeCanBeTurnedOff()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(ChainOf(9, "GC.Collect();", "M1();"), new System.Collections.Generic.Dictionary<string, string> { ["dotnet_diagnostic.UINTR016.severity"] = "none" });
    }
}
