using System.Threading.Tasks;
using Uintr.Analyzers.CodeFixes;
using Uintr.Analyzers.Declarations;

namespace Uintr.Analyzers.Tests.CodeFixes;

public sealed class MakeReceiverPartialCodeFixTests
{
    [Fact]
    public async Task SingleTypeBecomesPartial()
    {
        await Verify.CodeFixAsync<ReceiverPartialAnalyzer, MakeReceiverPartialCodeFix>(
            "static {|UINTR004:class|} Doorbell\n{\n    [UserInterruptHandler(1)] static void OnRing() { }\n}\n",
            "static partial class Doorbell\n{\n    [UserInterruptHandler(1)] static void OnRing() { }\n}\n");
    }

    [Fact]
    public async Task SingleFixMakesTheWholeChainPartial()
    {
        await Verify.CodeFixAsync<ReceiverPartialAnalyzer, MakeReceiverPartialCodeFix>(
            "{|UINTR004:class|} Outer\n{\n    internal static {|UINTR004:class|} Doorbell { [UserInterruptHandler(1)] static void OnRing() { } }\n}\n",
            "partial class Outer\n{\n    internal static partial class Doorbell { [UserInterruptHandler(1)] static void OnRing() { } }\n}\n");
    }

    [Fact]
    public async Task FixAllMakesEveryChainPartial()
    {
        await Verify.CodeFixAsync<ReceiverPartialAnalyzer, MakeReceiverPartialCodeFix>(
            "public {|UINTR004:class|} Outer\n{\n    {|UINTR004:struct|} A { [UserInterruptHandler(1)] static void OnA() { } }\n    sealed {|UINTR004:record|} B { [UserInterruptHandler(1)] static void OnB() { } }\n}\n",
            "public partial class Outer\n{\n    partial struct A { [UserInterruptHandler(1)] static void OnA() { } }\n    sealed partial record B { [UserInterruptHandler(1)] static void OnB() { } }\n}\n");
    }
}
