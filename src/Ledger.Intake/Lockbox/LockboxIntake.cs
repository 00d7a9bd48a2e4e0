using System.Collections.Concurrent;
using Ledger.Data.Intake;
using Ledger.Data.Journal;
using Ledger.Data.ReferenceData;
using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.People;
using Ledger.Intake.Pipeline;

namespace Ledger.Intake.Lockbox;

public sealed record LockboxIntakeOptions
{
    /// <summary>Items read and posted per transaction: a retried job resumes after the last committed chunk.</summary>
    public int ChunkSize { get; init; } = 25;
    public MoneyOrderReaderOptions Reader { get; init; } = MoneyOrderReaderOptions.Default;
}

/// <summary>
/// The mailroom's control totals against what was read. A difference is reported, never hidden: items whose
/// amount could not be read leave the declared total open until operations key them (those in review) or record
/// their amount from the mailroom's tape (<see cref="ReturnedUnread"/>: money orders returned as illegible).
/// </summary>
public sealed record LockboxBatchControl(
    long DeclaredCount, long DeclaredTotalCents, long ItemsRead, long KnownAmountCents, long UnknownAmounts,
    long CountDifference, long AmountDifferenceCents, long HeldCents, string Status)
{
    /// <summary>Of <see cref="UnknownAmounts"/>, as they stand now: the items still waiting in the keying queue.</summary>
    public long InReviewUnread { get; init; }

    /// <summary>Of <see cref="UnknownAmounts"/>, as they stand now: money orders returned unread (not in the keying queue) whose amount nobody has recorded from the tape yet.</summary>
    public long ReturnedUnread { get; init; }

    /// <summary>Of <see cref="UnknownAmounts"/>, those operations have keyed or recorded since intake (the reconciliation counts them).</summary>
    public long SettledSince => UnknownAmounts - InReviewUnread - ReturnedUnread;

    /// <summary>balanced: every amount read and the sums agree; open: the difference could be the unread items; mismatch: it cannot.</summary>
    public static LockboxBatchControl Of(long declaredCount, long declaredTotalCents, long itemsRead, long knownCents, long unknown, long heldCents,
        long inReviewUnread = 0, long returnedUnread = 0)
    {
        var countDifference = itemsRead - declaredCount;
        var amountDifference = declaredTotalCents - knownCents;
        var status = countDifference != 0 ? "mismatch"
            : unknown == 0 ? (amountDifference == 0 ? "balanced" : "mismatch")
            : amountDifference >= unknown ? "open" : "mismatch";
        return new LockboxBatchControl(declaredCount, declaredTotalCents, itemsRead, knownCents, unknown, countDifference, amountDifference, heldCents, status)
            { InReviewUnread = inReviewUnread, ReturnedUnread = returnedUnread };
    }
}

