namespace Uintr.Generators.Model;

/// <summary>One type of the receiver's containing-type chain, as the generated partial declaration spells it.</summary>
/// <param name="Modifiers">Modifiers that must precede <c>partial</c> on every part (<c>ref </c> for ref structs), or empty.</param>
/// <param name="Keywords">The declaration keywords: <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c>, <c>interface</c>.</param>
/// <param name="Name">The identifier, escaped with <c>@</c> when it is a keyword.</param>
internal sealed record TypeDeclarationModel(string Modifiers, string Keywords, string Name);
