using Npgsql;

namespace Ledger.Data.Settlements;

/// <summary>
/// An item a clearing account still holds (its entry's lines on the account; positive = owed to us), a part of a lockbox batch's
/// deposit already paid while the batch is not settled (negative), or a bank line.
/// </summary>
public sealed record OpenItem(string Account, string Owner, long EntryId, string Key, DateTimeOffset PostedAt, long Cents);

/// <summary>A clearing account: what it holds against the items not settled yet. Zero once everything it holds settled.</summary>
public sealed record ClearingStatus(string Account, string Owner, long BalanceCents, long UnsettledCents, IReadOnlyList<OpenItem> Unsettled)
{
    /// <summary>Non-zero only if a line on the account belongs to no deposit and no settlement: a stray posting.</summary>
    public long DifferenceCents => BalanceCents - UnsettledCents;
}

public sealed record UnmatchedItem(string Kind, string File, int Line, string Type, string Reference, long NetCents, long? LedgerCents, string? Reason);

/// <summary>
/// Ties the ledger's bank account to the statements: ledger balance = statement closing − first opening − unmatched
/// statement lines − unmatched items of payouts the bank paid in full + ledger bank items no statement has shown yet.
/// </summary>
public sealed record BankTie(long LedgerCents, long? FirstOpeningCents, long? LastClosingCents, long UnmatchedStatementCents, long UnmatchedInPaidPayoutsCents,
    IReadOnlyList<OpenItem> Outstanding)
{
    public long OutstandingCents => Outstanding.Sum(o => o.Cents);

    public long? DifferenceCents => LastClosingCents is { } closing
        ? LedgerCents - (closing - (FirstOpeningCents ?? 0) - UnmatchedStatementCents - UnmatchedInPaidPayoutsCents + OutstandingCents)
        : null;
}

public sealed record SettlementStatusReport(IReadOnlyList<ClearingStatus> Clearing, IReadOnlyList<UnmatchedItem> Unmatched, BankTie Bank)
{
    public bool AllSettled => Clearing.All(c => c.BalanceCents == 0) && Unmatched.Count == 0 && Bank.DifferenceCents is 0 && Bank.Outstanding.Count == 0;
}

/// <summary>Where settlement stands: each clearing account and the items it still holds, everything unmatched, the bank tie-out.</summary>
public sealed class SettlementStatus(NpgsqlDataSource db)
{
    // Entries settled: matched by a card or MoneyGram item, or belonging to a lockbox batch a statement deposit matched whole
    // (lockbox:<batch>: one deposit of all of it, or the part that completed it; a part before that is lockbox-part:<batch>:<n>).
    private const string SettledEntries = """
        settled AS (
            SELECT substring(matched_ref FROM 7)::bigint AS entry_id FROM settlement_items WHERE status = 'matched' AND matched_ref LIKE 'entry:%'
            UNION
            SELECT i.entry_id FROM settlement_items s JOIN intake_items i ON i.file_id = substring(s.matched_ref FROM 9)::bigint
            WHERE s.status = 'matched' AND s.matched_ref LIKE 'lockbox:%' AND i.entry_id IS NOT NULL
            UNION
            SELECT r.entry_id FROM settlement_items s JOIN review_resolutions r ON r.file_id = substring(s.matched_ref FROM 9)::bigint
            WHERE s.status = 'matched' AND s.matched_ref LIKE 'lockbox:%' AND r.entry_id IS NOT NULL AND r.status = 'posted'
        )
        """;

