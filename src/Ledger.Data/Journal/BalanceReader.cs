using Ledger.Domain;
using Ledger.Domain.Accounts;
using Npgsql;

namespace Ledger.Data.Journal;

/// <summary>One journal line as a statement shows it, with the balance after it.</summary>
public sealed record StatementLine(
    long EntryId, string IdempotencyKey, string Source, string Description,
    DateTimeOffset PostedAt, DateTimeOffset EffectiveAt, Money Amount, Money BalanceAfter, long? ReversesEntryId);

public sealed record AccountStatement(AccountKey Account, DateTimeOffset From, DateTimeOffset To,
    Money Opening, IReadOnlyList<StatementLine> Lines, Money Closing);

/// <summary>Balances now and at any past instant, and the lines behind them.</summary>
public sealed class BalanceReader(NpgsqlDataSource db, AccountDirectory accounts)
{
    /// <summary>The balance after every line posted at or before <paramref name="at"/> (now when null).</summary>
    public async Task<Money> BalanceAsync(AccountKey key, DateTimeOffset? at = null, CancellationToken ct = default)
    {
        var id = await accounts.FindAsync(key, ct);
        if (id is null) return Money.Zero(key.Currency);
        await using var cmd = db.CreateCommand(at is null
            ? $"SELECT coalesce(sum(amount_cents), 0)::bigint FROM postings WHERE account_id = @id{PeopleIndex(key)}"
            : $"SELECT coalesce(sum(amount_cents), 0)::bigint FROM postings WHERE account_id = @id AND posted_at <= @at{PeopleIndex(key)}");
        cmd.Parameters.AddWithValue("id", id.Value.Value);
        if (at is not null) cmd.Parameters.AddWithValue("at", at.Value.ToUniversalTime());
        return new Money((long)(await cmd.ExecuteScalarAsync(ct))!, key.Currency);
    }

    /// <summary>
    /// Only people's lines are indexed by (account, time): saying so lets PostgreSQL use that partial index.
    /// A system account's lines are summed by scan (rare: verification, trial balances).
    /// </summary>
    public static string PeopleIndex(AccountKey key, string alias = "") => key.IsPersonal ? $" AND {alias}personal" : "";

    /// <summary>Every person's stored balance in accounts of one kind, by person number.</summary>
    public async Task<IReadOnlyDictionary<string, long>> PersonBalancesAsync(AccountKind kind, CancellationToken ct = default)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var cmd = db.CreateCommand("SELECT owner_code, balance_cents FROM accounts WHERE owner_type = 'person' AND kind = @kind");
        cmd.Parameters.AddWithValue("kind", kind.ToCode());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result[reader.GetString(0)] = reader.GetInt64(1);
        return result;
    }

    /// <summary>Opening balance at <paramref name="from"/> (exclusive), each line in (from, to], closing balance.</summary>
    public async Task<AccountStatement> StatementAsync(AccountKey key, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var id = await accounts.FindAsync(key, ct);
        var opening = await BalanceAsync(key, from, ct);
        var lines = new List<StatementLine>();
        var running = opening;
        if (id is not null)
        {
            await using var cmd = db.CreateCommand($$"""
                SELECT e.id, e.idempotency_key, e.source, e.description, p.posted_at, e.effective_at, p.amount_cents, e.reverses_entry_id
                FROM postings p JOIN journal_entries e ON e.id = p.entry_id
                WHERE p.account_id = @id AND p.posted_at > @from AND p.posted_at <= @to{{PeopleIndex(key, "p.")}}
                ORDER BY p.posted_at, p.entry_id, p.line_number
                """);
            cmd.Parameters.AddWithValue("id", id.Value.Value);
            cmd.Parameters.AddWithValue("from", from.ToUniversalTime());
            cmd.Parameters.AddWithValue("to", to.ToUniversalTime());
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var amount = new Money(reader.GetInt64(6), key.Currency);
                running += amount;
                lines.Add(new StatementLine(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5), amount, running,
                    reader.IsDBNull(7) ? null : reader.GetInt64(7)));
            }
        }
        return new AccountStatement(key, from, to, opening, lines, running);
    }
}
