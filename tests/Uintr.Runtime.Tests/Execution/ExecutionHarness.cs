using System;
using System.IO;
using Iced.Intel;
using Uintr.Simulation.Architecture;
using Uintr.Simulation.Execution;
using Uintr.Simulation.Timing;

namespace Uintr.Runtime.Tests.Execution;

/// <summary>A small simulated machine for interpreter tests: code, data and stack regions, and a recording system layer.</summary>
internal sealed class ExecutionHarness
{
    public const ulong CodeBase = 0x0000_0000_0040_0000;
    public const ulong DataBase = 0x0000_0000_0060_0000;
    public const ulong StackTop = 0x0000_7FFF_FFF0_0000;
    public const ulong StackSize = 0x10000;

    public ExecutionHarness(InstructionTiming? timing = null)
    {
        Memory = new SimulatedMemory();
        Memory.Map(CodeBase, 0x2000);
        Memory.Map(DataBase, 0x2000);
        Memory.Map(StackTop - StackSize, StackSize);
        System = new RecordingSystemInstructions(Memory);
        Interpreter = new X86Interpreter(Memory, System, timing);
        Registers = new RegisterFile { Rip = CodeBase, Rsp = StackTop - 0x100 };
    }

    public SimulatedMemory Memory { get; }

    public RecordingSystemInstructions System { get; }

    public X86Interpreter Interpreter { get; }

    public RegisterFile Registers { get; }

    /// <summary>Address just past the loaded code: runs stop there.</summary>
    public ulong CodeEnd { get; private set; }

    public ulong StatusFlags => Registers.Rflags & Rflags.Status;

    public static byte[] Assemble(Action<Assembler> build, ulong address = CodeBase)
    {
        var assembler = new Assembler(64);
        build(assembler);
        using var stream = new MemoryStream();
        assembler.Assemble(new StreamCodeWriter(stream), address);
        return stream.ToArray();
    }

    public ExecutionHarness Load(byte[] code, ulong address = CodeBase)
    {
        Memory.Write(address, code);
        CodeEnd = address + (ulong)code.Length;
        Registers.Rip = address;
        return this;
    }

    public ExecutionHarness Load(Action<Assembler> build) => Load(Assemble(build));

    /// <summary>Runs the loaded code to its end (the address after its last byte).</summary>
    public ExecutionResult RunToEnd(long maxInstructions = 1000) =>
        Interpreter.Run(Registers, new ExecutionLimits(maxInstructions, StopAddress: CodeEnd));
}
