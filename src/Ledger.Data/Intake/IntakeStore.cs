using Ledger.Data.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Data.Intake;

public enum IntakeFileStatus
{
    Registered,
    Processing,
    Completed,
    Quarantined,
}

public sealed record IntakeFile(long Id, string Source, string Name, string Sha256, IntakeFileStatus Status, string? Reason, string? StoredPath,
    long? DeclaredCount, long? DeclaredAmountCents, long? DeclaredFeeCents, DateTimeOffset ReceivedAt, DateTimeOffset? CompletedAt);

/// <summary>Counts and cents of one intake file, computed from what became of each of its items.</summary>
public sealed record IntakeTotals(
    long Items, long Posted, long PartiallyPosted, long Returned, long InReview, long Duplicates, long Reversed,
    long AmountInCents, long CreditedCents, long RestitutionCents, long ReturnedCents, long InReviewCents, long ReversedCents, long FeesCents);

/// <summary>Intake files (by content hash) and what became of each of their items.</summary>
public sealed class IntakeStore(NpgsqlDataSource db)
{
    /// <summary>
    /// Records a file by its content hash. The same bytes again return the earlier record
    /// (<c>IsNew</c> false), whatever the file is called now.
    /// </summary>
    public async Task<(IntakeFile File, bool IsNew)> RegisterAsync(string source, string name, string sha256, string? storedPath,
        long? declaredCount, long? declaredAmountCents, long? declaredFeeCents, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO intake_files (source, name, sha256, status, stored_path, declared_count, declared_amount_cents, declared_fee_cents)
            VALUES (@source, @name, @sha, 'registered', @path, @count, @amount, @fee)
            ON CONFLICT (source, sha256) DO NOTHING
            RETURNING id
            """);
        cmd.Parameters.AddWithValue("source", source);
        cmd.Parameters.AddWithValue("name", name);
        cmd.Parameters.AddWithValue("sha", sha256);
        cmd.Parameters.Add(new NpgsqlParameter<string?>("path", storedPath) { NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter<long?>("count", declaredCount) { NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter<long?>("amount", declaredAmountCents) { NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter<long?>("fee", declaredFeeCents) { NpgsqlDbType = NpgsqlDbType.Bigint });
        var inserted = await cmd.ExecuteScalarAsync(ct) is long;
        var file = await FindAsync(source, sha256, ct) ?? throw new InvalidOperationException($"Intake file {name} vanished after registering.");
        return (file, inserted);
    }

    /// <summary>
    /// Records a file refused whole: registered by its hash and quarantined with the reason, so the worker
    /// sets it aside and the day's reconciliation shows it. Bytes that already completed stay completed.
    /// </summary>
    public async Task<IntakeFile> RegisterRefusedAsync(string source, string name, string sha256, string storedPath, string reason, CancellationToken ct = default)
    {
        var (file, _) = await RegisterAsync(source, name, sha256, storedPath, null, null, null, ct);
        if (file.Status == IntakeFileStatus.Completed) return file;
        await SetStatusAsync(file.Id, IntakeFileStatus.Quarantined, reason, ct);
        return (await GetAsync(file.Id, ct))!;
    }

    public async Task<IntakeFile?> FindAsync(string source, string sha256, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"{SelectFiles} WHERE source = @source AND sha256 = @sha");
        cmd.Parameters.AddWithValue("source", source);
        cmd.Parameters.AddWithValue("sha", sha256);
        return (await ReadFilesAsync(cmd, ct)).SingleOrDefault();
    }

    public async Task<IntakeFile?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"{SelectFiles} WHERE id = @id");
        cmd.Parameters.AddWithValue("id", id);
        return (await ReadFilesAsync(cmd, ct)).SingleOrDefault();
    }

    /// <summary>The names of the files with these ids, in one query (ids not found are left out).</summary>
    public async Task<IReadOnlyDictionary<long, string>> NamesAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default)
    {
        var names = new Dictionary<long, string>();
        if (ids.Count == 0) return names;
        await using var cmd = db.CreateCommand("SELECT id, name FROM intake_files WHERE id = ANY(@ids)");
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("ids", ids.ToArray()));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) names[r.GetInt64(0)] = r.GetString(1);
        return names;
    }

    public async Task<IReadOnlyList<IntakeFile>> ListAsync(string? source = null, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"{SelectFiles} WHERE @source::text IS NULL OR source = @source ORDER BY id");
        cmd.Parameters.Add(new NpgsqlParameter<string?>("source", source) { NpgsqlDbType = NpgsqlDbType.Text });
        return await ReadFilesAsync(cmd, ct);
    }

    public Task SetStatusAsync(long id, IntakeFileStatus status, string? reason = null, CancellationToken ct = default) =>
        ExecuteAsync("""
            UPDATE intake_files SET status = @status, reason = coalesce(@reason, reason),
                completed_at = CASE WHEN @status IN ('completed', 'quarantined') THEN now() ELSE completed_at END
            WHERE id = @id
            """, ct, ("id", id), ("status", StatusCode(status)), ("reason", reason));

    public Task SetStoredPathAsync(long id, string path, CancellationToken ct = default) =>
        ExecuteAsync("UPDATE intake_files SET stored_path = @path WHERE id = @id", ct, ("id", id), ("path", path));

    /// <summary>Sequences of the file's items already accounted for: a retried job skips them.</summary>
    /// <summary>Locks the people and reads what restitution they still owe; see <see cref="RestitutionLock"/>.</summary>
    public Task<RestitutionLock> LockRestitutionAsync(IEnumerable<string> personNumbers, CancellationToken ct = default) =>
        RestitutionLock.TakeAsync(db, personNumbers, ct);

    public async Task<HashSet<int>> RecordedSequencesAsync(long fileId, CancellationToken ct = default)
    {
        var result = new HashSet<int>();
        await using var cmd = db.CreateCommand("SELECT sequence FROM intake_items WHERE file_id = @id");
        cmd.Parameters.AddWithValue("id", fileId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result.Add(reader.GetInt32(0));
        return result;
    }

    /// <summary>
    /// The amount (before any fee) of the item that posted each journal entry, by entry id. <paramref name="references"/> are
    /// those items' references: they are read by the reference index (intake_items has none on entry_id, and a scan of every
    /// item per chunk with a reversal was most of a large MoneyGram file's database time).
    /// </summary>
    public async Task<IReadOnlyDictionary<long, long>> AmountsPostedByAsync(IReadOnlyCollection<long> entryIds, IReadOnlyCollection<string> references,
        CancellationToken ct = default)
    {
        var result = new Dictionary<long, long>();
        if (entryIds.Count == 0) return result;
        await using var cmd = db.CreateCommand("SELECT entry_id, amount_cents FROM intake_items WHERE reference = ANY(@refs) AND entry_id = ANY(@ids) AND kind = 'deposit'");
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("refs", references.Distinct(StringComparer.Ordinal).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("ids", entryIds.ToArray()));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result[reader.GetInt64(0)] = reader.GetInt64(1);
        return result;
    }

    /// <summary>Which of these idempotency keys the journal already holds (an item carrying one will post as a duplicate).</summary>
    public async Task<HashSet<string>> PostedKeysAsync(IReadOnlyCollection<string> keys, CancellationToken ct = default)
    {
        var posted = new HashSet<string>(StringComparer.Ordinal);
        if (keys.Count == 0) return posted;
        await using var cmd = db.CreateCommand("SELECT idempotency_key FROM journal_entries WHERE idempotency_key = ANY(@keys)");
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("keys", keys.ToArray()));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) posted.Add(reader.GetString(0));
        return posted;
    }

    /// <summary>Which of these references some item of an earlier or this file of <paramref name="source"/> already carries.</summary>
    public async Task<HashSet<string>> SeenReferencesAsync(string source, IReadOnlyCollection<string> references, CancellationToken ct = default)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (references.Count == 0) return seen;
        await using var cmd = db.CreateCommand("""
            SELECT DISTINCT i.reference FROM intake_items i JOIN intake_files f ON f.id = i.file_id
            WHERE f.source = @source AND i.reference = ANY(@refs)
            """);
        cmd.Parameters.AddWithValue("source", source);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("refs", references.ToArray()));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) seen.Add(reader.GetString(0));
        return seen;
    }

    /// <summary>
    /// What was read of a file's amounts: items recorded, the sum of the amounts known, how many items had no amount that
    /// could be read (recorded with amount 0: a real deposit is never zero), and of those, as they stand now, how many still
    /// wait in the keying queue (no resolution yet, or one awaiting approval) and how many went back to the sender unread with
    /// no amount recorded yet (ReturnsDesk.KeyAmountAsync). The rest were settled by operations since.
    /// </summary>
    public async Task<(long Items, long KnownAmountCents, long UnknownAmounts, long InReviewUnread, long ReturnedUnread)> AmountsReadAsync(
        long fileId, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT count(*), coalesce(sum(i.amount_cents), 0)::bigint, count(*) FILTER (WHERE i.amount_cents = 0),
                   count(*) FILTER (WHERE i.amount_cents = 0 AND i.outcome = 'in_review' AND (r.status IS NULL OR r.status = 'awaiting_approval')),
                   count(*) FILTER (WHERE m.file_id IS NULL
                                    AND {ReturnsDesk.AwaitsAmountSql("f.source", "i.kind", "coalesce(r.outcome, i.outcome)", "coalesce(r.amount_cents, i.amount_cents)")})
            FROM intake_items i JOIN intake_files f ON f.id = i.file_id
            LEFT JOIN review_resolutions r ON i.outcome = 'in_review' AND r.file_id = i.file_id AND r.sequence = i.sequence AND r.status <> 'rejected'
            LEFT JOIN return_amounts m ON m.file_id = i.file_id AND m.sequence = i.sequence
            WHERE i.file_id = @id
            """);
        cmd.Parameters.AddWithValue("id", fileId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4));
    }

    /// <summary>Writes item outcomes inside the caller's transaction (binary COPY).</summary>
    public static async Task WriteItemsAsync(NpgsqlConnection conn, IReadOnlyList<IntakeItemRow> items, CancellationToken ct)
    {
        if (items.Count == 0) return;
        // Rows written by CopyRowWriter: Npgsql's importer cost more client CPU per value than the copy.
        await using var copy = await Journal.CopyRowWriter.BeginAsync(conn, """
            COPY intake_items (file_id, sequence, reference, kind, outcome, reason_code, reason, person_number, facility_code,
                amount_cents, credited_cents, restitution_cents, returned_cents, fee_cents, fee_refunded_cents, in_review_cents, reversed_cents,
                entry_id, sender_name, sender_address, details) FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var item in items)
        {
            await copy.StartRowAsync(21, ct);
            copy.WriteInt64(item.FileId);
            copy.WriteInt32(item.Sequence);
            copy.WriteText(item.Reference);
            copy.WriteText(item.Kind);
            copy.WriteText(item.Outcome);
            copy.WriteText(item.ReasonCode);
            copy.WriteText(item.Reason);
            copy.WriteText(item.PersonNumber);
            copy.WriteText(item.FacilityCode);
            copy.WriteInt64(item.AmountCents);
            copy.WriteInt64(item.CreditedCents);
            copy.WriteInt64(item.RestitutionCents);
            copy.WriteInt64(item.ReturnedCents);
            copy.WriteInt64(item.FeeCents);
            copy.WriteInt64(item.FeeRefundedCents);
            copy.WriteInt64(item.InReviewCents);
            copy.WriteInt64(item.ReversedCents);
            copy.WriteInt64(item.EntryId);
            copy.WriteText(item.SenderName);
            copy.WriteText(item.SenderAddress);
            copy.WriteJsonb(item.Details);
        }
        await copy.CompleteAsync(ct);
        // Written in the caller's transaction: a chunk retried after a concurrent writer counts again.
        foreach (var outcome in items.GroupBy(i => i.Outcome))
            Telemetry.LedgerMetrics.IntakeItems.Add(outcome.Count(), new KeyValuePair<string, object?>("outcome", outcome.Key));
    }

    public async Task<IntakeTotals> TotalsAsync(long fileId, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT count(*),
                   count(*) FILTER (WHERE outcome = 'posted'),
                   count(*) FILTER (WHERE outcome = 'partially_posted'),
                   count(*) FILTER (WHERE outcome = 'returned'),
                   count(*) FILTER (WHERE outcome = 'in_review'),
                   count(*) FILTER (WHERE outcome = 'duplicate'),
                   count(*) FILTER (WHERE outcome = 'reversed'),
                   coalesce(sum(amount_cents) FILTER (WHERE kind = 'deposit' AND outcome <> 'duplicate'), 0)::bigint,
                   coalesce(sum(credited_cents), 0)::bigint,
                   coalesce(sum(restitution_cents), 0)::bigint,
                   coalesce(sum(returned_cents), 0)::bigint,
                   coalesce(sum(in_review_cents), 0)::bigint,
                   coalesce(sum(reversed_cents), 0)::bigint,
                   coalesce(sum(fee_cents), 0)::bigint
            FROM intake_items WHERE file_id = @id
            """);
        cmd.Parameters.AddWithValue("id", fileId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new IntakeTotals(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6),
            r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetInt64(10), r.GetInt64(11), r.GetInt64(12), r.GetInt64(13));
    }

    /// <summary>Items of a file (or of all files when null) with the given outcome, in order.</summary>
    public async Task<IReadOnlyList<IntakeItemRow>> ItemsAsync(long? fileId, string? outcome, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT file_id, sequence, reference, kind, outcome, reason_code, reason, person_number, facility_code, amount_cents, credited_cents,
                   restitution_cents, returned_cents, fee_cents, in_review_cents, reversed_cents, entry_id, sender_name, sender_address, details::text,
                   fee_refunded_cents
            FROM intake_items WHERE (@file::bigint IS NULL OR file_id = @file) AND (@outcome::text IS NULL OR outcome = @outcome)
            ORDER BY file_id, sequence
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long?>("file", fileId) { NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter<string?>("outcome", outcome) { NpgsqlDbType = NpgsqlDbType.Text });
        var items = new List<IntakeItemRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            items.Add(new IntakeItemRow
            {
                FileId = r.GetInt64(0), Sequence = r.GetInt32(1), Reference = r.GetString(2), Kind = r.GetString(3), Outcome = r.GetString(4),
                ReasonCode = r.IsDBNull(5) ? null : r.GetString(5), Reason = r.IsDBNull(6) ? null : r.GetString(6),
                PersonNumber = r.IsDBNull(7) ? null : r.GetString(7), FacilityCode = r.IsDBNull(8) ? null : r.GetString(8),
                AmountCents = r.GetInt64(9), CreditedCents = r.GetInt64(10), RestitutionCents = r.GetInt64(11), ReturnedCents = r.GetInt64(12),
                FeeCents = r.GetInt64(13), InReviewCents = r.GetInt64(14), ReversedCents = r.GetInt64(15), EntryId = r.IsDBNull(16) ? null : r.GetInt64(16),
                SenderName = r.IsDBNull(17) ? null : r.GetString(17), SenderAddress = r.IsDBNull(18) ? null : r.GetString(18),
                Details = r.IsDBNull(19) ? null : r.GetString(19), FeeRefundedCents = r.GetInt64(20),
            });
        }
        return items;
    }

    public static string StatusCode(IntakeFileStatus status) => status switch
    {
        IntakeFileStatus.Registered => "registered",
        IntakeFileStatus.Processing => "processing",
        IntakeFileStatus.Completed => "completed",
        IntakeFileStatus.Quarantined => "quarantined",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    private const string SelectFiles = """
        SELECT id, source, name, sha256, status, reason, stored_path, declared_count, declared_amount_cents, declared_fee_cents, received_at, completed_at
        FROM intake_files
        """;

    private static async Task<List<IntakeFile>> ReadFilesAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var files = new List<IntakeFile>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var status = r.GetString(4) switch
            {
                "registered" => IntakeFileStatus.Registered,
                "processing" => IntakeFileStatus.Processing,
                "completed" => IntakeFileStatus.Completed,
                _ => IntakeFileStatus.Quarantined,
            };
            files.Add(new IntakeFile(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), status, r.IsDBNull(5) ? null : r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetInt64(7), r.IsDBNull(8) ? null : r.GetInt64(8),
                r.IsDBNull(9) ? null : r.GetInt64(9), r.GetFieldValue<DateTimeOffset>(10), r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11)));
        }
        return files;
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
