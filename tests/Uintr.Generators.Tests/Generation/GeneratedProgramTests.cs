using System.Threading.Tasks;
using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Uintr.Roslyn.Testing;

namespace Uintr.Generators.Tests.Generation;

public sealed class GeneratedProgramTests
{
    private const string Program = """
        using System;
        using Uintr;

        namespace Demo
        {
            public static partial class Doorbell
            {
                public static ulong LastVector = ulong.MaxValue;
                public static int Stops;

                [UserInterruptHandler(3)] static void OnWork(ulong vector) { LastVector = vector; }
                [UserInterruptHandler(7)] static void OnStop() { Stops++; }
            }

            public static class Program
            {
                public static string Run()
                {
                    var sim = UintrPlatform.Simulator();
                    int ran = -1;
                    var t = sim.StartThread("receiver", () =>
                    {
                        using var r = Doorbell.RegisterUserInterrupts(sim);
                        using var sender = sim.RegisterSender(r.GetFd(3)); // self-IPI, like the kernel selftests
                        sender.Send();
                        ran = r.Wait(UintrWaitMode.Spin);                 // runs OnWork(3)
                    });
                    t.Join();
                    return "ran=" + ran + " vector=" + Doorbell.LastVector + " stops=" + Doorbell.Stops;
                }
            }
        }
        """;

    [Theory]
    [InlineData(NullableContextOptions.Enable)]
    [InlineData(NullableContextOptions.Disable)]
    public async Task Generated_program_compiles_without_any_diagnostic(NullableContextOptions nullable)
    {
        var options = GenerateOptions.Default with { Nullable = nullable };
        var run = await Generate.CleanAsync(options, Program);

        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public async Task Generated_program_runs_the_handler_with_its_vector_on_the_simulator()
    {
        var run = await Generate.CleanAsync(Program);
        using var image = new MemoryStream();
        var emitted = run.OutputCompilation.Emit(image);
        Assert.True(emitted.Success, DiagnosticText.Describe(emitted.Diagnostics));

        var context = new RuntimeSharingLoadContext();
        try
        {
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            var entry = assembly.GetType("Demo.Program", throwOnError: true)!.GetMethod("Run")!;
            string result;
            try
            {
                result = (string)entry.Invoke(null, null)!;
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }

            Assert.Equal("ran=1 vector=3 stops=0", result);
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>A collectible context that shares the already loaded Uintr.Runtime with the test.</summary>
    private sealed class RuntimeSharingLoadContext() : AssemblyLoadContext("generated-program", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name == typeof(UintrPlatform).Assembly.GetName().Name ? typeof(UintrPlatform).Assembly : null;
    }
}
