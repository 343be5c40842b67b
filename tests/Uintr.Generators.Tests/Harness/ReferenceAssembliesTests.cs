using System.IO;
using System.Linq;
using Uintr.Roslyn.Testing;

namespace Uintr.Generators.Tests.Harness;

public sealed class ReferenceAssembliesTests
{
    [Fact]
    public void Net_references_come_from_the_10x_reference_pack()
    {
        Assert.Contains(Path.Combine("packs", "Microsoft.NETCore.App.Ref", "10."), ReferenceAssemblies.NetReferenceDirectory);
        Assert.Contains(ReferenceAssemblies.Net, r => Path.GetFileName(r.Display) == "System.Runtime.dll");
        Assert.DoesNotContain(ReferenceAssemblies.Net, r => Path.GetFileName(r.Display) == "System.Private.CoreLib.dll");
    }

    [Fact]
    public void A_program_against_them_compiles()
    {
        var compilation = TestCompilation.Create("using System; using System.Linq; using Uintr; static class P { static UintrPlatform X() => UintrPlatform.Simulator(); static int Y() => new[] { 1 }.Sum(); }");

        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity != Microsoft.CodeAnalysis.DiagnosticSeverity.Hidden));
    }
}
