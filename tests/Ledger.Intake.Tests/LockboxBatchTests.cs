using System.Globalization;
using System.IO.Compression;
using Ledger.Data.Intake;
using Ledger.Data.Schema;
using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Pipeline;
using Ledger.Samples.Lockbox;

namespace Ledger.Intake.Tests;

/// <summary>
/// A generated batch of real scans (OCR by the real Tesseract) through the whole lockbox intake, interrupted
/// after its first chunk and resumed, as a killed job would be.
/// </summary>
public sealed class LockboxBatchFixture : IAsyncLifetime
{
    public IntakeWorld World { get; } = new();
    public OcrEnginePool Pool { get; } = new(2);
    public string Folder => Path.Combine(World.Folder, "2026-11-23-batch-007");
    public GeneratedBatch Batch { get; private set; } = null!;
    public IntakeSummary Summary { get; private set; } = null!;
    public LockboxBatchControl Control { get; private set; } = null!;
    public IReadOnlyList<IntakeItemRow> Items { get; private set; } = [];
    public int RecordedBeforeResume { get; private set; }

    public async Task InitializeAsync()
    {
        await World.InitializeAsync();
        // The world's people in custody: T-LOR (no hold), T-ATL (restitution owed), T-DUB ($300 limit, 5-day hold).
        SamplePerson[] people = [new("12345-678", "DOE", "JOHN", "T-LOR"), new("23456-789", "O'BRIEN", "SEAN", "T-ATL"), new("34567-890", "DE LA CRUZ", "ANA", "T-DUB")];
        Batch = LockboxBatchGenerator.Generate(new LockboxGeneratorOptions
        {
            Seed = 4711, ItemCount = 12, People = people, BatchNumber = 7,
            IllegibleShare = 0.25, IllegibleSlipAddressShare = 0.5, OverLimitShare = 0.2, UnknownPersonShare = 0.15, NoisyShare = 0.1,
        }, Folder);

        var intake = World.Lockbox(Pool, chunkSize: 5);
        var file = await intake.RegisterAsync(Folder);
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            intake.ProcessAsync(file.Id, Folder, new CancelAfterFirstChunk(cancel), cancel.Token));
        RecordedBeforeResume = (await World.Files.RecordedSequencesAsync(file.Id)).Count;

        var run = await intake.ProcessAsync(file.Id, Folder);
        Summary = IntakeSummary.From(run);
        Control = (await intake.ControlAsync(run.File))!;
        Items = await World.Files.ItemsAsync(file.Id, null);
    }

    public async Task DisposeAsync()
    {
        Pool.Dispose();
        await World.DisposeAsync();
    }

    private sealed class CancelAfterFirstChunk(CancellationTokenSource cancel) : IProgress<IntakeProgress>
    {
        public void Report(IntakeProgress value)
        {
            if (value.Done > 0) cancel.Cancel();
        }
    }
}

public class LockboxBatchTests(LockboxBatchFixture f) : IClassFixture<LockboxBatchFixture>
{
    [Fact]
    public void A_job_stopped_after_its_first_chunk_resumes_and_accounts_for_every_item_once()
    {
        Assert.Equal(5, f.RecordedBeforeResume);
        Assert.Equal(Enumerable.Range(1, 12), f.Items.Select(i => i.Sequence));
        Assert.Equal(("completed", 12L), (f.Summary.Status, f.Summary.Items));
        Assert.True(f.Summary.Balanced);
    }

