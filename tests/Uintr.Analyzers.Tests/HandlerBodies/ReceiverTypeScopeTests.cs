using System.Threading.Tasks;
using Uintr.Analyzers.HandlerBodies;
using Uintr.Analyzers.Tests.Verifiers;

namespace Uintr.Analyzers.Tests.HandlerBodies;

/// <summary>
/// The handler rules analyse the handlers of a file once the compiler has finished the file: each handler once, in
/// whichever part of its type and whichever kind of type or namespace it is declared, and nothing that is not a handler.
/// </summary>
public sealed class ReceiverTypeScopeTests
{
    [Fact]
    public async Task HandlersOfANestedReceiverAreReportedOnceEachByTheirOwnType()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            """
            static partial class Outer
            {
                static object? Last;
                [UserInterruptHandler(1)] static void OnOuter() { Last = {|#0:new object()|}; }
                static void NotAHandler() { Last = new object(); }

                static partial class Inner
                {
                    [UserInterruptHandler(2)] static void OnInner() { Last = {|#1:new object()|}; }
                }
            }
            """,
            Verify.Diagnostic("UINTR012").WithLocation(0).WithArguments("OnOuter", "new Object"),
            Verify.Diagnostic("UINTR012").WithLocation(1).WithArguments("OnInner", "new Object"));
    }

    [Fact]
    public async Task HandlersInEveryPartOfAPartialTypeAreAnalysedWithHelpersDeclaredAfterThem()
    {
        var test = new UintrAnalyzerTest<HandlerBodyAnalyzer>();
        test.TestState.Sources.Add(("A.cs", Verify.Usings + "static partial class R { static object? Last; [UserInterruptHandler(1)] static void OnA() => {|#0:Later()|}; }"));
        test.TestState.Sources.Add(("B.cs", Verify.Usings + "static partial class R { [UserInterruptHandler(2)] static void OnB() { Last = {|#1:new object()|}; } static void Later() { Last = new object(); } }"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("UINTR012").WithLocation(0));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("UINTR012").WithLocation(1).WithArguments("OnB", "new Object"));
        await test.RunAsync();
    }

    // The attribute on the declaring part makes the implementing part, which has none of its own, a handler too.
    [Fact]
    public async Task APartialHandlerWhoseAttributeIsOnTheDeclarationIsAnalysedAtItsImplementation()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            """
            static partial class R
            {
                static object? Last;
                [UserInterruptHandler(1)] static partial void OnWork();
                static partial void OnWork() { Last = {|#0:new object()|}; }
            }
            """,
            Verify.Diagnostic("UINTR012").WithLocation(0).WithArguments("OnWork", "new Object"));
    }

    [Fact]
    public async Task APartialHandlerIsAnalysedOnceAtItsImplementation()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            """
            static partial class R
            {
                static object? Last;
                static partial void OnWork();
                [UserInterruptHandler(1)] static partial void OnWork() { Last = {|#0:new object()|}; }
            }
            """,
            Verify.Diagnostic("UINTR012").WithLocation(0).WithArguments("OnWork", "new Object"));
    }

    [Fact]
    public async Task ATypeWithoutHandlersIsNotAnalysed()
    {
        // The same body as a handler's, without the attribute: nothing to report.
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>("static partial class R { static object? Last; static void OnWork() { Last = new object(); } }");
    }

    [Theory]
    [InlineData("namespace A.B {{ namespace C {{ static partial class R {{ {0} }} }} }}")]
    [InlineData("namespace A.B; partial record R {{ {0} }}")]
    [InlineData("partial struct S {{ partial class R {{ {0} }} }}")]
    [InlineData("partial interface I {{ {0} }}")]
    public async Task HandlersAreFoundInEveryKindOfTypeAndNamespace(string shape)
    {
        string handler = "static object? Last; [UserInterruptHandler(1)] static void OnA() { Last = {|#0:new object()|}; }";
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, handler),
            Verify.Diagnostic("UINTR012").WithLocation(0).WithArguments("OnA", "new Object"));
    }
}
