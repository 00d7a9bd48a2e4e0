using Ledger.Data.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Data.Intake;

/// <summary>A hold that has come due, with the idempotency key of the deposit entry that created it.</summary>
public sealed record DueHold(MoneyOrderHoldRow Hold, string DepositKey);

/// <summary>Money-order holds: written beside their deposit entries, released by <c>HoldReleaser</c>.</summary>
public sealed class MoneyOrderHoldStore(NpgsqlDataSource db)
{
    /// <summary>Writes holds inside the caller's transaction (the one that posts their entries).</summary>
    public static async Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<MoneyOrderHoldRow> holds, CancellationToken ct)
    {
        if (holds.Count == 0) return;
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO money_order_holds (entry_id, person_number, facility_code, account_kind, amount_cents, release_at)
            SELECT * FROM unnest(@entries, @people, @facilities, @kinds, @amounts, @release)
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("entries", holds.Select(h => h.EntryId).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("people", holds.Select(h => h.PersonNumber).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("facilities", holds.Select(h => h.FacilityCode).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("kinds", holds.Select(h => h.AccountKind).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("amounts", holds.Select(h => h.AmountCents).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("release", holds.Select(h => h.ReleaseAt.ToUniversalTime()).ToArray())
            { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Records which entry released each hold, inside the caller's transaction.</summary>
    public static async Task MarkReleasedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<(long HoldEntryId, long ReleasedEntryId)> released, CancellationToken ct)
    {
        if (released.Count == 0) return;
        await using var cmd = new NpgsqlCommand("""
            UPDATE money_order_holds h SET released_entry_id = r.released
            FROM unnest(@holds, @released) AS r(hold, released)
            WHERE h.entry_id = r.hold AND h.released_entry_id IS NULL
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("holds", released.Select(r => r.HoldEntryId).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("released", released.Select(r => r.ReleasedEntryId).ToArray()));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Holds whose release time has come and that are not released yet, oldest first.</summary>
    public async Task<IReadOnlyList<DueHold>> DueAsync(DateTimeOffset asOf, int limit, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT h.entry_id, h.person_number, h.facility_code, h.account_kind, h.amount_cents, h.release_at, e.idempotency_key
            FROM money_order_holds h JOIN journal_entries e ON e.id = h.entry_id
            WHERE h.released_entry_id IS NULL AND h.release_at <= @as_of
            ORDER BY h.release_at, h.entry_id
            LIMIT @limit
            """);
        cmd.Parameters.AddWithValue("as_of", asOf.ToUniversalTime());
        cmd.Parameters.AddWithValue("limit", limit);
        var due = new List<DueHold>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            due.Add(new DueHold(new MoneyOrderHoldRow
            {
                EntryId = r.GetInt64(0), PersonNumber = r.GetString(1), FacilityCode = r.GetString(2), AccountKind = r.GetString(3),
                AmountCents = r.GetInt64(4), ReleaseAt = r.GetFieldValue<DateTimeOffset>(5),
            }, r.GetString(6)));
        }
        return due;
    }

    /// <summary>All holds, or those created by one intake file's entries.</summary>
    public async Task<IReadOnlyList<MoneyOrderHoldRow>> ListAsync(long? fileId = null, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT h.entry_id, h.person_number, h.facility_code, h.account_kind, h.amount_cents, h.release_at, h.released_entry_id
            FROM money_order_holds h
            WHERE @file::bigint IS NULL OR h.entry_id IN (SELECT entry_id FROM intake_items WHERE file_id = @file AND entry_id IS NOT NULL)
            ORDER BY h.entry_id
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long?>("file", fileId) { NpgsqlDbType = NpgsqlDbType.Bigint });
        var holds = new List<MoneyOrderHoldRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            holds.Add(new MoneyOrderHoldRow
            {
                EntryId = r.GetInt64(0), PersonNumber = r.GetString(1), FacilityCode = r.GetString(2), AccountKind = r.GetString(3),
                AmountCents = r.GetInt64(4), ReleaseAt = r.GetFieldValue<DateTimeOffset>(5), ReleasedEntryId = r.IsDBNull(6) ? null : r.GetInt64(6),
            });
        }
        return holds;
    }
}
