using System.Threading.Tasks;
using Uintr.Analyzers.HandlerBodies;
using Uintr.Analyzers.Ownership;

namespace Uintr.Analyzers.Tests.Ownership;

/// <summary>Problems the rules once missed: factories, undisposed Mask scopes, disposing a receiver's fd, [InterruptSafe] that is not.</summary>
public sealed class MissedProblemsTests
{
    private const string Factories = @"
static class Make
{
    public static UintrSender Sender(UintrPlatform p, UintrFd fd) => p.RegisterSender(fd);
    public static UintrFd Copy(UintrFd fd) { var copy = fd.Duplicate(); _ = copy.Vector; return copy; }
    public static UintrFd Either(UintrFd fd, bool flag) => flag ? Copy(fd) : fd.Duplicate();
    static UintrFd? s_kept;
    public static UintrFd Kept(UintrFd fd) { s_kept = fd.Duplicate(); return s_kept; }
    public static UintrFd Same(UintrFd fd) => fd;
}
";

    [Theory]
    [InlineData("var s = {|#0:Make.Sender(p, fd)|}; s.Send();", "UINTR021", "Sender")]
    [InlineData("var c = {|#0:Make.Copy(fd)|}; _ = c.Vector;", "UINTR020", "Copy")]
    [InlineData("{|#0:Make.Either(fd, true)|};", "UINTR020", "Either")]
    public async Task AFactoryMakesItsCallerTheOwner(string body, string id, string name)
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>(
            Factories + "class C { static void M(UintrPlatform p, UintrFd fd) { " + body + " } }",
            Verify.Diagnostic(id).WithLocation(0).WithArguments(name));
    }

    [Theory]
    [InlineData("using var s = Make.Sender(p, fd); s.Send();")]
    [InlineData("var k = Make.Kept(fd); _ = k.Vector;")]
    [InlineData("var same = Make.Same(fd); _ = same.Vector;")]
    public async Task NotAFactoryOrDisposedIsSilent(string body)
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>(Factories + "class C { static void M(UintrPlatform p, UintrFd fd) { " + body + " } }");
    }

    [Fact]
    public async Task AnUndisposedMaskScopeIsReported()
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>(
            "class C { static int Count; static void M() { var m = {|#0:UserInterrupts.Mask()|}; Count++; } }",
            Verify.Diagnostic("UINTR023").WithLocation(0).WithArguments("M"));
    }

    [Theory]
    [InlineData("using (UserInterrupts.Mask()) { Count++; }")]
    [InlineData("using var m = UserInterrupts.Mask(); Count++;")]
    [InlineData("var m = UserInterrupts.Mask(); try { Count++; } finally { m.Dispose(); }")]
    public async Task ADisposedMaskScopeIsSilent(string body)
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>("class C { static int Count; static void M() { " + body + " } }");
    }

    [Theory]
    [InlineData("{|#0:receiver.GetFd(1)|}.Dispose();", "receiver.GetFd(1)")]
    [InlineData("var fd = receiver.GetFd(1); _ = fd.Vector; {|#0:fd|}.Dispose();", "fd")]
    [InlineData("using var fd = {|#0:receiver.GetFd(1)|}; _ = fd.Vector;", "receiver.GetFd(1)")]
    [InlineData("using (var fd = {|#0:receiver.GetFd(1)|}) { _ = fd.Vector; }", "receiver.GetFd(1)")]
    public async Task DisposingAReceiversFdIsReported(string body, string what)
    {
        await Verify.AnalyzerAsync<BorrowedFdAnalyzer>(
            "class C { static void M(UintrReceiver receiver) { " + body + " } }",
            Verify.Diagnostic("UINTR025").WithLocation(0).WithArguments(what));
    }

    [Theory]
    [InlineData("using var copy = receiver.GetFd(1).Duplicate(); _ = copy.Vector;")]
    [InlineData("var fd = receiver.GetFd(1); fd = fd.Duplicate(); fd.Dispose();")]
    [InlineData("_ = receiver.GetFd(1).Vector;")]
    public async Task OwnedCopiesAndReadsAreSilent(string body)
    {
        await Verify.AnalyzerAsync<BorrowedFdAnalyzer>("class C { static void M(UintrReceiver receiver) { " + body + " } }");
    }

    [Theory]
    [InlineData("Thread.Sleep(1);", "blocks: Thread.Sleep")]
    [InlineData("throw new InvalidOperationException();", "can throw out: throw InvalidOperationException")]
    [InlineData("Last = new object();", "allocates: new Object")]
    [InlineData("UserInterrupts.Stui();", "re-enables user interrupts: UserInterrupts.Stui")]
    public async Task InterruptSafeOnAnUnsafeBodyIsReportedAtTheAttribute(string body, string what)
    {
        await Verify.AnalyzerAsync<InterruptSafeAnalyzer>(
            "static class S { static object? Last; [{|#0:InterruptSafe|}] public static void Work() { " + body + " } }",
            Verify.Diagnostic("UINTR015").WithLocation(0).WithArguments("Work", what));
    }

    [Theory]
    [InlineData("Interlocked.Increment(ref Count);")]
    [InlineData("Helper();")]
    [InlineData("External.Call();")]
    public async Task InterruptSafeOnASafeBodyOrUnknownCallsIsSilent(string body)
    {
        await Verify.AnalyzerAsync<InterruptSafeAnalyzer>(
            "interface IExternal { void Call(); } static class S { static int Count; static IExternal External = null!; static void Helper() => Thread.Sleep(1); [InterruptSafe] public static void Work() { " + body + " } }");
    }

    [Theory]
    [InlineData("var list = new System.Collections.Generic.List<UintrSender>(); list.Add({|#0:p.RegisterSender(fd)|}); list[0].Send();", "UINTR021", "RegisterSender")]
    [InlineData("var fds = new UintrFd[4]; for (int i = 0; i < fds.Length; i++) fds[i] = {|#0:fd.Duplicate()|};", "UINTR020", "Duplicate")]
    public async Task OwnedObjectsInALocalCollectionThatGoesNowhereLeak(string body, string id, string name)
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>(
            "class C { static void M(UintrPlatform p, UintrFd fd) { " + body + " } }",
            Verify.Diagnostic(id).WithLocation(0).WithArguments(name));
    }

    [Theory]
    [InlineData("var list = new System.Collections.Generic.List<UintrSender>(); list.Add(p.RegisterSender(fd)); foreach (var s in list) s.Dispose();")]
    [InlineData("var fds = new UintrFd[4]; fds[0] = fd.Duplicate(); fds[0].Dispose();")]
    [InlineData("var list = new System.Collections.Generic.List<UintrSender>(); list.Add(p.RegisterSender(fd)); Keep(list);")]
    public async Task ALocalCollectionThatIsHandledIsSilent(string body)
    {
        await Verify.AnalyzerAsync<DisposalAnalyzer>(
            "class C { static object? s_kept; static void Keep(object o) => s_kept = o; static void M(UintrPlatform p, UintrFd fd) { " + body + " } }");
    }
}
