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

    /// <summary>
    /// Moves a file or a batch folder into <paramref name="folder"/> (under its own name, or <paramref name="name"/>) and returns where it is now.
    /// Never overwrites or deletes what is already there: a job run again for a file it already set aside (a retry,
    /// or a second job for the same file) finds it in place and leaves it; another item of the same name gets ".2", ".3"…
    /// </summary>
    public static string MoveInto(string path, string folder, string? name = null)
    {
        name ??= Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        var target = Path.Combine(folder, name);
        if (string.Equals(Path.GetFullPath(path), Path.GetFullPath(target), StringComparison.Ordinal)) return target;
        for (var n = 2; File.Exists(target) || Directory.Exists(target); n++)
            target = Path.Combine(folder, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}.{n}"));
        if (Directory.Exists(path)) Directory.Move(path, target);
        else File.Move(path, target);
        return target;
    }

    /// <summary>The first symbolic link at or under <paramref name="path"/> (a dropped file, a batch folder or anything in it), or null.</summary>
    public static string? LinkIn(string path)
    {
        FileSystemInfo top = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (top.LinkTarget is not null) return top.Name;
        if (top is not DirectoryInfo folder) return null;
        var all = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        return folder.EnumerateFileSystemInfos("*", all).FirstOrDefault(e => e.LinkTarget is not null) is { } link
            ? Path.GetRelativePath(path, link.FullName) : null;
    }

    /// <summary>A stand-in content hash for something that must not be read: its name, link target, size and time.</summary>
    public static string LinkHash(string path)
    {
        var info = new FileInfo(path);
        var text = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"unread:{path}:{info.LinkTarget}:{(info.Exists ? info.Length : -1)}:{info.LastWriteTimeUtc.Ticks}");
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    private static string Ensure(string path)
    {
        Directory.CreateDirectory(path);
        return path;
    }
}
