using System.Security.Cryptography;
using System.Threading.Channels;
using Ledger.Data.Intake;
using Ledger.Data.Journal;
using Ledger.Data.ReferenceData;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Deposits;
using Ledger.Domain.Journal;
using Ledger.Intake.People;
using Ledger.Intake.Pipeline;

namespace Ledger.Intake.MoneyGram;

public sealed record MoneyGramIntakeOptions
{
    /// <summary>Records posted per transaction: a retried job resumes after the last committed chunk.</summary>
    public int ChunkSize { get; init; } = 5_000;
    public MoneyGramFormat Format { get; init; } = MoneyGramFormat.Default;
    /// <summary>
    /// Records of checked files kept in memory (all files together) until they are processed, so a file is parsed once
    /// (the check's records are posted) when it is processed in this process; a larger file is parsed again.
    /// </summary>
    public int KeepParsedRecords { get; init; } = 100_000;
}

/// <summary>
/// Runs one MoneyGram file: register it by content hash, check it whole (a bad file is quarantined
/// and nothing posts), then decide and post its records chunk by chunk through the intake pipeline.
/// The CLI and the worker both call this, so both give the same result.
/// </summary>
public sealed class MoneyGramIntake(IntakeStore files, JournalStore journal, FacilityDirectory directory, MoneyGramIntakeOptions options)
{
    public const string Source = MoneyGramDecider.Source;
    private readonly MoneyGramFileReader _reader = new(options.Format);
    /// <summary>The records of checked files not processed yet, by content hash (at most KeepParsedRecords in all).</summary>
    private readonly Dictionary<string, List<MoneyGramRecord>> _parsed = new(StringComparer.Ordinal);

    /// <summary>Checks and records the file. The same bytes again give the earlier record back.</summary>
    public async Task<IntakeFile> RegisterAsync(string path, CancellationToken ct = default)
    {
        MoneyGramFileInfo info;
        List<MoneyGramRecord>? kept = [];
        try
        {
            await using var stream = File.OpenRead(path);
            info = _reader.Validate(stream, r =>
            {
                if (kept is null) return;
                if (kept.Count < options.KeepParsedRecords) kept.Add(r);
                else kept = null;
            });
        }
        catch (MoneyGramFileRefusedException refused)
        {
            return await files.RegisterRefusedAsync(Source, Path.GetFileName(path), await HashAsync(path, ct), path, refused.Message, ct);
        }

        var (registered, _) = await files.RegisterAsync(Source, Path.GetFileName(path), info.Sha256, path,
            info.Trailer.DetailCount, info.Trailer.TotalAmount.MinorUnits, info.Trailer.TotalFee.MinorUnits, ct);
        if (kept is not null && registered.Status is IntakeFileStatus.Registered or IntakeFileStatus.Processing)
            lock (_parsed)
            {
                // Room for this file: older files' records go (they are parsed again if processed).
                while (_parsed.Count > 0 && _parsed.Values.Sum(r => r.Count) + kept.Count > options.KeepParsedRecords) _parsed.Remove(_parsed.Keys.First());
                _parsed[info.Sha256] = kept;
            }
        return registered;
    }

