using System.Threading.Tasks;
using Uintr.Analyzers.Declarations;

namespace Uintr.Analyzers.Tests.Declarations;

/// <summary>UINTR005-007: the declarations the generator skips get a diagnostic instead of a silent CS0117 at the call.</summary>
public sealed class ReceiverShapeTests
{
    [Fact]
    public async Task GenericReceiverTypeIsReported()
    {
        await Verify.AnalyzerAsync<ReceiverShapeAnalyzer>(
            "partial class {|#0:Doorbell|}<T> { [UserInterruptHandler(1)] static void OnRing() { } }",
            Verify.Diagnostic("UINTR005").WithLocation(0).WithArguments("Doorbell", "generic"));
    }

    [Fact]
    public async Task FileLocalReceiverTypeIsReported()
    {
        await Verify.AnalyzerAsync<ReceiverShapeAnalyzer>(
            "file static partial class {|#0:Doorbell|} { [UserInterruptHandler(1)] static void OnRing() { } }",
            Verify.Diagnostic("UINTR005").WithLocation(0).WithArguments("Doorbell", "a file-local type"));
    }

    [Fact]
    public async Task ReceiverNestedInAGenericTypeIsReported()
    {
        await Verify.AnalyzerAsync<ReceiverShapeAnalyzer>(
            "partial class Outer<T> { static partial class {|#0:Doorbell|} { [UserInterruptHandler(1)] static void OnRing() { } } }",
            Verify.Diagnostic("UINTR005").WithLocation(0).WithArguments("Doorbell", "nested in the generic type 'Outer<T>'"));
    }

    [Fact]
    public async Task StaticAbstractInterfaceHandlerIsReported()
    {
        await Verify.AnalyzerAsync<ReceiverShapeAnalyzer>(
            "partial interface IDoorbell { [UserInterruptHandler(1)] static abstract void {|#0:OnRing|}(); }",
            Verify.Diagnostic("UINTR006").WithLocation(0).WithArguments("OnRing", "is a static abstract interface member"));
    }

    [Fact]
    public async Task StaticVirtualInterfaceHandlerIsReported()
    {
        await Verify.AnalyzerAsync<ReceiverShapeAnalyzer>(
            "partial interface IDoorbell { [UserInterruptHandler(1)] static virtual void {|#0:OnRing|}() { } }",
            Verify.Diagnostic("UINTR006").WithLocation(0).WithArguments("OnRing", "is a static virtual interface member"));
    }

    [Fact]
    public async Task ObsoleteAsErrorHandlerIsReported()
    {
        await Verify.AnalyzerAsync<ReceiverShapeAnalyzer>(
            "static partial class Doorbell { [Obsolete(\"old\", true)] [UserInterruptHandler(1)] static void {|#0:OnRing|}() { } }",
            Verify.Diagnostic("UINTR006").WithLocation(0).WithArguments("OnRing", "is [Obsolete] with error: true"));
    }

    [Fact]
    public async Task ObsoleteAsWarningHandlerIsNotReported()
    {
        await Verify.AnalyzerAsync<ReceiverShapeAnalyzer>("static partial class Doorbell { [Obsolete(\"old\")] [UserInterruptHandler(1)] static void OnRing() { } }");
    }

    [Fact]
    public async Task UnmanagedCallersOnlyHandlerIsReported()
    {
        await Verify.AnalyzerAsync<ReceiverShapeAnalyzer>(
            "static partial class Doorbell { [System.Runtime.InteropServices.UnmanagedCallersOnly] [UserInterruptHandler(1)] static void {|#0:OnRing|}() { } }",
            Verify.Diagnostic("UINTR006").WithLocation(0).WithArguments("OnRing", "is [UnmanagedCallersOnly]"));
    }

    [Theory]
    [InlineData("public static UintrReceiver RegisterUserInterrupts(UintrPlatform platform) => throw null!;", "already declares 'RegisterUserInterrupts'")]
    [InlineData("static int __UintrDispatch;", "already declares '__UintrDispatch'")]
    [InlineData("static void __UintrDefinition() { }", "already declares '__UintrDefinition'")]
    public async Task DeclaredGeneratedNameIsReported(string member, string what)
    {
        await Verify.AnalyzerAsync<ReceiverShapeAnalyzer>(
            "static partial class {|#0:Doorbell|} { " + member + " [UserInterruptHandler(1)] static void OnRing() { } }",
            Verify.Diagnostic("UINTR007").WithLocation(0).WithArguments("Doorbell", what));
    }

    [Fact]
    public async Task InheritedGeneratedNameIsReported()
    {
        await Verify.AnalyzerAsync<ReceiverShapeAnalyzer>(
            "class Base { protected static int __UintrDispatch; } partial class {|#0:Doorbell|} : Base { [UserInterruptHandler(1)] static void OnRing() { } }",
            Verify.Diagnostic("UINTR007").WithLocation(0).WithArguments("Doorbell", "inherits '__UintrDispatch' from 'Base'"));
    }

    [Fact]
    public async Task InheritedRegisterMethodIsHiddenNotReported()
    {
        await Verify.AnalyzerAsync<ReceiverShapeAnalyzer>(
            "class Base { public static UintrReceiver RegisterUserInterrupts(UintrPlatform platform) => throw null!; } partial class Doorbell : Base { [UserInterruptHandler(1)] static void OnRing() { } }");
    }

    [Fact]
    public async Task GeneratedMembersAreNotCollisions()
    {
        var test = new Verifiers.UintrAnalyzerTest<ReceiverShapeAnalyzer>();
        test.TestState.Sources.Add(Verify.Usings + "static partial class Doorbell { [UserInterruptHandler(1)] static void OnRing() { } }");
        test.TestState.Sources.Add(("/0/Doorbell.UserInterrupts.g.cs", "// <auto-generated/>\nstatic partial class Doorbell { public static Uintr.UintrReceiver RegisterUserInterrupts(Uintr.UintrPlatform platform) => throw null!; private static void __UintrDispatch(int vector) { } }"));
        await test.RunAsync();
    }

    [Fact]
    public async Task PlainReceiverIsNotReported()
    {
        await Verify.AnalyzerAsync<ReceiverShapeAnalyzer>("namespace N { static partial class Doorbell { [UserInterruptHandler(1)] static void OnRing() { } } }");
    }
}