/// <summary>
/// Runs one lockbox batch (a folder, or a .zip of it): register it by the hash of its contents (a batch that
/// does not match FORMATS.md is quarantined and nothing posts), then OCR the items not yet recorded in chunks,
/// decide each and post through the intake pipeline. The CLI and the worker both call this.
/// </summary>
public sealed class LockboxIntake(IntakeStore files, JournalStore journal, FacilityDirectory directory,
    MoneyOrderHoldStore holds, Lazy<OcrEnginePool> ocr, LockboxIntakeOptions options)
{
    public const string Source = LockboxDecider.Source;

    /// <summary>Checks and records the batch. The same contents again (folder or zip, any name) give the earlier record back.</summary>
    public async Task<IntakeFile> RegisterAsync(string folderOrZip, CancellationToken ct = default)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folderOrZip));
        LockboxBatchReader batch;
        try
        {
            batch = LockboxBatchReader.Open(folderOrZip);
        }
        catch (LockboxBatchException refused)
        {
            return await files.RegisterRefusedAsync(Source, name, LockboxBatchReader.RawHash(folderOrZip), folderOrZip, refused.Message, ct);
        }

        using (batch)
        {
            var (registered, _) = await files.RegisterAsync(Source, name, batch.ContentHash(), folderOrZip,
                batch.Header.ItemCount, batch.Header.DeclaredTotal.MinorUnits, null, ct);
            return registered;
        }
    }

    /// <summary>Processes a registered batch (resuming after the last committed chunk); safe to run again.</summary>
    public async Task<IntakeRun> ProcessAsync(long fileId, string? path = null, IProgress<IntakeProgress>? progress = null, CancellationToken ct = default)
    {
        var file = await files.GetAsync(fileId, ct) ?? throw new InvalidOperationException($"No intake file {fileId}.");
        if (file.Status is IntakeFileStatus.Completed or IntakeFileStatus.Quarantined)
            return new IntakeRun(file, await files.TotalsAsync(file.Id, ct), AlreadyProcessed: file.Status == IntakeFileStatus.Completed);

        path ??= file.StoredPath ?? throw new InvalidOperationException($"Intake file {fileId} has no stored path.");
        LockboxBatchReader batch;
        try
        {
            batch = LockboxBatchReader.Open(path);
        }
        catch (LockboxBatchException e)
        {
            throw new InvalidOperationException($"{path} no longer reads as the batch registered as intake file {fileId}: {e.Message}", e);
        }

        using (batch)
        {
            // The contents must still be the ones registered: never post a batch that changed under us.
            if (batch.ContentHash() != file.Sha256)
                throw new InvalidOperationException($"{path} no longer has the content registered as intake file {fileId}.");
            await files.SetStatusAsync(file.Id, IntakeFileStatus.Processing, null, ct);

            var decider = await DeciderAsync(batch.Header, path, ct);
            var recorded = await files.RecordedSequencesAsync(file.Id, ct);
            var total = batch.Entries.Count;
            long done = recorded.Count;
            progress?.Report(new IntakeProgress(done, total));

            var serialsThisRun = new HashSet<string>(StringComparer.Ordinal);
            var reader = new MoneyOrderReader(options.Reader);
            var pending = batch.Entries.Where(e => !recorded.Contains(e.Sequence)).OrderBy(e => e.Sequence).ToList();
            foreach (var chunk in pending.Chunk(options.ChunkSize))
            {
                await DecideAndPostAsync(file.Id, decider, chunk, Read(reader, batch, chunk, ct), serialsThisRun, ct);
                done += chunk.Length;
                progress?.Report(new IntakeProgress(done, total));
            }

            var totals = await files.TotalsAsync(file.Id, ct);
            if (totals.Items != total)
                throw new InvalidOperationException($"Intake file {fileId}: {totals.Items} items accounted for, but the batch lists {total}.");
            await files.SetStatusAsync(file.Id, IntakeFileStatus.Completed, null, ct);
            return new IntakeRun((await files.GetAsync(file.Id, ct))!, totals, AlreadyProcessed: false);
        }
    }

    /// <summary>A decider over today's facilities, roster and restitution balances.</summary>
    public async Task<LockboxDecider> DeciderAsync(LockboxBatchHeader header, string batchPath, CancellationToken ct = default) =>
        new(await directory.FacilitiesAsync(ct), new PersonMatcher((await directory.PeopleAsync(ct)).Values),
            new RestitutionTracker(), header, batchPath);

    /// <summary>
    /// Decides one chunk of read items and posts it (entries, item records and holds in one transaction). A serial
    /// carried by an earlier item of any lockbox batch, by an earlier item of this run, or by a journal entry is
    /// seen before: such an item only goes to review.
    /// </summary>
    public async Task<IReadOnlyList<Ledger.Data.Schema.IntakeItemRow>> DecideAndPostAsync(long fileId, LockboxDecider decider, IReadOnlyList<LockboxItemEntry> entries,
        IReadOnlyList<LockboxItemReading> readings, HashSet<string> serialsThisRun, CancellationToken ct = default)
    {
        var serials = readings.Select(r => r.MoneyOrder.Serial.Value).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var seen = await files.SeenReferencesAsync(Source, serials, ct);
        var posted = await journal.FindEntriesAsync(serials.Select(LockboxDecider.KeyOf).ToArray(), ct);
        // Restitution is read under the lock on the chunk's people; the chunk posts before the lock ends.
        return await new IntakePipeline(journal, files).DecideAndPostAsync(decider.Restitution, decider.PeopleToLock(readings), () => entries.Zip(readings).Select(pair =>
        {
            var (entry, reading) = pair;
            var serial = reading.MoneyOrder.Serial.Value;
            var firstInRun = serial is null || serialsThisRun.Add(serial);
            var seenBefore = serial is not null && (!firstInRun || seen.Contains(serial) || posted.ContainsKey(LockboxDecider.KeyOf(serial)));
            return decider.Decide(fileId, reading, entry, seenBefore);
        }).ToArray(), ct);
    }

    /// <summary>The batch's control totals against what was read (null for a batch refused whole).</summary>
    public async Task<LockboxBatchControl?> ControlAsync(IntakeFile file, CancellationToken ct = default)
    {
        if (file.DeclaredCount is not { } count || file.DeclaredAmountCents is not { } declared) return null;
        var (items, known, unknown, inReviewUnread, returnedUnread) = await files.AmountsReadAsync(file.Id, ct);
        var held = (await holds.ListAsync(file.Id, ct)).Sum(h => h.AmountCents);
        return LockboxBatchControl.Of(count, declared, items, known, unknown, held, inReviewUnread, returnedUnread);
    }

    /// <summary>
    /// OCR of one chunk on all the pool's engines, results in the chunk's order. A scan that cannot even be
    /// decoded reads as nothing at all (the item then goes to review), instead of failing the batch forever.
    /// </summary>
    private IReadOnlyList<LockboxItemReading> Read(MoneyOrderReader reader, LockboxBatchReader batch, LockboxItemEntry[] chunk, CancellationToken ct)
    {
        var pool = ocr.Value;
        var results = new ConcurrentDictionary<int, LockboxItemReading>();
        Parallel.ForEach(chunk, new ParallelOptions { MaxDegreeOfParallelism = pool.Size, CancellationToken = ct }, entry =>
        {
            var item = batch.ReadItem(entry);
            GrayImage order, slip;
            try
            {
                order = GrayImage.Decode(item.MoneyOrderImage);
                slip = GrayImage.Decode(item.DepositSlipImage);
            }
            catch (InvalidDataException e)
            {
                results[entry.Sequence] = Unreadable(entry.Sequence, e.Message);
                return;
            }
            results[entry.Sequence] = pool.Use(engine => reader.Read(engine, entry.Sequence, order, slip), ct);
        });
        Data.Telemetry.LedgerMetrics.OcrItems.Add(chunk.Length);
        return chunk.Select(e => results[e.Sequence]).ToArray();
    }

    private static LockboxItemReading Unreadable(int sequence, string why)
    {
        FieldReading<T> None<T>() => new(default, 0, why);
        return new LockboxItemReading(sequence,
            new MoneyOrderReading(null, None<string>(), None<Domain.Money?>(), None<Domain.Money?>(), null, None<string>(), None<string>(), None<string>()),
            new DepositSlipReading(false, None<string>(), None<string>(), None<string>(), None<AccountKind?>(), None<string>(), None<string>(), None<string>(), None<string>()));
    }
}
