using System.Threading.Tasks;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Uintr.Roslyn.Testing;
using Xunit.Abstractions;

namespace Uintr.Generators.Tests.Generation;

/// <summary>
/// Robustness: 10,000 mutants of valid handler files (deleted and inserted tokens and characters, truncations). For every
/// one the generator must not throw; for every one that compiles, the generated code must compile too.
/// </summary>
public sealed class MutationTests
{
    public const int MutantCount = 10_000;

    private static readonly string[] s_seeds =
    {
        """
        using Uintr;

        namespace Demo
        {
            [UserInterruptReceiver(CountDeliveries = true)]
            public static partial class Doorbell
            {
                private static int s_count;

                public static int Count => s_count;

                [UserInterruptHandler(3)] private static void OnWork(ulong vector) { s_count += (int)vector; }

                [UserInterruptHandler(7)] private static void OnStop() { s_count = 0; }
            }
        }
        """,
        """
        using Uintr;

        namespace Demo.Nested
        {
            public partial class Outer
            {
                internal partial struct Inner
                {
                    [UserInterruptHandler(0)] static void Lowest() { }

                    [UserInterruptHandler(63)] static void Highest(ulong v) { _ = v; }
                }
            }
        }
        """,
        """
        using System;
        using Uintr;

        [UserInterruptReceiver(WakeWaiter = true, EndBranch = true)]
        partial record Alarm
        {
            [Obsolete("use the new one")]
            [UserInterruptHandler(1)] static void Old() { }

            [UserInterruptHandler(2)] static void New() { }
        }

        partial interface IBell
        {
            [UserInterruptHandler(9)] static void Ring() { }
        }
        """,
        """
        namespace Demo
        {
            using Uintr;

            static partial class Bell
            {
                [UserInterruptHandler(40)] static void @event() { }

                [UserInterruptHandler(41)] static void Once(ulong vector) { _ = vector; }

                static void NotAHandler(int x) { }
            }

            [UserInterruptReceiver(AlternateStack = true)]
            ref partial struct Frame
            {
                [UserInterruptHandler(12)] static void OnFrame() { }
            }
        }
        """,
    };

    private static readonly string[] s_insertions =
    {
        "static ", "partial ", "public ", "private ", "internal ", "async ", "unsafe ", "new ", "ref ", "readonly ",
        "abstract ", "virtual ", "file ", "extern ", "this ", "params ", "event ", "=> ", "@", "\"", "'", "/*", "*/", "//",
        "[UserInterruptHandler(4)] ", "[UserInterruptHandler(64)] ", "[UserInterruptHandler(-1)] ", "[UserInterruptHandler(3)] ",
        "[UserInterruptHandler(\"x\")] ", "[UserInterruptHandler] ", "[UserInterruptReceiver(AlternateStack = true)] ",
        "[UserInterruptReceiver] ", "[UserInterruptReceiver(WakeWaiter = 1)] ", "[System.Obsolete(\"gone\", true)] ",
        "[System.Obsolete] ", "[System.Diagnostics.CodeAnalysis.Experimental(\"EXP1\")] ", "<T>", "ulong vector", "int x",
        ", ", "(", ")", "{", "}", ";", "class ", "struct ", "record ", "interface ", "void ", "int ", "ulong ", "return; ",
        "RegisterUserInterrupts", "__UintrDefinition", "__UintrDispatch", "namespace N { ", "\n#if NEVER\n", "\n#endif\n",
        "\n#nullable disable\n", "where T : class ", "static partial class Extra { [UserInterruptHandler(2)] static void E() { } } ",
        "static void RegisterUserInterrupts(Uintr.UintrPlatform p) { } ", "global::", "Uintr.", "\u00e9", "\0",
    };

    /// <summary>Same-kind replacements, which keep a file parsing while changing what it means.</summary>
    private static readonly string[] s_identifiers =
    {
        "OnWork", "OnStop", "Doorbell", "Outer", "Inner", "Bell", "RegisterUserInterrupts", "__UintrDispatch", "__UintrDefinition",
        "vector", "Uintr", "Demo", "UserInterruptHandler", "UserInterruptReceiver", "CountDeliveries", "EndBranch", "Obsolete", "@class",
    };

    private static readonly string[] s_keywords =
    {
        "static", "partial", "public", "private", "internal", "protected", "readonly", "unsafe", "new", "true", "false",
        "class", "struct", "interface", "record", "void", "int", "ulong", "long",
    };

    private readonly ITestOutputHelper _output;

