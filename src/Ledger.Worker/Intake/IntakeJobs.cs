using System.Text.Json;
using Hangfire;
using Ledger.Data.Intake;
using Ledger.Intake.MoneyGram;
using Ledger.Intake.Pipeline;
using Npgsql;

namespace Ledger.Worker.Intake;

/// <summary>
/// The worker's Hangfire jobs. They take ids, not objects, and are safe to run twice (Hangfire
/// retries): a file's progress lives in the database, each file is processed under a PostgreSQL
/// advisory lock that dies with its holder, and a retried job resumes after the last committed chunk.
/// </summary>
public sealed class IntakeJobs(IntakeFolders folders, IntakeStore files, MoneyGramIntake moneygram, NpgsqlDataSource db,
    IBackgroundJobClient jobs, ILogger<IntakeJobs> log)
{
    private const int LockClass = 0x1A7A; // advisory-lock namespace for intake files
    private const long ScanLock = 0;      // intake file ids start at 1
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(1);

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
        var inbox = folders.Inbox(MoneyGramIntake.Source);
        var enqueued = new HashSet<long>();
        foreach (var path in Directory.EnumerateFiles(inbox, "*.mgx.csv").Order(StringComparer.Ordinal))
        {
            // A file still being written is left for the next scan.
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(path) < SettleTime) continue;
            if (!File.Exists(path)) continue;
            var file = await moneygram.RegisterAsync(path, ct);
            if (file.StoredPath != path)
            {
                // The same bytes arrived before (under this or another name): nothing posts again. The
                // copy is kept beside the archive, named after the intake file it repeats.
                var seen = Path.Combine(folders.Archive(MoneyGramIntake.Source), $"{Path.GetFileName(path)}.seen-before-as-{file.Id:D6}");
                File.Move(path, seen, overwrite: true);
                log.LogInformation("{File} has the content of intake file {Id} ({Name}, {Status}); set aside as {Seen}, nothing posted again",
                    path, file.Id, file.Name, file.Status, seen);
                continue;
            }
            var target = Path.Combine(folders.Work(MoneyGramIntake.Source), $"{file.Id:D6}-{Path.GetFileName(path)}");
            File.Move(path, target, overwrite: true);
            await files.SetStoredPathAsync(file.Id, target, ct);
            jobs.Enqueue<IntakeJobs>(j => j.ProcessAsync(file.Id, CancellationToken.None));
            enqueued.Add(file.Id);
            log.LogInformation("{File} registered as intake file {Id} ({Status}); job enqueued", path, file.Id, file.Status);
        }

        // Files a dead worker left behind (their lock died with it).
        foreach (var file in await files.ListAsync(MoneyGramIntake.Source, ct))
        {
            if (file.Status is IntakeFileStatus.Registered or IntakeFileStatus.Processing && !enqueued.Contains(file.Id) && await IsFreeAsync(file.Id, ct))
            {
                jobs.Enqueue<IntakeJobs>(j => j.ProcessAsync(file.Id, CancellationToken.None));
                log.LogInformation("Intake file {Id} ({Name}) was left {Status}; job enqueued to finish it", file.Id, file.Name, file.Status);
            }
        }
    }

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

        var run = await moneygram.ProcessAsync(fileId, file.StoredPath, null, ct);
        await SetAsideAsync(run.File, folders.Archive(file.Source), ct);
        var summary = IntakeSummary.From(run);
        await File.WriteAllTextAsync(Path.Combine(folders.Archive(file.Source), $"{file.Id:D6}-{file.Name}.summary.json"),
            JsonSerializer.Serialize(summary, SummaryJson), ct);
        log.LogInformation("Intake file {Id} ({Name}) done: {Items} items, {Posted} posted, {Partial} partially posted, {Returned} returned, {Review} in review, {Duplicates} duplicates, {Reversed} reversed",
            file.Id, file.Name, summary.Items, summary.Posted, summary.PartiallyPosted, summary.Returned, summary.InReview, summary.Duplicates, summary.Reversed);
    }

    private static readonly JsonSerializerOptions SummaryJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    private async Task SetAsideAsync(IntakeFile file, string folder, CancellationToken ct)
    {
        if (file.StoredPath is not { } path || !File.Exists(path)) return;
        var target = Path.Combine(folder, Path.GetFileName(path));
        File.Move(path, target, overwrite: true);
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
