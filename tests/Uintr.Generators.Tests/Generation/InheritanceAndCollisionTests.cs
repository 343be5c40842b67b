using System.Threading.Tasks;
using Uintr.Roslyn.Testing;

namespace Uintr.Generators.Tests.Generation;

/// <summary>Receivers that inherit from receivers, names that collide, handlers the dispatch cannot call.</summary>
public sealed class InheritanceAndCollisionTests
{
    [Fact]
    public async Task A_receiver_deriving_from_a_receiver_hides_its_register_method_with_new()
    {
        var run = await Generate.CleanAsync("""
            using Uintr;

            public partial class Base { [UserInterruptHandler(1)] static void A() { } }
            public partial class Middle : Base { }
            public partial class Derived : Middle { [UserInterruptHandler(2)] static void B() { } }
            """);

        Assert.Contains("public static global::Uintr.UintrReceiver RegisterUserInterrupts(", run.GetSource("Base.UserInterrupts.g.cs"));
        Assert.Contains("public new static global::Uintr.UintrReceiver RegisterUserInterrupts(", run.GetSource("Derived.UserInterrupts.g.cs"));
    }

    [Fact]
    public async Task Interface_receivers_inheriting_from_interface_receivers_hide_with_new()
    {
        var run = await Generate.CleanAsync("""
            using Uintr;

            public partial interface IFirst { [UserInterruptHandler(1)] static void A() { } }
            public partial interface ISecond : IFirst { [UserInterruptHandler(2)] static void B() { } }
            public partial class Implementation : ISecond { [UserInterruptHandler(3)] static void C() { } }
            """);

        Assert.Contains("public new static", run.GetSource("ISecond.UserInterrupts.g.cs"));
        Assert.DoesNotContain("new static", run.GetSource("Implementation.UserInterrupts.g.cs"));
    }

    [Fact]
    public async Task A_hand_written_inherited_register_method_is_hidden_with_new()
    {
        var run = await Generate.CleanAsync("""
            using Uintr;

            public class Base
            {
                public static UintrReceiver RegisterUserInterrupts(UintrPlatform platform) => throw new System.NotSupportedException();
            }

            public partial class Derived : Base { [UserInterruptHandler(2)] static void B() { } }
            """);

        Assert.Contains("public new static", run.GetSource("Derived.UserInterrupts.g.cs"));
    }

    [Theory]
    [InlineData("protected static int __UintrDispatch;", 0)]
    [InlineData("public int RegisterUserInterrupts;", 0)]
    [InlineData("protected static void RegisterUserInterrupts(int x) { }", 0)]
    [InlineData("private static void RegisterUserInterrupts() { }", 1)]
    [InlineData("private static void __UintrDefinition() { }", 1)]
    public async Task Other_inherited_members_with_generated_names_skip_the_receiver(string baseMember, int files)
    {
        var run = await Generate.CleanAsync($$"""
            using Uintr;

            public class Base { {{baseMember}} }
            public partial class Derived : Base { [UserInterruptHandler(2)] static void B() { } }
            """);

        Assert.Equal(files, run.GeneratedSources.Length);
    }

    [Fact]
    public async Task Type_names_differing_only_in_case_get_distinct_hint_names()
    {
        var run = await Generate.CleanAsync("""
            partial class Bell { [Uintr.UserInterruptHandler(1)] static void A() { } }
            partial class {|CS8981:bell|} { [Uintr.UserInterruptHandler(1)] static void A() { } }
            partial class BELL { [Uintr.UserInterruptHandler(1)] static void A() { } }
            """);

        Assert.Equal(
            new[] { "Bell.UserInterrupts.g.cs", "bell.UserInterrupts.2.g.cs", "BELL.UserInterrupts.3.g.cs" },
            Generate.HintNames(run));
    }

    [Fact]
    public async Task Unmanaged_callers_only_handlers_are_skipped()
    {
        var run = await Generate.CleanAsync("""
            using System.Runtime.InteropServices;

            partial class Receiver
            {
                [Uintr.UserInterruptHandler(1)] [UnmanagedCallersOnly] static void Native() { }
                [Uintr.UserInterruptHandler(2)] static void Managed() { }
            }
            """);

        string text = run.GetSource("Receiver.UserInterrupts.g.cs");
        Assert.DoesNotContain("Native", text);
        Assert.Contains("0x0000000000000004UL", text);
    }

    [Fact]
    public async Task Experimental_and_custom_obsolete_handlers_are_dispatched_without_diagnostics()
    {
        var run = await Generate.CleanAsync("""
            partial class Receiver
            {
                [System.Diagnostics.CodeAnalysis.Experimental("UINTRX1")]
                [Uintr.UserInterruptHandler(1)] static void Preview() { }

                [System.Obsolete("old", DiagnosticId = "OLD01")]
                [Uintr.UserInterruptHandler(2)] static void Custom() { }

                [System.Obsolete]
                [Uintr.UserInterruptHandler(3)] static void Plain() { }
            }
            """);

        string text = run.GetSource("Receiver.UserInterrupts.g.cs");
        Assert.Contains("#pragma warning disable UINTRX1\n", text);
        Assert.Contains("#pragma warning disable OLD01\n", text);
        Assert.Contains("#pragma warning disable CS0612, CS0618\n", text);
        Assert.Contains("0x000000000000000EUL", text);
    }
}
