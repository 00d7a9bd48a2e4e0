using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using CsvHelper;
using CsvHelper.Configuration;
using Ledger.Domain;

namespace Ledger.Intake.Lockbox;

/// <summary>A lockbox batch that does not match FORMATS.md; names the file, the line and the field.</summary>
public sealed class LockboxBatchException(string file, long? line, string? field, string problem)
    : Exception($"{file}{(line is { } l ? $" line {l}" : "")}{(field is null ? "" : $", field {field}")}: {problem}")
{
    public string File { get; } = file;
    public long? Line { get; } = line;
    public string? Field { get; } = field;
    public string Problem { get; } = problem;
}

/// <summary>batch.csv: the mailroom's control record for the batch.</summary>
public sealed record LockboxBatchHeader(string LockboxId, int BatchNumber, DateOnly DepositDate, int ItemCount, Money DeclaredTotal);

/// <summary>One row of items.csv: where the two scans of an item are inside the batch.</summary>
public sealed record LockboxItemEntry(int Sequence, string MoneyOrderImagePath, string DepositSlipImagePath);

/// <summary>One item with the bytes of its two scans (PNG or TIFF).</summary>
public sealed record LockboxItem(int Sequence, string MoneyOrderImagePath, string DepositSlipImagePath, byte[] MoneyOrderImage, byte[] DepositSlipImage);

/// <summary>
/// Opens a lockbox batch (a folder, or a .zip of that folder), checks batch.csv and items.csv
/// completely before anything is read, and then yields the items one at a time.
/// </summary>
public sealed class LockboxBatchReader : IDisposable
{
    private static readonly string[] BatchColumns = ["lockbox_id", "batch_number", "deposit_date", "item_count", "declared_total"];
    private static readonly string[] ItemColumns = ["sequence", "money_order_image", "deposit_slip_image"];

    private readonly string? _folder;
    private readonly ZipArchive? _zip;
    private readonly string _zipPrefix = "";

