namespace Uintr.Generators.Pipeline;

/// <summary>The members the generator adds to a receiver type (a type that already has one is skipped).</summary>
internal static class GeneratedMemberNames
{
    public const string Register = "RegisterUserInterrupts";
    public const string Definition = "__UintrDefinition";
    public const string Dispatch = "__UintrDispatch";

    public static readonly string[] All = { Register, Definition, Dispatch };
}
