using System.IO.Compression;
using Ledger.Domain;
using Ledger.Intake.Lockbox;
using Ledger.Samples.Lockbox;

namespace Ledger.Lockbox.Tests;

/// <summary>One small generated batch shared by the batch-reader tests; each test copies and breaks it.</summary>
public sealed class SmallBatchFixture : IDisposable
{
    public SmallBatchFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "lockbox-tests-small-" + Guid.NewGuid().ToString("N"));
        Batch = LockboxBatchGenerator.Generate(new LockboxGeneratorOptions { Seed = 5, ItemCount = 3 }, Folder);
    }

    private readonly System.Collections.Concurrent.ConcurrentBag<string> _copies = [];

    public string Folder { get; }
    public GeneratedBatch Batch { get; }

    public string Copy()
    {
        var target = Path.Combine(Path.GetTempPath(), "lockbox-tests-copy-" + Guid.NewGuid().ToString("N"));
        _copies.Add(target);
        foreach (var file in Directory.GetFiles(Folder, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(target, Path.GetRelativePath(Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
        return target;
    }

    public void Dispose()
    {
        foreach (var folder in _copies.Append(Folder))
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
    }
}

public class BatchReaderTests(SmallBatchFixture fixture) : IClassFixture<SmallBatchFixture>
{
    [Fact]
    public void A_generated_folder_opens_with_its_header_and_items()
    {
        using var reader = LockboxBatchReader.Open(fixture.Folder);
        Assert.Equal(3, reader.Header.ItemCount);
        Assert.Equal(Money.Usd(fixture.Batch.DeclaredTotalCents), reader.Header.DeclaredTotal);
        var items = reader.ReadItems().ToList();
        Assert.Equal([1, 2, 3], items.Select(i => i.Sequence));
        Assert.All(items, i => Assert.Equal(0x89, i.MoneyOrderImage[0]));
    }

    [Fact]
    public void A_zip_of_the_folder_opens_the_same_way()
    {
        var zip = Path.Combine(Path.GetTempPath(), "lockbox-" + Guid.NewGuid().ToString("N") + ".zip");
        ZipFile.CreateFromDirectory(fixture.Folder, zip, CompressionLevel.Fastest, includeBaseDirectory: true);
        try
        {
            using var reader = LockboxBatchReader.Open(zip);
            Assert.Equal(3, reader.ReadItems().Count());
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [Fact]
    public void A_missing_image_is_reported_with_file_line_and_field()
    {
        var folder = fixture.Copy();
        File.Delete(Path.Combine(folder, "images", "0002-slip.png"));
        var e = Assert.Throws<LockboxBatchException>(() => LockboxBatchReader.Open(folder));
        Assert.Equal("items.csv", e.File);
        Assert.Equal(3, e.Line);
        Assert.Equal("deposit_slip_image", e.Field);
    }

    [Fact]
    public void A_missing_items_file_is_reported()
    {
        var folder = fixture.Copy();
        File.Delete(Path.Combine(folder, "items.csv"));
        var e = Assert.Throws<LockboxBatchException>(() => LockboxBatchReader.Open(folder));
        Assert.Equal("items.csv", e.File);
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_count_that_does_not_match_items_csv_is_refused()
    {
        var folder = fixture.Copy();
        var path = Path.Combine(folder, "batch.csv");
        File.WriteAllText(path, File.ReadAllText(path).Replace(",3,", ",4,", StringComparison.Ordinal));
        var e = Assert.Throws<LockboxBatchException>(() => LockboxBatchReader.Open(folder));
        Assert.Equal("item_count", e.Field);
        Assert.Contains("declares 4 items but items.csv lists 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_header_is_refused_naming_the_file_and_line_1()
    {
        var folder = fixture.Copy();
        var path = Path.Combine(folder, "items.csv");
        File.WriteAllText(path, File.ReadAllText(path).Replace("money_order_image", "order_image", StringComparison.Ordinal));
        var e = Assert.Throws<LockboxBatchException>(() => LockboxBatchReader.Open(folder));
        Assert.Equal(("items.csv", 1L), (e.File, e.Line!.Value));
        Assert.Contains("bad header", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_total_with_a_comma_is_refused()
    {
        var folder = fixture.Copy();
        var path = Path.Combine(folder, "batch.csv");
        var lines = File.ReadAllLines(path);
        var fields = lines[1].Split(',');
        fields[^1] = "\"" + fields[^1].Replace('.', ',') + "\"";
        lines[1] = string.Join(',', fields);
        File.WriteAllLines(path, lines);
        var e = Assert.Throws<LockboxBatchException>(() => LockboxBatchReader.Open(folder));
        Assert.Equal(("batch.csv", 2L, "declared_total"), (e.File, e.Line!.Value, e.Field));
    }

    [Fact]
    public void An_image_path_leaving_the_batch_is_refused()
    {
        var folder = fixture.Copy();
        var path = Path.Combine(folder, "items.csv");
        File.WriteAllText(path, File.ReadAllText(path).Replace("images/0001-order.png", "../0001-order.png", StringComparison.Ordinal));
        var e = Assert.Throws<LockboxBatchException>(() => LockboxBatchReader.Open(folder));
        Assert.Equal(("items.csv", 2L, "money_order_image"), (e.File, e.Line!.Value, e.Field));
    }
}