    public async Task<SettlementStatusReport> ReportAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);

        var balances = new List<(string Account, string Owner, long Cents)>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT a.kind, a.owner_code, coalesce(-sum(p.amount_cents), 0)::bigint FROM accounts a LEFT JOIN postings p ON p.account_id = a.id
            WHERE a.kind IN ('card_clearing','moneygram_clearing','lockbox_clearing') GROUP BY 1, 2 ORDER BY 1, 2
            """, conn, tx))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) balances.Add((r.GetString(0), r.GetString(1), r.GetInt64(2)));

        var open = new List<OpenItem>();
        await using (var cmd = new NpgsqlCommand($"""
            WITH {SettledEntries}
            SELECT a.kind, a.owner_code, e.id, e.idempotency_key, e.recorded_at, -sum(p.amount_cents)::bigint
            FROM accounts a JOIN postings p ON p.account_id = a.id JOIN journal_entries e ON e.id = p.entry_id
            WHERE a.kind IN ('card_clearing','moneygram_clearing','lockbox_clearing') AND e.source <> 'settlement'
              AND NOT EXISTS (SELECT 1 FROM settled s WHERE s.entry_id = e.id)
            GROUP BY 1, 2, 3, 4, 5 HAVING sum(p.amount_cents) <> 0 ORDER BY 1, 2, 3
            """, conn, tx))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                open.Add(new OpenItem(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4), r.GetInt64(5)));
        // A batch deposited in part: its entries stay open (above) and each part the bank has paid so far shows against them, so
        // the account's balance is what is still to come. Once a part completes the deposit (lockbox:<batch>) all of it is settled.
        await using (var cmd = new NpgsqlCommand("""
            SELECT a.kind, a.owner_code, f.entry_id, s.reason || ': ' || f.name || ' line ' || s.line_number, e.recorded_at, -s.gross_cents
            FROM settlement_items s JOIN settlement_files f ON f.id = s.file_id JOIN journal_entries e ON e.id = f.entry_id
            JOIN LATERAL (SELECT a.kind, a.owner_code FROM postings p JOIN accounts a ON a.id = p.account_id
                          WHERE p.entry_id = f.entry_id AND a.kind = 'lockbox_clearing' LIMIT 1) a ON true
            WHERE s.status = 'matched' AND s.matched_ref LIKE 'lockbox-part:%'
              AND NOT EXISTS (SELECT 1 FROM settlement_items w WHERE w.status = 'matched' AND w.matched_ref = 'lockbox:' || split_part(s.matched_ref, ':', 2))
            ORDER BY f.id, s.line_number
            """, conn, tx))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                open.Add(new OpenItem(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4), r.GetInt64(5)));
        var clearing = balances.Select(b =>
        {
            var items = open.Where(o => o.Account == b.Account && o.Owner == b.Owner).ToList();
            return new ClearingStatus(b.Account, b.Owner, b.Cents, items.Sum(i => i.Cents), items);
        }).ToList();

        var unmatched = new List<UnmatchedItem>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT f.kind, f.name, i.line_number, i.item_type, i.reference, i.net_cents, i.ledger_cents, i.reason
            FROM settlement_items i JOIN settlement_files f ON f.id = i.file_id WHERE i.status = 'unmatched' ORDER BY f.id, i.line_number
            """, conn, tx))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                unmatched.Add(new UnmatchedItem(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetString(4), r.GetInt64(5),
                    r.IsDBNull(6) ? null : r.GetInt64(6), r.IsDBNull(7) ? null : r.GetString(7)));

        long ledgerBank;
        await using (var cmd = new NpgsqlCommand("""
            SELECT coalesce(-sum(p.amount_cents), 0)::bigint FROM accounts a JOIN postings p ON p.account_id = a.id WHERE a.kind = 'bank' AND a.owner_type = 'company'
            """, conn, tx))
            ledgerBank = (long)(await cmd.ExecuteScalarAsync(ct))!;
        long? opening = null, closing = null;
        await using (var cmd = new NpgsqlCommand("""
            SELECT (SELECT opening_cents FROM settlement_files WHERE kind = 'bank_statement' ORDER BY business_date, id LIMIT 1),
                   (SELECT closing_cents FROM settlement_files WHERE kind = 'bank_statement' ORDER BY business_date DESC, id DESC LIMIT 1)
            """, conn, tx))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            await r.ReadAsync(ct);
            opening = r.IsDBNull(0) ? null : r.GetInt64(0);
            closing = r.IsDBNull(1) ? null : r.GetInt64(1);
        }
        var unmatchedStatement = unmatched.Where(u => u.Kind == SettlementKinds.BankStatement).Sum(u => u.NetCents);
        long unmatchedInPaid;
        await using (var cmd = new NpgsqlCommand("""
            SELECT coalesce(sum(i.net_cents), 0)::bigint FROM settlement_items i
            WHERE i.status = 'unmatched' AND EXISTS (SELECT 1 FROM settlement_items b WHERE b.status = 'matched' AND b.matched_ref = 'settlement:' || i.file_id)
            """, conn, tx))
            unmatchedInPaid = (long)(await cmd.ExecuteScalarAsync(ct))!;
        // Ledger bank lines no statement line has matched: settlements whose payout has not shown on a statement, checks not cleared.
        var outstanding = new List<OpenItem>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT 'bank', '', e.id, e.idempotency_key, e.recorded_at, -sum(p.amount_cents)::bigint
            FROM accounts a JOIN postings p ON p.account_id = a.id JOIN journal_entries e ON e.id = p.entry_id
            WHERE a.kind = 'bank' AND a.owner_type = 'company'
              AND NOT EXISTS (SELECT 1 FROM settlement_files f WHERE f.entry_id = e.id AND (f.kind = 'bank_statement'
                   OR EXISTS (SELECT 1 FROM settlement_items b WHERE b.status = 'matched' AND b.matched_ref = 'settlement:' || f.id)))
              -- A check the bank paid, or a voided one with its reversal (the two cancel out).
              AND NOT EXISTS (SELECT 1 FROM disbursements d WHERE (d.entry_id = e.id OR d.void_entry_id = e.id)
                   AND (d.status = 'voided' OR EXISTS (SELECT 1 FROM settlement_items b WHERE b.status = 'matched' AND b.matched_ref = 'check:' || d.check_number)))
            GROUP BY 1, 2, 3, 4, 5 HAVING sum(p.amount_cents) <> 0 ORDER BY 3
            """, conn, tx))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                outstanding.Add(new OpenItem(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4), r.GetInt64(5)));
        await tx.CommitAsync(ct);
        return new SettlementStatusReport(clearing, unmatched, new BankTie(ledgerBank, opening, closing, unmatchedStatement, unmatchedInPaid, outstanding));
    }
}