    private LockboxBatchReader(string source)
    {
        Source = source;
        if (Directory.Exists(source)) _folder = source;
        else if (File.Exists(source) && source.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                _zip = ZipFile.OpenRead(source);
            }
            catch (InvalidDataException e)
            {
                // A damaged or half-copied zip is refused like any other batch that does not match the format.
                throw new LockboxBatchException(source, null, null, $"not a readable .zip file ({e.Message})");
            }
            try
            {
                CheckZipSizes(source, _zip);
            }
            catch
            {
                _zip.Dispose();
                throw;
            }
            // "A .zip of that folder": batch.csv at the root or inside one top folder.
            var batch = _zip.Entries.Where(e => e.Name == "batch.csv").OrderBy(e => e.FullName.Length).FirstOrDefault();
            if (batch is not null) _zipPrefix = batch.FullName[..^"batch.csv".Length];
        }
        else throw new LockboxBatchException(source, null, null, "no such folder or .zip file.");
    }

    public string Source { get; }
    public LockboxBatchHeader Header { get; private set; } = null!;
    public IReadOnlyList<LockboxItemEntry> Entries { get; private set; } = [];

    /// <summary>Opens and validates the batch; throws <see cref="LockboxBatchException"/> on the first problem.</summary>
    public static LockboxBatchReader Open(string folderOrZip)
    {
        var reader = new LockboxBatchReader(folderOrZip);
        try
        {
            reader.Header = reader.ReadHeader();
            reader.Entries = reader.ReadEntries(reader.Header);
            // Every scan of a .zip inflates now (within the caps), so that a damaged one is refused when the batch is
            // opened (and quarantined), not halfway through hashing or reading it.
            if (reader._zip is not null)
                foreach (var e in reader.Entries)
                {
                    reader.ReadBytes(e.MoneyOrderImagePath);
                    reader.ReadBytes(e.DepositSlipImagePath);
                }
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>The items in items.csv order, each image read when its item is reached.</summary>
    public IEnumerable<LockboxItem> ReadItems()
    {
        foreach (var e in Entries)
            yield return new LockboxItem(e.Sequence, e.MoneyOrderImagePath, e.DepositSlipImagePath, ReadBytes(e.MoneyOrderImagePath), ReadBytes(e.DepositSlipImagePath));
    }

    /// <summary>One item's scans (a resumed job reads only the items not yet recorded).</summary>
    public LockboxItem ReadItem(LockboxItemEntry e) =>
        new(e.Sequence, e.MoneyOrderImagePath, e.DepositSlipImagePath, ReadBytes(e.MoneyOrderImagePath), ReadBytes(e.DepositSlipImagePath));

    /// <summary>One scan of the batch by its path in items.csv (e.g. for the operator keying the item); only listed images are read.</summary>
    public byte[] ReadImage(string relativePath)
    {
        if (!Entries.Any(e => e.MoneyOrderImagePath == relativePath || e.DepositSlipImagePath == relativePath))
            throw new LockboxBatchException("items.csv", null, null, $"'{relativePath}' is not an image of this batch.");
        return ReadBytes(relativePath);
    }

    /// <summary>
    /// SHA-256 of what the batch says: batch.csv, items.csv and every image in sequence order, each part
    /// framed by its length. A folder and a .zip of the same batch give the same hash.
    /// </summary>
    public string ContentHash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(byte[] bytes)
        {
            hash.AppendData(BitConverter.GetBytes((long)bytes.Length));
            hash.AppendData(bytes);
        }
        Add(ReadBytes("batch.csv"));
        Add(ReadBytes("items.csv"));
        foreach (var e in Entries.OrderBy(e => e.Sequence))
        {
            Add(ReadBytes(e.MoneyOrderImagePath));
            Add(ReadBytes(e.DepositSlipImagePath));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// A hash for a batch that could not be opened (to register and quarantine it): the .zip's bytes, or every
    /// file of the folder by relative path and content.
    /// </summary>
    public static string RawHash(string folderOrZip)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (Directory.Exists(folderOrZip))
        {
            foreach (var file in Directory.EnumerateFiles(folderOrZip, "*", SearchOption.AllDirectories)
                         .Select(f => Path.GetRelativePath(folderOrZip, f).Replace('\\', '/')).Order(StringComparer.Ordinal))
            {
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes(file + "\n"));
                var bytes = File.ReadAllBytes(Path.Combine(folderOrZip, file));
                hash.AppendData(BitConverter.GetBytes((long)bytes.Length));
                hash.AppendData(bytes);
            }
        }
        else if (File.Exists(folderOrZip))
        {
            hash.AppendData(File.ReadAllBytes(folderOrZip));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private LockboxBatchHeader ReadHeader()
    {
        const string file = "batch.csv";
        using var csv = OpenCsv(file, BatchColumns);
        if (!Next(csv, file)) throw new LockboxBatchException(file, 2, null, "no batch record after the header.");
        var line = csv.Parser.RawRow;
        string F(string field) => (csv.GetField(field) ?? "").Trim();
        var lockboxId = F("lockbox_id");
        if (lockboxId.Length == 0) throw new LockboxBatchException(file, line, "lockbox_id", "is empty.");
        if (!int.TryParse(F("batch_number"), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
            throw new LockboxBatchException(file, line, "batch_number", $"'{F("batch_number")}' is not a positive whole number.");
        if (!DateOnly.TryParseExact(F("deposit_date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw new LockboxBatchException(file, line, "deposit_date", $"'{F("deposit_date")}' is not a date like 2026-11-23.");
        if (!int.TryParse(F("item_count"), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new LockboxBatchException(file, line, "item_count", $"'{F("item_count")}' is not a whole number.");
        if (!Money.TryParseExact(F("declared_total"), Currency.USD, out var total))
            throw new LockboxBatchException(file, line, "declared_total", $"'{F("declared_total")}' is not an amount like 125.00.");
        if (Next(csv, file)) throw new LockboxBatchException(file, csv.Parser.RawRow, null, "only one batch record is allowed.");
        return new LockboxBatchHeader(lockboxId, number, date, count, total);
    }

    private List<LockboxItemEntry> ReadEntries(LockboxBatchHeader header)
    {
        const string file = "items.csv";
        using var csv = OpenCsv(file, ItemColumns);
        var entries = new List<LockboxItemEntry>();
        var seen = new HashSet<int>();
        while (Next(csv, file))
        {
            var line = csv.Parser.RawRow;
            string F(string field) => (csv.GetField(field) ?? "").Trim();
            if (!int.TryParse(F("sequence"), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence <= 0)
                throw new LockboxBatchException(file, line, "sequence", $"'{F("sequence")}' is not a positive whole number.");
            if (!seen.Add(sequence)) throw new LockboxBatchException(file, line, "sequence", $"sequence {sequence} appears twice.");
            var order = ImagePath(file, line, "money_order_image", F("money_order_image"));
            var slip = ImagePath(file, line, "deposit_slip_image", F("deposit_slip_image"));
            entries.Add(new LockboxItemEntry(sequence, order, slip));
        }
        if (entries.Count != header.ItemCount)
            throw new LockboxBatchException("batch.csv", 2, "item_count", $"declares {header.ItemCount} items but items.csv lists {entries.Count}.");
        return entries;
    }

    private string ImagePath(string file, long line, string field, string path)
    {
        if (path.Length == 0) throw new LockboxBatchException(file, line, field, "is empty.");
        var normalized = path.Replace('\\', '/');
        if (Path.IsPathRooted(normalized) || normalized.Split('/').Any(p => p == ".."))
            throw new LockboxBatchException(file, line, field, $"'{path}' must be a path inside the batch.");
        var ext = Path.GetExtension(normalized).ToLowerInvariant();
        if (ext is not (".png" or ".tif" or ".tiff"))
            throw new LockboxBatchException(file, line, field, $"'{path}' is not a PNG or TIFF image.");
        if (!Exists(normalized)) throw new LockboxBatchException(file, line, field, $"image '{path}' is missing from the batch.");
        return normalized;
    }

    private CsvReader OpenCsv(string file, string[] columns)
    {
        if (!Exists(file)) throw new LockboxBatchException(file, null, null, "is missing from the batch.");
        var text = System.Text.Encoding.UTF8.GetString(ReadBytes(file));
        var csv = new CsvReader(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectColumnCountChanges = true,
            BadDataFound = args => throw new LockboxBatchException(file, args.Context.Parser?.RawRow, null, $"badly quoted data: {args.RawRecord.Trim()}"),
        });
        try
        {
            if (!csv.Read()) throw new LockboxBatchException(file, 1, null, $"is empty; expected the header {string.Join(',', columns)}.");
            csv.ReadHeader();
            var header = (csv.HeaderRecord ?? []).Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
            if (!header.SequenceEqual(columns, StringComparer.Ordinal))
                throw new LockboxBatchException(file, 1, null, $"bad header '{string.Join(',', header)}'; expected '{string.Join(',', columns)}'.");
            return csv;
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

    private static bool Next(CsvReader csv, string file)
    {
        try
        {
            return csv.Read();
        }
        catch (BadDataException e)
        {
            throw new LockboxBatchException(file, csv.Parser.RawRow, null, e.Message.Split('\n')[0]);
        }
        catch (LockboxBatchException)
        {
            throw;
        }
        catch (CsvHelperException e)
        {
            throw new LockboxBatchException(file, csv.Parser.RawRow, null, e.Message.Split('\n')[0]);
        }
    }

    private bool Exists(string relative) =>
        _zip is not null ? _zip.GetEntry(_zipPrefix + relative) is not null : File.Exists(Path.Combine(_folder!, relative));

    private byte[] ReadBytes(string relative)
    {
        if (_zip is null) return File.ReadAllBytes(Path.Combine(_folder!, relative));
        var entry = _zip.GetEntry(_zipPrefix + relative) ?? throw new LockboxBatchException(relative, null, null, "is missing from the batch.");
        lock (_zip)
        {
            try
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                // The directory's sizes may lie: never inflate more than the cap, whatever it says.
                var buffer = new byte[81920];
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    if (copy.Length + read > MaxZipEntryBytes)
                        throw new LockboxBatchException(relative, null, null, $"inflates past {MaxZipEntryBytes / (1024 * 1024)} MiB in the .zip (a zip bomb?).");
                    copy.Write(buffer, 0, read);
                }
                return copy.ToArray();
            }
            catch (InvalidDataException e)
            {
                // A sound directory over a broken deflate stream: the batch is damaged, not the worker.
                throw new LockboxBatchException(relative, null, null, $"is damaged in the .zip ({e.Message})");
            }
        }
    }

    /// <summary>Largest file a batch .zip may inflate to (a scan is a few MiB), and the whole batch.</summary>
    public const long MaxZipEntryBytes = 64L * 1024 * 1024;
    public const long MaxZipTotalBytes = 2L * 1024 * 1024 * 1024;
    private const long MaxCompressionRatio = 200;

    /// <summary>Refuses a .zip whose directory already says it is a bomb: an entry too big, too compressed, or too much in all.</summary>
    private static void CheckZipSizes(string source, ZipArchive zip)
    {
        long total = 0;
        foreach (var e in zip.Entries)
        {
            if (e.Length > MaxZipEntryBytes || (e.Length > 1024 * 1024 && e.Length > MaxCompressionRatio * Math.Max(1, e.CompressedLength)))
                throw new LockboxBatchException(source, null, null, $"'{e.FullName}' would inflate to {e.Length} bytes from {e.CompressedLength} (a zip bomb?).");
            total += e.Length;
            if (total > MaxZipTotalBytes) throw new LockboxBatchException(source, null, null, $"the .zip would inflate past {MaxZipTotalBytes} bytes.");
        }
    }

    public void Dispose() => _zip?.Dispose();
}
