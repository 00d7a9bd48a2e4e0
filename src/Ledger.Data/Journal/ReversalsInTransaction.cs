using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Data.Journal;

/// <summary>
/// Posts reversals of entries the caller's open transaction has just posted (a MoneyGram send and its reversal in one
/// intake chunk): <see cref="JournalStore.PostBatchAsync(IReadOnlyList{JournalEntry}, WriteAlongside?, CancellationToken)"/>
/// checks a reversal's original before it posts, which it cannot do for an original that has no id yet. The caller knows
/// these originals exist, are not reversals and are reversed by nothing else. The database still refuses what it always
/// refuses (an unbalanced entry, a person's balance below zero, a second reversal of one entry): that error ends the
/// caller's transaction, which then must roll back.
/// </summary>
public static class ReversalsInTransaction
{
    /// <summary>
    /// One statement: the entries (none whose key exists), their lines on the accounts their originals used, people's stored
    /// balances. Returns each entry's new id, or null where its idempotency key was posted before (nothing of it written).
    /// The caller counts them in <see cref="Telemetry.LedgerMetrics"/> once its transaction has committed.
    /// </summary>
    public static async Task<long?[]> PostAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<JournalEntry> reversals, CancellationToken ct)
    {
        if (reversals.Count == 0) return [];
        if (reversals.Any(r => r.Reverses is null)) throw new ArgumentException("Only reversals post here.", nameof(reversals));
        var lines = reversals.SelectMany(e => e.Postings.Select((p, n) => (e.IdempotencyKey, Line: (short)(n + 1), p))).ToArray();
        await using var cmd = new NpgsqlCommand("""
            WITH entry AS (
                INSERT INTO journal_entries (idempotency_key, source, description, effective_at, reverses_entry_id)
                SELECT * FROM unnest(@keys, @sources, @descriptions, @effective_at, @reverses)
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id, idempotency_key
            ), lines AS (
                -- The accounts exist: the originals posted to them in this transaction.
                INSERT INTO postings (entry_id, line_number, account_id, amount_cents, currency, personal)
                SELECT entry.id, l.line_number, a.id, l.amount_cents, l.currency, a.owner_type = 'person'
                FROM unnest(@line_keys, @line_numbers, @owner_types, @owner_codes, @kinds, @amounts, @currencies)
                         AS l(idempotency_key, line_number, owner_type, owner_code, kind, amount_cents, currency)
                JOIN entry USING (idempotency_key)
                JOIN accounts a ON a.owner_type = l.owner_type AND a.owner_code = l.owner_code AND a.kind = l.kind AND a.currency = l.currency
                RETURNING account_id, amount_cents
            ), balances AS (
                UPDATE accounts a SET balance_cents = a.balance_cents + d.delta
                FROM (SELECT account_id, sum(amount_cents) AS delta FROM lines GROUP BY account_id) d
                WHERE a.id = d.account_id AND a.owner_type = 'person'
                RETURNING a.id
            )
            SELECT idempotency_key, id, (SELECT count(*) FROM lines), (SELECT count(*) FROM balances) FROM entry
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("keys", reversals.Select(r => r.IdempotencyKey).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("sources", reversals.Select(r => r.Source).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("descriptions", reversals.Select(r => r.Description).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<DateTime[]>("effective_at", reversals.Select(r => r.EffectiveAt.UtcDateTime).ToArray())
            { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("reverses", reversals.Select(r => r.Reverses!.Value.Value).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("line_keys", lines.Select(l => l.IdempotencyKey).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<short[]>("line_numbers", lines.Select(l => l.Line).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("owner_types", lines.Select(l => l.p.Account.Owner.TypeCode).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("owner_codes", lines.Select(l => l.p.Account.Owner.Code).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("kinds", lines.Select(l => l.p.Account.Kind.ToCode()).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("amounts", lines.Select(l => l.p.Amount.MinorUnits).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter("currencies", NpgsqlDbType.Array | NpgsqlDbType.Char) { Value = lines.Select(l => l.p.Amount.Currency.Code).ToArray() });

        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        long written = 0;
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                ids[reader.GetString(0)] = reader.GetInt64(1);
                written = reader.GetInt64(2);
            }
        }
        var expected = reversals.Where(r => ids.ContainsKey(r.IdempotencyKey)).Sum(r => r.Postings.Count);
        // A line whose account was not found would leave its entry short: never commit that.
        if (written != expected)
            throw new InvalidOperationException($"Reversals wrote {written} lines of {expected}: an account of an original was not found.");
        return reversals.Select(r => ids.TryGetValue(r.IdempotencyKey, out var id) ? id : (long?)null).ToArray();
    }
}
