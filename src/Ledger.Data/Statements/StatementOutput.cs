using System.IO.Compression;

namespace Ledger.Data.Statements;

/// <summary>Where an export's files go, one whole file at a time (paths use '/').</summary>
public interface IStatementOutput : IAsyncDisposable
{
    ValueTask WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct);
}

/// <summary>Loose files under a directory.</summary>
public sealed class DirectoryStatementOutput : IStatementOutput
{
    private readonly string _root;

    private DirectoryStatementOutput(string root) => _root = root;

    public string Root => _root;

    /// <summary>
    /// Uses <paramref name="directory"/>, creating it when missing. An existing directory that holds anything is refused
    /// unless <paramref name="force"/>: an export mixed with an older one's files could be mistaken for one export.
    /// </summary>
    public static DirectoryStatementOutput Open(string directory, bool force)
    {
        var root = Path.GetFullPath(directory);
        if (File.Exists(root)) throw new StatementInputException($"{root} is a file, not a directory.");
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any() && !force)
            throw new StatementInputException($"{root} is not empty: choose a new or empty directory, or force writing into it (files of the same names are replaced).");
        Directory.CreateDirectory(root);
        return new DirectoryStatementOutput(root);
    }

    public async ValueTask WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var full = Path.Combine(_root, path.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using var file = new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await file.WriteAsync(content, ct);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// One zip written front to back onto any stream (an HTTP response need not be seekable); the central directory is
/// written when disposed. Every write is asynchronous, so a server that forbids synchronous I/O can stream it.
/// </summary>
public sealed class ZipStatementOutput : IStatementOutput
{
    private readonly ZipArchive _zip;

    private ZipStatementOutput(ZipArchive zip) => _zip = zip;

    public static async Task<ZipStatementOutput> CreateAsync(Stream stream, CancellationToken ct) =>
        new(await ZipArchive.CreateAsync(stream, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct));

    public async ValueTask WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        // Statements are repetitive text: the fastest level already shrinks them several times over.
        var entry = _zip.CreateEntry(path, CompressionLevel.Fastest);
        await using var stream = await entry.OpenAsync(ct);
        await stream.WriteAsync(content, ct);
    }

    public ValueTask DisposeAsync() => _zip.DisposeAsync();
}
