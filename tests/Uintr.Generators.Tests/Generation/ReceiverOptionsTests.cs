using System.Threading.Tasks;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Uintr.CompilerServices;
using Uintr.Generators.Trampolines;
using Uintr.Roslyn.Testing;

namespace Uintr.Generators.Tests.Generation;

/// <summary>
/// <c>[UserInterruptReceiver]</c> chooses the trampoline: every combination of its four options is compiled, loaded, and the
/// image the generated code builds must be exactly the builder's variant (bytes, features, patch sites).
/// </summary>
public sealed class ReceiverOptionsTests
{
    private static readonly string[] s_options = { "CountDeliveries", "WakeWaiter", "AlternateStack", "EndBranch" };

    public static IEnumerable<object[]> AllFlags() => Enumerable.Range(0, 16).Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(AllFlags))]
    public async Task The_generated_image_is_the_builders_variant(int flagBits)
    {
        var flags = (TrampolineFlags)flagBits;
        var image = await LoadImageAsync(Source(flags), "Demo.Bell");
        var expected = TrampolineBuilder.Build(flags);

        Assert.Equal((TrampolineFeatures)flagBits, image.Features);
        Assert.Equal(expected.Code.ToArray(), image.Code.ToArray());
        Assert.Equal(
            expected.Patches.Select(p => ((int)p.Kind, p.Offset)),
            image.Patches.Select(p => ((int)p.Kind, p.Offset)));
    }

    [Theory]
    [InlineData(NullableContextOptions.Enable)]
    [InlineData(NullableContextOptions.Disable)]
    public async Task A_receiver_with_every_option_compiles_without_any_diagnostic_or_unsafe_code(NullableContextOptions nullable)
    {
        var options = GenerateOptions.Default with { Nullable = nullable };
        // UintrGeneratorTest compiles without AllowUnsafe, as a consumer may.
        var run = await Generate.CleanAsync(options, Source((TrampolineFlags)15));
        Assert.False(((CSharpCompilationOptions)run.OutputCompilation.Options).AllowUnsafe);

        Assert.Contains("global::Uintr.Generated.UserInterruptTrampolines.WithDeliveryCountersAndWakeWaiterAndAlternateStackAndEndBranch,", Assert.Single(run.GeneratedSources).Text);
        string text = run.Trampolines!;
        Assert.Contains("TrampolinePatchKind.DeliveryCounterArrayAddress", text);
        Assert.Contains("TrampolinePatchKind.WaiterWordAddress", text);
        Assert.Contains("// endbr64", text);
    }

    [Fact]
    public async Task Options_set_to_false_or_absent_keep_the_default_output()
    {
        const string plain = """
            using Uintr;
            namespace Demo { static partial class Bell { [UserInterruptHandler(3)] static void OnRing() { } } }
            """;
        const string explicitFalse = """
            using Uintr;
            namespace Demo
            {
                [UserInterruptReceiver(CountDeliveries = false, WakeWaiter = false)]
                static partial class Bell { [UserInterruptHandler(3)] static void OnRing() { } }
            }
            """;

        var plainRun = await Generate.CleanAsync(plain);
        var explicitFalseRun = await Generate.CleanAsync(explicitFalse);
        Assert.Equal(plainRun.GeneratedSources.Single().Text, explicitFalseRun.GeneratedSources.Single().Text);
        Assert.Equal(plainRun.Trampolines, explicitFalseRun.Trampolines);
        Assert.Contains("global::Uintr.Generated.UserInterruptTrampolines.Default,", plainRun.GeneratedSources.Single().Text);
        Assert.Contains("TrampolineFeatures.None,", plainRun.Trampolines);
    }

    [Fact]
    public async Task The_attribute_on_another_part_of_the_type_applies()
    {
        const string handlers = """
            using Uintr;
            namespace Demo { static partial class Bell { [UserInterruptHandler(3)] static void OnRing() { } } }
            """;
        const string options = """
            namespace Demo { [Uintr.UserInterruptReceiver(EndBranch = true)] static partial class Bell { } }
            """;

        var run = await Generate.CleanAsync(handlers, options);
        Assert.Contains("global::Uintr.Generated.UserInterruptTrampolines.WithEndBranch,", run.GeneratedSources.Single().Text);
        Assert.Contains("global::Uintr.CompilerServices.TrampolineFeatures.EndBranch,", run.Trampolines);
    }

    [Fact]
    public async Task The_attribute_on_a_type_without_handlers_generates_nothing()
    {
        var run = await Generate.CleanAsync("[Uintr.UserInterruptReceiver(CountDeliveries = true)] static partial class Quiet { }");

        Assert.Empty(run.GeneratedSources);
        Assert.Null(run.Trampolines);
    }

    [Fact]
    public async Task The_attribute_of_a_nested_type_does_not_leak_to_its_container()
    {
        const string source = """
            using Uintr;
            namespace Demo
            {
                static partial class Outer
                {
                    [UserInterruptHandler(1)] static void OnOuter() { }

                    [UserInterruptReceiver(WakeWaiter = true)]
                    static partial class Inner { [UserInterruptHandler(2)] static void OnInner() { } }
                }
            }
            """;

        var run = await Generate.CleanAsync(source);
        Assert.Contains("UserInterruptTrampolines.Default,", run.GetSource("Demo.Outer.UserInterrupts.g.cs"));
        Assert.Contains("UserInterruptTrampolines.WithWakeWaiter,", run.GetSource("Demo.Outer.Inner.UserInterrupts.g.cs"));

        // The shared file holds exactly the two variants in use.
        Assert.Equal(2, run.Trampolines!.Split('\n').Count(l => l.Contains("internal static readonly", System.StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Docs_show_the_real_trampoline_of_a_counting_and_waking_receiver()
    {
        string text = (await Generate.CleanAsync(Source(TrampolineFlags.DeliveryCounters | TrampolineFlags.WakeWaiter))).Trampolines!;
        var lines = text.Split('\n');
        int start = System.Array.FindIndex(lines, l => l.TrimStart().StartsWith("internal static readonly global::Uintr.CompilerServices.TrampolineImage WithDeliveryCountersAndWakeWaiter =", System.StringComparison.Ordinal));
        int end = System.Array.FindIndex(lines, start, l => l.EndsWith("));", System.StringComparison.Ordinal));
        int indent = lines[start].Length - lines[start].TrimStart().Length;
        string image = string.Join("\n", lines[start..(end + 1)].Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));

        string docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "generator.md")).Replace("\r\n", "\n");
        Assert.True(docs.Contains("```csharp\n" + image + "\n```", System.StringComparison.Ordinal), "docs/generator.md should show:\n" + image);
    }

    private static string RepositoryRoot()
    {
        string directory = System.AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "Uintr.sln")))
        {
            directory = Path.GetDirectoryName(directory) ?? throw new FileNotFoundException("Uintr.sln not found above the test directory.");
        }

        return directory;
    }

    private static string Source(TrampolineFlags flags)
    {
        var arguments = s_options.Where((_, bit) => ((int)flags & (1 << bit)) != 0).Select(name => name + " = true");
        return $$"""
            using Uintr;

            namespace Demo
            {
                [UserInterruptReceiver({{string.Join(", ", arguments)}})]
                public static partial class Bell
                {
                    [UserInterruptHandler(3)] static void OnWork(ulong vector) { }
                    [UserInterruptHandler(7)] static void OnStop() { }
                }
            }
            """;
    }

    /// <summary>Compiles the input with the generated code, loads it, and reads the receiver's trampoline image.</summary>
    private static async Task<TrampolineImage> LoadImageAsync(string source, string typeName)
    {
        var run = await Generate.CleanAsync(source);
        using var stream = new MemoryStream();
        var emitted = run.OutputCompilation.Emit(stream);
        Assert.True(emitted.Success, DiagnosticText.Describe(emitted.Diagnostics));

        var context = new RuntimeSharingLoadContext();
        try
        {
            stream.Position = 0;
            var type = context.LoadFromStream(stream).GetType(typeName, throwOnError: true)!;
            var field = type.GetField("__UintrDefinition", BindingFlags.NonPublic | BindingFlags.Static)!;
            return ((UserInterruptReceiverDefinition)field.GetValue(null)!).Trampoline;
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>A collectible context that shares the already loaded Uintr.Runtime with the test.</summary>
    private sealed class RuntimeSharingLoadContext() : AssemblyLoadContext("receiver-options", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name == typeof(UserInterruptReceiverDefinition).Assembly.GetName().Name ? typeof(UserInterruptReceiverDefinition).Assembly : null;
    }
}
