namespace Uintr.Generators.Model;

/// <summary>A valid handler method, as the dispatch switch calls it.</summary>
/// <param name="Name">The escaped method name.</param>
/// <param name="Vector">The vector, 0 to 63.</param>
/// <param name="TakesVector">Whether the method takes the vector as its <c>ulong</c> parameter.</param>
/// <param name="SuppressedWarnings">Warning ids the call must silence (obsolete or experimental handler), usually none.</param>
internal sealed record HandlerMethodModel(string Name, int Vector, bool TakesVector, EquatableArray<string> SuppressedWarnings);
