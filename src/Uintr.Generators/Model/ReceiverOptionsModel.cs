namespace Uintr.Generators.Model;

/// <summary>The trampoline options a <c>[UserInterruptReceiver]</c> attribute chooses for one type.</summary>
/// <param name="FullyQualifiedName">The type's escaped <c>global::</c> name, matched against <see cref="ReceiverTypeModel.FullyQualifiedName"/>.</param>
/// <param name="TrampolineFeatures">The chosen <c>TrampolineFlags</c>, as an int so the model stays plain data.</param>
internal sealed record ReceiverOptionsModel(string FullyQualifiedName, int TrampolineFeatures);