    /// <summary>Processes a registered file (resuming after the last committed chunk); safe to run again.</summary>
    public async Task<IntakeRun> ProcessAsync(long fileId, string? path = null, IProgress<IntakeProgress>? progress = null, CancellationToken ct = default)
    {
        var file = await files.GetAsync(fileId, ct) ?? throw new InvalidOperationException($"No intake file {fileId}.");
        List<MoneyGramRecord>? parsed;
        lock (_parsed) _parsed.Remove(file.Sha256, out parsed);
        if (file.Status is IntakeFileStatus.Completed or IntakeFileStatus.Quarantined)
            return new IntakeRun(file, await files.TotalsAsync(file.Id, ct), AlreadyProcessed: file.Status == IntakeFileStatus.Completed);

        path ??= file.StoredPath ?? throw new InvalidOperationException($"Intake file {fileId} has no stored path.");
        await using (var check = File.OpenRead(path))
        {
            // The bytes must still be the ones registered: never post a file that changed under us.
            if (Convert.ToHexStringLower(await SHA256.HashDataAsync(check, ct)) != file.Sha256)
                throw new InvalidOperationException($"{path} no longer has the content registered as intake file {fileId}.");
        }
        await files.SetStatusAsync(file.Id, IntakeFileStatus.Processing, null, ct);

        var decider = new MoneyGramDecider(await directory.FacilitiesAsync(ct), new PersonMatcher((await directory.PeopleAsync(ct)).Values),
            new RestitutionTracker());
        var pipeline = new IntakePipeline(journal, files);
        var recorded = await files.RecordedSequencesAsync(file.Id, ct);
        var total = file.DeclaredCount ?? 0;
        long done = recorded.Count;
        progress?.Report(new IntakeProgress(done, total));

        // Reading and chunking (the producer) overlap with posting (this loop): a bounded channel of chunks between them.
        var chunks = Channel.CreateBounded<List<MoneyGramRecord>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() => ChunkAsync(path, parsed, recorded, chunks.Writer, stop.Token), stop.Token);
        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(ct))
            {
                await PostChunkAsync(chunk);
                done += chunk.Count;
                progress?.Report(new IntakeProgress(done, total));
            }
        }
        finally
        {
            // A failed post stops the reader; a failed reader has failed the loop above already.
            await stop.CancelAsync();
            try { await producer; }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        }

        // A chunk posts in one transaction as long as its decisions are those of the rules below; one that cannot posts
        // its first part and goes on with the rest (rest.Count shrinks by at least one record each time).
        async Task PostChunkAsync(List<MoneyGramRecord> chunk)
        {
            var start = 0;
            var safe = false;
            while (start < chunk.Count)
            {
                try
                {
                    var posted = await PostFirstPartAsync(chunk.GetRange(start, chunk.Count - start), safe);
                    if (posted == 0) throw new InvalidOperationException($"Intake file {fileId}: a chunk decided none of its records.");
                    start += posted;
                }
                catch (ChunkDecidedOnUnmetPremiseException)
                {
                    // Nothing of it was written: decide it again as chunks were cut before a reversal could end inside one.
                    safe = true;
                }
            }
        }

        async Task<int> PostFirstPartAsync(List<MoneyGramRecord> rest, bool safe)
        {
            var reversals = rest.Where(r => r.Type == MoneyGramTransactionType.Reversal).ToArray();
            var originals = await journal.FindEntriesAsync(reversals.Select(r => MoneyGramDecider.KeyOf(r.OriginalReference!)).Distinct().ToArray(), ct);
            // Restitution is read under the lock on the chunk's people and the chunk posts before the lock ends.
            // A send's principal is its item's amount (a returned send's entry mixes it with the fee).
            // The item that posted a send carries the send's reference (its entry's key is made of it).
            var principals = await files.AmountsPostedByAsync(originals.Values.Select(o => o.Id.Value).ToArray(),
                reversals.Select(r => r.OriginalReference!).ToArray(), ct);
            // Sends that may take a restitution share and will post as duplicates: what they would take stays owed.
            var mayTakeRestitution = rest.Where(decider.MayTakeRestitution).ToArray();
            var postedBefore = await files.PostedKeysAsync(
                mayTakeRestitution.Select(r => MoneyGramDecider.KeyOf(r.ReferenceNumber)).Distinct().ToArray(), ct);
            var decided = 0;
            // The people to lock are those sends' (the same test, in the same order), not every record matched again.
            await pipeline.DecideAndPostAsync(decider.Restitution, decider.PeopleToLock(mayTakeRestitution), () =>
            {
                var plans = Decide(file.Id, rest, decider, originals, principals, postedBefore, safe);
                decided = plans.Count;
                return plans;
            }, ct);
            return decided;
        }

        var totals = await files.TotalsAsync(file.Id, ct);
        if (totals.Items != total)
            throw new InvalidOperationException($"Intake file {fileId}: {totals.Items} items accounted for, but the file declares {total}.");
        await files.SetStatusAsync(file.Id, IntakeFileStatus.Completed, null, ct);
        return new IntakeRun((await files.GetAsync(file.Id, ct))!, totals, AlreadyProcessed: false);
    }

    /// <summary>The id a reversal of a send of the same chunk is shaped with before that send has posted (and has its own).</summary>
    private static readonly EntryId Unposted = new(0);

    /// <summary>
    /// Decides the records in order, as far as one transaction can take them with the decisions each would get in a chunk
    /// that starts with it (what the rules before round 4 gave, ending a chunk at every reversal of a send still in it
    /// and before every send that may take restitution after a reversal), and returns those plans: at least the first
    /// record's. So each send sees every item before it, wherever chunks (or kills) fall:
    /// <list type="bullet">
    /// <item>A reversal of a send of this chunk is decided against that send's planned entry and principal (the item's
    /// amount), and posts after the chunk's batch in its transaction, once the send's entry has an id. It is what a chunk
    /// starting with it would decide as long as exactly one earlier record of the chunk carries its original's reference, a
    /// send whose key was not posted before; nothing else of the chunk carries its own reference or reverses that send;
    /// and no reversal in the chunk's batch debits a person's account it debits (each such reversal is then covered by its
    /// own send's credit, in the file's order and after the batch alike). Otherwise the chunk ends before it.</item>
    /// <item>What a reversal gives back of a restitution share is owed again to the sends after it, as a read under the
    /// lock after it posted would find; the chunk counts on it posting (<see cref="ItemPlan.MustPost"/>; if it does not,
    /// the chunk is decided again with <paramref name="safe"/>).</item>
    /// <item>A send that will post as a duplicate (its key in <paramref name="postedBefore"/>, or an earlier item's of the
    /// chunk) takes nothing, so what it would have taken stays owed to the sends after it.</item>
    /// </list>
    /// <paramref name="safe"/>: the rules before round 4, which need neither.
    /// </summary>
    private static List<ItemPlan> Decide(long fileId, List<MoneyGramRecord> records, MoneyGramDecider decider,
        IReadOnlyDictionary<string, (EntryId Id, JournalEntry Entry)> originals, IReadOnlyDictionary<long, long> principals,
        IReadOnlySet<string> postedBefore, bool safe)
    {
        var plans = new List<ItemPlan>(records.Count);
        var keys = new HashSet<string>(records.Count, StringComparer.Ordinal);
        var earlier = new Dictionary<string, (int Index, int Count)>(records.Count, StringComparer.Ordinal);
        var reversalDecided = false;
        var debitedByBatch = new HashSet<AccountKey>();
        // A person's account → the first reversal of a send of this chunk that debits it.
        var debitedAfterBatch = new Dictionary<AccountKey, int>();
        var reversedInChunk = new HashSet<int>();
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            ItemPlan plan;
            if (r.Type == MoneyGramTransactionType.Send)
            {
                if (safe && reversalDecided && decider.MayTakeRestitution(r)) return plans;
                plan = decider.DecideSend(fileId, r);
                // A duplicate (its key posted before, or by an earlier item of the chunk) takes nothing: later sends see its share still owed.
                if (plan.Entry is { } sendEntry && (!keys.Add(sendEntry.IdempotencyKey) || postedBefore.Contains(sendEntry.IdempotencyKey))
                    && plan.Item.PersonNumber is { } person)
                    decider.Restitution.GiveBack(person, Money.Usd(plan.Item.RestitutionCents));
            }
            else if (earlier.TryGetValue(r.OriginalReference!, out var send))
            {
                reversalDecided = true;
                if (safe || send.Count > 1 || records[send.Index].Type != MoneyGramTransactionType.Send
                    || originals.ContainsKey(MoneyGramDecider.KeyOf(r.OriginalReference!)) || earlier.ContainsKey(r.ReferenceNumber)
                    || !reversedInChunk.Add(send.Index)) return plans;
                var sent = plans[send.Index];
                if (sent.Entry is not { } sentEntry) plan = MoneyGramDecider.DecideReversal(fileId, r, null);
                else
                {
                    var principal = Money.Usd(sent.Item.AmountCents);
                    plan = MoneyGramDecider.DecideReversal(fileId, r, new OriginalSend(Unposted, sentEntry, principal));
                    if (plan.Entry is { } shape)
                    {
                        var debits = PeopleDebited(shape);
                        if (debits.Overlaps(debitedByBatch)) return plans;
                        foreach (var account in debits) debitedAfterBatch.TryAdd(account, i);
                        GiveBack(decider.Restitution, shape);
                        plan = plan with
                        {
                            Original = sent,
                            WithOriginalId = id => MoneyGramDecider.DecideReversal(fileId, r, new OriginalSend(id, sentEntry, principal)),
                        };
                    }
                }
            }
            else
            {
                reversalDecided = true;
                if (!originals.TryGetValue(MoneyGramDecider.KeyOf(r.OriginalReference!), out var o)) plan = MoneyGramDecider.DecideReversal(fileId, r, null);
                else
                {
                    var principal = principals.TryGetValue(o.Id.Value, out var cents) ? Money.Usd(cents) : LedgerEntries.PrincipalOf(o.Entry);
                    plan = MoneyGramDecider.DecideReversal(fileId, r, new OriginalSend(o.Id, o.Entry, principal));
                }
                if (!safe && plan.Entry is { } entry)
                {
                    var debits = PeopleDebited(entry);
                    var clash = debits.Where(debitedAfterBatch.ContainsKey).Select(a => debitedAfterBatch[a]).DefaultIfEmpty(-1).Min();
                    if (clash >= 0)
                    {
                        // A reversal of a send of this chunk before it debits the same account: the chunk ends before that one.
                        plans.RemoveRange(clash, plans.Count - clash);
                        return plans;
                    }
                    debitedByBatch.UnionWith(debits);
                    if (GiveBack(decider.Restitution, entry)) plan = plan with { MustPost = true };
                }
            }
            if (r.Type == MoneyGramTransactionType.Reversal && plan.Entry is { } reversalEntry) keys.Add(reversalEntry.IdempotencyKey);
            plans.Add(plan);
            earlier[r.ReferenceNumber] = earlier.TryGetValue(r.ReferenceNumber, out var seen) ? (seen.Index, seen.Count + 1) : (i, 1);
        }
        return plans;
    }

    /// <summary>People's accounts an entry takes money from: where PostgreSQL may refuse it.</summary>
    private static HashSet<AccountKey> PeopleDebited(JournalEntry entry) =>
        entry.Postings.Where(p => p.Account.IsPersonal && p.Amount.IsNegative).Select(p => p.Account).ToHashSet();

    /// <summary>What a reversal takes back from restitution accounts is owed again; says whether a locked person's changed.</summary>
    private static bool GiveBack(RestitutionTracker restitution, JournalEntry reversal)
    {
        var changed = false;
        foreach (var p in reversal.Postings.Where(p => p.Account.IsPersonal && p.Account.Kind == AccountKind.Restitution && p.Amount.IsNegative))
            changed |= restitution.GiveBack(p.Account.Owner.Code, -p.Amount);
        return changed;
    }

    /// <summary>
    /// Reads the file's records not yet recorded (or takes those its check kept: <paramref name="parsed"/>, from the same
    /// bytes, as the content hash says) and cuts them into chunks of <see cref="MoneyGramIntakeOptions.ChunkSize"/>
    /// records, written to <paramref name="chunks"/> in order. Where one transaction cannot hold a chunk's decisions,
    /// <see cref="Decide"/> ends it earlier.
    /// </summary>
    private async Task ChunkAsync(string path, List<MoneyGramRecord>? parsed, IReadOnlySet<int> recorded, ChannelWriter<List<MoneyGramRecord>> chunks,
        CancellationToken ct)
    {
        try
        {
            var pending = new List<MoneyGramRecord>(options.ChunkSize);
            await using (var stream = parsed is null ? File.OpenRead(path) : null)
            {
                foreach (var record in parsed ?? _reader.ReadRecords(stream!, new MoneyGramFileContents()))
                {
                    if (recorded.Contains(record.Sequence)) continue;
                    pending.Add(record);
                    if (pending.Count < options.ChunkSize) continue;
                    await chunks.WriteAsync(pending, ct);
                    pending = new List<MoneyGramRecord>(options.ChunkSize);
                }
            }
            if (pending.Count > 0) await chunks.WriteAsync(pending, ct);
            chunks.Complete();
        }
        catch (Exception e)
        {
            chunks.TryComplete(e);
            throw;
        }
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
