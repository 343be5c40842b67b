using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Uintr.Roslyn.Testing;

namespace Uintr.Analyzers.Tests;

/// <summary>
/// <see cref="UintrSymbols"/>: one instance per compilation, shared by the rules, with the Uintr types wherever the
/// compilation declares or references them.
/// </summary>
public sealed class UintrSymbolsTests
{
    // A stand-in for the runtime's declarations, compiled into source or into a reference of another name.
    private const string RuntimeStub = @"
namespace Uintr
{
    public sealed class UserInterruptHandlerAttribute : System.Attribute { public UserInterruptHandlerAttribute(int vector) { } }
    public sealed class UintrFd : System.IDisposable { public void Dispose() { } }
}";

    private static CSharpCompilation Compilation(string source, params MetadataReference[] references) =>
        CSharpCompilation.Create(
            "User",
            new[] { CSharpSyntaxTree.ParseText(source) },
            ReferenceAssemblies.Net.AddRange(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    [Fact]
    public void OneInstanceIsSharedPerCompilation()
    {
        var compilation = Compilation("class C { }", ReferenceAssemblies.UintrRuntime);

        Assert.Same(UintrSymbols.For(compilation), UintrSymbols.For(compilation));
        Assert.NotSame(UintrSymbols.For(compilation), UintrSymbols.For(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class D { }"))));
    }

    [Fact]
    public void WithoutTheTypesThereIsNothingToAnalyse()
    {
        Assert.Null(UintrSymbols.For(Compilation("class C { }")));
    }

    [Fact]
    public void TypesDeclaredInTheCompilationItselfAreFound()
    {
        // The compilation is the runtime: no reference declares the types.
        var symbols = UintrSymbols.For(Compilation(RuntimeStub));

        Assert.NotNull(symbols?.UintrFd);
        Assert.Equal("User", symbols!.UintrFd!.ContainingAssembly.Name);
        Assert.Equal("User", symbols.HandlerAttribute!.ContainingAssembly.Name);
    }

    [Fact]
    public void TypesInAReferenceOfAnyNameAreFound()
    {
        var renamed = CSharpCompilation.Create("RenamedRuntime", new[] { CSharpSyntaxTree.ParseText(RuntimeStub) }, ReferenceAssemblies.Net, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var symbols = UintrSymbols.For(Compilation("class C { }", renamed.ToMetadataReference()));

        Assert.Equal("RenamedRuntime", symbols?.UintrFd?.ContainingAssembly.Name);
        Assert.Null(symbols!.UintrSender);
    }
}
