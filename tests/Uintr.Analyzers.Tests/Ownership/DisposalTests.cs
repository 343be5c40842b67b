using System.Collections.Generic;
using System.Threading.Tasks;
using Uintr.Analyzers.Ownership;

namespace Uintr.Analyzers.Tests.Ownership;

public sealed class DisposalTests
{
    // A receiver type with a hand-written RegisterUserInterrupts (what the generator would emit), and helpers.
    private const string Support = @"
static partial class Doorbell { public static UintrReceiver RegisterUserInterrupts(UintrPlatform platform) => throw null!; }
sealed class Owner : IDisposable { public UintrFd? Fd; public UintrSender? Sender { get; set; } public Owner(UintrFd fd) { Fd = fd; } public void Dispose() { Fd?.Dispose(); Sender?.Dispose(); } }
sealed class NotOwner { public UintrFd? Fd; }
static class Sink { public static void Use(UintrFd fd) { } public static void Keep(UintrFd fd) => s_kept = fd; static UintrFd? s_kept; }
";

    private static string Method(string body, string parameters = "UintrPlatform platform, UintrFd fd, bool flag") =>
        Support + "class C { static UintrFd? s_static; UintrFd? _field; object M(" + parameters + ") { " + body + " } }";

    [Theory]
    [InlineData("var copy = {|#0:fd.Duplicate()|}; return copy.Vector;", "UINTR020", "Duplicate")]
    [InlineData("{|#0:fd.Duplicate()|}; return 0;", "UINTR020", "Duplicate")]
    [InlineData("return {|#0:fd.Duplicate()|}.Vector;", "UINTR020", "Duplicate")]
    [InlineData("var sender = {|#0:platform.RegisterSender(fd)|}; sender.Send(); return 0;", "UINTR021", "RegisterSender")]
    [InlineData("var receiver = {|#0:Doorbell.RegisterUserInterrupts(platform)|}; receiver.Poll(); return 0;", "UINTR022", "RegisterUserInterrupts")]
    [InlineData("var copy = {|#0:fd.Duplicate()|}; if (flag) { return 1; } copy.Dispose(); return 0;", "UINTR020", "Duplicate")]
    [InlineData("var copy = {|#0:fd.Duplicate()|}; if (flag) { copy.Dispose(); } return 0;", "UINTR020", "Duplicate")]
    [InlineData("var copy = {|#0:fd.Duplicate()|}; if (flag) throw new InvalidOperationException(); copy.Dispose(); return 0;", "UINTR020", "Duplicate")]
    [InlineData("var copy = {|#0:fd.Duplicate()|}; copy = fd; return 0;", "UINTR020", "Duplicate")]
    [InlineData("var copy = {|#0:fd.Duplicate()|}; Sink.Use(copy); return 0;", "UINTR020", "Duplicate")]
    [InlineData("Sink.Use({|#0:fd.Duplicate()|}); return 0;", "UINTR020", "Duplicate")]
    [InlineData("new NotOwner().Fd = {|#0:fd.Duplicate()|}; return 0;", "UINTR020", "Duplicate")]
    [InlineData("_field = {|#0:fd.Duplicate()|}; return 0;", "UINTR020", "Duplicate")]
    [InlineData("UintrFd? local = null; Volatile.Write(ref local, {|#0:fd.Duplicate()|}); return 0;", "UINTR020", "Duplicate")]
    [InlineData("for (int i = 0; i < 3; i++) { var copy = {|#0:fd.Duplicate()|}; if (i == 1) continue; copy.Dispose(); } return 0;", "UINTR020", "Duplicate")]
    public async Task LeaksAreReportedAtTheCreation(string body, string id, string creator)
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>(Method(body), Verify.Diagnostic(id).WithLocation(0).WithArguments(creator));
    }

    [Theory]
    [InlineData("using var copy = fd.Duplicate(); return copy.Vector;")]
    [InlineData("using (var copy = fd.Duplicate()) { return copy.Vector; }")]
    [InlineData("using (fd.Duplicate()) { } return 0;")]
    [InlineData("var copy = fd.Duplicate(); copy.Dispose(); return 0;")]
    [InlineData("var copy = fd.Duplicate(); try { if (flag) return 1; } finally { copy.Dispose(); } return 0;")]
    [InlineData("var copy = fd.Duplicate(); if (flag) { copy.Dispose(); return 1; } copy.Dispose(); return 0;")]
    [InlineData("UintrFd? copy = flag ? fd.Duplicate() : null; copy?.Dispose(); return 0;")]
    [InlineData("UintrFd? copy = flag ? fd.Duplicate() : null; if (copy != null) copy.Dispose(); return 0;")]
    [InlineData("UintrFd? copy = flag ? fd.Duplicate() : null; if (copy is null) return 0; copy.Dispose(); return 1;")]
    [InlineData("return fd.Duplicate();")]
    [InlineData("var copy = fd.Duplicate(); return copy;")]
    [InlineData("var copy = fd.Duplicate(); var other = copy; other.Dispose(); return 0;")]
    [InlineData("s_static = fd.Duplicate(); return 0;")]
    [InlineData("var copy = fd.Duplicate(); s_static = copy; return 0;")]
    [InlineData("return new Owner(fd.Duplicate());")]
    [InlineData("var copy = fd.Duplicate(); return new Owner(copy);")]
    [InlineData("var owner = new Owner(fd); owner.Sender = platform.RegisterSender(fd); return owner;")]
    [InlineData("Sink.Keep(fd.Duplicate()); return 0;")]
    [InlineData("Volatile.Write(ref s_static, fd.Duplicate()); return 0;")]
    [InlineData("Doorbell.RegisterUserInterrupts(platform).Dispose(); return 0;")]
    [InlineData("Action probe = () => platform.RegisterSender(fd).Dispose(); probe(); return 0;")]
    [InlineData("UintrSender? sender = null; Action run = () => { sender = platform.RegisterSender(fd); }; run(); sender?.Dispose(); return 0;")]
    [InlineData("var copy = fd.Duplicate(); Interlocked.Exchange(ref s_static, copy)?.Dispose(); return 0;")]
    [InlineData("var list = new System.Collections.Generic.List<UintrFd>(); list.Add(fd.Duplicate()); return list;")]
    [InlineData("var list = new System.Collections.Generic.List<UintrFd>(); var copy = fd.Duplicate(); list.Add(copy); return list;")]
    [InlineData("var receiver = Doorbell.RegisterUserInterrupts(platform); var reply = receiver.GetFd(1); receiver.Dispose(); return reply.Vector;")]
    [InlineData("using var receiver = Doorbell.RegisterUserInterrupts(platform); using var sender = platform.RegisterSender(receiver.GetFd(1)); sender.Send(); return 0;")]
    [InlineData("var copy = fd.Duplicate(); Action a = () => copy.Dispose(); a(); return 0;")]
    [InlineData("for (int i = 0; i < 3; i++) { using var copy = fd.Duplicate(); if (i == 1) continue; } return 0;")]
    [InlineData("var copy = fd.Duplicate(); try { copy.Dispose(); } catch (Exception) { } return 0;")]
    public async Task DisposedOrTransferredObjectsAreNotReported(string body)
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>(Method(body));
    }

    [Fact]
    public async Task OutParameterTakesOwnership()
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>(Support + "class C { static void M(UintrFd fd, out UintrFd copy) { copy = fd.Duplicate(); } }");
    }

    [Fact]
    public async Task FieldOfADisposableOwnerTakesOwnership()
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>(Support + "sealed class Holder : IDisposable { UintrSender? _sender; public Holder(UintrPlatform p, UintrFd fd) { _sender = p.RegisterSender(fd); } public void Dispose() => _sender?.Dispose(); }");
    }

    // Bodies whose creations all go straight into an owning field skip the graph (DisposalAnalyzer.OnlyStoredInOwners);
    // these pin that the shortcut and the flow analysis agree at its edges.
    [Theory]
    [InlineData("public Holder(UintrPlatform p, UintrFd fd) => _sender = p.RegisterSender(fd);")]
    [InlineData("public Holder(UintrPlatform p, UintrFd fd) { this._sender = p.RegisterSender(fd); Fd = fd.Duplicate(); }")]
    [InlineData("public Holder(UintrPlatform p, UintrFd fd, UintrFd? other) { _sender = p.RegisterSender(other ?? fd); }")]
    [InlineData("public Holder(UintrPlatform p, UintrFd fd, bool flag) { if (flag) { _sender = p.RegisterSender(fd); } }")]
    [InlineData("public void Restart(UintrPlatform p, UintrFd fd) { _sender?.Dispose(); _sender = p.RegisterSender(fd); }")]
    public async Task StoresIntoAnOwningFieldAreSilent(string member)
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>(Support + "sealed class Holder : IDisposable { UintrSender? _sender; public UintrFd? Fd { get; set; } " + member + " public void Dispose() { _sender?.Dispose(); Fd?.Dispose(); } }");
    }

    [Theory]
    [InlineData("public Holder(UintrPlatform p, UintrFd fd) { _sender = p.RegisterSender(fd); var copy = {|#0:fd.Duplicate()|}; }", "UINTR020", "Duplicate")]
    [InlineData("public Holder(UintrPlatform p, UintrFd fd) { _sender = p.RegisterSender(fd); {|#0:fd.Duplicate()|}; }", "UINTR020", "Duplicate")]
    [InlineData("public Holder(UintrPlatform p, UintrFd fd) { _sender = p.RegisterSender({|#0:fd.Duplicate()|}); }", "UINTR020", "Duplicate")]
    [InlineData("public Holder(UintrPlatform p, UintrFd fd) { _sender = p.RegisterSender(fd); new NotOwner().Fd = {|#0:fd.Duplicate()|}; }", "UINTR020", "Duplicate")]
    public async Task ALeakBesideAStoreIntoAnOwningFieldIsReported(string member, string id, string creator)
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>(
            Support + "sealed class Holder : IDisposable { UintrSender? _sender; " + member + " public void Dispose() => _sender?.Dispose(); }",
            Verify.Diagnostic(id).WithLocation(0).WithArguments(creator));
    }

    [Fact]
    public async Task FieldOfANonDisposableTypeDoesNotTakeOwnership()
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>(
            Support + "sealed class Holder { UintrSender? _sender; public Holder(UintrPlatform p, UintrFd fd) { _sender = {|#0:p.RegisterSender(fd)|}; } }",
            Verify.Diagnostic("UINTR021").WithLocation(0).WithArguments("RegisterSender"));
    }

    [Fact]
    public async Task LeaksInLambdasAndLocalFunctionsAreReported()
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>(
            Method("Func<int> f = () => {|#0:fd.Duplicate()|}.Vector; return Local() + f(); int Local() { var c = {|#1:fd.Duplicate()|}; return c.Vector; }"),
            Verify.Diagnostic("UINTR020").WithLocation(0).WithArguments("Duplicate"),
            Verify.Diagnostic("UINTR020").WithLocation(1).WithArguments("Duplicate"));
    }

    [Fact]
    public async Task EditorConfigCanTurnTheRulesOff()
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>(
            Method("fd.Duplicate(); platform.RegisterSender(fd); Doorbell.RegisterUserInterrupts(platform); return 0;"),
            new Dictionary<string, string>
            {
                ["dotnet_diagnostic.UINTR020.severity"] = "none",
                ["dotnet_diagnostic.UINTR021.severity"] = "none",
                ["dotnet_diagnostic.UINTR022.severity"] = "none",
            });
    }

    [Fact]
    public async Task PragmaSuppressesTheRules()
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>(Method("\n#pragma warning disable UINTR020, UINTR021\nfd.Duplicate(); platform.RegisterSender(fd);\n#pragma warning restore UINTR020, UINTR021\nreturn 0;"));
    }
}
