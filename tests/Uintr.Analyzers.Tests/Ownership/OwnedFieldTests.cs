using System.Threading.Tasks;
using Uintr.Analyzers.Ownership;

namespace Uintr.Analyzers.Tests.Ownership;

public sealed class OwnedFieldTests
{
    private static string Owner(string dispose, string members = "") =>
        "sealed class Connection : IDisposable { private UintrPlatform _platform = null!; private UintrSender? {|#0:_sender|}; "
        + "public Connection(UintrPlatform p, UintrFd fd) { _platform = p; _sender = p.RegisterSender(fd); } " + members
        + " public void Dispose() { " + dispose + " } }";

    [Fact]
    public async Task DisposeThatForgetsTheOwnedFieldIsReported()
    {
        await Verify.AnalyzerAsync<OwnedFieldAnalyzer>(Owner(""), Verify.Diagnostic("UINTR026").WithLocation(0).WithArguments("Connection", "_sender"));
    }

    [Theory]
    [InlineData("_sender?.Dispose();")]
    [InlineData("if (_sender is { } s) s.Dispose();")]
    public async Task DisposeThatMentionsTheFieldIsSilent(string dispose)
    {
        await Verify.AnalyzerAsync<OwnedFieldAnalyzer>(Owner(dispose).Replace("{|#0:_sender|}", "_sender"));
    }

    [Fact]
    public async Task OverwritingTheFieldIsReported()
    {
        await Verify.AnalyzerAsync<OwnedFieldAnalyzer>(
            Owner("_sender?.Dispose();", "public void Reconnect(UintrFd fd) => {|#1:_sender = _platform.RegisterSender(fd)|};").Replace("{|#0:_sender|}", "_sender"),
            Verify.Diagnostic("UINTR027").WithLocation(1).WithArguments("_sender"));
    }

    [Theory]
    [InlineData("public void Reconnect(UintrFd fd) { _sender?.Dispose(); _sender = _platform.RegisterSender(fd); }")]
    [InlineData("public void Connect(UintrFd fd) { if (_sender is null) _sender = _platform.RegisterSender(fd); }")]
    [InlineData("public void Connect(UintrFd fd) => _sender ??= _platform.RegisterSender(fd);")]
    public async Task OverwritingAfterDealingWithTheOldValueIsSilent(string member)
    {
        await Verify.AnalyzerAsync<OwnedFieldAnalyzer>(Owner("_sender?.Dispose();", member).Replace("{|#0:_sender|}", "_sender"));
    }

    [Fact]
    public async Task ANonDisposableTypeIsLeftToTheLeakRules()
    {
        await Verify.AnalyzerAsync<OwnedFieldAnalyzer>("sealed class Holder { private UintrSender? _sender; public void Set(UintrPlatform p, UintrFd fd) => _sender = p.RegisterSender(fd); }");
    }

    // Every kind of type that can own a field is checked, wherever it is declared.
    [Theory]
    [InlineData("sealed class {0}")]
    [InlineData("struct {0}")]
    [InlineData("sealed record {0}")]
    [InlineData("record struct {0}")]
    [InlineData("static class Outer {{ public sealed class {0}")]
    [InlineData("namespace A.B {{ namespace C {{ sealed class {0}")]
    public async Task EveryKindOfOwnerIsChecked(string header)
    {
        string opened = string.Format(System.Globalization.CultureInfo.InvariantCulture, header, "Connection");
        string closing = new string('}', opened.Split('{').Length - 1);
        string source = opened + " : IDisposable { private UintrSender? {|#0:_sender|}; "
            + "public void Open(UintrPlatform p, UintrFd fd) { if (_sender is null) _sender = p.RegisterSender(fd); } public void Dispose() { } }" + closing;
        await Verify.AnalyzerAsync<OwnedFieldAnalyzer>(source, Verify.Diagnostic("UINTR026").WithLocation(0).WithArguments("Connection", "_sender"));
    }
}
