using System.Collections.Generic;
using System.Threading.Tasks;
using Uintr.Analyzers.Ownership;

namespace Uintr.Analyzers.Tests.Ownership;

public sealed class UseAfterDisposeTests
{
    private static string Method(string body) =>
        "class C { static int M(UintrPlatform platform, UintrFd fd, UintrSender sender, bool flag) { " + body + " } static void Use(UintrFd fd) { } }";

    [Theory]
    [InlineData("sender.Dispose(); {|#0:sender|}.Send(); return 0;", "sender")]
    [InlineData("fd.Dispose(); return {|#0:fd|}.Vector;", "fd")]
    [InlineData("fd.Dispose(); Use({|#0:fd|}); return 0;", "fd")]
    [InlineData("if (flag) fd.Dispose(); return {|#0:fd|}.Vector;", "fd")]
    [InlineData("for (int i = 0; i < 2; i++) { {|#0:sender|}.Send(); sender.Dispose(); } return 0;", "sender")]
    [InlineData("sender.Dispose(); {|#0:sender|}?.Send(); return 0;", "sender")]
    [InlineData("System.Action body = () => { var copy = fd.Duplicate(); copy.Dispose(); Use({|#0:copy|}); }; body(); return 0;", "copy")]
    public async Task UseAfterDisposeIsReported(string body, string name)
    {
        await Verify.AnalyzerAsync<UseAfterDisposeAnalyzer>(Method(body), Verify.Diagnostic("UINTR024").WithLocation(0).WithArguments(name));
    }

    [Theory]
    [InlineData("sender.Send(); sender.Dispose(); return 0;")]
    [InlineData("fd.Dispose(); fd.Dispose(); return fd.IsDisposed ? 1 : 0;")]
    [InlineData("fd.Dispose(); fd = null!; return fd?.Vector ?? 0;")]
    [InlineData("if (flag) { fd.Dispose(); return 0; } return fd.Vector;")]
    [InlineData("var copy = fd.Duplicate(); copy.Dispose(); copy = fd.Duplicate(); var v = copy.Vector; copy.Dispose(); return v;")]
    [InlineData("using (sender) { sender.Send(); } return 0;")]
    public async Task ValidCodeIsNotReported(string body)
    {
        await Verify.AnalyzerAsync<UseAfterDisposeAnalyzer>(Method(body));
    }

    [Fact]
    public async Task EditorConfigCanTurnTheRuleOff()
    {
        await Verify.AnalyzerAsync<UseAfterDisposeAnalyzer>(Method("sender.Dispose(); sender.Send(); return 0;"), new Dictionary<string, string> { ["dotnet_diagnostic.UINTR024.severity"] = "none" });
    }
}
