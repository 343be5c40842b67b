using System.Threading.Tasks;
using Uintr.Analyzers.HandlerBodies;

namespace Uintr.Analyzers.Tests.HandlerBodies;

/// <summary>How the handler-body rules follow the different kinds of source members a handler can reach.</summary>
public sealed class HandlerCalleeShapesTests
{
    private static string Receiver(string body, string members) =>
        "static partial class R { static int Count; " + members + " [UserInterruptHandler(1)] static void OnWork() { " + body + " } }";

    [Fact]
    public async Task PropertyGetterWithABlockBodyIsFollowed()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("Count = {|#0:Slow|};", "static int Slow { get { Thread.Sleep(1); return 1; } }"),
            Verify.Diagnostic("UINTR010").WithLocation(0).WithArguments("OnWork", "OnWork -> Slow -> Thread.Sleep"));
    }

    [Fact]
    public async Task ExpressionBodiedPropertyIsFollowed()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("Count = {|#0:Slow|};", "static int Slow => Nap(); static int Nap() { Thread.Sleep(1); return 0; }"),
            Verify.Diagnostic("UINTR010").WithLocation(0).WithArguments("OnWork", "OnWork -> Slow -> Nap -> Thread.Sleep"));
    }

    [Fact]
    public async Task PropertySetterIsFollowedOnAssignment()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("{|#0:Level|} = 3;", "static int Level { get => Count; set { Count = value; Monitor.Enter(typeof(R)); } }"),
            Verify.Diagnostic("UINTR010").WithLocation(0).WithArguments("OnWork", "OnWork -> Level -> Monitor.Enter"));
    }

    [Fact]
    public async Task AutoPropertiesAreSafe()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver("Level = Level + 1;", "static int Level { get; set; }"));
    }

    [Fact]
    public async Task StructConstructorInSourceIsFollowed()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("var p = {|#0:new Point(1)|}; Count = p.X;", "struct Point { public int X; public Point(int x) { X = x; Thread.Sleep(x); } }"),
            Verify.Diagnostic("UINTR010").WithLocation(0).WithArguments("OnWork", "OnWork -> .ctor -> Thread.Sleep"));
    }

    [Fact]
    public async Task GenericSourceMethodsAreFollowed()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("{|#0:Box(1)|};", "static object Box<T>(T value) => value!;"),
            Verify.Diagnostic("UINTR012").WithLocation(0).WithArguments("OnWork", "OnWork -> Box -> boxing of T"));
    }

    [Fact]
    public async Task InstanceMethodsOfSourceTypesAreFollowed()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("{|#0:Ring.Push(1)|};", "sealed class RingBuffer { readonly int[] _items = new int[8]; int _head; public void Push(int v) { _items[_head++ & 7] = v; Console.Write(v); } } static readonly RingBuffer Ring = new RingBuffer();"),
            Verify.Diagnostic("UINTR010").WithLocation(0).WithArguments("OnWork", "OnWork -> Push -> Console.Write"));
    }

    [Fact]
    public async Task MaskInsideAHandlerIsAllowed()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver("using (UserInterrupts.Mask()) { Count++; }", string.Empty));
    }

    [Fact]
    public async Task CatchOfATypeParameterDoesNotCatchEverything()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("{|#0:Guarded<InvalidOperationException>()|};", "static void Guarded<TException>() where TException : Exception { try { Count++; } catch (TException) { throw; } }"),
            Verify.Diagnostic("UINTR011").WithLocation(0).WithArguments("OnWork", "OnWork -> Guarded -> rethrow"));
    }

    [Fact]
    public async Task SamplesStyleHandlersAreClean()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            "static class Rally { static UintrSender? s_reply; static long s_returns; public static UintrSender? Reply { get => Volatile.Read(ref s_reply); set => Volatile.Write(ref s_reply, value); } public static void CountReturn() => Interlocked.Increment(ref s_returns); }"
            + " static partial class PingSide { [UserInterruptHandler(1)] static void OnReturn() => Rally.CountReturn(); }"
            + " static partial class PongSide { [UserInterruptHandler(2)] static void OnServe(ulong vector) => Rally.Reply?.Send(); }");
    }
}
