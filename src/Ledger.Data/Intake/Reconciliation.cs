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

    /// <summary>Of the posted, partially posted and returned items, how many operations resolved by keying (they were in review).</summary>
    public long Keyed { get; init; }

    /// <summary>
    /// Money orders that went back with their amount unread and no amount recorded yet: a lockbox batch cannot balance against
    /// its declared total until operations record each from the mailroom's tape or the paper (<c>ledger review returned-amount</c>).
    /// </summary>
    public long ReturnedUnread { get; init; }

    /// <summary>Returns whose amount operations recorded that way (counted in and returned with it).</summary>
    public long ReturnAmountsKeyed { get; init; }

    public bool Balanced => AmountInCents == CreditedCents + ReturnedCents + InReviewCents
                            && Items == Posted + PartiallyPosted + Returned + InReview + Duplicates + Reversed
                            && CountDifference is null or 0 && AmountDifference is null or 0;
}

/// <summary>
/// One clearing account's day: what its counterparty (MoneyGram, the bank for deposited money orders, the card
/// processor) will settle by what intake, keying and card deposits recorded, against the account's net movement
/// in the ledger (debits less credits). The clearing account holds exactly what is owed to us, so the two agree.
/// </summary>
public sealed record ClearingRow(string Account, string Owner, string Currency,
    long DepositsCents, long ReversalsCents, long RefundsCents, long LedgerNetCents)
{
    /// <summary>Deposits less what the counterparty takes back (reversals) or pays out for us (refunds).</summary>
    public long SettlesCents => DepositsCents - ReversalsCents - RefundsCents;

    /// <summary>Positive: the ledger holds more than will be settled; negative: less.</summary>
    public long DifferenceCents => LedgerNetCents - SettlesCents;

    public bool Balanced => DifferenceCents == 0;
}

/// <summary>A business day's reconciliation: intake per file and per facility, and the clearing accounts.</summary>
public sealed record ReconciliationReport(DateOnly Date, IReadOnlyList<ReconciliationRow> Rows, IReadOnlyList<ClearingRow> Clearing)
{
    public bool Balanced => Rows.All(r => r.Balanced) && Clearing.All(c => c.Balanced);
}

/// <summary>
/// The day's reconciliation, computed from what became of every item: per file or batch (against its control
/// totals), per facility, and the ledger's clearing accounts against what will be settled. A difference is
/// reported exactly, never hidden.
/// </summary>
/// <remarks>
/// The business day is the UTC date: a file belongs to the day it was received; a clearing account's movement
/// to the day it was posted. What will be settled is dated by when its entry was posted (the file's receipt when
/// the entry is missing), so a file received just before midnight and posted just after is not a difference.
/// </remarks>
public sealed class Reconciliation(NpgsqlDataSource db)
{
    /// <summary>How long after its receipt a file's entries are still looked for (a job retried late, a backlog).</summary>
    public static readonly TimeSpan LatePostingWindow = TimeSpan.FromDays(3);

    public const string MoneyGramClearing = "moneygram_clearing";
    public const string LockboxClearing = "lockbox_clearing";
    public const string CardClearing = "card_clearing";

    public async Task<ReconciliationReport> ReportAsync(DateOnly day, CancellationToken ct = default) =>
        new(day, await ForDayAsync(day, ct), await ClearingAsync(day, ct));

