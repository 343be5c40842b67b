using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Uintr.Roslyn.Testing;
using Uintr.Generators.Tests.Generation;
using static Microsoft.CodeAnalysis.IncrementalStepRunReason;

namespace Uintr.Generators.Tests.Incrementality;

public sealed class IncrementalityTests
{
    private const string Unrelated = """
        namespace Demo
        {
            public static class Helpers
            {
                public static int Twice(int x) => 2 * x;
            }
        }
        """;

    private const string Receivers = """
        using Uintr;

        namespace Demo
        {
            static partial class Doorbell
            {
                static int s_count;

                static void NotAHandler() { s_count += 1; }

                [UserInterruptHandler(3)] static void OnWork(ulong vector) { s_count++; }
                [UserInterruptHandler(7)] static void OnStop() { }
            }

            [UserInterruptReceiver(CountDeliveries = true)]
            static partial class Alarm
            {
                [UserInterruptHandler(1)] static void OnAlarm() { }
            }
        }
        """;

    private static (TrackedRun First, CSharpCompilation Compilation) Start()
    {
        var compilation = TestCompilation.Create(new[] { Receivers, Unrelated });
        var first = TrackedRun.Start(compilation, new UserInterruptHandlerGenerator());
        Assert.Equal(2, first.GeneratedSources.Length);
        return (first, compilation);
    }

    private static TrackedRun EditReceivers(string oldText, string newText)
    {
        var (first, compilation) = Start();
        Assert.Contains(oldText, Receivers);
        var edited = TestCompilation.ReplaceSource(compilation, TestCompilation.SourcePath(0), Receivers.Replace(oldText, newText));
        return first.RunAgain(edited);
    }

    [Fact]
    public void Adding_an_unrelated_file_does_no_work()
    {
        var (first, compilation) = Start();

        var second = first.RunAgain(TestCompilation.AddSource(compilation, "/0/Extra.cs", "class Extra { void M() { } }"));

        StepAssert.NothingChanged(second, StepNames.All);
        StepAssert.OutputsAre(second, StepAssert.SourceOutput, Cached);
    }

    [Fact]
    public void Editing_an_unrelated_method_in_another_file_does_no_work()
    {
        var (first, compilation) = Start();

        var second = first.RunAgain(TestCompilation.ReplaceSource(compilation, TestCompilation.SourcePath(1), Unrelated.Replace("2 * x", "3 * x + 1")));

        // The per-method transform re-runs on any semantic change; equal models stop the work there.
        StepAssert.NothingChanged(second, StepNames.All);
        StepAssert.OutputsAre(second, StepNames.Handlers, Unchanged);
        StepAssert.OutputsAre(second, StepNames.Receiver, Cached);
        StepAssert.OutputsAre(second, StepAssert.SourceOutput, Cached);
    }

    [Fact]
    public void Editing_an_unrelated_method_next_to_the_handlers_reruns_only_the_handler_step()
    {
        var second = EditReceivers("static void NotAHandler() { s_count += 1; }", "static void NotAHandler() { s_count += 2; s_count--; }");

        StepAssert.NothingChanged(second, StepNames.All);
        StepAssert.OutputsAre(second, StepNames.Handlers, Unchanged);
        StepAssert.OutputsAre(second, StepAssert.SourceOutput, Cached);
    }

    [Fact]
    public void Editing_a_handler_body_does_not_regenerate()
    {
        var second = EditReceivers("static void OnWork(ulong vector) { s_count++; }", "static void OnWork(ulong vector) { s_count += (int)vector; }");

        StepAssert.NothingChanged(second, StepNames.All);
        StepAssert.OutputsAre(second, StepAssert.SourceOutput, Cached);
    }

    [Fact]
    public void Changing_a_vector_regenerates_only_that_receiver()
    {
        var second = EditReceivers("[UserInterruptHandler(7)]", "[UserInterruptHandler(9)]");

        StepAssert.OutputsExactly(second, StepNames.Handlers, Modified, Unchanged, Unchanged);
        StepAssert.OutputsExactly(second, StepNames.AllHandlers, Modified);
        StepAssert.OutputsExactly(second, StepNames.Receivers, Modified);
        StepAssert.OutputsExactly(second, StepNames.Receiver, Modified, Unchanged);
        Assert.Contains(Modified, StepAssert.OutputReasons(second, StepAssert.SourceOutput));
        Assert.Contains("case 9: OnStop(); return;", second.GetSource("Demo.Doorbell.UserInterrupts.g.cs"));

        // The same trampoline variants are in use: the shared file is not rewritten.
        StepAssert.OutputsExactly(second, StepNames.TrampolineVariants, Unchanged);
    }

    [Fact]
    public void Adding_a_handler_regenerates_its_receiver()
    {
        var second = EditReceivers("[UserInterruptHandler(7)] static void OnStop() { }", "[UserInterruptHandler(7)] static void OnStop() { }\n        [UserInterruptHandler(63)] static void OnUrgent() { }");

        // Outputs are compared by position in the file, so the handler after the new one shows up as New.
        Assert.Contains(New, StepAssert.OutputReasons(second, StepNames.Handlers));
        StepAssert.OutputsExactly(second, StepNames.AllHandlers, Modified);
        StepAssert.OutputsExactly(second, StepNames.Receiver, Modified, Unchanged);
        Assert.Contains("case 63: OnUrgent(); return;", second.GetSource("Demo.Doorbell.UserInterrupts.g.cs"));
    }

