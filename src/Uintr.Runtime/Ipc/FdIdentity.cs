namespace Uintr.Ipc;

/// <summary>What an fd received from another process is: a uintr fd with its vector, or another kind of file.</summary>
/// <param name="Vector">The receiver vector when the fd is a uintr fd, else null.</param>
/// <param name="Description">The kind, for error messages (for example "anon_inode:[eventfd]").</param>
internal readonly record struct FdIdentity(int? Vector, string Description);
