using Npgsql;

namespace Ledger.Data.Intake;

/// <summary>One row of a day's reconciliation: a source file (or batch), or a facility.</summary>
public sealed record ReconciliationRow(
    string Scope, string Key, string Status,
    long Items, long Posted, long PartiallyPosted, long Returned, long InReview, long Duplicates, long Reversed,
    long AmountInCents, long CreditedCents, long RestitutionCents, long ReturnedCents, long InReviewCents, long ReversedCents, long FeesCents,
    long? DeclaredCount, long? DeclaredAmountCents)
{
    /// <summary>Items recorded against the file's own count (null for facility rows).</summary>
    public long? CountDifference => DeclaredCount is { } declared ? Items - declared : null;

    /// <summary>
    /// For a file, what came in against its control total, counting only items whose amount is known; for
    /// every row, whether its cents are all accounted for (credited + returned + in review).
    /// </summary>
    public long? AmountDifference => DeclaredAmountCents is { } declared ? AmountInCents + DuplicateCents - declared : null;

    public long DuplicateCents { get; init; }

    public bool Balanced => AmountInCents == CreditedCents + ReturnedCents + InReviewCents
                            && Items == Posted + PartiallyPosted + Returned + InReview + Duplicates + Reversed
                            && CountDifference is null or 0 && AmountDifference is null or 0;
}

/// <summary>
/// The day's reconciliation, computed from what became of every item: per file or batch (against its
/// control totals) and per facility. A difference is reported exactly, never hidden.
/// </summary>
public sealed class Reconciliation(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<ReconciliationRow>> ForDayAsync(DateOnly day, CancellationToken ct = default)
    {
        const string totals = """
            count(i.sequence),
            count(*) FILTER (WHERE i.outcome = 'posted'), count(*) FILTER (WHERE i.outcome = 'partially_posted'),
            count(*) FILTER (WHERE i.outcome = 'returned'), count(*) FILTER (WHERE i.outcome = 'in_review'),
            count(*) FILTER (WHERE i.outcome = 'duplicate'), count(*) FILTER (WHERE i.outcome = 'reversed'),
            coalesce(sum(i.amount_cents) FILTER (WHERE i.kind = 'deposit' AND i.outcome <> 'duplicate'), 0)::bigint,
            coalesce(sum(i.credited_cents), 0)::bigint, coalesce(sum(i.restitution_cents), 0)::bigint,
            coalesce(sum(i.returned_cents), 0)::bigint, coalesce(sum(i.in_review_cents), 0)::bigint,
            coalesce(sum(i.reversed_cents), 0)::bigint, coalesce(sum(i.fee_cents), 0)::bigint,
            coalesce(sum(i.amount_cents) FILTER (WHERE i.outcome = 'duplicate' OR i.kind = 'reversal'), 0)::bigint
            """;
        await using var cmd = db.CreateCommand($"""
            SELECT 'file', f.source || ' #' || f.id || ' ' || f.name, f.status, {totals}, f.declared_count, f.declared_amount_cents
            FROM intake_files f LEFT JOIN intake_items i ON i.file_id = f.id
            WHERE (f.received_at AT TIME ZONE 'UTC')::date = @day
            GROUP BY f.id ORDER BY f.id;
            SELECT 'facility', coalesce(i.facility_code, '(no facility)'), '', {totals}, NULL::bigint, NULL::bigint
            FROM intake_files f JOIN intake_items i ON i.file_id = f.id
            WHERE (f.received_at AT TIME ZONE 'UTC')::date = @day
            GROUP BY 2 ORDER BY 2;
            """);
        cmd.Parameters.AddWithValue("day", day);
        var rows = new List<ReconciliationRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        do
        {
            while (await r.ReadAsync(ct))
            {
                rows.Add(new ReconciliationRow(r.GetString(0), r.GetString(1), r.GetString(2),
                    r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9),
                    r.GetInt64(10), r.GetInt64(11), r.GetInt64(12), r.GetInt64(13), r.GetInt64(14), r.GetInt64(15), r.GetInt64(16),
                    r.IsDBNull(18) ? null : r.GetInt64(18), r.IsDBNull(19) ? null : r.GetInt64(19)) { DuplicateCents = r.GetInt64(17) });
            }
        } while (await r.NextResultAsync(ct));
        return rows;
    }
}
