using System.Collections.Generic;
using System.Threading.Tasks;
using Uintr.Analyzers.HandlerBodies;

namespace Uintr.Analyzers.Tests.HandlerBodies;

public sealed class HandlerThrowsTests
{
    private static string Receiver(string body, string members = "") =>
        "static partial class R { static int Count; " + members + " [UserInterruptHandler(1)] static void OnWork() { " + body + " } }";

    [Fact]
    public async Task ThrowStatementIsReported()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("if (Count > 3) {|#0:throw {|#1:new InvalidOperationException()|};|}"),
            Verify.Diagnostic("UINTR011").WithLocation(0).WithArguments("OnWork", "throw InvalidOperationException"),
            Verify.Diagnostic("UINTR012").WithLocation(1).WithArguments("OnWork", "new InvalidOperationException"));
    }

    [Fact]
    public async Task ThrowCaughtInTheHandlerIsNotReported()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("try { if (Count > 3) throw {|UINTR012:new InvalidOperationException()|}; } catch (InvalidOperationException) { Count = 0; }"));
    }

    [Fact]
    public async Task ThrowOfAnotherTypeThanTheCatchIsReported()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("try { {|UINTR011:throw {|UINTR012:new ArgumentException()|};|} } catch (InvalidOperationException) { Count = 0; }"));
    }

    [Fact]
    public async Task RethrowIsReported()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("try { Count++; } catch (Exception) { Count = 0; {|#0:throw;|} }"),
            Verify.Diagnostic("UINTR011").WithLocation(0).WithArguments("OnWork", "rethrow"));
    }

    [Fact]
    public async Task FilteredCatchDoesNotCountAsCatching()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("try { {|UINTR011:throw {|UINTR012:new Exception()|};|} } catch (Exception) when (Count > 0) { }"));
    }

    [Fact]
    public async Task ThrowInACalleeIsReportedAtTheCall()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("{|#0:Check()|};", "static void Check() { if (Count < 0) throw new InvalidOperationException(); }"),
            Verify.Diagnostic("UINTR011").WithLocation(0).WithArguments("OnWork", "OnWork -> Check -> throw InvalidOperationException"),
            Verify.Diagnostic("UINTR012").WithLocation(0).WithArguments("OnWork", "OnWork -> Check -> new InvalidOperationException"));
    }

    [Fact]
    public async Task CalleeThrowCaughtByACatchAllAroundTheCallIsNotReported()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("try { {|UINTR012:Check()|}; } catch (Exception) { Count = 0; }", "static void Check() { if (Count < 0) throw new InvalidOperationException(); }"));
    }

    [Fact]
    public async Task ThrowExpressionIsReported()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("Count = Count > 0 ? Count : {|UINTR011:throw {|UINTR012:new InvalidOperationException()|}|};"));
    }

    [Fact]
    public async Task EditorConfigCanTurnTheRuleOff()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("throw null!;"),
            new Dictionary<string, string> { ["dotnet_diagnostic.UINTR011.severity"] = "none" });
    }
}
