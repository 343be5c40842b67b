namespace Uintr.Simulation.Architecture;

/// <summary>User-interrupt delivery (SDM "User-Interrupt Delivery"; docs/uintr-reference.md section 6).</summary>
internal static class UserInterruptDelivery
{
    /// <summary>
    /// Delivery happens at an instruction boundary when UIRR != 0, UIF = 1, CPL = 3, the processor is in
    /// 64-bit mode and not in a MOV SS shadow.
    /// </summary>
    public static bool CanDeliver(LogicalProcessor cpu) =>
        cpu.State.Uirr != 0 && (cpu.State.Uif || cpu.PlantedBugs.Has(PlantedBugs.DeliveryIgnoresUif)) && cpu.UserMode && cpu.LongMode && cpu.Cr4Uintr && !cpu.MovSsShadow;

    /// <summary>Delivers the highest pending user interrupt; the caller checked <see cref="CanDeliver"/>.</summary>
    /// <returns>The vector delivered.</returns>
    public static int Deliver(LogicalProcessor cpu)
    {
        var state = cpu.State;
        var regs = cpu.Registers;
        var memory = cpu.Memory;

        // RIP = HANDLER must be canonical (checked before anything is pushed).
        if (!Canonical.IsCanonical(state.Handler))
        {
            throw ArchitecturalFault.GeneralProtection("user-interrupt delivery", $"IA32_UINTR_HANDLER 0x{state.Handler:X16} is not canonical");
        }

        // tmp = RSP; RSP = STACKADJUST[0] ? STACKADJUST : RSP - STACKADJUST; RSP &= ~0xF.
        ulong oldRsp = regs.Rsp;
        ulong rsp = (state.StackAdjust & 1) != 0 ? state.StackAdjust : oldRsp - state.StackAdjust;
        rsp &= ~0xFUL;

        // push tmp; push RFLAGS; push RIP; push UIRRV (zero-extended).
        int vector = state.Uirrv;
        ulong rflags = regs.Rflags;
        ulong rip = regs.Rip;
        var planted = cpu.PlantedBugs;
        if (planted != PlantedBugs.None)
        {
            // Defects the explorer's tests plant; never set on a machine a user builds.
            vector = planted.Has(PlantedBugs.LowestVectorFirst) ? System.Numerics.BitOperations.TrailingZeroCount(state.Uirr) : vector;
            (rflags, rip) = planted.Has(PlantedBugs.FrameSwapsRipAndRflags) ? (rip, rflags) : (rflags, rip);
        }

        rsp -= 8;
        memory.WriteUInt64(rsp, oldRsp);
        rsp -= 8;
        memory.WriteUInt64(rsp, rflags);
        rsp -= 8;
        memory.WriteUInt64(rsp, rip);
        rsp -= 8;
        memory.WriteUInt64(rsp, (ulong)vector);
        regs.Rsp = rsp;

        // UIRR[UIRRV] = 0; UIF = 0; RFLAGS.TF = RFLAGS.RF = 0; RIP = HANDLER.
        state.Uirr &= ~(1UL << vector);
        state.Uif = false;
        regs.Rflags &= ~(Rflags.TF | Rflags.RF);
        regs.Rip = state.Handler;
        if (planted.Has(PlantedBugs.DeliveryLeavesUifSet))
        {
            state.Uif = true;   // a planted defect
        }

        return vector;
    }
}
