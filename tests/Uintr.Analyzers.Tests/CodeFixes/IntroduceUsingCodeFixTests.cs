using System.Threading.Tasks;
using Uintr.Analyzers.CodeFixes;
using Uintr.Analyzers.Ownership;

namespace Uintr.Analyzers.Tests.CodeFixes;

public sealed class IntroduceUsingCodeFixTests
{
    private const string Receiver = "static partial class Doorbell { public static UintrReceiver RegisterUserInterrupts(UintrPlatform platform) => throw null!; }\n";

    [Fact]
    public async Task FdDeclarationBecomesAUsingDeclaration()
    {
        await Verify.CodeFixAsync<DisposalAnalyzer, IntroduceUsingCodeFix>(
            "class C\n{\n    static int M(UintrFd fd)\n    {\n        // the copy\n        var copy = {|UINTR020:fd.Duplicate()|};\n        return copy.Vector;\n    }\n}\n",
            "class C\n{\n    static int M(UintrFd fd)\n    {\n        // the copy\n        using var copy = fd.Duplicate();\n        return copy.Vector;\n    }\n}\n");
    }

    [Fact]
    public async Task SenderDeclarationBecomesAUsingDeclaration()
    {
        await Verify.CodeFixAsync<DisposalAnalyzer, IntroduceUsingCodeFix>(
            "class C\n{\n    static void M(UintrPlatform platform, UintrFd fd)\n    {\n        UintrSender sender = {|UINTR021:platform.RegisterSender(fd)|};\n        sender.Send();\n    }\n}\n",
            "class C\n{\n    static void M(UintrPlatform platform, UintrFd fd)\n    {\n        using UintrSender sender = platform.RegisterSender(fd);\n        sender.Send();\n    }\n}\n");
    }

    [Fact]
    public async Task FixAllCoversFdsSendersAndReceivers()
    {
        await Verify.CodeFixAsync<DisposalAnalyzer, IntroduceUsingCodeFix>(
            Receiver + "class C\n{\n    static void M(UintrPlatform platform)\n    {\n        var receiver = {|UINTR022:Doorbell.RegisterUserInterrupts(platform)|};\n        var copy = {|UINTR020:receiver.GetFd(1).Duplicate()|};\n        var sender = {|UINTR021:platform.RegisterSender(copy)|};\n        sender.Send();\n        receiver.Poll();\n    }\n}\n",
            Receiver + "class C\n{\n    static void M(UintrPlatform platform)\n    {\n        using var receiver = Doorbell.RegisterUserInterrupts(platform);\n        using var copy = receiver.GetFd(1).Duplicate();\n        using var sender = platform.RegisterSender(copy);\n        sender.Send();\n        receiver.Poll();\n    }\n}\n");
    }
}