    [Fact]
    public async Task Every_posted_item_has_the_true_amount_person_and_account()
    {
        var truth = f.Batch.Items.ToDictionary(t => t.Sequence);
        var holds = (await new MoneyOrderHoldStore(f.World.Db.Db).ListAsync()).ToDictionary(h => h.EntryId);
        var moved = f.Items.Where(i => i.Outcome is "posted" or "partially_posted").ToList();
        Assert.NotEmpty(moved);
        var entries = await f.World.Db.Journal.FindEntriesAsync(moved.Select(i => LockboxDecider.KeyOf(i.Reference)).ToArray());
        foreach (var item in moved)
        {
            var t = truth[item.Sequence];
            var where = $"item {item.Sequence}";
            Assert.False(t.OrderIllegible, where);
            Assert.False(t.UnknownPerson, where);
            Assert.Equal((t.Serial, t.AmountCents, t.ResidentNumber), (item.Reference, item.AmountCents, item.PersonNumber));
            var entry = entries[LockboxDecider.KeyOf(t.Serial)].Entry;
            Assert.Equal(-t.AmountCents, entry.Postings.Where(p => p.Account == LockboxDecider.Clearing).Sum(p => p.Amount.MinorUnits));
            var kind = t.CreditToMarked ?? AccountKind.Trust;
            var personal = entry.Postings.Where(p => p.Account.IsPersonal).ToList();
            Assert.All(personal, p => Assert.Equal(t.ResidentNumber, p.Account.Owner.Code));
            if (t.Facility == "T-DUB")
            {
                Assert.Equal(kind.ToCode(), holds[item.EntryId!.Value].AccountKind);
                Assert.Equal(t.ResidentNumber, holds[item.EntryId!.Value].PersonNumber);
            }
            else
            {
                Assert.Contains(personal, p => p.Account.Kind == kind);
            }
        }
        await f.World.Db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public void Items_that_could_not_be_read_or_credited_are_returned_or_reviewed_never_posted()
    {
        var truth = f.Batch.Items.ToDictionary(t => t.Sequence);
        Assert.Contains(f.Items, i => i.Outcome is "returned" or "in_review");
        foreach (var item in f.Items.Where(i => truth[i.Sequence].OrderIllegible || truth[i.Sequence].UnknownPerson))
            Assert.Contains(item.Outcome, new[] { "returned", "in_review" });
        // A return always has somewhere to go.
        Assert.All(f.Items.Where(i => i.Outcome == "returned"), i => Assert.NotNull(i.SenderAddress));
    }

    [Fact]
    public void The_batch_control_shows_what_was_declared_against_what_was_read()
    {
        var truth = f.Batch.Items.ToDictionary(t => t.Sequence);
        var unread = f.Items.Where(i => i.AmountCents == 0).ToList();
        Assert.Equal((12L, f.Batch.DeclaredTotalCents, 12L, 0L), (f.Control.DeclaredCount, f.Control.DeclaredTotalCents, f.Control.ItemsRead, f.Control.CountDifference));
        Assert.Equal(unread.Count, f.Control.UnknownAmounts);
        // Every amount that was read is the true one, so the difference is exactly the unread items.
        Assert.Equal(unread.Sum(i => truth[i.Sequence].AmountCents), f.Control.AmountDifferenceCents);
        Assert.Equal(unread.Count == 0 ? "balanced" : "open", f.Control.Status);
    }

    [Fact]
    public async Task The_same_batch_again_as_a_folder_or_a_zip_is_the_same_file_and_posts_nothing()
    {
        var entries = await f.World.Db.ScalarAsync<long>("SELECT count(*) FROM journal_entries");
        var zip = Path.Combine(f.World.Folder, "again.zip");
        ZipFile.CreateFromDirectory(f.Folder, zip, CompressionLevel.Fastest, includeBaseDirectory: true);
        var intake = f.World.Lockbox(f.Pool);

        foreach (var path in new[] { f.Folder, zip })
        {
            var file = await intake.RegisterAsync(path);
            Assert.Equal(f.Summary.FileId, file.Id);
            var run = await intake.ProcessAsync(file.Id, path);
            Assert.True(run.AlreadyProcessed);
        }
        Assert.Equal(entries, await f.World.Db.ScalarAsync<long>("SELECT count(*) FROM journal_entries"));
    }

    [Fact]
    public async Task The_same_money_orders_in_another_batch_go_to_review_and_post_nothing()
    {
        var copy = Path.Combine(f.World.Folder, "2026-11-24-batch-001");
        foreach (var file in Directory.EnumerateFiles(f.Folder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(f.Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var batchCsv = Path.Combine(copy, "batch.csv");
        await File.WriteAllTextAsync(batchCsv, (await File.ReadAllTextAsync(batchCsv)).Replace("2026-11-23", "2026-11-24", StringComparison.Ordinal));
        var entries = await f.World.Db.ScalarAsync<long>("SELECT count(*) FROM journal_entries");

        var intake = f.World.Lockbox(f.Pool);
        var registered = await intake.RegisterAsync(copy);
        Assert.NotEqual(f.Summary.FileId, registered.Id);
        var run = await intake.ProcessAsync(registered.Id, copy);

        var again = await f.World.Files.ItemsAsync(run.File.Id, null);
        var first = f.Items.ToDictionary(i => i.Sequence);
        foreach (var item in again.Where(i => !i.Reference.StartsWith("item:", StringComparison.Ordinal)))
            Assert.Equal(("in_review", "serial_seen_before"), (item.Outcome, item.ReasonCode));
        Assert.Contains(again, i => i.ReasonCode == "serial_seen_before" && first[i.Sequence].Outcome == "posted");
        Assert.Equal(entries, await f.World.Db.ScalarAsync<long>("SELECT count(*) FROM journal_entries"));
    }

    [Fact]
    public async Task A_batch_that_does_not_match_the_format_is_quarantined_whole()
    {
        var bad = Path.Combine(f.World.Folder, "bad-batch");
        Directory.CreateDirectory(bad);
        await File.WriteAllTextAsync(Path.Combine(bad, "batch.csv"), "lockbox_id,batch_number,deposit_date,item_count,declared_total\nLBX-1,1,2026-11-23,1,12,50\n");
        await File.WriteAllTextAsync(Path.Combine(bad, "items.csv"), "sequence,money_order_image,deposit_slip_image\n");

        var intake = f.World.Lockbox();
        var file = await intake.RegisterAsync(bad);
        var run = await intake.ProcessAsync(file.Id, bad);

        Assert.True(run.Quarantined);
        Assert.Contains("batch.csv", run.File.Reason, StringComparison.Ordinal);
        Assert.Equal(0L, run.Totals.Items);
        Assert.Null(await intake.ControlAsync(run.File));

        var damaged = Path.Combine(f.World.Folder, "damaged.zip");
        await File.WriteAllBytesAsync(damaged, [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]);
        var refused = await intake.RegisterAsync(damaged);
        Assert.Equal(IntakeFileStatus.Quarantined, refused.Status);
        Assert.Contains("not a readable .zip file", refused.Reason, StringComparison.Ordinal);
    }
}
