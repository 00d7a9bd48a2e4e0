using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Data.Intake;

/// <summary>A reconciliation as it was produced, kept: the report itself is JSON as produced (camelCase).</summary>
public sealed record KeptReport(long Id, DateOnly BusinessDate, DateTimeOffset ProducedAt, string ProducedBy, bool Balanced, JsonElement Report);

/// <summary>
/// Kept reconciliation reports: each one is a snapshot of what the day looked like when it was produced, never
/// rewritten; producing the day again keeps another one beside it.
/// </summary>
public sealed class ReconciliationReports(NpgsqlDataSource db)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<KeptReport> SaveAsync(ReconciliationReport report, string producedBy, WriteInTransaction? alongside = null, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand(Insert, conn, tx);
        Bind(cmd, report, producedBy);
        var kept = (await ReadAsync(cmd, ct)).Single();
        if (alongside is not null) await alongside(conn, tx, ct);
        await tx.CommitAsync(ct);
        return kept;
    }

    /// <summary>
    /// Keeps the report unless <paramref name="producedBy"/> already kept one for that day (then returns that one):
    /// what a job that Hangfire may run twice calls. The day's advisory lock keeps two runs at once from both writing.
    /// </summary>
    public async Task<(KeptReport Report, bool IsNew)> SaveOnceAsync(ReconciliationReport report, string producedBy, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand($"""
            SELECT pg_advisory_xact_lock(hashtext('reconciliation_reports'), @day_number);
            SELECT {Columns} FROM reconciliation_reports WHERE business_date = @date AND produced_by = @by ORDER BY id LIMIT 1;
            """, conn, tx);
        Bind(cmd, report, producedBy);
        cmd.Parameters.AddWithValue("day_number", report.Date.DayNumber);
        if ((await ReadAsync(cmd, ct)).FirstOrDefault() is { } existing) return (existing, false);

        await using var insert = new NpgsqlCommand(Insert, conn, tx);
        Bind(insert, report, producedBy);
        var kept = (await ReadAsync(insert, ct)).Single();
        await tx.CommitAsync(ct);
        return (kept, true);
    }

    /// <summary>Kept reports, newest first: of one business day, or the latest of all days.</summary>
    public async Task<IReadOnlyList<KeptReport>> ListAsync(DateOnly? date, int limit = 50, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns} FROM reconciliation_reports
            WHERE @date::date IS NULL OR business_date = @date
            ORDER BY business_date DESC, produced_at DESC, id DESC LIMIT @limit
            """);
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly?>("date", date) { NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.AddWithValue("limit", Math.Clamp(limit, 1, 1000));
        return await ReadAsync(cmd, ct);
    }

    public async Task<KeptReport?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM reconciliation_reports WHERE id = @id");
        cmd.Parameters.AddWithValue("id", id);
        return (await ReadAsync(cmd, ct)).SingleOrDefault();
    }

    private const string Columns = "id, business_date, produced_at, produced_by, balanced, report::text";

    private const string Insert = $"""
        INSERT INTO reconciliation_reports (business_date, produced_at, produced_by, balanced, report)
        VALUES (@date, now(), @by, @balanced, @report)
        RETURNING {Columns}
        """;

    private static void Bind(NpgsqlCommand cmd, ReconciliationReport report, string producedBy)
    {
        cmd.Parameters.AddWithValue("date", report.Date);
        cmd.Parameters.AddWithValue("by", producedBy);
        cmd.Parameters.AddWithValue("balanced", report.Balanced);
        cmd.Parameters.Add(new NpgsqlParameter<string>("report", JsonSerializer.Serialize(report, Json)) { NpgsqlDbType = NpgsqlDbType.Jsonb });
    }

    private static async Task<List<KeptReport>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var kept = new List<KeptReport>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        do
        {
            if (r.FieldCount != 6) continue;
            while (await r.ReadAsync(ct))
            {
                using var json = JsonDocument.Parse(r.GetString(5));
                kept.Add(new KeptReport(r.GetInt64(0), r.GetFieldValue<DateOnly>(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3), r.GetBoolean(4),
                    json.RootElement.Clone()));
            }
        } while (await r.NextResultAsync(ct));
        return kept;
    }
}
