using System.Globalization;
using System.Text;

namespace Ledger.Data.Statements;

/// <summary>
/// RFC 4180 CSV for the statements' own files (CRLF rows; a field is quoted when it holds a comma, quote, CR or LF, or
/// starts or ends with a space, as CsvHelper writes it). Written by hand because a facility's month is a million fields
/// of amounts and instants: CsvHelper's per-field work was a third of the export's time. Read back with CsvHelper in the tests.
/// </summary>
public sealed class CsvText
{
    private readonly StringBuilder _text = new(4096);
    private bool _rowStarted;

    public CsvText Row(params string[] fields)
    {
        foreach (var f in fields) Field(f);
        return EndRow();
    }

    public CsvText Field(string value)
    {
        Separator();
        if (!NeedsQuotes(value))
        {
            _text.Append(value);
            return this;
        }
        _text.Append('"');
        foreach (var c in value)
        {
            if (c == '"') _text.Append('"');
            _text.Append(c);
        }
        _text.Append('"');
        return this;
    }

    public CsvText Field(long value) => Formatted(value, default);

    /// <summary>Cents as "-1234.56".</summary>
    public CsvText Amount(long cents)
    {
        Separator();
        if (cents < 0) _text.Append('-');
        var abs = cents == long.MinValue ? throw new OverflowException() : Math.Abs(cents);
        Span<char> digits = stackalloc char[24];
        (abs / 100).TryFormat(digits, out var n, default, CultureInfo.InvariantCulture);
        _text.Append(digits[..n]).Append('.');
        (abs % 100).TryFormat(digits, out n, "00", CultureInfo.InvariantCulture);
        _text.Append(digits[..n]);
        return this;
    }

    /// <summary>An instant in UTC as "2026-11-30T23:59:59Z".</summary>
    public CsvText Instant(DateTimeOffset at) => Formatted(at.UtcDateTime, "s").Append('Z');

    public CsvText EndRow()
    {
        _text.Append("\r\n");
        _rowStarted = false;
        return this;
    }

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(_text.ToString());

    public override string ToString() => _text.ToString();

    private CsvText Formatted<T>(T value, ReadOnlySpan<char> format) where T : ISpanFormattable
    {
        Separator();
        Span<char> buffer = stackalloc char[32];
        if (!value.TryFormat(buffer, out var n, format, CultureInfo.InvariantCulture)) throw new FormatException($"{value} does not fit a CSV field buffer.");
        _text.Append(buffer[..n]);
        return this;
    }

    private CsvText Append(char c)
    {
        _text.Append(c);
        return this;
    }

    private void Separator()
    {
        if (_rowStarted) _text.Append(',');
        _rowStarted = true;
    }

    private static bool NeedsQuotes(string value) =>
        value.Length > 0 && (value[0] == ' ' || value[^1] == ' ' || value.AsSpan().IndexOfAny(",\"\r\n") >= 0);
}