    [Fact]
    public void Removing_a_handler_regenerates_only_its_receiver()
    {
        var second = EditReceivers("[UserInterruptHandler(7)] static void OnStop() { }", "static void OnStop() { }");

        Assert.Contains(Removed, StepAssert.OutputReasons(second, StepNames.Handlers));
        StepAssert.OutputsExactly(second, StepNames.AllHandlers, Modified);
        StepAssert.OutputsExactly(second, StepNames.Receiver, Modified, Unchanged);
        Assert.DoesNotContain("OnStop", second.GetSource("Demo.Doorbell.UserInterrupts.g.cs"));
    }

    [Fact]
    public void Turning_on_a_trampoline_option_regenerates_only_that_receiver()
    {
        var second = EditReceivers("[UserInterruptReceiver(CountDeliveries = true)]", "[UserInterruptReceiver(CountDeliveries = true, EndBranch = true)]");

        // The options are part of the receiver type's model, so only the handler of that type changes.
        StepAssert.OutputsExactly(second, StepNames.Handlers, Unchanged, Unchanged, Modified);
        StepAssert.OutputsExactly(second, StepNames.AllHandlers, Modified);
        StepAssert.OutputsExactly(second, StepNames.Receivers, Modified);
        StepAssert.OutputsExactly(second, StepNames.Receiver, Unchanged, Modified);
        Assert.Contains("UserInterruptTrampolines.WithDeliveryCountersAndEndBranch,", second.GetSource("Demo.Alarm.UserInterrupts.g.cs"));

        // A variant came into use and another went out: the shared file is rewritten with the new set.
        StepAssert.OutputsExactly(second, StepNames.TrampolineVariants, Modified);
        string trampolines = second.GetSource(SharedFiles.Trampolines);
        Assert.Contains("TrampolineFeatures.DeliveryCounters | global::Uintr.CompilerServices.TrampolineFeatures.EndBranch", trampolines);
        Assert.DoesNotContain("WithDeliveryCounters =", trampolines);
    }

    [Fact]
    public void Adding_the_receiver_attribute_on_another_partial_declaration_regenerates_the_receiver()
    {
        var (first, compilation) = Start();

        var second = first.RunAgain(TestCompilation.AddSource(compilation, "/0/DoorbellOptions.cs", "namespace Demo { [Uintr.UserInterruptReceiver(WakeWaiter = true)] static partial class Doorbell { } }"));

        StepAssert.OutputsExactly(second, StepNames.Receiver, Modified, Unchanged);
        Assert.Contains("UserInterruptTrampolines.WithWakeWaiter,", second.GetSource("Demo.Doorbell.UserInterrupts.g.cs"));
        Assert.Contains("TrampolineFeatures.WakeWaiter,", second.GetSource(SharedFiles.Trampolines));
    }

    [Fact]
    public void Removing_a_receiver_removes_its_file()
    {
        var second = EditReceivers("[UserInterruptHandler(1)] static void OnAlarm() { }", "static void OnAlarm() { }");

        Assert.Contains(Removed, StepAssert.OutputReasons(second, StepNames.Handlers));
        Assert.Contains(Removed, StepAssert.OutputReasons(second, StepNames.Receiver));
        Assert.Equal(new[] { "Demo.Doorbell.UserInterrupts.g.cs" }, second.GeneratedSources.Select(s => s.HintName));
    }

    [Fact]
    public void Making_a_handler_invalid_drops_it_from_the_dispatch()
    {
        var second = EditReceivers("[UserInterruptHandler(7)] static void OnStop() { }", "[UserInterruptHandler(7)] void OnStop() { }");

        StepAssert.OutputsExactly(second, StepNames.Receiver, Modified, Unchanged);
        Assert.DoesNotContain("OnStop", second.GetSource("Demo.Doorbell.UserInterrupts.g.cs"));
    }

    [Fact]
    public void No_step_output_holds_symbols_syntax_or_compilations()
    {
        var second = EditReceivers("[UserInterruptHandler(7)]", "[UserInterruptHandler(8)]");

        Assert.Empty(StepOutputInspector.FindForbiddenObjects(second, StepNames.All));
    }

    [Fact]
    public void The_inspector_finds_a_symbol_when_there_is_one()
    {
        var run = TrackedRun.Start(TestCompilation.Create("class C { }"), new SymbolLeakingGenerator());

        Assert.NotEmpty(StepOutputInspector.FindForbiddenObjects(run, new[] { "Leak" }));
    }

    /// <summary>A deliberately bad generator that caches a symbol, to show the inspector works.</summary>
    private sealed class SymbolLeakingGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var leak = context.CompilationProvider.Select((c, _) => new[] { (object)c.GetTypeByMetadataName("C")! }).WithTrackingName("Leak");
            context.RegisterSourceOutput(leak, (_, _) => { });
        }
    }
}
