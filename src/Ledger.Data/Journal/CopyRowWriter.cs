using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Ledger.Data.Journal;

/// <summary>
/// Writes the rows of a binary <c>COPY … FROM STDIN (FORMAT BINARY)</c> itself, into one reused buffer handed to
/// Npgsql's raw COPY stream a block at a time: per value one big-endian store, where <see cref="NpgsqlBinaryImporter"/>
/// resolves a type, binds a parameter and runs an async state machine (most of the client's time in a large intake
/// batch). The bytes are PostgreSQL's binary formats, the ones Npgsql writes: header; per row an int16 field count;
/// per field an int32 length (-1 for NULL) and the value. Ends with <see cref="CompleteAsync"/>; disposed before
/// that, the COPY is cancelled and nothing of it is written.
/// </summary>
public sealed class CopyRowWriter : IAsyncDisposable
{
    private const int FlushAt = 60 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    // 2000-01-01T00:00:00Z, PostgreSQL's epoch for timestamps, in .NET ticks.
    private const long PostgresEpochTicks = 630_822_816_000_000_000;

    private readonly NpgsqlRawCopyStream _stream;
    private byte[] _buffer = new byte[64 * 1024];
    private int _length;
    private bool _completed;

    private CopyRowWriter(NpgsqlRawCopyStream stream)
    {
        _stream = stream;
        // The signature (PGCOPY\n\377\r\n\0), then the flags (no OIDs) and the header extension's length: both 0.
        ReadOnlySpan<byte> signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
        signature.CopyTo(_buffer);
        _buffer.AsSpan(signature.Length, 8).Clear();
        _length = signature.Length + 8;
    }

    /// <summary>Starts <paramref name="copyCommand"/> (a <c>COPY … FROM STDIN (FORMAT BINARY)</c>) on the connection.</summary>
    public static async Task<CopyRowWriter> BeginAsync(NpgsqlConnection connection, string copyCommand, CancellationToken ct) =>
        new(await connection.BeginRawBinaryCopyAsync(copyCommand, ct));

    /// <summary>Starts a row of <paramref name="fields"/> columns; sends what is buffered when the buffer is nearly full.</summary>
    public ValueTask StartRowAsync(short fields, CancellationToken ct)
    {
        if (_length < FlushAt)
        {
            WriteInt16Raw(fields);
            return ValueTask.CompletedTask;
        }
        return Core();

        async ValueTask Core()
        {
            await SendAsync(ct);
            WriteInt16Raw(fields);
        }
    }

    public void WriteNull() => WriteInt32Raw(-1);

    public void WriteInt16(short value)
    {
        Ensure(6);
        WriteInt32Raw(2);
        WriteInt16Raw(value);
    }

    public void WriteInt32(int value)
    {
        Ensure(8);
        WriteInt32Raw(4);
        WriteInt32Raw(value);
    }

    public void WriteInt64(long value)
    {
        Ensure(12);
        WriteInt32Raw(8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void WriteInt64(long? value)
    {
        if (value is { } v) WriteInt64(v);
        else WriteNull();
    }

    public void WriteBoolean(bool value)
    {
        Ensure(5);
        WriteInt32Raw(1);
        _buffer[_length++] = value ? (byte)1 : (byte)0;
    }

    /// <summary>text, varchar or char(n): the UTF-8 bytes; null writes NULL.</summary>
    public void WriteText(string? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }
        Ensure(4 + StrictUtf8.GetMaxByteCount(value.Length));
        var written = StrictUtf8.GetBytes(value, _buffer.AsSpan(_length + 4));
        WriteInt32Raw(written);
        _length += written;
    }

    /// <summary>jsonb: format version 1, then the JSON text in UTF-8; null writes NULL.</summary>
    public void WriteJsonb(string? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }
        Ensure(5 + StrictUtf8.GetMaxByteCount(value.Length));
        var written = StrictUtf8.GetBytes(value, _buffer.AsSpan(_length + 5));
        WriteInt32Raw(written + 1);
        _buffer[_length] = 1;
        _length += written + 1;
    }

    /// <summary>
    /// timestamptz: microseconds since 2000-01-01 UTC (the instant; the offset is not stored). As Npgsql does, the
    /// smallest and largest values are -infinity and infinity, and ticks below a microsecond are cut off.
    /// </summary>
    public void WriteTimestampTz(DateTimeOffset value)
    {
        var micros = value == DateTimeOffset.MinValue ? long.MinValue
            : value == DateTimeOffset.MaxValue ? long.MaxValue
            : (value.UtcTicks - PostgresEpochTicks) / 10;
        WriteInt64(micros);
    }

    /// <summary>Ends the COPY: the trailer, the last block, and PostgreSQL's answer (a refused row throws here).</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        Ensure(2);
        WriteInt16Raw(-1);
        await SendAsync(ct);
        _completed = true;
        await _stream.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_completed) return;
        _completed = true;
        // Not completed: an error on our side; the rows must not be written. A failure to cancel (a broken connection)
        // must not hide the error that brought us here; the transaction does not commit either way.
        try
        {
            await _stream.CancelAsync();
        }
        catch (NpgsqlException)
        {
        }
        await _stream.DisposeAsync();
    }

    private async ValueTask SendAsync(CancellationToken ct)
    {
        await _stream.WriteAsync(_buffer.AsMemory(0, _length), ct);
        _length = 0;
    }

    private void Ensure(int bytes)
    {
        if (_length + bytes <= _buffer.Length) return;
        // One value larger than the buffer's free space (a long text): grow; the next row start sends it.
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
    }

    private void WriteInt16Raw(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), value);
        _length += 2;
    }

    private void WriteInt32Raw(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }
}
