using System.Security.Cryptography;
using System.Threading.Channels;
using Ledger.Data.Intake;
using Ledger.Data.Journal;
using Ledger.Data.ReferenceData;
using Ledger.Domain;
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
        // The chunks are the ones a single loop makes, by the same rules in the same order, so every decision is the same.
        var chunks = Channel.CreateBounded<List<MoneyGramRecord>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() => ChunkAsync(path, parsed, recorded, decider, chunks.Writer, stop.Token), stop.Token);
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

        async Task PostChunkAsync(List<MoneyGramRecord> pending)
        {
            var originals = await journal.FindEntriesAsync(
                pending.Where(r => r.Type == MoneyGramTransactionType.Reversal).Select(r => MoneyGramDecider.KeyOf(r.OriginalReference!)).Distinct().ToArray(), ct);
            // Restitution is read under the lock on the chunk's people and the chunk posts before the lock ends.
            // A send's principal is its item's amount (a returned send's entry mixes it with the fee).
            // The item that posted a send carries the send's reference (its entry's key is made of it).
            var principals = await files.AmountsPostedByAsync(originals.Values.Select(o => o.Id.Value).ToArray(),
                pending.Where(r => r.Type == MoneyGramTransactionType.Reversal).Select(r => r.OriginalReference!).ToArray(), ct);
            await pipeline.DecideAndPostAsync(decider.Restitution, decider.PeopleToLock(pending), () => pending.Select(r =>
            {
                if (r.Type == MoneyGramTransactionType.Send) return decider.DecideSend(file.Id, r);
                if (!originals.TryGetValue(MoneyGramDecider.KeyOf(r.OriginalReference!), out var o)) return MoneyGramDecider.DecideReversal(file.Id, r, null);
                var principal = principals.TryGetValue(o.Id.Value, out var cents) ? Money.Usd(cents) : LedgerEntries.PrincipalOf(o.Entry);
                return MoneyGramDecider.DecideReversal(file.Id, r, new OriginalSend(o.Id, o.Entry, principal));
            }).ToArray(), ct);
        }

        var totals = await files.TotalsAsync(file.Id, ct);
        if (totals.Items != total)
            throw new InvalidOperationException($"Intake file {fileId}: {totals.Items} items accounted for, but the file declares {total}.");
        await files.SetStatusAsync(file.Id, IntakeFileStatus.Completed, null, ct);
        return new IntakeRun((await files.GetAsync(file.Id, ct))!, totals, AlreadyProcessed: false);
    }

    /// <summary>
    /// Reads the file's records not yet recorded (or takes those its check kept: <paramref name="parsed"/>, from the same
    /// bytes, as the content hash says) and cuts them into chunks, written to <paramref name="chunks"/> in order:
    /// a chunk ends at <see cref="MoneyGramIntakeOptions.ChunkSize"/> records, before a reversal of a send still waiting
    /// in it (that send must post first), and before a send that may take a restitution share when a reversal precedes
    /// it in the chunk (what a reversal gives back is owed again, and only a chunk that starts after it reads that under
    /// the lock). So each send sees every item before it, wherever chunks (or kills) fall.
    /// </summary>
    private async Task ChunkAsync(string path, List<MoneyGramRecord>? parsed, IReadOnlySet<int> recorded, MoneyGramDecider decider, ChannelWriter<List<MoneyGramRecord>> chunks,
        CancellationToken ct)
    {
        try
        {
            var pending = new List<MoneyGramRecord>(options.ChunkSize);
            var pendingReferences = new HashSet<string>(StringComparer.Ordinal);
            var reversalPending = false;
            async Task EmitAsync()
            {
                if (pending.Count == 0) return;
                await chunks.WriteAsync(pending, ct);
                pending = new List<MoneyGramRecord>(options.ChunkSize);
                pendingReferences.Clear();
                reversalPending = false;
            }

            await using (var stream = parsed is null ? File.OpenRead(path) : null)
            {
                foreach (var record in parsed ?? _reader.ReadRecords(stream!, new MoneyGramFileContents()))
                {
                    if (recorded.Contains(record.Sequence)) continue;
                    if (record.Type == MoneyGramTransactionType.Reversal && pendingReferences.Contains(record.OriginalReference!)) await EmitAsync();
                    else if (reversalPending && record.Type == MoneyGramTransactionType.Send && decider.MayTakeRestitution(record)) await EmitAsync();
                    pending.Add(record);
                    pendingReferences.Add(record.ReferenceNumber);
                    if (record.Type == MoneyGramTransactionType.Reversal) reversalPending = true;
                    if (pending.Count >= options.ChunkSize) await EmitAsync();
                }
            }
            await EmitAsync();
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
