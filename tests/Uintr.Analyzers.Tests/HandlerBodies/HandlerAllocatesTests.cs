using System.Collections.Generic;
using System.Threading.Tasks;
using Uintr.Analyzers.HandlerBodies;

namespace Uintr.Analyzers.Tests.HandlerBodies;

public sealed class HandlerAllocatesTests
{
    private static string Receiver(string body, string members = "") =>
        "static partial class R { static int Count; static string Text = \"\"; static object? Last; static int[] Items = new int[4]; static System.Collections.Generic.List<int> List = new(); "
        + members + " [UserInterruptHandler(1)] static void OnWork(ulong vector) { " + body + " } }";

    [Theory]
    [InlineData("Last = {|#0:new object()|};", "new Object")]
    [InlineData("Items = {|#0:new int[8]|};", "array creation")]
    [InlineData("Last = {|#0:Count|};", "boxing of Int32")]
    [InlineData("Text = {|#0:Text + vector|};", "string concatenation")]
    [InlineData("Text = {|#0:$\"v{vector}\"|};", "string interpolation")]
    [InlineData("Last = {|#0:new { A = 1 }|};", "anonymous object")]
    [InlineData("Func<int> f = {|#0:() => Count + (int)vector|}; Last = f;", "closure")]
    [InlineData("foreach (var i in {|#0:(System.Collections.Generic.IEnumerable<int>)List|}) Count += i;", "class enumerator of IEnumerable")]
    [InlineData("Items = {|#0:[1, 2, 3]|};", "collection expression")]
    public async Task AllocationsAreReported(string body, string what)
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver(body), Verify.Diagnostic("UINTR012").WithLocation(0).WithArguments("OnWork", what));
    }

    [Fact]
    public async Task ParamsArrayIsReported()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("{|#0:Sum(1, 2)|};", "static int Sum(params int[] values) => values.Length;"),
            Verify.Diagnostic("UINTR012").WithLocation(0).WithArguments("OnWork", "params array"));
    }

    [Fact]
    public async Task LinqIsReported()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("Count = {|#0:System.Linq.Enumerable.Sum(Items)|};"),
            Verify.Diagnostic("UINTR012").WithLocation(0).WithArguments("OnWork", "Enumerable.Sum"));
    }

    [Theory]
    [InlineData("Count++; Items[0] = (int)vector;")]
    [InlineData("Span<int> local = stackalloc int[4]; local[0] = Count;")]
    [InlineData("foreach (var i in Items) Count += i;")]
    [InlineData("foreach (var c in Text) Count += c;")]
    [InlineData("Func<int> f = static () => 1; Count = f is null ? 0 : 1;")]
    [InlineData("Text = \"a\" + \"b\";")]
    [InlineData("var pair = (Count, vector); Count = pair.Count;")]
    [InlineData("Sum();")]
    public async Task AllocationFreeCodeIsNotReported(string body)
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver(body, "static int Sum(params int[] values) => values.Length;"));
    }

    [Fact]
    public async Task AllocationInACalleeIsReportedAtTheCall()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(
            Receiver("{|#0:Remember()|};", "static void Remember() => Last = new object();"),
            Verify.Diagnostic("UINTR012").WithLocation(0).WithArguments("OnWork", "OnWork -> Remember -> new Object"));
    }

    [Fact]
    public async Task EditorConfigCanTurnTheRuleOff()
    {
        await Verify.AnalyzerAsync<HandlerBodyAnalyzer>(Receiver("Last = new object();"), new Dictionary<string, string> { ["dotnet_diagnostic.UINTR012.severity"] = "none" });
    }
}
