using System.Text.Json;
using Hangfire;
using Ledger.Data.Intake;
using Ledger.Intake.Lockbox;
using Ledger.Intake.MoneyGram;
using Ledger.Intake.Pipeline;
using Npgsql;

namespace Ledger.Worker.Intake;

/// <summary>
/// The worker's Hangfire jobs. They take ids, not objects, and are safe to run twice (Hangfire
/// retries): a file's progress lives in the database, each file is processed under a PostgreSQL
/// advisory lock that dies with its holder, and a retried job resumes after the last committed chunk.
/// </summary>
public sealed class IntakeJobs(IntakeFolders folders, IntakeStore files, MoneyGramIntake moneygram, LockboxIntake lockbox, HoldReleaser holds,
    NpgsqlDataSource db, IBackgroundJobClient jobs, ILogger<IntakeJobs> log)
{
    private const int LockClass = 0x1A7A; // advisory-lock namespace for intake files
    private const long ScanLock = 0;      // intake file ids start at 1
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(1);
    // A batch folder is copied in file by file: it is ready when it has batch.csv and nothing in it changed for a while.
    private static readonly TimeSpan FolderSettleTime = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Notices new files in the inboxes and files left unfinished by a worker that died; enqueues one
    /// job per file. Only one scan runs at a time across all workers (an advisory lock, which, unlike a
    /// Hangfire lock, is released at once when its holder dies).
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task ScanAsync(CancellationToken ct)
    {
        await using var lockConnection = await db.OpenConnectionAsync(ct);
        if (!await TryLockAsync(lockConnection, ScanLock, ct)) return;
        var enqueued = new HashSet<long>();
        foreach (var path in Directory.EnumerateFiles(folders.Inbox(MoneyGramIntake.Source), "*.mgx.csv").Order(StringComparer.Ordinal))
        {
            // A file still being written is left for the next scan.
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(path) < SettleTime) continue;
            if (!File.Exists(path)) continue;
            await TakeInAsync(MoneyGramIntake.Source, path, await RegisterAsync(MoneyGramIntake.Source, path, () => moneygram.RegisterAsync(path, ct), ct), enqueued, ct);
        }

        // Lockbox batches: a .zip, or a folder holding batch.csv, once nothing in it has changed for a few seconds.
        var lockboxInbox = folders.Inbox(LockboxIntake.Source);
        var batches = Directory.EnumerateFiles(lockboxInbox, "*.zip").Where(p => DateTime.UtcNow - File.GetLastWriteTimeUtc(p) >= SettleTime)
            .Concat(Directory.EnumerateDirectories(lockboxInbox).Where(d => File.Exists(Path.Combine(d, "batch.csv")) && DateTime.UtcNow - LastChangeUtc(d) >= FolderSettleTime))
            .Order(StringComparer.Ordinal).ToList();
        foreach (var path in batches)
        {
            if (!File.Exists(path) && !Directory.Exists(path)) continue;
            await TakeInAsync(LockboxIntake.Source, path, await RegisterAsync(LockboxIntake.Source, path, () => lockbox.RegisterAsync(path, ct), ct), enqueued, ct);
        }

        // Files a dead worker left behind (their lock died with it).
        foreach (var file in await files.ListAsync(null, ct))
        {
            if (file.Source is not (MoneyGramIntake.Source or LockboxIntake.Source)) continue;
            if (file.Status is IntakeFileStatus.Registered or IntakeFileStatus.Processing && !enqueued.Contains(file.Id) && await IsFreeAsync(file.Id, ct))
            {
                jobs.Enqueue<IntakeJobs>(j => j.ProcessAsync(file.Id, CancellationToken.None));
                log.LogInformation("Intake file {Id} ({Name}) was left {Status}; job enqueued to finish it", file.Id, file.Name, file.Status);
            }
        }
    }

    /// <summary>
    /// Registers one dropped file or batch. A symlink (or a batch folder holding one) is refused unread: the drop
    /// folders never follow links out of themselves. Whatever else goes wrong with one file (a damaged .zip, bytes no
    /// reader expected) refuses that file alone, so it is quarantined and the files behind it are still taken in.
    /// </summary>
    private async Task<IntakeFile> RegisterAsync(string source, string path, Func<Task<IntakeFile>> register, CancellationToken ct)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        if (IntakeFolders.LinkIn(path) is { } link)
            return await files.RegisterRefusedAsync(source, name, IntakeFolders.LinkHash(path), path,
                $"{link} is a symbolic link; links are never followed out of the drop folders.", ct);
        try
        {
            return await register();
        }
        catch (Exception e) when (e is not (OperationCanceledException or System.Data.Common.DbException))
        {
            // (A database error is the database's, not the file's: the scan fails and the next one tries again.)
            log.LogWarning(e, "{File} could not be read; refused whole", path);
            string hash;
            try
            {
                hash = LockboxBatchReader.RawHash(path);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                hash = IntakeFolders.LinkHash(path); // unreadable: known by name, size and time instead
            }
            return await files.RegisterRefusedAsync(source, name, hash, path, $"could not be read ({e.GetType().Name}: {e.Message})", ct);
        }
    }

    /// <summary>Moves a registered file or batch folder into work/ and enqueues its job; sets aside one seen before.</summary>
    private async Task TakeInAsync(string source, string path, IntakeFile file, HashSet<long> enqueued, CancellationToken ct)
    {
        if (file.StoredPath != path)
        {
            // The same contents arrived before (under this or another name): nothing posts again. The
            // copy is kept beside the archive, named after the intake file it repeats.
            var seen = IntakeFolders.MoveInto(path, folders.Archive(source), $"{Path.GetFileName(path)}.seen-before-as-{file.Id:D6}");
            log.LogInformation("{File} has the content of intake file {Id} ({Name}, {Status}); set aside as {Seen}, nothing posted again",
                path, file.Id, file.Name, file.Status, seen);
            return;
        }
        var target = IntakeFolders.MoveInto(path, folders.Work(source), $"{file.Id:D6}-{Path.GetFileName(path)}");
        await files.SetStoredPathAsync(file.Id, target, ct);
        jobs.Enqueue<IntakeJobs>(j => j.ProcessAsync(file.Id, CancellationToken.None));
        enqueued.Add(file.Id);
        log.LogInformation("{File} registered as intake file {Id} ({Status}); job enqueued", path, file.Id, file.Status);
    }

    /// <summary>Releases money-order holds that have come due (a daily recurring job; safe to run at any time, and twice).</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task ReleaseHoldsAsync(CancellationToken ct)
    {
        var result = await holds.ReleaseDueAsync(DateTimeOffset.UtcNow, ct);
        log.LogInformation("Money-order holds: {Released} released ({Cents} cents), {Already} released before", result.Released, result.ReleasedCents, result.AlreadyReleased);
    }

    private static DateTime LastChangeUtc(string folder) =>
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Select(File.GetLastWriteTimeUtc)
            .Append(Directory.GetLastWriteTimeUtc(folder)).Max();

    /// <summary>Processes one file to the end (or resumes it), then archives or quarantines it.</summary>
    [AutomaticRetry(Attempts = 10)]
    public async Task ProcessAsync(long fileId, CancellationToken ct)
    {
        await using var lockConnection = await db.OpenConnectionAsync(ct);
        if (!await TryLockAsync(lockConnection, fileId, ct))
        {
            log.LogInformation("Intake file {Id} is being processed by another worker", fileId);
            return;
        }

        var file = await files.GetAsync(fileId, ct) ?? throw new InvalidOperationException($"No intake file {fileId}.");
        if (file.Status == IntakeFileStatus.Quarantined)
        {
            await SetAsideAsync(file, folders.Quarantine(file.Source), ct);
            log.LogWarning("Intake file {Id} ({Name}) refused whole: {Reason}", file.Id, file.Name, file.Reason);
            return;
        }

        var run = file.Source == LockboxIntake.Source
            ? await lockbox.ProcessAsync(fileId, file.StoredPath, null, ct)
            : await moneygram.ProcessAsync(fileId, file.StoredPath, null, ct);
        await SetAsideAsync(run.File, folders.Archive(file.Source), ct);
        var summary = IntakeSummary.From(run);
        var json = JsonSerializer.SerializeToNode(summary, SummaryJson)!.AsObject();
        if (file.Source == LockboxIntake.Source && await lockbox.ControlAsync(run.File, ct) is { } control)
        {
            json["batch_control"] = JsonSerializer.SerializeToNode(control, SummaryJson);
            if (control.Status != "balanced")
                log.LogWarning("Lockbox batch {Id} ({Name}) control: {Status}, {Difference} cents declared but not read, {Unknown} amounts unread ({InReview} in the keying queue, {Returned} returned as illegible with no amount yet)",
                    file.Id, file.Name, control.Status, control.AmountDifferenceCents, control.UnknownAmounts, control.InReviewUnread, control.ReturnedUnread);
        }
        await File.WriteAllTextAsync(Path.Combine(folders.Archive(file.Source), $"{file.Id:D6}-{file.Name}.summary.json"),
            json.ToJsonString(SummaryJson), ct);
        log.LogInformation("Intake file {Id} ({Name}) done: {Items} items, {Posted} posted, {Partial} partially posted, {Returned} returned, {Review} in review, {Duplicates} duplicates, {Reversed} reversed",
            file.Id, file.Name, summary.Items, summary.Posted, summary.PartiallyPosted, summary.Returned, summary.InReview, summary.Duplicates, summary.Reversed);
    }

    private static readonly JsonSerializerOptions SummaryJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    private async Task SetAsideAsync(IntakeFile file, string folder, CancellationToken ct)
    {
        if (file.StoredPath is not { } path || (!File.Exists(path) && !Directory.Exists(path))) return;
        var target = IntakeFolders.MoveInto(path, folder);
        await files.SetStoredPathAsync(file.Id, target, ct);
        if (file.Status == IntakeFileStatus.Quarantined)
            await File.WriteAllTextAsync(target + ".reason.txt", $"Refused whole, nothing posted: {file.Reason}{Environment.NewLine}", ct);
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, long key, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(@class, @id)", connection);
        cmd.Parameters.AddWithValue("class", LockClass);
        cmd.Parameters.AddWithValue("id", checked((int)key));
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private async Task<bool> IsFreeAsync(long fileId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        if (!await TryLockAsync(connection, fileId, ct)) return false;
        await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@class, @id)", connection);
        unlock.Parameters.AddWithValue("class", LockClass);
        unlock.Parameters.AddWithValue("id", checked((int)fileId));
        await unlock.ExecuteScalarAsync(ct);
        return true;
    }
}
