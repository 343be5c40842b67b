using System.Linq;
using Uintr.Generators.Trampolines;
using Uintr.Simulation.Hosting;

namespace Uintr.Runtime.Tests.Simulation;

public class DefaultTrampolineTests
{
    [Fact]
    public void The_runtimes_copy_of_the_default_trampoline_is_what_the_generator_emits()
    {
        var generated = TrampolineBuilder.Build();

        Assert.Equal(generated.Code.ToArray(), DefaultTrampoline.Image.Code.ToArray());
        var patch = Assert.Single(generated.Patches);
        Assert.Equal(patch.Offset, Assert.Single(DefaultTrampoline.Image.Patches).Offset);
    }
}
