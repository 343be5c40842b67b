using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Uintr.Analyzers.Benchmarks;

/// <summary>
/// A generated project of about 50,000 lines: receivers with handlers that call helper chains, code that creates
/// and disposes fds/senders/receivers (with branches, early returns, ownership transfer), masking, and ordinary code.
/// Valid code: it compiles without errors.
/// </summary>
public static class SyntheticProject
{
    private const int LinesPerUnit = 50;

    /// <summary>Sources of about <paramref name="lines"/> lines, one file per 20 units.</summary>
    public static ImmutableArray<SyntaxTree> Generate(int lines = 50_000)
    {
        int units = lines / LinesPerUnit;
        var trees = ImmutableArray.CreateBuilder<SyntaxTree>();
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        for (int file = 0; file * 20 < units; file++)
        {
            var text = new StringBuilder("using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Threading;\nusing Uintr;\n\nnamespace Synthetic;\n\n");
            for (int unit = file * 20; unit < Math.Min(units, (file + 1) * 20); unit++)
            {
                AppendUnit(text, unit);
            }

            trees.Add(CSharpSyntaxTree.ParseText(text.ToString(), parseOptions, $"Unit{file}.cs"));
        }

        return trees.ToImmutable();
    }

    /// <summary>
    /// A fresh compilation of the sources (so nothing is cached between runs); <paramref name="concurrent"/> false binds
    /// and emits on one thread (the stable CPU-time measurement: no spinning or waiting threads in the figure).
    /// </summary>
    public static CSharpCompilation Compile(ImmutableArray<SyntaxTree> trees, bool concurrent = true) =>
        CSharpCompilation.Create(
            "Synthetic",
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: concurrent));

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(UintrPlatform).Assembly.Location)
            .Distinct()
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray());

    private static void AppendUnit(StringBuilder text, int n)
    {
        string i = n.ToString(CultureInfo.InvariantCulture);
        text.Append(CultureInfo.InvariantCulture, $$"""
            public static partial class Receiver{{i}}
            {
                private static long s_count;
                private static int s_flag;
                private static readonly int[] s_slots = new int[8];

                [UserInterruptHandler({{n % 32}})]
                private static void OnData(ulong vector) => Record{{i}}(vector);

                [UserInterruptHandler({{32 + n % 32}})]
                private static void OnStop() { Volatile.Write(ref s_flag, 1); Bump(); }

                private static void Record{{i}}(ulong vector)
                {
                    s_slots[(int)(vector & 7)]++;
                    Bump();
                }

                private static void Bump() => Interlocked.Increment(ref s_count);

                // Stands for the generator's output, marked as the generator marks it (so UINTR007 knows it is not the user's).
                [System.CodeDom.Compiler.GeneratedCode("Uintr.Generators", "1.0.0")]
                public static UintrReceiver RegisterUserInterrupts(UintrPlatform platform) => throw new NotSupportedException();
            }

            public sealed class Worker{{i}} : IDisposable
            {
                private UintrSender? _sender;
                private readonly List<int> _values = new();

                public Worker{{i}}(UintrPlatform platform, UintrFd fd) => _sender = platform.RegisterSender(fd);

                public int Run(UintrPlatform platform, UintrFd fd, bool early)
                {
                    using var receiver = Receiver{{i}}.RegisterUserInterrupts(platform);
                    var copy = fd.Duplicate();
                    if (early)
                    {
                        copy.Dispose();
                        return 0;
                    }

                    UserInterrupts.Clui();
                    try { _values.Add(copy.Vector); }
                    finally { UserInterrupts.Stui(); }
                    copy.Dispose();
                    return _values.Where(v => v > {{n % 5}}).Sum() + receiver.Poll();
                }

                public string Describe() => string.Join(",", _values.Select(v => v.ToString()));

                public void Dispose() => _sender?.Dispose();
            }

            """);
    }
}