    /// <summary>
    /// What became of each item of the day's files. An item left in review that operations resolved by keying
    /// counts as its resolution says (posted, partially posted or returned, with the resolution's cents): its
    /// intake row is never changed, so this is the one place the two are put together.
    /// </summary>
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
            coalesce(sum(i.amount_cents) FILTER (WHERE i.outcome = 'duplicate' OR i.kind = 'reversal'), 0)::bigint,
            count(*) FILTER (WHERE i.keyed),
            count(*) FILTER (WHERE i.awaits_amount), count(*) FILTER (WHERE i.amount_keyed)
            """;
        // The day's files, and their items as they stand now: resolved by keying or as intake recorded them, and a money
        // order that went back unread with the amount operations recorded for it (ReturnsDesk.KeyAmountAsync) as its amount,
        // all of it returned. Nothing else fills an unread amount: a difference left is shown whole.
        var dayItems = $"""
            WITH day_files AS (
                SELECT * FROM intake_files WHERE received_at >= @from AND received_at < @to
            ), resolved AS (
                SELECT f.source, i.file_id, i.sequence, i.kind, r.id IS NOT NULL AS keyed, m.amount_cents IS NOT NULL AS amount_keyed,
                       coalesce(rp.facility_code, i.facility_code) AS facility_code,
                       -- A MoneyGram reversal dismissed by operations changed nothing, as a duplicate: it counts with them.
                       CASE WHEN r.id IS NULL THEN i.outcome WHEN r.status = 'dismissed' THEN 'duplicate' ELSE coalesce(r.outcome, r.status) END AS outcome,
                       coalesce(m.amount_cents, CASE WHEN r.id IS NULL THEN i.amount_cents ELSE r.amount_cents END) AS amount_cents,
                       CASE WHEN r.id IS NULL THEN i.credited_cents ELSE r.credited_cents END AS credited_cents,
                       CASE WHEN r.id IS NULL THEN i.restitution_cents ELSE r.restitution_cents END AS restitution_cents,
                       coalesce(m.amount_cents, CASE WHEN r.id IS NULL THEN i.returned_cents ELSE r.returned_cents END) AS returned_cents,
                       CASE WHEN r.id IS NULL THEN i.fee_cents ELSE r.fee_cents END AS fee_cents,
                       CASE WHEN r.id IS NULL THEN i.in_review_cents ELSE 0 END AS in_review_cents,
                       CASE WHEN r.status = 'reversed' THEN r.amount_cents ELSE i.reversed_cents END AS reversed_cents
                FROM day_files f
                JOIN intake_items i ON i.file_id = f.id
                LEFT JOIN review_resolutions r ON i.outcome = 'in_review' AND r.file_id = i.file_id AND r.sequence = i.sequence
                                               AND r.status IN ('posted', 'returned', 'reversed', 'dismissed')
                LEFT JOIN people rp ON rp.person_number = r.person_number
                LEFT JOIN return_amounts m ON m.file_id = i.file_id AND m.sequence = i.sequence
            ), items AS (
                SELECT x.*, {ReturnsDesk.AwaitsAmountSql("x.source", "x.kind", "x.outcome", "x.amount_cents")} AS awaits_amount FROM resolved x
            )
            """;
        await using var cmd = db.CreateCommand($"""
            {dayItems}
            SELECT 'file', f.source || ' #' || f.id || ' ' || f.name, f.status, {totals}, f.declared_count, f.declared_amount_cents
            FROM day_files f LEFT JOIN items i ON i.file_id = f.id
            GROUP BY f.id, f.source, f.name, f.status, f.declared_count, f.declared_amount_cents ORDER BY f.id;
            {dayItems}
            SELECT 'facility', coalesce(i.facility_code, '(no facility)'), '', {totals}, NULL::bigint, NULL::bigint
            FROM items i
            GROUP BY 2 ORDER BY 2;
            """);
        var (from, to) = Bounds(day);
        cmd.Parameters.AddWithValue("from", from);
        cmd.Parameters.AddWithValue("to", to);
        var rows = new List<ReconciliationRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        do
        {
            while (await r.ReadAsync(ct))
            {
                rows.Add(new ReconciliationRow(r.GetString(0), r.GetString(1), r.GetString(2),
                    r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9),
                    r.GetInt64(10), r.GetInt64(11), r.GetInt64(12), r.GetInt64(13), r.GetInt64(14), r.GetInt64(15), r.GetInt64(16),
                    r.IsDBNull(21) ? null : r.GetInt64(21), r.IsDBNull(22) ? null : r.GetInt64(22))
                { DuplicateCents = r.GetInt64(17), Keyed = r.GetInt64(18), ReturnedUnread = r.GetInt64(19), ReturnAmountsKeyed = r.GetInt64(20) });
            }
        } while (await r.NextResultAsync(ct));
        return rows;
    }

    /// <summary>The UTC instants a business day runs between.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Bounds(DateOnly day)
    {
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return (from, from.AddDays(1));
    }

    /// <summary>
    /// Each clearing account's movement on the day against what will be settled. MoneyGram settles every send
    /// whose entry posted (amount and fee, returned ones too: we refund them), less the sends it reversed and
    /// the refunds we had it pay back; the bank settles the money orders deposited (intake or keyed); the card
    /// processor what each card deposit and each family's e-mail stamps charged, less the stamps it refunded. Items in
    /// review moved no money and are not counted. Every component is read from typed columns, never from a details JSON.
    /// </summary>
    public async Task<IReadOnlyList<ClearingRow>> ClearingAsync(DateOnly day, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = await ClearingCommandAsync(conn, day, ct);
        var rows = new List<ClearingRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new ClearingRow(r.GetString(0), r.GetString(1), r.GetString(2).Trim(), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6)));
        return rows;
    }

    /// <summary>The query of <see cref="ClearingAsync"/> for <paramref name="day"/> on <paramref name="conn"/>, with its parameters (a test reads its plan).</summary>
    public static async Task<NpgsqlCommand> ClearingCommandAsync(NpgsqlConnection conn, DateOnly day, CancellationToken ct = default)
    {
        var (from, to) = Bounds(day);
        // Card deposits live in the API's schema, which a database used only by intake may not have.
        bool cards;
        await using (var probe = new NpgsqlCommand("SELECT to_regclass('api.card_deposits') IS NOT NULL", conn))
            cards = await probe.ExecuteScalarAsync(ct) is true;
        // api.card_deposits by created_at alone: its BRIN index (round 14) finds the window's pages.
        var cardDeposits = cards
            ? """
              UNION ALL
              SELECT 'card_clearing', d.facility_code, 'deposits', d.amount_cents + d.fee_cents
              FROM api.card_deposits d LEFT JOIN journal_entries e ON e.idempotency_key = d.journal_key
              WHERE d.created_at >= @window AND d.created_at < @to AND coalesce(e.recorded_at, d.created_at) >= @from AND coalesce(e.recorded_at, d.created_at) < @to
              UNION ALL
              -- E-mail stamps a family paid by card: the processor settles the charge, and takes back a rejected message's refund.
              SELECT 'card_clearing', m.facility_code, 'deposits', m.stamps * m.stamp_price_cents
              FROM api.messages m JOIN journal_entries e ON e.id = m.charge_entry_id
              WHERE m.paid_by = 'family_card' AND e.recorded_at >= @from AND e.recorded_at < @to
              UNION ALL
              SELECT 'card_clearing', m.facility_code, 'refunds', m.stamps * m.stamp_price_cents
              FROM api.messages m JOIN journal_entries e ON e.id = m.refund_entry_id
              WHERE m.paid_by = 'family_card' AND e.recorded_at >= @from AND e.recorded_at < @to
              """
            : "";
        var cmd = new NpgsqlCommand($"""
            WITH expected (account, owner, component, cents) AS (
                SELECT CASE f.source WHEN 'moneygram' THEN 'moneygram_clearing' ELSE 'lockbox_clearing' END, '',
                       CASE i.kind WHEN 'reversal' THEN 'reversals' ELSE 'deposits' END,
                       -- A reversal takes back its principal and what it gives back of the fee (fee_refunded_cents).
                       CASE i.kind WHEN 'reversal' THEN i.amount_cents + i.fee_refunded_cents
                                   ELSE i.amount_cents + i.fee_cents + i.fee_refunded_cents END
                FROM intake_files f
                JOIN intake_items i ON i.file_id = f.id
                LEFT JOIN journal_entries e ON e.id = i.entry_id
                WHERE f.received_at >= @window AND f.received_at < @to
                  AND i.entry_id IS NOT NULL AND i.outcome IN ('posted', 'partially_posted', 'returned', 'reversed')
                  AND coalesce(e.recorded_at, f.received_at) >= @from AND coalesce(e.recorded_at, f.received_at) < @to
                UNION ALL
                SELECT CASE f.source WHEN 'moneygram' THEN 'moneygram_clearing' ELSE 'lockbox_clearing' END, '', 'deposits',
                       r.credited_cents + r.returned_cents + r.fee_cents
                FROM review_resolutions r
                JOIN intake_files f ON f.id = r.file_id
                LEFT JOIN journal_entries e ON e.id = r.entry_id
                WHERE r.status = 'posted' AND r.entry_id IS NOT NULL
                  AND coalesce(e.recorded_at, r.approved_at, r.keyed_at) >= @from AND coalesce(e.recorded_at, r.approved_at, r.keyed_at) < @to
                UNION ALL
                -- A reversal operations applied from the keying queue.
                SELECT 'moneygram_clearing', '', 'reversals', i.amount_cents + i.fee_refunded_cents
                FROM review_resolutions r
                JOIN intake_items i ON i.file_id = r.file_id AND i.sequence = r.sequence
                LEFT JOIN journal_entries e ON e.id = r.entry_id
                WHERE r.status = 'reversed' AND r.entry_id IS NOT NULL
                  AND coalesce(e.recorded_at, r.approved_at, r.keyed_at) >= @from AND coalesce(e.recorded_at, r.approved_at, r.keyed_at) < @to
                UNION ALL
                -- MoneyGram pays a refund back to its sender out of what it settles (see ReturnsDesk).
                SELECT 'moneygram_clearing', '', 'refunds', {ReturnsDesk.PayableSql("coalesce(r.entry_id, i.entry_id)")}
                FROM return_dispositions d
                JOIN intake_files f ON f.id = d.file_id AND f.source = 'moneygram'
                JOIN intake_items i ON i.file_id = d.file_id AND i.sequence = d.sequence
                LEFT JOIN review_resolutions r ON r.file_id = d.file_id AND r.sequence = d.sequence AND r.status IN ('posted', 'returned')
                LEFT JOIN journal_entries e ON e.id = d.entry_id
                WHERE d.status = 'refunded' AND coalesce(e.recorded_at, d.at) >= @from AND coalesce(e.recorded_at, d.at) < @to
                {cardDeposits}
                UNION ALL
                -- Card refunds and chargebacks (issue #14): the processor takes the whole charge back.
                SELECT 'card_clearing', c.facility_code, 'reversals', c.amount_cents + c.fee_cents
                FROM card_payments c JOIN journal_entries e ON e.id = c.reversal_entry_id
                WHERE e.recorded_at >= @from AND e.recorded_at < @to
            ), settles AS (
                SELECT account, owner,
                       coalesce(sum(cents) FILTER (WHERE component = 'deposits'), 0)::bigint AS deposits,
                       coalesce(sum(cents) FILTER (WHERE component = 'reversals'), 0)::bigint AS reversals,
                       coalesce(sum(cents) FILTER (WHERE component = 'refunds'), 0)::bigint AS refunds
                FROM expected GROUP BY account, owner
            ), moved AS (
                -- Debits less credits: what the counterparty owes us for the day.
                SELECT a.kind AS account, CASE a.owner_type WHEN 'company' THEN '' ELSE a.owner_code END AS owner, a.currency,
                       -sum(p.amount_cents)::bigint AS net
                FROM accounts a JOIN postings p ON p.account_id = a.id AND p.posted_at >= @from AND p.posted_at < @to
                WHERE a.kind IN ('moneygram_clearing', 'lockbox_clearing', 'card_clearing')
                  -- What a counterparty settled (issue #14, Ledger.Data/Settlements) empties the account: not the day's movement.
                  AND NOT EXISTS (SELECT 1 FROM journal_entries s WHERE s.id = p.entry_id AND s.source = 'settlement')
                GROUP BY 1, 2, 3
            ), always (account, owner) AS (VALUES ('moneygram_clearing', ''), ('lockbox_clearing', ''))
            SELECT k.account, k.owner, coalesce(m.currency, 'USD'), coalesce(s.deposits, 0), coalesce(s.reversals, 0), coalesce(s.refunds, 0),
                   coalesce(m.net, 0)
            FROM (SELECT account, owner FROM settles UNION SELECT account, owner FROM moved UNION SELECT account, owner FROM always) k
            LEFT JOIN settles s ON s.account = k.account AND s.owner = k.owner
            LEFT JOIN moved m ON m.account = k.account AND m.owner = k.owner
            ORDER BY k.account DESC, k.owner
            """, conn);
        cmd.Parameters.AddWithValue("from", from);
        cmd.Parameters.AddWithValue("to", to);
        cmd.Parameters.AddWithValue("window", from - LatePostingWindow);
        return cmd;
    }
}
