using System.Threading.Tasks;
using System.Linq;
using Uintr.Roslyn.Testing;

namespace Uintr.Generators.Tests.Generation;

/// <summary>
/// Invalid handlers and types are skipped silently (the analyzers report them): no file, or a file
/// without that handler, and never code that breaks a compilation that worked.
/// </summary>
public sealed class SkippedShapeTests
{
    // Warnings are not errors here: some invalid shapes (async without await) warn on their own.

    [Theory]
    [InlineData("class", "[UserInterruptHandler(1)] static void H() { }")]
    [InlineData("static class", "[UserInterruptHandler(1)] static void H() { }")]
    [InlineData("partial class", "[UserInterruptHandler(1)] void Instance() { }")]
    [InlineData("partial class", "[UserInterruptHandler(1)] static void Generic<T>() { }")]
    [InlineData("partial class", "[UserInterruptHandler(1)] static int NotVoid() => 0;")]
    [InlineData("partial class", "[UserInterruptHandler(1)] static void IntParameter(int vector) { }")]
    [InlineData("partial class", "[UserInterruptHandler(1)] static void LongParameter(long vector) { }")]
    [InlineData("partial class", "[UserInterruptHandler(1)] static void RefParameter(ref ulong vector) { }")]
    [InlineData("partial class", "[UserInterruptHandler(1)] static void InParameter(in ulong vector) { }")]
    [InlineData("partial class", "[UserInterruptHandler(1)] static void TwoParameters(ulong vector, ulong more) { }")]
    [InlineData("partial class", "[UserInterruptHandler(1)] static async void Async() { }")]
    [InlineData("partial class", "[UserInterruptHandler(64)] static void TooHigh() { }")]
    [InlineData("partial class", "[UserInterruptHandler(-1)] static void Negative() { }")]
    [InlineData("partial class", "[UserInterruptHandler(int.MaxValue)] static void Huge() { }")]
    [InlineData("partial class", "[UserInterruptHandler(1)] static void H() { }  public static void RegisterUserInterrupts() { }")]
    [InlineData("partial class", "[UserInterruptHandler(1)] static void H() { }  static int __UintrDispatch;")]
    [InlineData("partial class", "[UserInterruptHandler(1)] static void H() { }  class __UintrDefinition { }")]
    [InlineData("partial class", "[UserInterruptHandler(1)] [System.Obsolete(\"gone\", true)] static void Gone() { }")]
    [InlineData("partial class", "static void M() { [UserInterruptHandler(1)] static void Local() { } Local(); }")]
    [InlineData("partial interface", "[UserInterruptHandler(1)] static abstract void Abstract();")]
    [InlineData("partial interface", "[UserInterruptHandler(1)] static virtual void Virtual() { }")]
    public async Task Invalid_handler_or_type_generates_nothing(string typeKeywords, string members)
    {
        var run = await Generate.LenientAsync($$"""
            using Uintr;

            namespace Demo
            {
                {{typeKeywords}} Receiver
                {
                    {{members}}
                }
            }
            """);
        Assert.Empty(run.GeneratedSources);
    }

    [Theory]
    [InlineData("class Outer { partial class Receiver { [UserInterruptHandler(1)] static void H() { } } }")]
    [InlineData("partial class Outer<T> { partial class Receiver { [UserInterruptHandler(1)] static void H() { } } }")]
    [InlineData("partial class Receiver<T> { [UserInterruptHandler(1)] static void H() { } }")]
    [InlineData("file partial class Receiver { [UserInterruptHandler(1)] static void H() { } }")]
    [InlineData("partial class Receiver { [UserInterruptHandler(1)] static void H() { } } class Receiver2 { }")]
    public async Task Type_that_cannot_be_extended_generates_nothing_for_it(string types)
    {
        var run = await Generate.LenientAsync("using Uintr;\nnamespace Demo\n{\n" + types + "\n}\n");
        Assert.Equal(types.StartsWith("partial class Receiver {", System.StringComparison.Ordinal) ? 1 : 0, run.GeneratedSources.Length);
    }

    [Fact]
    public async Task Invalid_handlers_are_left_out_of_a_valid_receiver()
    {
        var run = await Generate.LenientAsync("""
            using Uintr;

            partial class Receiver
            {
                [UserInterruptHandler(1)] static void Good() { }
                [UserInterruptHandler(2)] void Instance() { }
                [UserInterruptHandler(99)] static void OutOfRange() { }
                [UserInterruptHandler(3)] static int NotVoid() => 0;
            }
            """);
        string text = run.GetSource("Receiver.UserInterrupts.g.cs");
        Assert.Contains("0x0000000000000002UL", text);
        Assert.Single(text.Split('\n'), line => line.TrimStart().StartsWith("case ", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task Duplicate_vectors_keep_the_first_handler_in_source_order()
    {
        var run = await Generate.LenientAsync(
            """
            partial class Receiver
            {
                [Uintr.UserInterruptHandler(5)] static void First() { }
                [Uintr.UserInterruptHandler(5)] static void Second() { }
            }
            """,
            "partial class Receiver { [Uintr.UserInterruptHandler(5)] static void Third(ulong v) { } }");
        string text = run.GetSource("Receiver.UserInterrupts.g.cs");
        Assert.Contains("case 5: First(); return;", text);
        Assert.DoesNotContain("Second", text);
        Assert.DoesNotContain("Third", text);
    }

    [Theory]
    [InlineData("partial class R { [UserInterruptHandler] static void NoVector() { } }")]
    [InlineData("partial class R { [UserInterruptHandler(\"3\")] static void StringVector() { } }")]
    [InlineData("partial class R { [UserInterruptHandler(X)] static void UnknownConstant() { } }")]
    [InlineData("partial class R { [UserInterruptHandler(1)] static void Unfinished( { } }")]
    [InlineData("partial class R { [UserInterruptHandler(1)] static void H() { } [UserInterruptHandler(1)] static void H() { } }")]
    [InlineData("partial class R { [UserInterruptHandler(1), UserInterruptHandler(2)] static void Twice() { } }")]
    [InlineData("partial class R { [UserInterruptHandler(1)] static void H(Missing m) { } }")]
    [InlineData("partial class R : Missing { [UserInterruptHandler(1)] static void H() { } }")]
    [InlineData("partial class { [UserInterruptHandler(1)] static void H() { } }")]
    public async Task Broken_input_never_makes_the_generator_throw(string source)
    {
        // The package fails the test on any generator diagnostic (an exception would be CS8785).
        var run = await Generate.LenientAsync("using Uintr;\n" + source);

        Assert.True(run.GeneratedSources.Length <= 1);
    }
}
