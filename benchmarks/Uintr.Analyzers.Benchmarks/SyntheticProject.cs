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

    /// <summary>
    /// Sources of about <paramref name="lines"/> lines, one file per 20 units. <paramref name="uintrEvery"/> 1 (the default)
    /// makes every unit a Uintr unit (the dense workload); n makes every n-th one a Uintr unit and the others ordinary code
    /// of about 40 lines (a service class: collections, LINQ, string formatting, exceptions), as in a project where
    /// interrupts are one concern among many; 0 makes none a Uintr unit (what the analyzers cost on a project that
    /// references Uintr.Runtime but does not use it: their per-compilation and per-ordinary-declaration cost).
    /// </summary>
    public static ImmutableArray<SyntaxTree> Generate(int lines = 50_000, int uintrEvery = 1)
    {
        int units = lines / LinesPerUnit;
        var trees = ImmutableArray.CreateBuilder<SyntaxTree>();
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        for (int file = 0; file * 20 < units; file++)
        {
            var text = new StringBuilder("using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Threading;\nusing Uintr;\n\nnamespace Synthetic;\n\n");
            for (int unit = file * 20; unit < Math.Min(units, (file + 1) * 20); unit++)
            {
                if (uintrEvery > 0 && unit % uintrEvery == 0)
                {
                    AppendUnit(text, unit);
                }
                else
                {
                    AppendOrdinaryUnit(text, unit);
                }
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

    // About LinesPerUnit lines of code with no Uintr type in it.
    private static void AppendOrdinaryUnit(StringBuilder text, int n)
    {
        string i = n.ToString(CultureInfo.InvariantCulture);
        text.Append(CultureInfo.InvariantCulture, $$"""
            public sealed class Service{{i}}
            {
                private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
                private readonly List<string> _log = new();

                public int Add(string key, int amount)
                {
                    if (string.IsNullOrEmpty(key))
                    {
                        throw new ArgumentException("empty key", nameof(key));
                    }

                    _counts.TryGetValue(key, out int current);
                    _counts[key] = current + amount;
                    _log.Add($"{key}+{amount}");
                    return _counts[key];
                }

                public IReadOnlyList<string> Top(int count) =>
                    _counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(count).Select(p => p.Key).ToList();

                public string Report()
                {
                    var lines = new List<string>();
                    foreach (var (key, value) in _counts)
                    {
                        lines.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}: {1}", key, value));
                    }

                    return string.Join(Environment.NewLine, lines) + $" ({_log.Count} changes, {{n % 7}})";
                }

                public bool TryParse(string text, out int value)
                {
                    value = 0;
                    var parts = text.Split('=', 2);
                    return parts.Length == 2 && int.TryParse(parts[1], out value) && _counts.ContainsKey(parts[0]);
                }
            }

            """);
    }

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
