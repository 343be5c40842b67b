using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Uintr.Generators.Benchmarks;

/// <summary>
/// A project with <c>receivers</c> receiver types of four handlers each, one file per receiver (every eighth with a
/// <c>[UserInterruptReceiver]</c>), plus one unrelated file the keystroke benchmark edits.
/// </summary>
public sealed class SyntheticProject
{
    public const string UnrelatedPath = "/src/Helpers.cs";

    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest);

    public SyntheticProject(int receivers)
    {
        Receivers = receivers;
        var trees = new List<SyntaxTree>(receivers + 1);
        for (int i = 0; i < receivers; i++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(SourceText.From(ReceiverSource(i), Encoding.UTF8), s_parseOptions, $"/src/Receiver{i}.cs"));
        }

        UnrelatedTree = CSharpSyntaxTree.ParseText(SourceText.From(UnrelatedSource(1), Encoding.UTF8), s_parseOptions, UnrelatedPath);
        trees.Add(UnrelatedTree);
        Trees = trees;
    }

    public int Receivers { get; }

    public int Handlers => 4 * Receivers;

    public IReadOnlyList<SyntaxTree> Trees { get; }

    public SyntaxTree UnrelatedTree { get; }

    public static CSharpParseOptions ParseOptions => s_parseOptions;

    /// <summary>A new compilation of the trees: nothing bound yet, as after opening the project.</summary>
    public CSharpCompilation CreateCompilation() =>
        CSharpCompilation.Create(
            "Synthetic",
            Trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The unrelated file with a one-character difference per <paramref name="digit"/> (1 or 2).</summary>
    public static string UnrelatedSource(int digit) => string.Format(
        CultureInfo.InvariantCulture,
        """
        namespace Synthetic.Util
        {{
            public static class Helpers
            {{
                public static int Scale(int x) => x * {0};

                public static string Describe(int x) => "value " + Scale(x);
            }}
        }}
        """,
        digit);

    private static string ReceiverSource(int i)
    {
        string options = i % 8 == 0 ? "[UserInterruptReceiver(CountDeliveries = true)]\n    " : string.Empty;
        return string.Format(
            CultureInfo.InvariantCulture,
            """
            using Uintr;

            namespace Synthetic.Group{0}
            {{
                {1}internal static partial class Receiver{2}
                {{
                    private static int s_count;

                    [UserInterruptHandler({3})] private static void OnA(ulong vector) {{ s_count += (int)vector; }}
                    [UserInterruptHandler({4})] private static void OnB() {{ s_count++; }}
                    [UserInterruptHandler({5})] private static void OnC() {{ s_count--; }}
                    [UserInterruptHandler({6})] private static void OnD(ulong vector) {{ s_count ^= (int)vector; }}

                    public static int Count => s_count;
                }}
            }}
            """,
            i / 100,
            options,
            i,
            i % 16,
            16 + (i % 16),
            32 + (i % 16),
            48 + (i % 16));
    }

    // The framework this process runs on plus Uintr.Runtime: enough to bind the synthetic project.
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(UintrPlatform).Assembly.Location)
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());
}
