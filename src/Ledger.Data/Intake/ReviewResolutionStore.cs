using Ledger.Data.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Data.Intake;

/// <summary>An intake item left in review, with its file, and the live resolution waiting for approval, if any.</summary>
public sealed record ReviewItem(IntakeItemRow Item, string FileName, string? StoredPath, DateTimeOffset ReceivedAt, ReviewResolutionRow? Resolution);

/// <summary>
/// How operations resolved intake items left in review (review_resolutions). Writes happen inside the caller's
/// transaction, the one that posts the item's entry, so a resolution says "posted" exactly when the money moved.
/// </summary>
public sealed class ReviewResolutionStore(NpgsqlDataSource db)
{
    /// <summary>The partial unique index that allows one live (not rejected) resolution per item.</summary>
    public const string OneLivePerItem = "IX_review_resolutions_file_id_sequence";

    private const string Columns = """
        r.id, r.file_id, r.sequence, r.action, r.status, r.amount_cents, r.person_number, r.account_kind, r.reason, r.keyed_by, r.keyed_at,
        r.approved_by, r.approved_at, r.entry_id, r.outcome, r.credited_cents, r.restitution_cents, r.returned_cents, r.fee_cents
        """;

    private const string ItemColumns = """
        i.file_id, i.sequence, i.reference, i.kind, i.outcome, i.reason_code, i.reason, i.person_number, i.facility_code, i.amount_cents,
        i.in_review_cents, i.sender_name, i.sender_address, i.details::text, f.name, f.stored_path, f.received_at
        """;