    public MutationTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task The_seeds_compile_and_generate()
    {
        foreach (string seed in s_seeds)
        {
            Assert.NotEmpty((await Generate.CleanAsync(seed)).GeneratedSources);
        }
    }

    [Fact]
    public void Ten_thousand_mutants_never_throw_and_never_break_a_compiling_input()
    {
        var random = new Random(20261121);
        var options = TestCompilationOptions.Default;
        var baseCompilation = TestCompilation.Create(new[] { s_seeds[0] }, options);
        var oldTree = baseCompilation.SyntaxTrees.Single();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new UserInterruptHandlerGenerator().AsSourceGenerator() },
            parseOptions: options.ParseOptions);

        int inputs = 0, compiled = 0, generated = 0;
        var failures = new List<string>();
        for (int i = 0; i < MutantCount; i++)
        {
            string seed = s_seeds[i % s_seeds.Length];
            string mutant = Mutate(seed, random);
            var tree = CSharpSyntaxTree.ParseText(SourceText.From(mutant, Encoding.UTF8), options.ParseOptions, TestCompilation.SourcePath(0));
            var compilation = baseCompilation.ReplaceSyntaxTree(oldTree, tree);
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
            inputs++;

            var result = driver.GetRunResult().Results.Single();
            if (result.Exception is not null || !diagnostics.IsEmpty)
            {
                failures.Add($"mutant {i} threw {result.Exception?.GetType().Name}: {DiagnosticText.Describe(diagnostics)}\n{mutant}");
                continue;
            }

            generated += result.GeneratedSources.Length;

            // Parse errors are cheap to find; only inputs that parse need the semantic check.
            if (tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)
                || Generate.Visible(compilation.GetDiagnostics()).Count > 0)
            {
                continue;
            }

            compiled++;
            var added = Generate.Visible(output.GetDiagnostics());
            if (added.Count > 0)
            {
                failures.Add($"mutant {i} compiles, its output does not:\n{DiagnosticText.Describe(added)}\n{mutant}\n" +
                    string.Join("\n", result.GeneratedSources.Select(s => s.SourceText.ToString())));
            }
        }

        _output.WriteLine($"{inputs} mutants, {compiled} of them compiled, {generated} files generated.");
        Assert.True(failures.Count == 0, $"{failures.Count} failures; the first:\n{failures.FirstOrDefault()}");
        Assert.Equal(MutantCount, inputs);

        // The strong check must actually be exercised: a good share of the mutants still compile.
        Assert.True(compiled >= 800, $"only {compiled} mutants compiled");
    }

    /// <summary>
    /// One to three edits (usually one): token replacements, deletions and insertions, character deletions and
    /// insertions, or a truncation.
    /// </summary>
    private static string Mutate(string seed, Random random)
    {
        string text = seed;
        int edits = random.Next(4) == 0 ? random.Next(2, 4) : 1;
        for (int e = 0; e < edits && text.Length > 0; e++)
        {
            var tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToList();
            int roll = random.Next(100);
            if (roll < 40 && tokens.Count > 0)
            {
                var token = tokens[random.Next(tokens.Count)];
                text = text.Remove(token.SpanStart, token.Span.Length).Insert(token.SpanStart, Replacement(token, random));
            }
            else if (roll < 55 && tokens.Count > 0)
            {
                var token = tokens[random.Next(tokens.Count)];
                text = text.Remove(token.SpanStart, token.Span.Length);
            }
            else if (roll < 80 && tokens.Count > 0)
            {
                var token = tokens[random.Next(tokens.Count)];
                text = text.Insert(token.SpanStart, s_insertions[random.Next(s_insertions.Length)]);
            }
            else if (roll < 88)
            {
                int start = random.Next(text.Length);
                text = text.Remove(start, Math.Min(random.Next(1, 12), text.Length - start));
            }
            else if (roll < 94)
            {
                text = text.Insert(random.Next(text.Length + 1), ((char)random.Next(32, 127)).ToString());
            }
            else
            {
                text = text.Substring(0, random.Next(text.Length));
            }
        }

        return text;
    }

    private static string Replacement(SyntaxToken token, Random random) => token.Kind() switch
    {
        SyntaxKind.NumericLiteralToken => random.Next(-2, 70).ToString(System.Globalization.CultureInfo.InvariantCulture),
        SyntaxKind.IdentifierToken => s_identifiers[random.Next(s_identifiers.Length)],
        _ when token.IsKeyword() => s_keywords[random.Next(s_keywords.Length)],
        _ => s_insertions[random.Next(s_insertions.Length)],
    };
}
