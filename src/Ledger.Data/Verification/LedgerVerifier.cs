using Npgsql;

namespace Ledger.Data.Verification;

public sealed record VerificationCheck(string Name, string Rule, bool Passed, long Violations, IReadOnlyList<string> Examples);

public sealed record VerificationReport(IReadOnlyList<VerificationCheck> Checks, long Entries, long Postings, long Accounts)
{
    public bool Passed => Checks.All(c => c.Passed);
}

/// <summary>Checks the whole ledger against its laws. Each check counts violations and shows a few.</summary>
public sealed class LedgerVerifier(NpgsqlDataSource db)
{
    private sealed record Check(string Name, string Rule, string Sql);

    private static readonly Check[] Checks =
    [
        new("entries_balanced", "every entry's lines sum to zero per currency", """
            SELECT format('entry %s: %s lines sum to %s', entry_id, currency, sum(amount_cents))
            FROM postings GROUP BY entry_id, currency HAVING sum(amount_cents) <> 0
            """),
        new("entries_have_lines", "every entry has at least two lines", """
            SELECT format('entry %s (%s) has %s line(s)', e.id, e.idempotency_key, count(p.entry_id))
            FROM journal_entries e LEFT JOIN postings p ON p.entry_id = e.id
            GROUP BY e.id, e.idempotency_key HAVING count(p.entry_id) < 2
            """),
        new("ledger_sums_to_zero", "the sum of all postings is zero per currency", """
            SELECT format('%s: all postings sum to %s', currency, sum(amount_cents))
            FROM postings GROUP BY currency HAVING sum(amount_cents) <> 0
            """),
        new("line_currency_matches_account", "every line is in its account's currency", """
            SELECT format('entry %s line %s: %s on account %s', p.entry_id, p.line_number, p.currency, coalesce(a.currency, 'that does not exist'))
            FROM postings p LEFT JOIN accounts a ON a.id = p.account_id WHERE a.id IS NULL OR a.currency <> p.currency
            """),
        new("lines_have_entries", "every line belongs to an entry", """
            SELECT format('entry %s line %s has no entry', p.entry_id, p.line_number)
            FROM postings p LEFT JOIN journal_entries e ON e.id = p.entry_id WHERE e.id IS NULL
            """),
        new("reversals_point_at_entries", "a reversal undoes an existing entry that is not itself a reversal", """
            SELECT format('entry %s reverses entry %s, which %s', r.id, r.reverses_entry_id, CASE WHEN o.id IS NULL THEN 'does not exist' ELSE 'is a reversal' END)
            FROM journal_entries r LEFT JOIN journal_entries o ON o.id = r.reverses_entry_id
            WHERE r.reverses_entry_id IS NOT NULL AND (o.id IS NULL OR o.reverses_entry_id IS NOT NULL)
            """),
        new("stored_balances_match", "each person's stored balance equals the sum of its postings", """
            SELECT format('account %s (%s %s %s): stored %s, postings sum to %s', a.id, a.owner_type, a.owner_code, a.kind, a.balance_cents, coalesce(s.total, 0))
            FROM accounts a LEFT JOIN (SELECT account_id, sum(amount_cents) AS total FROM postings GROUP BY account_id) s ON s.account_id = a.id
            WHERE a.owner_type = 'person' AND a.balance_cents <> coalesce(s.total, 0)
            """),
        new("people_not_negative", "no person's account is below zero", """
            SELECT format('account %s (%s %s): %s', a.id, a.owner_code, a.kind, coalesce(s.total, 0))
            FROM accounts a LEFT JOIN (SELECT account_id, sum(amount_cents) AS total FROM postings GROUP BY account_id) s ON s.account_id = a.id
            WHERE a.owner_type = 'person' AND (a.balance_cents < 0 OR coalesce(s.total, 0) < 0)
            """),
        new("reversals_mirror_originals", "a reversal undoes its original exactly, line for line", """
            SELECT format('reversal %s of entry %s leaves %s on account %s', r.id, r.reverses_entry_id, sum(p.amount_cents), p.account_id)
            FROM journal_entries r JOIN postings p ON p.entry_id IN (r.id, r.reverses_entry_id)
            WHERE r.reverses_entry_id IS NOT NULL
            GROUP BY r.id, r.reverses_entry_id, p.account_id HAVING sum(p.amount_cents) <> 0
            """),
    ];

    public async Task<VerificationReport> VerifyAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        // One snapshot for every check, so concurrent posting cannot make them disagree.
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var results = new List<VerificationCheck>();
        foreach (var check in Checks)
        {
            await using var cmd = new NpgsqlCommand($"SELECT count(*) OVER (), v FROM ({check.Sql}) AS x(v) LIMIT 5", conn, tx);
            var examples = new List<string>();
            long count = 0;
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    count = reader.GetInt64(0);
                    examples.Add(reader.GetString(1));
                }
            }
            results.Add(new VerificationCheck(check.Name, check.Rule, count == 0, count, examples));
        }

        await using var totals = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM journal_entries), (SELECT count(*) FROM postings), (SELECT count(*) FROM accounts)", conn, tx);
        await using var r = await totals.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new VerificationReport(results, r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
    }
}