    /// <summary>
    /// Items of <paramref name="source"/> in review. <paramref name="awaitingApproval"/> false: those nobody has resolved yet
    /// (no live resolution); true: those keyed and waiting for a second staff member, with their resolution. Oldest first.
    /// </summary>
    public async Task<IReadOnlyList<ReviewItem>> InReviewAsync(string source, bool awaitingApproval, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand(awaitingApproval
            ? $"""
               SELECT {ItemColumns}, {Columns}
               FROM intake_items i JOIN intake_files f ON f.id = i.file_id
               JOIN review_resolutions r ON r.file_id = i.file_id AND r.sequence = i.sequence AND r.status = 'awaiting_approval'
               WHERE f.source = @source AND i.outcome = 'in_review'
               ORDER BY r.keyed_at, r.id
               """
            : $"""
               SELECT {ItemColumns}
               FROM intake_items i JOIN intake_files f ON f.id = i.file_id
               WHERE f.source = @source AND i.outcome = 'in_review'
                 AND NOT EXISTS (SELECT 1 FROM review_resolutions r WHERE r.file_id = i.file_id AND r.sequence = i.sequence AND r.status <> 'rejected')
               ORDER BY f.received_at, i.file_id, i.sequence
               """);
        cmd.Parameters.AddWithValue("source", source);
        var items = new List<ReviewItem>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) items.Add(ReadReviewItem(r, awaitingApproval));
        return items;
    }

    /// <summary>One intake item of <paramref name="source"/> (any outcome), with its live resolution if it has one.</summary>
    public async Task<ReviewItem?> ItemAsync(string source, long fileId, int sequence, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {ItemColumns}, {Columns}
            FROM intake_items i JOIN intake_files f ON f.id = i.file_id
            LEFT JOIN review_resolutions r ON r.file_id = i.file_id AND r.sequence = i.sequence AND r.status <> 'rejected'
            WHERE f.source = @source AND i.file_id = @file AND i.sequence = @sequence
            """);
        cmd.Parameters.AddWithValue("source", source);
        cmd.Parameters.AddWithValue("file", fileId);
        cmd.Parameters.AddWithValue("sequence", sequence);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? ReadReviewItem(r, withResolution: true) : null;
    }

    public async Task<ReviewResolutionRow?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM review_resolutions r WHERE r.id = @id");
        cmd.Parameters.AddWithValue("id", id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? ReadResolution(r, 0) : null;
    }

    /// <summary>Resolutions of one item, oldest first (rejected ones included: who keyed what, and who refused it).</summary>
    public async Task<IReadOnlyList<ReviewResolutionRow>> HistoryAsync(long fileId, int sequence, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM review_resolutions r WHERE r.file_id = @file AND r.sequence = @sequence ORDER BY r.id");
        cmd.Parameters.AddWithValue("file", fileId);
        cmd.Parameters.AddWithValue("sequence", sequence);
        var rows = new List<ReviewResolutionRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) rows.Add(ReadResolution(r, 0));
        return rows;
    }

    /// <summary>
    /// Inserts a resolution inside the caller's transaction and sets its id. A second live resolution of the same
    /// item fails the unique index <see cref="OneLivePerItem"/> (a PostgresException the caller turns into a conflict).
    /// </summary>
    public static async Task InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ReviewResolutionRow row, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO review_resolutions (file_id, sequence, action, status, amount_cents, person_number, account_kind, reason, keyed_by, keyed_at,
                approved_by, approved_at, entry_id, outcome, credited_cents, restitution_cents, returned_cents, fee_cents)
            VALUES (@file, @sequence, @action, @status, @amount, @person, @kind, @reason, @keyed_by, @keyed_at,
                @approved_by, @approved_at, @entry, @outcome, @credited, @restitution, @returned, @fee)
            RETURNING id
            """, conn, tx);
        cmd.Parameters.AddWithValue("file", row.FileId);
        cmd.Parameters.AddWithValue("sequence", row.Sequence);
        cmd.Parameters.AddWithValue("action", row.Action);
        cmd.Parameters.AddWithValue("keyed_by", row.KeyedBy);
        cmd.Parameters.AddWithValue("keyed_at", row.KeyedAt.ToUniversalTime());
        cmd.Parameters.Add(Text("person", row.PersonNumber));
        cmd.Parameters.Add(Text("kind", row.AccountKind));
        AddSettlement(cmd, row);
        row.Id = (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Moves a resolution waiting for approval to its final state (posted or rejected), inside the caller's transaction.
    /// False when it is no longer waiting (approved or rejected by someone else first): the caller rolls back.
    /// </summary>
    public static async Task<bool> SettleAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ReviewResolutionRow row, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            UPDATE review_resolutions SET status = @status, amount_cents = @amount, reason = @reason, approved_by = @approved_by, approved_at = @approved_at,
                entry_id = @entry, outcome = @outcome, credited_cents = @credited, restitution_cents = @restitution, returned_cents = @returned, fee_cents = @fee
            WHERE id = @id AND status = 'awaiting_approval'
            """, conn, tx);
        cmd.Parameters.AddWithValue("id", row.Id);
        AddSettlement(cmd, row);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    private static void AddSettlement(NpgsqlCommand cmd, ReviewResolutionRow row)
    {
        cmd.Parameters.AddWithValue("status", row.Status);
        cmd.Parameters.AddWithValue("amount", row.AmountCents);
        cmd.Parameters.Add(Text("reason", row.Reason));
        cmd.Parameters.Add(Text("approved_by", row.ApprovedBy));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("approved_at", row.ApprovedAt?.ToUniversalTime()) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter<long?>("entry", row.EntryId) { NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(Text("outcome", row.Outcome));
        cmd.Parameters.AddWithValue("credited", row.CreditedCents);
        cmd.Parameters.AddWithValue("restitution", row.RestitutionCents);
        cmd.Parameters.AddWithValue("returned", row.ReturnedCents);
        cmd.Parameters.AddWithValue("fee", row.FeeCents);
    }

    private static NpgsqlParameter<string?> Text(string name, string? value) => new(name, value) { NpgsqlDbType = NpgsqlDbType.Text };

    private static ReviewItem ReadReviewItem(NpgsqlDataReader r, bool withResolution)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var item = new IntakeItemRow
        {
            FileId = r.GetInt64(0), Sequence = r.GetInt32(1), Reference = r.GetString(2), Kind = r.GetString(3), Outcome = r.GetString(4),
            ReasonCode = S(5), Reason = S(6), PersonNumber = S(7), FacilityCode = S(8), AmountCents = r.GetInt64(9), InReviewCents = r.GetInt64(10),
            SenderName = S(11), SenderAddress = S(12), Details = S(13),
        };
        var resolution = withResolution && !r.IsDBNull(17) ? ReadResolution(r, 17) : null;
        return new ReviewItem(item, r.GetString(14), S(15), r.GetFieldValue<DateTimeOffset>(16), resolution);
    }

    private static ReviewResolutionRow ReadResolution(NpgsqlDataReader r, int at)
    {
        string? S(int i) => r.IsDBNull(at + i) ? null : r.GetString(at + i);
        return new ReviewResolutionRow
        {
            Id = r.GetInt64(at), FileId = r.GetInt64(at + 1), Sequence = r.GetInt32(at + 2), Action = r.GetString(at + 3), Status = r.GetString(at + 4),
            AmountCents = r.GetInt64(at + 5), PersonNumber = S(6), AccountKind = S(7), Reason = S(8), KeyedBy = r.GetString(at + 9),
            KeyedAt = r.GetFieldValue<DateTimeOffset>(at + 10), ApprovedBy = S(11),
            ApprovedAt = r.IsDBNull(at + 12) ? null : r.GetFieldValue<DateTimeOffset>(at + 12), EntryId = r.IsDBNull(at + 13) ? null : r.GetInt64(at + 13),
            Outcome = S(14), CreditedCents = r.GetInt64(at + 15), RestitutionCents = r.GetInt64(at + 16), ReturnedCents = r.GetInt64(at + 17),
            FeeCents = r.GetInt64(at + 18),
        };
    }
}
