using System.Collections.Generic;

namespace Uintr.Runtime.Tests.Simulation;

/// <summary>The README's example receiver, compiled by the real generator.</summary>
internal static partial class ReadmeDoorbell
{
    public static int Rings;

    [UserInterruptHandler(3)]
    private static void OnRing(ulong vector) => Rings++;
}

/// <summary>A receiver with a handler for every vector, recording the order handlers ran in.</summary>
internal static partial class EveryVector
{
    public static readonly List<int> Handled = new();

    [UserInterruptHandler(0)] private static void V0(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(1)] private static void V1(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(2)] private static void V2(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(3)] private static void V3(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(4)] private static void V4(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(5)] private static void V5(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(6)] private static void V6(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(7)] private static void V7(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(8)] private static void V8(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(9)] private static void V9(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(10)] private static void V10(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(11)] private static void V11(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(12)] private static void V12(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(13)] private static void V13(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(14)] private static void V14(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(15)] private static void V15(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(16)] private static void V16(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(17)] private static void V17(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(18)] private static void V18(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(19)] private static void V19(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(20)] private static void V20(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(21)] private static void V21(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(22)] private static void V22(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(23)] private static void V23(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(24)] private static void V24(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(25)] private static void V25(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(26)] private static void V26(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(27)] private static void V27(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(28)] private static void V28(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(29)] private static void V29(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(30)] private static void V30(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(31)] private static void V31(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(32)] private static void V32(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(33)] private static void V33(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(34)] private static void V34(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(35)] private static void V35(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(36)] private static void V36(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(37)] private static void V37(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(38)] private static void V38(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(39)] private static void V39(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(40)] private static void V40(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(41)] private static void V41(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(42)] private static void V42(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(43)] private static void V43(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(44)] private static void V44(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(45)] private static void V45(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(46)] private static void V46(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(47)] private static void V47(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(48)] private static void V48(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(49)] private static void V49(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(50)] private static void V50(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(51)] private static void V51(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(52)] private static void V52(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(53)] private static void V53(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(54)] private static void V54(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(55)] private static void V55(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(56)] private static void V56(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(57)] private static void V57(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(58)] private static void V58(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(59)] private static void V59(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(60)] private static void V60(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(61)] private static void V61(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(62)] private static void V62(ulong v) => Handled.Add((int)v);
    [UserInterruptHandler(63)] private static void V63(ulong v) => Handled.Add((int)v);
}
