namespace Uintr.Generators.Tests.Generation;

/// <summary>Sources shared by several tests.</summary>
internal static class TestSources
{
    /// <summary>The design brief's receiver: a <c>(ulong vector)</c> handler on 3 and a <c>()</c> handler on 7.</summary>
    public const string Doorbell = """
        using Uintr;

        namespace Demo
        {
            static partial class Doorbell
            {
                [UserInterruptHandler(3)] static void OnWork(ulong vector) { }
                [UserInterruptHandler(7)] static void OnStop() { }
            }
        }
        """;

    public const string DoorbellHintName = "Demo.Doorbell.UserInterrupts.g.cs";
}
