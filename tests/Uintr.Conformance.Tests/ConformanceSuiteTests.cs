using System;
using System.IO;
using System.Linq;
using Uintr.Hardware;

namespace Uintr.Conformance.Tests;

public class ConformanceSuiteTests
{
    public static TheoryData<string, KernelAbi> ChecksUnderBothAbis()
    {
        var data = new TheoryData<string, KernelAbi>();
        foreach (var check in ConformanceSuite.Checks)
        {
            data.Add(check.Name, KernelAbi.RfcV1);
            data.Add(check.Name, KernelAbi.UintrNext);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ChecksUnderBothAbis))]
    public void Every_check_passes_on_the_simulator_under_each_kernel_ABI(string name, KernelAbi abi)
    {
        var check = ConformanceSuite.Checks.Single(c => c.Name == name);

        var outcome = ConformanceRunner.RunOne(check, ConformanceTarget.Simulator(abi));

        Assert.True(outcome.Status == CheckStatus.Pass, $"{name} under {abi}: {outcome.Status} {outcome.Reason}");
    }

    [Fact]
    public void Every_check_cites_the_test_it_ports_with_a_commit_and_has_a_unique_KTAP_name()
    {
        Assert.True(ConformanceSuite.Checks.Count >= 30, $"only {ConformanceSuite.Checks.Count} checks");
        Assert.Equal(ConformanceSuite.Checks.Count, ConformanceSuite.Checks.Select(c => c.Name).Distinct().Count());
        Assert.All(ConformanceSuite.Checks, c =>
        {
            Assert.Matches("^[a-z0-9_]+$", c.Name);
            Assert.Matches(@"(intel/uintr-linux-kernel tools/testing/selftests/|gcc-mirror/gcc gcc/testsuite/gcc.target/i386/)\S+\.[ch]@[0-9a-f]{7}", c.Source);
        });
    }

    [Fact]
    public void The_suite_ports_every_selftest_file_and_every_GCC_runtime_relevant_test()
    {
        string sources = string.Join("\n", ConformanceSuite.Checks.Select(c => c.Source));
        foreach (string file in new[]
        {
            "x86/uintr.c", "uintr/syscall_handler.c", "uintr/syscall_vector.c", "uintr/syscall_flags.c", "uintr/syscall_sender.c",
            "uintr/syscall_blocking.c", "uintr/syscall_alt_stack.c", "uintr/senduipi_instr.c", "uintr/senduipi_self_ipi.c",
            "uintr/ipc_base.c", "i386/uintr-1.c", "i386/uintr-2.c", "i386/uintr-3.c", "i386/uintr-4.c",
        })
        {
            Assert.Contains(file, sources, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_check_that_expects_the_other_ABI_fails_so_the_ABI_specific_expectations_discriminate()
    {
        // A uintr-next machine judged by RFC v1 expectations: SENDUIPI from a thread without its own UITT is delivered
        // there, so the RFC v1 expectation (#UD) must fail; and the other way round.
        var check = ConformanceSuite.Checks.Single(c => c.Name == "senduipi_on_another_thread");
        var nextJudgedAsRfc = ConformanceTarget.ForPlatform("probe", UintrPlatform.Simulator(new SimulatorOptions { KernelAbi = KernelAbi.UintrNext }), KernelAbi.RfcV1);
        var rfcJudgedAsNext = ConformanceTarget.ForPlatform("probe", UintrPlatform.Simulator(new SimulatorOptions { KernelAbi = KernelAbi.RfcV1 }), KernelAbi.UintrNext);

        // Through ForPlatform the fault checks skip (a shared platform is treated like hardware); run the body directly.
        Assert.Throws<CheckFailedException>(() => check.Body(nextJudgedAsRfc));
        Assert.ThrowsAny<Exception>(() => check.Body(rfcJudgedAsNext));
    }

    [Fact]
    public void On_a_backend_known_only_by_its_platform_public_API_checks_run_and_the_rest_skip_with_the_reason()
    {
        var target = ConformanceTarget.ForPlatform("other", UintrPlatform.Simulator(), KernelAbi.RfcV1);

        foreach (var check in ConformanceSuite.Checks)
        {
            var outcome = ConformanceRunner.RunOne(check, target);
            switch (check.Requirement)
            {
                case CheckRequirement.PublicApi or CheckRequirement.GeneratedCode:
                    Assert.True(outcome.Status == CheckStatus.Pass, $"{check.Name}: {outcome.Reason}");
                    break;
                case CheckRequirement.SimulatedKernel:
                    Assert.Equal(CheckOutcome.Skip("drives the simulator's kernel and CPU model directly"), outcome);
                    break;
                default:
                    Assert.Equal(CheckOutcome.Skip("the fault would end this process with a signal on the other backend"), outcome);
                    break;
            }
        }
    }

    [Fact]
    public void An_unavailable_backend_skips_every_check_with_its_reason_in_KTAP()
    {
        var target = ConformanceTarget.ForBackend(UintrBackend.Hardware, KernelAbi.RfcV1, HardwareProbe.Detect());
        if (target.UnavailableReason is null)
        {
            return; // real UINTR hardware: the CLI test runs the suite on it.
        }

        var output = new StringWriter();
        int failures = ConformanceRunner.Run(ConformanceSuite.Checks, target, output);

        Assert.Equal(0, failures);
        string[] results = output.ToString().Split('\n').Where(l => l.StartsWith("ok ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(ConformanceSuite.Checks.Count, results.Length);
        Assert.All(results, l => Assert.EndsWith($" # SKIP {target.UnavailableReason}", l.TrimEnd('\r')));
    }
}
