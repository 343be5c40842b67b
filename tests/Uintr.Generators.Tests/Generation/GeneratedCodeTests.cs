using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Uintr.Generators.Tests.Verification;

namespace Uintr.Generators.Tests.Generation;

/// <summary>What the generated file says about itself, and what it must never say twice.</summary>
public sealed class GeneratedCodeTests
{
    [Fact]
    public async Task Every_generated_member_carries_GeneratedCode_with_the_generators_name_and_version()
    {
        var run = await Generate.CleanAsync(TestSources.Doorbell);

        var type = run.OutputCompilation.GetTypeByMetadataName("Demo.Doorbell")!;
        string version = typeof(UserInterruptHandlerGenerator).Assembly.GetName().Version!.ToString();
        foreach (string name in new[] { "RegisterUserInterrupts", "__UintrDefinition", "__UintrDispatch" })
        {
            var member = Assert.Single(type.GetMembers(name));
            var attribute = Assert.Single(member.GetAttributes(), a => a.AttributeClass?.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute");
            Assert.Equal(new object?[] { "Uintr.Generators", version }, attribute.ConstructorArguments.Select(a => a.Value));
        }

        // The user's handlers are not generated code.
        Assert.DoesNotContain(type.GetMembers("OnWork").Single().GetAttributes(), a => a.AttributeClass?.Name == "GeneratedCodeAttribute");
    }

    [Fact]
    public async Task A_lower_case_type_name_is_reported_once_at_the_users_declaration_not_again_in_the_generated_file()
    {
        // CS8981 (a type name of lower-case ASCII letters may become a keyword) is about the user's name; the generated
        // partial declaration repeats the name, and must not repeat the warning.
        var test = new UintrGeneratorTest { TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck };
        test.TestState.Sources.Add("""
            namespace Demo
            {
                static partial class {|CS8981:doorbell|}
                {
                    [Uintr.UserInterruptHandler(3)] static void OnWork() { }
                }

                static partial class Outer
                {
                    static partial class {|CS8981:inner|}
                    {
                        [Uintr.UserInterruptHandler(4)] static void OnWork() { }
                    }
                }
            }
            """);
        await test.RunAsync();

        Assert.Equal(2, test.Generated.Count(g => !SharedFiles.IsShared(g.HintName)));
    }
}
