using System.Threading.Tasks;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Uintr.Roslyn.Testing;

namespace Uintr.Generators.Tests.Generation;

/// <summary>Receiver shapes the generator supports: each must generate one file that compiles cleanly.</summary>
public sealed class ShapeTests
{
    [Fact]
    public async Task Global_namespace()
    {
        var run = await Generate.CleanAsync("""
            using Uintr;

            static partial class Bell
            {
                [UserInterruptHandler(0)] static void Ring() { }
            }
            """);

        string text = run.GetSource("Bell.UserInterrupts.g.cs");
        Assert.DoesNotContain("namespace", text);
        Assert.Contains("partial class Bell\n{", text);
        Assert.Contains("0x0000000000000001UL", text);
        Assert.Contains("case 0: Ring(); return;", text);
    }

    [Theory]
    [InlineData("static void OnWork(System.UInt64 vector) { }", "OnWork(5UL)")]
    [InlineData("static void OnWork(U64 vector) { }", "OnWork(5UL)")]
    [InlineData("static void OnWork(ulong vector = 0) { }", "OnWork(5UL)")]
    public async Task Handler_signatures_spelled_without_the_keywords_are_valid(string handler, string call)
    {
        // The generator answers `void` and `ulong` from the syntax; every other spelling is bound and gives the same answer.
        var run = await Generate.LenientAsync($$"""
            using Uintr;
            using U64 = System.UInt64;

            static partial class Bell
            {
                [UserInterruptHandler(5)] {{handler}}
            }
            """);

        Assert.Contains($"case 5: {call}; return;", Assert.Single(run.GeneratedSources).Text);
    }

    [Fact]
    public async Task File_scoped_namespace()
    {
        var run = await Generate.CleanAsync("""
            using Uintr;

            namespace Demo.Devices;

            partial class Nic
            {
                [UserInterruptHandler(5)] static void Rx(ulong v) { }
            }
            """);

        string text = run.GetSource("Demo.Devices.Nic.UserInterrupts.g.cs");
        Assert.Contains("namespace Demo.Devices\n{", text);
        Assert.Contains("case 5: Rx(5UL); return;", text);
    }

    [Fact]
    public async Task Nested_partial_types_redeclare_the_whole_chain()
    {
        var run = await Generate.CleanAsync("""
            using Uintr;

            namespace Demo;

            public partial class Outer
            {
                internal partial struct Middle
                {
                    private static partial class Inner
                    {
                        [UserInterruptHandler(12)] static void OnTwelve() { }
                    }
                }
            }
            """);

        string text = run.GetSource("Demo.Outer.Middle.Inner.UserInterrupts.g.cs");
        Assert.Contains("    partial class Outer\n    {\n        partial struct Middle\n        {\n            partial class Inner\n            {", text);
        Assert.Contains("\"Demo.Outer.Middle.Inner\",", text);
        Assert.Contains("case 12: OnTwelve(); return;", text);
    }

    [Theory]
    [InlineData("partial class", "partial class")]
    [InlineData("static partial class", "partial class")]
    [InlineData("sealed partial class", "partial class")]
    [InlineData("partial struct", "partial struct")]
    [InlineData("readonly partial struct", "partial struct")]
    [InlineData("ref partial struct", "ref partial struct")]
    [InlineData("readonly ref partial struct", "ref partial struct")]
    [InlineData("partial record", "partial record")]
    [InlineData("partial record class", "partial record")]
    [InlineData("sealed partial record", "partial record")]
    [InlineData("partial record struct", "partial record struct")]
    [InlineData("readonly partial record struct", "partial record struct")]
    [InlineData("partial interface", "partial interface")]
    public async Task Type_kinds(string declaration, string redeclaration)
    {
        var run = await Generate.CleanAsync($$"""
            using Uintr;

            namespace Demo
            {
                public {{declaration}} Receiver
                {
                    [UserInterruptHandler(2)] static void A() { }
                    [UserInterruptHandler(40)] static void B(ulong vector) { }
                }
            }
            """);

        string text = run.GetSource("Demo.Receiver.UserInterrupts.g.cs");
        Assert.Contains($"    {redeclaration} Receiver\n", text);
        Assert.Contains("0x0000010000000004UL", text);
    }

