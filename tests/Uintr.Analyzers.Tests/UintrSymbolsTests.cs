using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Uintr.Roslyn.Testing;

namespace Uintr.Analyzers.Tests;

/// <summary>
/// Where <see cref="UintrSymbols"/> finds the Uintr types: in the compilation itself, then in the reference named
/// Uintr.Runtime, and only without such a reference in every reference (what Compilation.GetTypeByMetadataName does).
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
    public void TheRuntimeReferenceGivesTheSameTypesAsASearchOfEveryReference()
    {
        var compilation = Compilation("class C { }", ReferenceAssemblies.UintrRuntime);
        var symbols = UintrSymbols.For(compilation)!;

        var found = new (string Name, INamedTypeSymbol? Type)[]
        {
            ("Uintr.UserInterruptHandlerAttribute", symbols.HandlerAttribute),
            ("Uintr.InterruptSafeAttribute", symbols.InterruptSafeAttribute),
            ("Uintr.UintrFd", symbols.UintrFd),
            ("Uintr.UintrSender", symbols.UintrSender),
            ("Uintr.UintrReceiver", symbols.UintrReceiver),
            ("Uintr.UintrPlatform", symbols.UintrPlatform),
            ("Uintr.UserInterrupts", symbols.UserInterrupts),
            ("Uintr.UintrReceiverThread", symbols.UintrReceiverThread),
            ("Uintr.UintrSocket", symbols.UintrSocket),
            ("Uintr.UintrInheritance", symbols.UintrInheritance),
        };
        foreach (var (name, type) in found)
        {
            Assert.NotNull(type);
            Assert.Equal(UintrSymbols.RuntimeAssemblyName, type!.ContainingAssembly.Name);
            Assert.True(SymbolEqualityComparer.Default.Equals(compilation.GetTypeByMetadataName(name), type), name);
        }
    }

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
    public void TheCompilationsOwnDeclarationComesBeforeTheRuntimes()
    {
        var symbols = UintrSymbols.For(Compilation(RuntimeStub, ReferenceAssemblies.UintrRuntime))!;

        Assert.Equal("User", symbols.UintrFd!.ContainingAssembly.Name);
        Assert.Equal(UintrSymbols.RuntimeAssemblyName, symbols.UintrSender!.ContainingAssembly.Name);
    }

    [Fact]
    public void WithoutAReferenceNamedUintrRuntimeEveryReferenceIsSearched()
    {
        var renamed = CSharpCompilation.Create("RenamedRuntime", new[] { CSharpSyntaxTree.ParseText(RuntimeStub) }, ReferenceAssemblies.Net, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var symbols = UintrSymbols.For(Compilation("class C { }", renamed.ToMetadataReference()));

        Assert.Equal("RenamedRuntime", symbols?.UintrFd?.ContainingAssembly.Name);
        Assert.Null(symbols!.UintrSender);
    }
}
