using System.Threading;
using Microsoft.CodeAnalysis;
using Uintr.Generators.Pipeline;
using Uintr.Roslyn.Testing;

namespace Uintr.Generators.Tests.Generation;

/// <summary>
/// The handlers of one type that follow one another share one receiver-type model (the grouping then skips hashing it);
/// a new compilation never gets a model computed for an older one.
/// </summary>
public sealed class ReceiverTypeCacheTests
{
    private const string Source = """
        using Uintr;

        namespace Demo
        {
            static partial class Doorbell
            {
                [UserInterruptHandler(3)] static void OnWork() { }
                [UserInterruptHandler(7)] static void OnStop() { }
            }
        }
        """;

    private static INamedTypeSymbol Doorbell(Compilation compilation) => compilation.GetTypeByMetadataName("Demo.Doorbell")!;

    [Fact]
    public void Consecutive_handlers_of_one_type_share_one_model()
    {
        var compilation = TestCompilation.Create(Source);

        var first = ReceiverTypeFactory.GetOrCreate(Doorbell(compilation), compilation, CancellationToken.None);
        var second = ReceiverTypeFactory.GetOrCreate(Doorbell(compilation), compilation, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Handlers_of_a_type_after_another_type_get_an_equal_model()
    {
        var compilation = TestCompilation.Create(Source + "namespace Demo { static partial class Alarm { [Uintr.UserInterruptHandler(1)] static void OnAlarm() { } } }");
        var alarm = compilation.GetTypeByMetadataName("Demo.Alarm")!;

        var first = ReceiverTypeFactory.GetOrCreate(Doorbell(compilation), compilation, CancellationToken.None);
        var other = ReceiverTypeFactory.GetOrCreate(alarm, compilation, CancellationToken.None);
        var again = ReceiverTypeFactory.GetOrCreate(Doorbell(compilation), compilation, CancellationToken.None);

        Assert.NotNull(other);
        Assert.NotEqual(first, other);
        Assert.Equal(first, again);
    }

    [Fact]
    public void A_new_compilation_computes_its_own_model()
    {
        var compilation = TestCompilation.Create(Source);
        var before = ReceiverTypeFactory.GetOrCreate(Doorbell(compilation), compilation, CancellationToken.None);
        var edited = TestCompilation.ReplaceSource(
            compilation,
            TestCompilation.SourcePath(0),
            Source.Replace("static partial class Doorbell", "[UserInterruptReceiver(CountDeliveries = true)] static partial class Doorbell"));

        var after = ReceiverTypeFactory.GetOrCreate(Doorbell(edited), edited, CancellationToken.None);

        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.Equal(0, before!.TrampolineFeatures);
        Assert.NotEqual(0, after!.TrampolineFeatures);
    }

    [Fact]
    public void An_invalid_type_is_remembered_as_null()
    {
        var compilation = TestCompilation.Create(Source.Replace("static partial class", "static class"));

        Assert.Null(ReceiverTypeFactory.GetOrCreate(Doorbell(compilation), compilation, CancellationToken.None));
        Assert.Null(ReceiverTypeFactory.GetOrCreate(Doorbell(compilation), compilation, CancellationToken.None));
    }
}
