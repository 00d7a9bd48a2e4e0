using System.Buffers;
using System.Globalization;
using System.Text;

namespace Ledger.Data.Statements;

/// <summary>
/// RFC 4180 CSV written straight to UTF-8: CRLF rows; a field is quoted when it holds a comma, quote, CR or LF, or
/// starts or ends with a space (as CsvHelper quotes). Written by hand because a facility's month is millions of
/// amount and instant fields, and CsvHelper's per-field work was a third of the export's time. The tests read it
/// back with CsvHelper.
/// </summary>
public sealed class CsvText
{
    private static readonly SearchValues<char> Special = SearchValues.Create(",\"\r\n");
    private static readonly SearchValues<byte> SpecialUtf8 = SearchValues.Create(",\"\r\n"u8);
    private readonly ArrayBufferWriter<byte> _utf8 = new(4096);
    private bool _rowStarted;

    public CsvText Row(params string[] fields)
    {
        foreach (var f in fields) Field(f);
        return EndRow();
    }

    public CsvText Field(string value)
    {
        Separator();
        if (value.Length > 0 && (value[0] == ' ' || value[^1] == ' ' || value.AsSpan().IndexOfAny(Special) >= 0))
        {
            Raw((byte)'"');
            var rest = value.AsSpan();
            for (int quote; (quote = rest.IndexOf('"')) >= 0; rest = rest[(quote + 1)..])
            {
                Text(rest[..(quote + 1)]);
                Raw((byte)'"');
            }
            Text(rest);
            Raw((byte)'"');
        }
        else
        {
            Text(value);
        }
        return this;
    }

    /// <summary>
    /// A field already in UTF-8, by the same rules as <see cref="Field(string)"/>: the bytes checked are ASCII, and in
    /// UTF-8 an ASCII byte never occurs inside another character's encoding.
    /// </summary>
    public CsvText Field(ReadOnlySpan<byte> utf8)
    {
        Separator();
        if (utf8.Length > 0 && (utf8[0] == ' ' || utf8[^1] == ' ' || utf8.IndexOfAny(SpecialUtf8) >= 0))
        {
            Raw((byte)'"');
            var rest = utf8;
            for (int quote; (quote = rest.IndexOf((byte)'"')) >= 0; rest = rest[(quote + 1)..])
            {
                _utf8.Write(rest[..(quote + 1)]);
                Raw((byte)'"');
            }
            _utf8.Write(rest);
            Raw((byte)'"');
        }
        else
        {
            _utf8.Write(utf8);
        }
        return this;
    }

    public CsvText Field(long value)
    {
        Separator();
        return Formatted(value, default);
    }

    /// <summary>Cents as "-1234.56".</summary>
    public CsvText Amount(long cents)
    {
        Separator();
        if (cents < 0) Raw((byte)'-');
        var abs = cents == long.MinValue ? throw new OverflowException("An amount of long.MinValue cents cannot be written.") : Math.Abs(cents);
        Formatted(abs / 100, default);
        Raw((byte)'.');
        return Formatted(abs % 100, "00");
    }

    /// <summary>An instant in UTC as "2026-11-30T23:59:59Z".</summary>
    public CsvText Instant(DateTimeOffset at)
    {
        Separator();
        Formatted(at.UtcDateTime, "s");
        Raw((byte)'Z');
        return this;
    }

    public CsvText EndRow()
    {
        Raw((byte)'\r');
        Raw((byte)'\n');
        _rowStarted = false;
        return this;
    }

    public byte[] ToBytes() => _utf8.WrittenSpan.ToArray();

    /// <summary>What is written so far; valid until the next write or <see cref="Clear"/>.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _utf8.WrittenMemory;

    /// <summary>Starts again, keeping the buffer: one writer can render file after file.</summary>
    public CsvText Clear()
    {
        _utf8.ResetWrittenCount();
        _rowStarted = false;
        return this;
    }

    private CsvText Formatted<T>(T value, ReadOnlySpan<char> format) where T : IUtf8SpanFormattable
    {
        var span = _utf8.GetSpan(32);
        if (!value.TryFormat(span, out var n, format, CultureInfo.InvariantCulture)) throw new FormatException($"{value} does not fit 32 bytes.");
        _utf8.Advance(n);
        return this;
    }

    private void Text(ReadOnlySpan<char> text)
    {
        var n = Encoding.UTF8.GetBytes(text, _utf8.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
        _utf8.Advance(n);
    }

    private void Raw(byte b)
    {
        _utf8.GetSpan(1)[0] = b;
        _utf8.Advance(1);
    }

    private void Separator()
    {
        if (_rowStarted) Raw((byte)',');
        _rowStarted = true;
    }
}
