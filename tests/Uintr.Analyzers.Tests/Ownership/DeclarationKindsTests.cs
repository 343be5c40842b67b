using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Uintr.Analyzers.Masking;
using Uintr.Analyzers.Ownership;
using Uintr.Analyzers.Tests.Verifiers;

namespace Uintr.Analyzers.Tests.Ownership;

/// <summary>The flow rules analyse every kind of body (methods, constructors, finalizers, operators, accessors, arrow properties and indexers, top-level statements) in every kind of type, wherever it is declared.</summary>
public sealed class DeclarationKindsTests
{
    [Theory]
    [InlineData("class C { C(UintrFd fd) { var copy = {|#0:fd.Duplicate()|}; _ = copy.Vector; } }")]
    [InlineData("class C { static UintrFd Fd = null!; static int P { get { var copy = {|#0:Fd.Duplicate()|}; return copy.Vector; } } }")]
    [InlineData("class C { static UintrFd Fd = null!; static int P => {|#0:Fd.Duplicate()|}.Vector; }")]
    [InlineData("class C { static UintrFd Fd = null!; int this[int i] => {|#0:Fd.Duplicate()|}.Vector + i; }")]
    [InlineData("class C { static UintrFd Fd = null!; public static int operator +(C a, C b) => {|#0:Fd.Duplicate()|}.Vector; }")]
    [InlineData("class C { static UintrFd Fd = null!; public static implicit operator int(C c) => {|#0:Fd.Duplicate()|}.Vector; }")]
    [InlineData("class C { static UintrFd Fd = null!; ~C() { var copy = {|#0:Fd.Duplicate()|}; _ = copy.Vector; } }")]
    [InlineData("class C { static UintrFd Fd = null!; static int P { set { var copy = {|#0:Fd.Duplicate()|}; _ = copy.Vector + value; } } }")]
    [InlineData("class C { static UintrFd Fd = null!; int P { init { var copy = {|#0:Fd.Duplicate()|}; _ = copy.Vector + value; } } }")]
    [InlineData("class C { static UintrFd Fd = null!; event Action E { add { var copy = {|#0:Fd.Duplicate()|}; _ = copy.Vector; } remove { } } }")]
    [InlineData("record R(int X) { void M(UintrFd fd) { var copy = {|#0:fd.Duplicate()|}; _ = copy.Vector; } }")]
    [InlineData("interface I { static void M(UintrFd fd) { var copy = {|#0:fd.Duplicate()|}; _ = copy.Vector; } }")]
    [InlineData("static class Outer { struct Inner { void M(UintrFd fd) { var copy = {|#0:fd.Duplicate()|}; _ = copy.Vector; } } }")]
    [InlineData("namespace A.B { namespace C { class D { void M(UintrFd fd) { var copy = {|#0:fd.Duplicate()|}; _ = copy.Vector; } } } }")]
    [InlineData("namespace A.B; class D { void M(UintrFd fd) { var copy = {|#0:fd.Duplicate()|}; _ = copy.Vector; } }")]
    public async Task LeaksAreFoundInEveryKindOfBody(string source)
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>(source, Verify.Diagnostic("UINTR020").WithLocation(0).WithArguments("Duplicate"));
    }

    [Fact]
    public async Task TopLevelStatementsAreAnalysed()
    {
        var test = new UintrAnalyzerTest<MaskBalanceAnalyzer>
        {
            TestCode = Verify.Usings + "var platform = UintrPlatform.Simulator();\n{|UINTR023:UserInterrupts.Clui()|};\nConsole.WriteLine(platform);\n",
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }
}
