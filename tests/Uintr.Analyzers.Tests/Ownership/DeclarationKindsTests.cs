using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Uintr.Analyzers.Masking;
using Uintr.Analyzers.Ownership;
using Uintr.Analyzers.Tests.Verifiers;

namespace Uintr.Analyzers.Tests.Ownership;

/// <summary>The flow rules analyse every kind of body: methods, constructors, accessors, arrow properties, top-level statements.</summary>
public sealed class DeclarationKindsTests
{
    [Theory]
    [InlineData("class C { C(UintrFd fd) { var copy = {|#0:fd.Duplicate()|}; _ = copy.Vector; } }")]
    [InlineData("class C { static UintrFd Fd = null!; static int P { get { var copy = {|#0:Fd.Duplicate()|}; return copy.Vector; } } }")]
    [InlineData("class C { static UintrFd Fd = null!; static int P => {|#0:Fd.Duplicate()|}.Vector; }")]
    [InlineData("class C { static UintrFd Fd = null!; int this[int i] => {|#0:Fd.Duplicate()|}.Vector + i; }")]
    [InlineData("class C { static UintrFd Fd = null!; public static int operator +(C a, C b) => {|#0:Fd.Duplicate()|}.Vector; }")]
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
