using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Ledger.Domain;

namespace Ledger.Intake.MoneyGram;

/// <summary>Header and trailer, filled in as <see cref="MoneyGramFileReader.ReadRecords"/> meets them.</summary>
public sealed class MoneyGramFileContents
{
    public MoneyGramHeader? Header { get; set; }
    public MoneyGramTrailer? Trailer { get; set; }
}

/// <summary>What a whole-file check found: header, trailer, and the content hash that identifies the file.</summary>
public sealed record MoneyGramFileInfo(MoneyGramHeader Header, MoneyGramTrailer Trailer, string Sha256, long Bytes);

/// <summary>
/// Reads a MoneyGram ExpressPayment posting file (header, column line, details, trailer), streaming:
/// records are handed out one at a time and never held all at once. Any malformed record, a trailer
/// that does not match, a missing trailer or bytes that are not UTF-8 refuse the whole file.
/// </summary>
public sealed class MoneyGramFileReader(MoneyGramFormat format)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    // Once, not an array per record.
    private readonly string[] _sentAtFormats = [.. format.SentAtFormats];

    public MoneyGramFileReader() : this(MoneyGramFormat.Default) { }

    /// <summary>
    /// Checks the whole file; throws <see cref="MoneyGramFileRefusedException"/>. <paramref name="each"/> sees every
    /// record as it is read (e.g. to keep them for posting, so the file is parsed once); the file is good only if this returns.
    /// </summary>
    public MoneyGramFileInfo Validate(Stream stream, Action<MoneyGramRecord>? each = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var hashing = new HashingStream(stream, hash);
        var contents = new MoneyGramFileContents();
        foreach (var record in ReadRecords(hashing, contents)) each?.Invoke(record);
        return new MoneyGramFileInfo(contents.Header!, contents.Trailer!, Convert.ToHexStringLower(hash.GetHashAndReset()), hashing.BytesRead);
    }

    /// <summary>
    /// Streams the detail records in order. Header and trailer land in <paramref name="contents"/>; the
    /// trailer is only checked at the end, so check a file whole with <see cref="Validate"/> before acting on it.
    /// </summary>
    public IEnumerable<MoneyGramRecord> ReadRecords(Stream stream, MoneyGramFileContents contents)
    {
        using var text = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            DetectColumnCountChanges = false,
            BadDataFound = args => throw new MoneyGramFileRefusedException(args.Context.Parser?.RawRow ?? 0, null, Clip(args.RawRecord), "badly quoted field (RFC 4180)."),
        };
        using var parser = new CsvParser(text, config);

        MoneyGramHeader? header = null;
        int[]? columns = null;
        MoneyGramTrailer? trailer = null;
        long details = 0;
        var amountTotal = Money.Zero(Currency.USD);
        var feeTotal = Money.Zero(Currency.USD);

        while (NextRow(parser))
        {
            var row = parser.Record!;
            var line = parser.RawRow;
            if (row.Length == 1 && row[0].Length == 0) continue; // a blank line
            if (trailer is not null) throw new MoneyGramFileRefusedException(line, null, Clip(parser.RawRecord), "data after the trailer (T) record.");

            if (header is null)
            {
                header = contents.Header = ParseHeader(row, line);
                continue;
            }
            if (columns is null)
            {
                columns = ParseColumnLine(row, line);
                continue;
            }

            switch (row[0])
            {
                case "D":
                    var record = ParseDetail(row, line, columns, checked((int)(details + 1)));
                    details++;
                    amountTotal += record.Amount;
                    feeTotal += record.Fee;
                    yield return record;
                    break;
                case "T":
                    trailer = contents.Trailer = ParseTrailer(row, line);
                    if (trailer.DetailCount != details)
                        throw new MoneyGramFileRefusedException(line, "detail_count", trailer.DetailCount.ToString(CultureInfo.InvariantCulture), $"the trailer counts {trailer.DetailCount} details; the file has {details}.");
                    if (trailer.TotalAmount != amountTotal)
                        throw new MoneyGramFileRefusedException(line, "total_amount", trailer.TotalAmount.ToDecimalString(), $"the details' amounts sum to {amountTotal.ToDecimalString()}.");
                    if (trailer.TotalFee != feeTotal)
                        throw new MoneyGramFileRefusedException(line, "total_fee", trailer.TotalFee.ToDecimalString(), $"the details' fees sum to {feeTotal.ToDecimalString()}.");
                    break;
                default:
                    throw new MoneyGramFileRefusedException(line, "record_type", row[0], "expected D (detail) or T (trailer).");
            }
        }

        if (header is null) throw new MoneyGramFileRefusedException(0, null, null, "the file is empty.");
        if (columns is null) throw new MoneyGramFileRefusedException(0, null, null, "the file has no column line after its header.");
        if (trailer is null) throw new MoneyGramFileRefusedException(0, null, null, $"the file ends without a trailer (T) record after {details} details: it is truncated or incomplete.");
    }

    private static bool NextRow(CsvParser parser)
    {
        try
        {
            return parser.Read();
        }
        catch (DecoderFallbackException e)
        {
            throw new MoneyGramFileRefusedException(parser.RawRow + 1, null, null, $"bytes that are not UTF-8 ({e.Message}).");
        }
    }

    private MoneyGramHeader ParseHeader(string[] row, long line)
    {
        if (row[0] != "H") throw new MoneyGramFileRefusedException(line, "record_type", row[0], "the first record must be the header (H).");
        if (row.Length != 5) throw new MoneyGramFileRefusedException(line, null, null, $"the header has {row.Length} fields; expected 5 (H,file_date,receive_code,file_sequence,biller_name).");
        if (!DateOnly.TryParseExact(row[1], format.FileDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw new MoneyGramFileRefusedException(line, "file_date", row[1], $"not a date like {format.FileDateFormat}.");
        if (row[2].Length == 0) throw new MoneyGramFileRefusedException(line, "receive_code", row[2], "is empty.");
        return new MoneyGramHeader(date, row[2], row[3], row[4]);
    }

    private int[] ParseColumnLine(string[] row, long line)
    {
        var positions = new int[MoneyGramFormat.Columns.Count];
        for (var i = 0; i < positions.Length; i++)
        {
            var name = format.HeaderName(MoneyGramFormat.Columns[i]);
            positions[i] = Array.IndexOf(row, name);
            if (positions[i] < 0)
                throw new MoneyGramFileRefusedException(line, null, null, $"the column line lacks '{name}'; it reads '{Clip(string.Join(",", row))}'.");
        }
        if (row.Length != positions.Length)
            throw new MoneyGramFileRefusedException(line, null, null, $"the column line has {row.Length} columns; expected {positions.Length}.");
        return positions;
    }

    private MoneyGramRecord ParseDetail(string[] row, long line, int[] columns, int sequence)
    {
        if (row.Length != columns.Length)
            throw new MoneyGramFileRefusedException(line, null, null, $"the record has {row.Length} fields; expected {columns.Length}.");
        string Field(int logical) => row[columns[logical]];
        string Name(int logical) => MoneyGramFormat.Columns[logical];

        var reference = Field(1);
        if (!IsDigits(reference, 8)) throw new MoneyGramFileRefusedException(line, Name(1), reference, "a reference number is 8 digits.");
        var type = Field(2) switch
        {
            "SEND" => MoneyGramTransactionType.Send,
            "REVERSAL" => MoneyGramTransactionType.Reversal,
            var other => throw new MoneyGramFileRefusedException(line, Name(2), other, "expected SEND or REVERSAL."),
        };
        if (!DateTimeOffset.TryParseExact(Field(3), _sentAtFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var sentAt))
            throw new MoneyGramFileRefusedException(line, Name(3), Field(3), "not a date and time like 2026-11-23T14:05:09-05:00.");
        if (Field(4).Trim().Length == 0) throw new MoneyGramFileRefusedException(line, Name(4), Field(4), "the account number is empty.");
        if (!Money.TryParseExact(Field(13), Currency.USD, out var amount) || !amount.IsPositive)
            throw new MoneyGramFileRefusedException(line, Name(13), Field(13), "an amount is dollars with a '.' and two decimals, more than 0.00.");
        if (!Money.TryParseExact(Field(14), Currency.USD, out var fee))
            throw new MoneyGramFileRefusedException(line, Name(14), Field(14), "a fee is dollars with a '.' and two decimals, 0.00 or more.");
        var original = Field(17);
        if (type == MoneyGramTransactionType.Reversal && !IsDigits(original, 8))
            throw new MoneyGramFileRefusedException(line, Name(17), original, "a REVERSAL must name the 8-digit reference it reverses.");
        if (type == MoneyGramTransactionType.Send && original.Length > 0)
            throw new MoneyGramFileRefusedException(line, Name(17), original, "a SEND has no original reference.");

        return new MoneyGramRecord(sequence, line, reference, type, sentAt, Field(4), Field(5), Field(6), Field(7), Field(8), Field(9),
            Field(10), Field(11), Field(12), amount, fee, Field(15), Field(16), original.Length == 0 ? null : original);
    }

    private static MoneyGramTrailer ParseTrailer(string[] row, long line)
    {
        if (row.Length != 4) throw new MoneyGramFileRefusedException(line, null, null, $"the trailer has {row.Length} fields; expected 4 (T,detail_count,total_amount,total_fee).");
        if (!long.TryParse(row[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new MoneyGramFileRefusedException(line, "detail_count", row[1], "not a count.");
        if (!Money.TryParseExact(row[2], Currency.USD, out var total))
            throw new MoneyGramFileRefusedException(line, "total_amount", row[2], "not an amount like 125.00.");
        if (!Money.TryParseExact(row[3], Currency.USD, out var fees))
            throw new MoneyGramFileRefusedException(line, "total_fee", row[3], "not an amount like 125.00.");
        return new MoneyGramTrailer(count, total, fees);
    }

    private static bool IsDigits(string s, int length) => s.Length == length && s.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    private static string Clip(string? s) => s is null ? "" : s.Length <= 80 ? s.TrimEnd('\r', '\n') : s[..80] + "…";

    /// <summary>Feeds every byte read through the hash, so checking and hashing take one pass.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public long BytesRead { get; private set; }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            hash.AppendData(buffer[..n]);
            BytesRead += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
