using System.Threading.Tasks;
using Uintr.Analyzers.CodeFixes;
using Uintr.Analyzers.Ownership;

namespace Uintr.Analyzers.Tests.CodeFixes;

/// <summary>Where a 'using' declaration would not compile or would change meaning, no fix is offered.</summary>
public sealed class IntroduceUsingNotOfferedTests
{
    [Theory]
    [InlineData("{|UINTR020:fd.Duplicate()|};")]
    [InlineData("var copy = {|UINTR020:fd.Duplicate()|}; copy = fd;")]
    [InlineData("switch (fd.Vector) { case 1: var copy = {|UINTR020:fd.Duplicate()|}; break; }")]
    public async Task NoFixIsOffered(string body)
    {
        // FixedCode equal to TestCode: the verifier checks that no code action changes the document.
        string source = "class C { static void M(UintrFd fd) { " + body + " } }";
        await Verify.CodeFixAsync<DisposalAnalyzer, IntroduceUsingCodeFix>(source, source);
    }
}
