using System.Collections.Generic;
using System.Threading.Tasks;
using Uintr.Analyzers.Declarations;

namespace Uintr.Analyzers.Tests.Declarations;

public sealed class ReceiverPartialTests
{
    [Fact]
    public async Task PartialChainIsNotReported()
    {
        await Verify.AnalyzerAsync<ReceiverPartialAnalyzer>(
            "partial class Outer { static partial class R { [UserInterruptHandler(1)] static void A() { } } }");
    }

    [Fact]
    public async Task TypesWithoutHandlersAreIgnored()
    {
        await Verify.AnalyzerAsync<ReceiverPartialAnalyzer>("class Outer { static class Inner { static void A() { } } }");
    }

    [Fact]
    public async Task NonPartialReceiverIsReportedAtItsKeyword()
    {
        await Verify.AnalyzerAsync<ReceiverPartialAnalyzer>(
            "static {|#0:class|} R { [UserInterruptHandler(1)] static void A() { } }",
            Verify.Diagnostic("UINTR004").WithLocation(0).WithArguments("R", "declares user-interrupt handlers"));
    }

    [Fact]
    public async Task NonPartialContainingTypeIsReported()
    {
        await Verify.AnalyzerAsync<ReceiverPartialAnalyzer>(
            "{|#0:class|} Outer { static partial class R { [UserInterruptHandler(1)] static void A() { } } }",
            Verify.Diagnostic("UINTR004").WithLocation(0).WithArguments("Outer", "contains a type that declares user-interrupt handlers"));
    }

    [Fact]
    public async Task EveryNonPartialTypeOfTheChainIsReportedOnce()
    {
        await Verify.AnalyzerAsync<ReceiverPartialAnalyzer>(
            "{|UINTR004:struct|} Outer { partial class Middle { {|UINTR004:record|} Inner { [UserInterruptHandler(1)] static void A() { } [UserInterruptHandler(2)] static void B() { } } static {|UINTR004:class|} Other { [UserInterruptHandler(1)] static void C() { } } } }");
    }

    [Fact]
    public async Task EditorConfigCanTurnTheRuleOff()
    {
        await Verify.AnalyzerAsync<ReceiverPartialAnalyzer>(
            "static class R { [UserInterruptHandler(1)] static void A() { } }",
            new Dictionary<string, string> { ["dotnet_diagnostic.UINTR004.severity"] = "none" });
    }
}