    [Fact]
    public async Task Several_receivers_in_one_file_get_one_file_each()
    {
        var run = await Generate.CleanAsync("""
            using Uintr;

            namespace Demo
            {
                partial class First { [UserInterruptHandler(1)] static void H() { } }
                partial class Second { [UserInterruptHandler(1)] static void H() { } }
                partial class Third
                {
                    partial class Second { [UserInterruptHandler(2)] static void H() { } }
                }
            }
            """);

        Assert.Equal(
            new[] { "Demo.First.UserInterrupts.g.cs", "Demo.Second.UserInterrupts.g.cs", "Demo.Third.Second.UserInterrupts.g.cs" },
            Generate.HintNames(run).OrderBy(n => n, System.StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_receiver_split_over_files_gets_one_file_with_all_handlers()
    {
        var run = await Generate.CleanAsync(
            "namespace Demo { partial class Split { [Uintr.UserInterruptHandler(10)] static void Ten() { } } }",
            "namespace Demo { partial class Split { [Uintr.UserInterruptHandler(20)] static void Twenty() { } } }");

        string text = Assert.Single(run.GeneratedSources).Text;
        Assert.Contains("case 20: Twenty(); return;\n                case 10: Ten(); return;", text);
    }

    [Fact]
    public async Task Keyword_names_are_escaped()
    {
        var run = await Generate.CleanAsync("""
            namespace @event.@public
            {
                partial class @class
                {
                    [Uintr.UserInterruptHandler(4)] static void @void() { }
                }
            }
            """);

        string text = run.GetSource("event.public.class.UserInterrupts.g.cs");
        Assert.Contains("namespace @event.@public", text);
        Assert.Contains("partial class @class", text);
        Assert.Contains("case 4: @void(); return;", text);
    }

    [Fact]
    public async Task Handlers_named_like_the_parameter_or_a_contextual_keyword_are_called_through_the_type()
    {
        // Inside the dispatch, `vector` is its parameter and `await(...)`/`nameof(...)` may read as expressions: a simple
        // name would not call these handlers (CS0149, CS4032), so they are qualified; every other handler is not.
        var run = await Generate.CleanAsync("""
            namespace Demo
            {
                partial class Names
                {
                    [Uintr.UserInterruptHandler(1)] static void vector() { }
                    [Uintr.UserInterruptHandler(2)] static void await(ulong v) { }
                    [Uintr.UserInterruptHandler(3)] static void nameof(ulong v) { }
                    [Uintr.UserInterruptHandler(4)] static void var() { }
                    [Uintr.UserInterruptHandler(5)] static void Plain() { }
                }
            }
            """);

        string text = run.GetSource("Demo.Names.UserInterrupts.g.cs");
        Assert.Contains("case 1: global::Demo.Names.vector(); return;", text);
        Assert.Contains("case 2: global::Demo.Names.await(2UL); return;", text);
        Assert.Contains("case 3: global::Demo.Names.nameof(3UL); return;", text);
        Assert.Contains("case 4: global::Demo.Names.var(); return;", text);
        Assert.Contains("case 5: Plain(); return;", text);
    }

    [Fact]
    public async Task All_64_vectors_and_every_access_modifier_of_handlers()
    {
        var handlers = string.Join("\n", Enumerable.Range(0, 64).Select(v =>
            $"    {(v % 4) switch { 0 => "public", 1 => "private", 2 => "internal", _ => "protected internal" }} static void H{v}({(v % 2 == 0 ? "ulong vector" : "")}) {{ }}"
                .Insert(4, $"[Uintr.UserInterruptHandler({v})] ")));
        var run = await Generate.CleanAsync("partial class All\n{\n" + handlers + "\n}\n");

        string text = run.GetSource("All.UserInterrupts.g.cs");
        Assert.Contains("0xFFFFFFFFFFFFFFFFUL", text);
        Assert.Contains("case 63: H63(); return;", text);
        Assert.Contains("case 0: H0(0UL); return;", text);
    }

    [Fact]
    public async Task Obsolete_handlers_are_still_dispatched_without_warnings()
    {
        var run = await Generate.CleanAsync("""
            partial class Legacy
            {
                [System.Obsolete("use the new one")]
                [Uintr.UserInterruptHandler(6)] static void Old() { }
            }
            """);

        Assert.Contains("case 6: Old(); return;", run.GetSource("Legacy.UserInterrupts.g.cs"));
    }

    [Fact]
    public async Task Old_language_versions_get_no_nullable_directive()
    {
        var options = GenerateOptions.Default with { LanguageVersion = LanguageVersion.CSharp7_3, Nullable = Microsoft.CodeAnalysis.NullableContextOptions.Disable };
        var run = await Generate.CleanAsync(options, """
            namespace Demo
            {
                static partial class Bell
                {
                    [Uintr.UserInterruptHandler(1)] static void Ring() { }
                }
            }
            """);

        Assert.DoesNotContain("#nullable", run.GetSource("Demo.Bell.UserInterrupts.g.cs"));
    }

    [Theory]
    [InlineData("namespace Demo { /// <summary>Doc.</summary>\npublic static partial class Doorbell { [Uintr.UserInterruptHandler(3)] static void H() { } } }")]
    [InlineData("namespace @event { /// <summary>Doc.</summary>\npublic partial class @class { /// <summary>Doc.</summary>\npublic partial struct Inner { [Uintr.UserInterruptHandler(3)] static void H(ulong v) { } } } }")]
    [InlineData("/// <summary>Doc.</summary>\npublic partial interface IBell { [Uintr.UserInterruptHandler(3)] private static void H() { } }")]
    public async Task Documentation_comments_are_well_formed(string source)
    {
        // The package parses with DocumentationMode.Diagnose, so a malformed comment in the generated file would warn.
        var run = await Generate.CleanAsync(source);

        Assert.Single(run.GeneratedSources);
    }
}
