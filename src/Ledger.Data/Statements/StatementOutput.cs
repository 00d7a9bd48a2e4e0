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
/// One zip written front to back onto any stream (an HTTP response need not be seekable). ZipArchive finishes each
/// entry with synchronous writes even when disposed asynchronously, which a server that forbids synchronous I/O
/// refuses; so the archive writes into memory and each finished entry is copied out asynchronously.
/// </summary>
public sealed class ZipStatementOutput : IStatementOutput
{
    private readonly Stream _target;
    private readonly PendingBytes _pending = new();
    private readonly ZipArchive _zip;

    private ZipStatementOutput(Stream target)
    {
        _target = target;
        _zip = new ZipArchive(_pending, ZipArchiveMode.Create, leaveOpen: true);
    }

    public static ZipStatementOutput Create(Stream stream) => new(stream);

    public async ValueTask WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        // Statements are repetitive text: the fastest level already shrinks them several times over.
        var entry = _zip.CreateEntry(path, CompressionLevel.Fastest);
        await using (var stream = await entry.OpenAsync(ct))
            await stream.WriteAsync(content, ct);
        await _pending.DrainToAsync(_target, ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _zip.DisposeAsync();
        await _pending.DrainToAsync(_target, CancellationToken.None);
        await _target.FlushAsync();
        await _pending.DisposeAsync();
    }

    /// <summary>A write-only, forward-only buffer (not seekable, so the archive writes data descriptors).</summary>
    private sealed class PendingBytes : Stream
    {
        private readonly MemoryStream _buffer = new();

        public async Task DrainToAsync(Stream target, CancellationToken ct)
        {
            if (_buffer.Length == 0) return;
            await target.WriteAsync(_buffer.GetBuffer().AsMemory(0, (int)_buffer.Length), ct);
            _buffer.SetLength(0);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _buffer.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => _buffer.Write(buffer);

        protected override void Dispose(bool disposing)
        {
            if (disposing) _buffer.Dispose();
            base.Dispose(disposing);
        }
    }
}
