using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Uintr.Analyzers.CodeFixes;
using Uintr.Analyzers.Declarations;
using Uintr.Analyzers.Tests.Verifiers;

namespace Uintr.Analyzers.Tests.CodeFixes;

public sealed class FixHandlerSignatureCodeFixTests
{
    [Fact]
    public async Task InstanceHandlerBecomesStatic()
    {
        await Verify.CodeFixAsync<HandlerDeclarationAnalyzer, FixHandlerSignatureCodeFix>(
            "partial class R\n{\n    [UserInterruptHandler(1)]\n    private void {|UINTR001:OnWork|}() { }\n}\n",
            "partial class R\n{\n    [UserInterruptHandler(1)]\n    private static void OnWork() { }\n}\n");
    }

    [Fact]
    public async Task ReturnTypeBecomesVoidAndReturnValuesAreDropped()
    {
        await Verify.CodeFixAsync<HandlerDeclarationAnalyzer, FixHandlerSignatureCodeFix>(
            "static partial class R\n{\n    static int Count;\n    [UserInterruptHandler(1)]\n    static int {|UINTR001:OnWork|}(ulong vector)\n    {\n        if (vector == 0) return 0;\n        Count++;\n        return Count;\n    }\n}\n",
            "static partial class R\n{\n    static int Count;\n    [UserInterruptHandler(1)]\n    static void OnWork(ulong vector)\n    {\n        if (vector == 0) return;\n        Count++;\n        return;\n    }\n}\n");
    }

    [Fact]
    public async Task AsyncWithoutAwaitIsRemoved()
    {
        await Verify.CodeFixAsync<HandlerDeclarationAnalyzer, FixHandlerSignatureCodeFix>(
            "static partial class R\n{\n    static int Count;\n    [UserInterruptHandler(1)]\n#pragma warning disable CS1998\n    static async void {|UINTR001:OnWork|}() { Count++; }\n}\n",
            "static partial class R\n{\n    static int Count;\n    [UserInterruptHandler(1)]\n#pragma warning disable CS1998\n    static void OnWork() { Count++; }\n}\n");
    }

    [Fact]
    public async Task ParametersAreLeftToTheAuthor()
    {
        // The fix makes the handler static and void; the wrong parameter stays for the author, so UINTR001 remains.
        await new UintrCodeFixTest<HandlerDeclarationAnalyzer, FixHandlerSignatureCodeFix>
        {
            TestCode = Verify.Usings + "partial class R\n{\n    [UserInterruptHandler(1)] int {|UINTR001:OnWork|}(int x) => x;\n}\n",
            FixedCode = Verify.Usings + "partial class R\n{\n    [UserInterruptHandler(1)] static void {|UINTR001:OnWork|}(int x)\n    {\n    }\n}\n",
            FixedState = { MarkupHandling = MarkupMode.Allow },
            NumberOfIncrementalIterations = 1,
            NumberOfFixAllIterations = 1,
        }.RunAsync();
    }

    [Fact]
    public async Task FixAllFixesEveryHandler()
    {
        await Verify.CodeFixAsync<HandlerDeclarationAnalyzer, FixHandlerSignatureCodeFix>(
            "partial class R\n{\n    static int Count;\n    [UserInterruptHandler(1)] void {|UINTR001:A|}() => Count++;\n    [UserInterruptHandler(2)] public int {|UINTR001:B|}() => Count;\n}\n",
            "partial class R\n{\n    static int Count;\n    [UserInterruptHandler(1)] static void A() => Count++;\n    [UserInterruptHandler(2)] public static void B()\n    {\n    }\n}\n");
    }
}
