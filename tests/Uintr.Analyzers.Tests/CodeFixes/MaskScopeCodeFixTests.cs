using System.Threading.Tasks;
using Uintr.Analyzers.CodeFixes;
using Uintr.Analyzers.Masking;

namespace Uintr.Analyzers.Tests.CodeFixes;

public sealed class MaskScopeCodeFixTests
{
    [Fact]
    public async Task CluiStuiPairBecomesAMaskScope()
    {
        await Verify.CodeFixAsync<MaskBalanceAnalyzer, MaskScopeCodeFix>(
            "class C\n{\n    static int Count;\n    static void M(bool flag)\n    {\n        {|UINTR023:UserInterrupts.Clui()|};\n        if (flag) return;\n        Count++;\n        UserInterrupts.Stui();\n    }\n}\n",
            "class C\n{\n    static int Count;\n    static void M(bool flag)\n    {\n        using (UserInterrupts.Mask())\n        {\n            if (flag) return;\n            Count++;\n        }\n    }\n}\n");
    }

    [Fact]
    public async Task CluiWithoutStuiMasksTheRestOfTheBlock()
    {
        await Verify.CodeFixAsync<MaskBalanceAnalyzer, MaskScopeCodeFix>(
            "class C\n{\n    static int Count;\n    static void M()\n    {\n        Count--;\n        {|UINTR023:UserInterrupts.Clui()|};\n        Count++;\n    }\n}\n",
            "class C\n{\n    static int Count;\n    static void M()\n    {\n        Count--;\n        using (UserInterrupts.Mask())\n        {\n            Count++;\n        }\n    }\n}\n");
    }

    [Fact]
    public async Task FixAllRewritesEveryUnbalancedClui()
    {
        await Verify.CodeFixAsync<MaskBalanceAnalyzer, MaskScopeCodeFix>(
            "class C\n{\n    static int Count;\n    static void A(bool flag)\n    {\n        {|UINTR023:UserInterrupts.Clui()|};\n        if (flag) return;\n        UserInterrupts.Stui();\n    }\n\n    static void B(bool flag)\n    {\n        {|UINTR023:UserInterrupts.Clui()|};\n        if (flag) throw new InvalidOperationException();\n        UserInterrupts.Stui();\n    }\n}\n",
            "class C\n{\n    static int Count;\n    static void A(bool flag)\n    {\n        using (UserInterrupts.Mask())\n        {\n            if (flag) return;\n        }\n    }\n\n    static void B(bool flag)\n    {\n        using (UserInterrupts.Mask())\n        {\n            if (flag) throw new InvalidOperationException();\n        }\n    }\n}\n");
    }
}
