namespace Ledger.Worker.Intake;

/// <summary>
/// The drop folders, per source: <c>inbox</c> (others drop files here), <c>work</c> (files being
/// processed), <c>archive</c> (done) and <c>quarantine</c> (refused whole, with a reason file beside).
/// </summary>
public sealed class IntakeFolders(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string Inbox(string source) => Ensure(Path.Combine(Root, "inbox", source));
    public string Work(string source) => Ensure(Path.Combine(Root, "work", source));
    public string Archive(string source) => Ensure(Path.Combine(Root, "archive", source));
    public string Quarantine(string source) => Ensure(Path.Combine(Root, "quarantine", source));

    private static string Ensure(string path)
    {
        Directory.CreateDirectory(path);
        return path;
    }
}
