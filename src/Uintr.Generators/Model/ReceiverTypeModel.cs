using System.Text;

namespace Uintr.Generators.Model;

/// <summary>Where the generated members go: namespace and the containing-type chain of the receiver.</summary>
/// <param name="Namespace">The escaped namespace, empty for the global namespace.</param>
/// <param name="Types">Outermost first; the last one is the receiver.</param>
/// <param name="DisplayName">The unescaped C# name (<c>Demo.Outer.Doorbell</c>), for messages and traces.</param>
/// <param name="BaseTypes">The fully qualified names of the types whose members this type inherits (base classes, or base interfaces of an interface).</param>
/// <param name="InheritsRegister">Whether a base type already has a <c>RegisterUserInterrupts(UintrPlatform)</c> method, so ours needs <c>new</c>.</param>
/// <param name="TrampolineFeatures">The <c>TrampolineFlags</c> the type's <c>[UserInterruptReceiver]</c> chose (0 without one), as an int so the model stays plain data.</param>
/// <remarks>
/// The per-method step builds one of these per receiver type after every edit, so it holds only what cannot be derived:
/// the fully qualified name and the hint name are spelled from it where they are needed, after the driver's cache.
/// </remarks>
internal sealed record ReceiverTypeModel(
    string Namespace,
    EquatableArray<TypeDeclarationModel> Types,
    string DisplayName,
    EquatableArray<string> BaseTypes,
    bool InheritsRegister,
    int TrampolineFeatures)
{
    /// <summary>The receiver type's own (escaped) name.</summary>
    public string Name => Types[Types.Count - 1].Name;

    /// <summary>The escaped <c>global::</c> name (<c>global::Demo.Outer.Doorbell</c>), for member access.</summary>
    public string FullyQualifiedName
    {
        get
        {
            var text = new StringBuilder("global::");
            if (Namespace.Length > 0)
            {
                text.Append(Namespace).Append('.');
            }

            for (int i = 0; i < Types.Count; i++)
            {
                text.Append(i == 0 ? string.Empty : ".").Append(Types[i].Name);
            }

            return text.ToString();
        }
    }

    /// <summary>The generated file's hint name before case-insensitive de-duplication.</summary>
    public string HintName => DisplayName + ".UserInterrupts.g.cs";
}
