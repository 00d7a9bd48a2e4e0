using System.Collections.Concurrent;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Data.Journal;

/// <summary>
/// Turns account keys into database ids, opening accounts on first use. Ids never change, so they
/// are cached for the life of the process; unknown keys cost one round trip per call, not per key.
/// </summary>
public sealed class AccountDirectory(NpgsqlDataSource db)
{
    private readonly ConcurrentDictionary<AccountKey, AccountId> _ids = new();

    public async Task<IReadOnlyDictionary<AccountKey, AccountId>> ResolveAsync(IEnumerable<AccountKey> keys, CancellationToken ct = default)
    {
        var wanted = keys as IReadOnlyCollection<AccountKey> ?? keys.ToList();
        // A key opened by a concurrent caller between our snapshot and our insert shows up on the next pass.
        for (var attempt = 1; ; attempt++)
        {
            var result = await TryResolveAsync(wanted, ct);
            if (result is not null) return result;
            if (attempt == 3) throw new InvalidOperationException("Accounts could not be opened after 3 attempts.");
        }
    }

    private async Task<Dictionary<AccountKey, AccountId>?> TryResolveAsync(IEnumerable<AccountKey> keys, CancellationToken ct)
    {
        var result = new Dictionary<AccountKey, AccountId>();
        var missing = new HashSet<AccountKey>();
        foreach (var key in keys)
        {
            if (result.ContainsKey(key)) continue;
            if (_ids.TryGetValue(key, out var id)) result[key] = id;
            else missing.Add(key);
        }
        if (missing.Count == 0) return result;

        await using var cmd = db.CreateCommand("""
            WITH wanted AS (
                SELECT * FROM unnest(@owner_types, @owner_codes, @kinds, @currencies) AS w(owner_type, owner_code, kind, currency)
            ), opened AS (
                INSERT INTO accounts (owner_type, owner_code, kind, currency, balance_cents)
                SELECT owner_type, owner_code, kind, currency, 0 FROM wanted
                ON CONFLICT (owner_type, owner_code, kind, currency) DO NOTHING
                RETURNING id, owner_type, owner_code, kind, currency
            )
            SELECT id, owner_type, owner_code, kind, currency FROM opened
            UNION ALL
            SELECT a.id, a.owner_type, a.owner_code, a.kind, a.currency
            FROM accounts a JOIN wanted w USING (owner_type, owner_code, kind, currency)
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("owner_types", missing.Select(k => k.Owner.TypeCode).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("owner_codes", missing.Select(k => k.Owner.Code).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("kinds", missing.Select(k => k.Kind.ToCode()).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter("currencies", NpgsqlDbType.Array | NpgsqlDbType.Char) { Value = missing.Select(k => k.Currency.Code).ToArray() });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var key = new AccountKey(
                new AccountOwner(AccountOwner.ParseType(reader.GetString(1)), reader.GetString(2)),
                AccountKinds.Parse(reader.GetString(3)),
                Currency.FromCode(reader.GetString(4).TrimEnd()));
            var id = new AccountId(reader.GetInt64(0));
            _ids[key] = id;
            result[key] = id;
        }

        return missing.All(result.ContainsKey) ? result : null;
    }

    public async Task<AccountId> ResolveAsync(AccountKey key, CancellationToken ct = default) =>
        (await ResolveAsync([key], ct))[key];

    /// <summary>Looks an account up without opening it.</summary>
    public async Task<AccountId?> FindAsync(AccountKey key, CancellationToken ct = default)
    {
        if (_ids.TryGetValue(key, out var cached)) return cached;
        await using var cmd = db.CreateCommand(
            "SELECT id FROM accounts WHERE owner_type = @t AND owner_code = @c AND kind = @k AND currency = @cur");
        cmd.Parameters.AddWithValue("t", key.Owner.TypeCode);
        cmd.Parameters.AddWithValue("c", key.Owner.Code);
        cmd.Parameters.AddWithValue("k", key.Kind.ToCode());
        cmd.Parameters.AddWithValue("cur", key.Currency.Code);
        var id = await cmd.ExecuteScalarAsync(ct);
        if (id is not long value) return null;
        _ids[key] = new AccountId(value);
        return new AccountId(value);
    }
}
