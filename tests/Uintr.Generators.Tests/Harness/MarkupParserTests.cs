using System;
using Microsoft.CodeAnalysis.Text;
using Uintr.Roslyn.Testing.Markup;

namespace Uintr.Generators.Tests.Harness;

public sealed class MarkupParserTests
{
    [Fact]
    public void Plain_text_has_no_spans()
    {
        var parsed = MarkupParser.Parse("class C { int[] a = { 1 }; }");

        Assert.Equal("class C { int[] a = { 1 }; }", parsed.Text);
        Assert.Empty(parsed.Spans);
        Assert.Null(parsed.Caret);
    }

    [Fact]
    public void Square_span_marks_the_rule_under_test()
    {
        var parsed = MarkupParser.Parse("class [|C|] { }");

        Assert.Equal("class C { }", parsed.Text);
        var span = Assert.Single(parsed.Spans);
        Assert.Equal(new MarkupSpan(null, null, new TextSpan(6, 1)), span);
        Assert.True(span.IsDiagnostic);
    }

    [Fact]
    public void Braced_span_carries_its_id()
    {
        var parsed = MarkupParser.Parse("[UserInterruptHandler({|UINTR002:64|})] static void H() { }");

        Assert.Equal("[UserInterruptHandler(64)] static void H() { }", parsed.Text);
        Assert.Equal(new MarkupSpan("UINTR002", null, new TextSpan(22, 2)), Assert.Single(parsed.Spans));
    }

    [Fact]
    public void Location_marker_is_not_a_diagnostic()
    {
        var parsed = MarkupParser.Parse("a {|#0:bc|} d");

        Assert.Equal("a bc d", parsed.Text);
        var span = Assert.Single(parsed.Spans);
        Assert.Equal(0, span.LocationKey);
        Assert.False(span.IsDiagnostic);
        Assert.Equal(new TextSpan(2, 2), span.Span);
    }

    [Fact]
    public void Nested_spans_are_ordered_by_start_then_outermost_first()
    {
        var parsed = MarkupParser.Parse("x[|a{|ID1:b|}c|]y");

        Assert.Equal("xabcy", parsed.Text);
        Assert.Equal(
            new[] { new MarkupSpan(null, null, new TextSpan(1, 3)), new MarkupSpan("ID1", null, new TextSpan(2, 1)) },
            parsed.Spans);
    }

    [Fact]
    public void Caret_is_removed_and_recorded()
    {
        var parsed = MarkupParser.Parse("class C { $$ }");

        Assert.Equal("class C {  }", parsed.Text);
        Assert.Equal(10, parsed.Caret);
    }

    [Fact]
    public void Empty_span_is_allowed()
    {
        var parsed = MarkupParser.Parse("ab[||]c");

        Assert.Equal("abc", parsed.Text);
        Assert.Equal(new TextSpan(2, 0), Assert.Single(parsed.Spans).Span);
    }

    [Theory]
    [InlineData("a [|b")]
    [InlineData("a |] b")]
    [InlineData("a {|X:b|]")]
    [InlineData("a {|bad id:b|}")]
    [InlineData("a {|#x:b|}")]
    [InlineData("$$ $$")]
    [InlineData("{|noColon")]
    public void Malformed_markup_is_rejected(string markup) =>
        Assert.Throws<FormatException>(() => MarkupParser.Parse(markup));
}
