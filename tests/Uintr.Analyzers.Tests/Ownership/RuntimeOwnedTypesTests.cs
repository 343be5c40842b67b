using System.Threading.Tasks;
using Uintr.Analyzers.Ownership;

namespace Uintr.Analyzers.Tests.Ownership;

/// <summary>
/// Owned objects from the receiver thread and interprocess APIs: <c>UintrReceiverThread.Start</c> (it owns a registered
/// receiver), <c>UintrSocket.ReceiveFd</c> and <c>UintrInheritance.TakeFd</c> (each hands the caller a new fd reference).
/// </summary>
public sealed class RuntimeOwnedTypesTests
{
    private const string Prefix = "class C { static void M(UintrPlatform p, UintrSocket socket, UintrInheritance inherited) { ";

    [Theory]
    [InlineData("var t = {|#0:UintrReceiverThread.Start(p, \"rx\", pl => throw null!)|}; _ = t.Platform;", "UINTR022", "Start")]
    [InlineData("var fd = {|#0:socket.ReceiveFd()|}; _ = fd.Vector;", "UINTR020", "ReceiveFd")]
    [InlineData("var fd = {|#0:inherited.TakeFd(0)|}; _ = fd.Vector;", "UINTR020", "TakeFd")]
    public async Task AnUndisposedOneIsALeak(string body, string id, string name)
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>(Prefix + body + " } }", Verify.Diagnostic(id).WithLocation(0).WithArguments(name));
    }

    [Theory]
    [InlineData("using var t = UintrReceiverThread.Start(p, \"rx\", pl => throw null!); _ = t.Platform;")]
    [InlineData("using var fd = socket.ReceiveFd(); _ = fd.Vector;")]
    [InlineData("using var fd = inherited.TakeFd(0); using var s = p.RegisterSender(fd); s.Send();")]
    public async Task ADisposedOneIsSilent(string body)
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>(Prefix + body + " } }");
    }
}
