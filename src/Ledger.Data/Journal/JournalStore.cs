using Ledger.Data.Schema;
using Ledger.Data.Telemetry;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Data.Journal;

/// <summary>
/// Writes journal entries. Both paths rely on the database for the rules that must hold under
/// concurrency: a unique idempotency key (the same key twice posts once), a CHECK that keeps
/// people's balances at or above zero, triggers that refuse unbalanced lines and any UPDATE or
/// DELETE of posted rows.
/// </summary>
/// <summary>Writes a caller's own rows inside a batch's transaction, given each entry's result.</summary>
public delegate Task WriteAlongside(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PostResult> results, CancellationToken ct);

/// <summary>
/// Statements that travel in the entry's round trip, after its insert, and how to read their result sets (the reader is
/// past the entry's own; <c>posted</c>: the entry was inserted, not a duplicate). Read may throw to roll everything back.
/// </summary>
public sealed record WithEntry(IReadOnlyList<NpgsqlBatchCommand> Commands, Func<NpgsqlDataReader, bool, CancellationToken, Task>? Read = null);

public sealed class JournalStore(NpgsqlDataSource db, AccountDirectory accounts)
{
    private const string UniqueViolation = "23505";
    private const string CheckViolation = "23514";
    private const string DeadlockDetected = "40P01";
    private const int MaxAttempts = 5;

    /// <summary>Posts one entry in one round trip (plus one to open accounts never seen before).</summary>
    public async Task<PostResult> PostAsync(JournalEntry entry, CancellationToken ct = default)
    {
        // Reversals are rare and need their original checked first: the batch path does that.
        if (entry.Reverses is not null) return (await PostBatchAsync([entry], ct))[0];

        var started = LedgerMetrics.Start();
        await using var cmd = InsertEntry(entry, await accounts.ResolveAsync(entry.Postings.Select(p => p.Account), ct));
        cmd.Connection = await db.OpenConnectionAsync(ct);
        await using var connection = cmd.Connection;
        try
        {
            if (await cmd.ExecuteScalarAsync(ct) is long posted)
            {
                LedgerMetrics.Posted("single", started, 1, entry.Postings.Count, 1);
                return new PostResult(PostOutcome.Posted, new EntryId(posted));
            }
        }
        catch (PostgresException e) when (IsOverdraft(e))
        {
            LedgerMetrics.Posted("single", started, 0, 0, 1);
            return Overdraft;
        }
        LedgerMetrics.Posted("single", started, 0, 0, 2);
        return new PostResult(PostOutcome.Duplicate, await FindIdAsync(entry.IdempotencyKey, ct));
    }

    /// <summary>
    /// Posts one entry and runs <paramref name="alongside"/> in the same transaction with its result (a few
    /// round trips, no COPY): for a caller that records its own row with the money, such as a card deposit.
    /// </summary>
    public async Task<PostResult> PostAsync(JournalEntry entry, WriteAlongside alongside, CancellationToken ct = default)
    {
        if (entry.Reverses is not null) return (await PostBatchAsync([entry], alongside, ct))[0];

        var started = LedgerMetrics.Start();
        var ids = await accounts.ResolveAsync(entry.Postings.Select(p => p.Account), ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var result = await PostOnAsync(conn, tx, entry, ids, null, ct);
        await alongside(conn, tx, [result], ct);
        await tx.CommitAsync(ct);
        Committed(started, entry, result);
        return result;
    }

    /// <summary>Records a single entry's posting in the metrics once its transaction committed: savepoint with the insert
    /// (and a look-up for a duplicate), then the commit.</summary>
    public static void Committed(long started, JournalEntry entry, PostResult result) =>
        LedgerMetrics.Posted("single", started, result.IsPosted ? 1 : 0, result.IsPosted ? entry.Postings.Count : 0,
            result.Outcome == PostOutcome.Duplicate ? 3 : 2);

    /// <summary>
    /// Posts one entry inside the caller's open transaction (which commits or rolls it back with the caller's own rows
    /// and locks, e.g. the lock on a person held while a restitution share is decided): no second connection is needed.
    /// An overdraft is rolled back to a savepoint and answered, the transaction stays usable. Not for reversals.
    /// The caller reports it to the metrics after its commit (<see cref="Committed"/>).
    /// </summary>
    public Task<PostResult> PostAsync(NpgsqlConnection conn, NpgsqlTransaction tx, JournalEntry entry, CancellationToken ct = default) =>
        PostAsync(conn, tx, entry, null, ct);

    /// <summary>
    /// As <see cref="PostAsync(NpgsqlConnection, NpgsqlTransaction, JournalEntry, CancellationToken)"/>, with the caller's
    /// statements sent in the same round trip right after the entry's insert (e.g. the rows that commit with it): they run
    /// whether the entry posted or was a duplicate (they can tell by reading it: an entry of this transaction is visible),
    /// not after an overdraft. <see cref="WithEntry.Read"/> reads their result sets (only statements returning rows have
    /// one) before the caller sees the result.
    /// </summary>
    public async Task<PostResult> PostAsync(NpgsqlConnection conn, NpgsqlTransaction tx, JournalEntry entry, WithEntry? with, CancellationToken ct = default)
    {
        if (entry.Reverses is not null) throw new InvalidOperationException("A reversal posts through PostBatchAsync (its original is checked first).");
        return await PostOnAsync(conn, tx, entry, await accounts.ResolveAsync(entry.Postings.Select(p => p.Account), ct), with, ct);
    }

    private async Task<PostResult> PostOnAsync(NpgsqlConnection conn, NpgsqlTransaction tx, JournalEntry entry,
        IReadOnlyDictionary<AccountKey, AccountId> ids, WithEntry? with, CancellationToken ct)
    {
        long? posted;
        // The savepoint (an overdraft rolls back to it, the caller's rows still write) travels with the insert in one
        // round trip, and so do the caller's statements; a BEGIN not yet sent rides along with them too.
        await using var batch = new NpgsqlBatch(conn, tx) { BatchCommands = { new NpgsqlBatchCommand("SAVEPOINT entry"), InsertEntryCommand(entry, ids) } };
        foreach (var command in with?.Commands ?? []) batch.BatchCommands.Add(command);
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            posted = await reader.ReadAsync(ct) && !reader.IsDBNull(0) ? reader.GetInt64(0) : null;
            if (with?.Read is { } read) await read(reader, posted is not null, ct);
            while (await reader.NextResultAsync(ct)) { }
        }
        catch (PostgresException e) when (IsOverdraft(e))
        {
            await tx.RollbackAsync("entry", ct);
            return Overdraft;
        }
        return posted is { } id ? new PostResult(PostOutcome.Posted, new EntryId(id))
            : new PostResult(PostOutcome.Duplicate, await FindIdAsync(conn, tx, entry.IdempotencyKey, ct));
    }

    /// <summary>
    /// Posts one entry in ONE round trip and one implicit transaction (no BEGIN, SAVEPOINT or COMMIT of their own): the
    /// caller's statements <paramref name="before"/> it (e.g. a lock, a status move; <paramref name="beforeResultSets"/> of them
    /// return rows, which are not read), the entry, inserted only where the SQL
    /// condition <paramref name="onlyIf"/> holds (over <paramref name="onlyIfParameters"/>, evaluated in the entry's own
    /// statement, which sees what the statements before it wrote), and the caller's statements <paramref name="after"/> it.
    /// All of it commits together or not at all: an overdraft refuses the whole batch (<see cref="PostOutcome.InsufficientFunds"/>),
    /// and a read callback that throws does NOT roll back (the batch has committed by then); what must not commit has to be
    /// conditional in the SQL itself. Returns Posted, Duplicate (the key was posted before), or null when
    /// <paramref name="onlyIf"/> was false and no entry with the key was seen. Not for reversals. Accounts are resolved first.
    /// </summary>
    public async Task<PostResult?> PostInOneRoundTripAsync(JournalEntry entry, string onlyIf, IReadOnlyList<NpgsqlParameter> onlyIfParameters,
        IReadOnlyList<NpgsqlBatchCommand> before, int beforeResultSets, WithEntry after, CancellationToken ct = default)
    {
        if (entry.Reverses is not null) throw new InvalidOperationException("A reversal posts through PostBatchAsync (its original is checked first).");
        var ids = await accounts.ResolveAsync(entry.Postings.Select(p => p.Account), ct);
        var started = LedgerMetrics.Start();
        var insert = InsertEntryCommand(entry, ids);
        var plain = insert.CommandText;
        // The same statement as InsertEntry, but the entry's row is selected only where the caller's condition holds, and the
        // key's earlier entry (if any, in this statement's snapshot) comes back beside the new id.
        insert.CommandText = insert.CommandText
            .Replace("VALUES (@key, @source, @description, @effective_at, @reverses)",
                $"SELECT @key, @source, @description, @effective_at, @reverses WHERE {onlyIf}", StringComparison.Ordinal)
            .Replace("SELECT id, (SELECT count(*) FROM balances) FROM entry",
                "SELECT (SELECT id FROM entry), (SELECT id FROM journal_entries WHERE idempotency_key = @key), (SELECT count(*) FROM balances)",
                StringComparison.Ordinal);
        // Both rewrites must have happened: an entry inserted without the caller's condition would credit unguarded.
        if (insert.CommandText.Contains("VALUES (@key", StringComparison.Ordinal) || insert.CommandText == plain
            || !insert.CommandText.Contains("WHERE idempotency_key = @key", StringComparison.Ordinal))
            throw new InvalidOperationException("InsertEntryCommand's text changed: PostInOneRoundTripAsync's rewrite of it no longer applies.");
        foreach (var p in onlyIfParameters) insert.Parameters.Add(p);

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(conn);
        foreach (var command in before) batch.BatchCommands.Add(command);
        batch.BatchCommands.Add(insert);
        foreach (var command in after.Commands) batch.BatchCommands.Add(command);
        PostResult? result;
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            // The statements before the entry that return rows (e.g. a lock's SELECT) are passed over unread.
            for (var i = 0; i < beforeResultSets; i++) await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            long? posted = reader.IsDBNull(0) ? null : reader.GetInt64(0), earlier = reader.IsDBNull(1) ? null : reader.GetInt64(1);
            result = posted is { } id ? new PostResult(PostOutcome.Posted, new EntryId(id))
                : earlier is { } found ? new PostResult(PostOutcome.Duplicate, new EntryId(found)) : null;
            if (after.Read is { } read) await read(reader, posted is not null, ct);
            while (await reader.NextResultAsync(ct)) { }
        }
        catch (PostgresException e) when (IsOverdraft(e))
        {
            LedgerMetrics.Posted("single", started, 0, 0, 1);
            return Overdraft;
        }
        LedgerMetrics.Posted("single", started, result?.IsPosted == true ? 1 : 0, result?.IsPosted == true ? entry.Postings.Count : 0, 1);
        return result;
    }

    private static readonly PostResult Overdraft = new(PostOutcome.InsufficientFunds, null, "A person's account would go below zero.");

    private static bool IsOverdraft(PostgresException e) => e.SqlState == CheckViolation && e.ConstraintName == JournalConstraints.PersonNotNegative;

    /// <summary>
    /// One statement: the entry (nothing when its key exists), its lines, and people's stored balances.
    /// The CHECK on accounts refuses an overdraft; the row lock of the balance update orders concurrent writers.
    /// </summary>
    private static NpgsqlCommand InsertEntry(JournalEntry entry, IReadOnlyDictionary<AccountKey, AccountId> ids)
    {
        var lines = entry.Postings.Select(p => (Account: ids[p.Account].Value, p.Amount.MinorUnits, Currency: p.Amount.Currency.Code, p.Account.IsPersonal)).ToArray();
        var cmd = new NpgsqlCommand("""
            WITH entry AS (
                INSERT INTO journal_entries (idempotency_key, source, description, effective_at, reverses_entry_id)
                VALUES (@key, @source, @description, @effective_at, @reverses)
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id
            ), lines AS (
                INSERT INTO postings (entry_id, line_number, account_id, amount_cents, currency, personal)
                SELECT entry.id, l.line_number, l.account_id, l.amount_cents, l.currency, l.personal
                FROM entry, unnest(@account_ids, @amounts, @currencies, @personal) WITH ORDINALITY AS l(account_id, amount_cents, currency, personal, line_number)
                RETURNING account_id, amount_cents
            ), balances AS (
                -- The same account may appear on several lines: one update per account.
                UPDATE accounts a SET balance_cents = a.balance_cents + d.delta
                FROM (SELECT account_id, sum(amount_cents) AS delta FROM lines GROUP BY account_id) d
                WHERE a.id = d.account_id AND a.owner_type = 'person'
                RETURNING a.id
            )
            SELECT id, (SELECT count(*) FROM balances) FROM entry
            """);
        cmd.Parameters.AddWithValue("key", entry.IdempotencyKey);
        cmd.Parameters.AddWithValue("source", entry.Source);
        cmd.Parameters.AddWithValue("description", entry.Description);
        cmd.Parameters.AddWithValue("effective_at", entry.EffectiveAt.ToUniversalTime());
        cmd.Parameters.Add(new NpgsqlParameter<long?>("reverses", entry.Reverses?.Value) { NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("account_ids", lines.Select(l => l.Account).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("amounts", lines.Select(l => l.MinorUnits).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter("currencies", NpgsqlDbType.Array | NpgsqlDbType.Char) { Value = lines.Select(l => l.Currency).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter<bool[]>("personal", lines.Select(l => l.IsPersonal).ToArray()));
        return cmd;
    }

    private static NpgsqlBatchCommand InsertEntryCommand(JournalEntry entry, IReadOnlyDictionary<AccountKey, AccountId> ids)
    {
        using var cmd = InsertEntry(entry, ids);
        var command = new NpgsqlBatchCommand(cmd.CommandText);
        foreach (var p in cmd.Parameters.ToArray())
        {
            cmd.Parameters.Remove(p);
            command.Parameters.Add(p);
        }
        return command;
    }

    private static async Task<EntryId?> FindIdAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string idempotencyKey, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT id FROM journal_entries WHERE idempotency_key = @key", conn, tx);
        cmd.Parameters.AddWithValue("key", idempotencyKey);
        return await cmd.ExecuteScalarAsync(ct) is long id ? new EntryId(id) : null;
    }

    /// <summary>Posted entries by idempotency key, with their lines (e.g. to reverse them).</summary>
    public async Task<IReadOnlyDictionary<string, (EntryId Id, JournalEntry Entry)>> FindEntriesAsync(IReadOnlyCollection<string> keys, CancellationToken ct = default)
    {
        var result = new Dictionary<string, (EntryId, JournalEntry)>(StringComparer.Ordinal);
        if (keys.Count == 0) return result;
        await using var cmd = db.CreateCommand("""
            SELECT e.id, e.idempotency_key, e.source, e.description, e.effective_at, e.reverses_entry_id,
                   p.amount_cents, a.owner_type, a.owner_code, a.kind, a.currency
            FROM journal_entries e JOIN postings p ON p.entry_id = e.id JOIN accounts a ON a.id = p.account_id
            WHERE e.idempotency_key = ANY(@keys) ORDER BY e.id, p.line_number
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("keys", keys.ToArray()));
        var rows = new List<(long Id, string Key, string Source, string Description, DateTimeOffset At, long? Reverses, Posting Line)>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var currency = Currency.FromCode(reader.GetString(10).TrimEnd());
                var account = new AccountKey(new AccountOwner(AccountOwner.ParseType(reader.GetString(7)), reader.GetString(8)),
                    AccountKinds.Parse(reader.GetString(9)), currency);
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(5) ? null : reader.GetInt64(5), new Posting(account, new Money(reader.GetInt64(6), currency))));
            }
        }
        foreach (var group in rows.GroupBy(r => r.Id))
        {
            var first = group.First();
            var reverses = first.Reverses is { } r ? new EntryId(r) : (EntryId?)null;
            result[first.Key] = (new EntryId(first.Id), new JournalEntry(first.Key, first.Source, first.Description, first.At,
                group.Select(g => g.Line).ToArray(), reverses));
        }
        return result;
    }

    public async Task<EntryId?> FindIdAsync(string idempotencyKey, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("SELECT id FROM journal_entries WHERE idempotency_key = @key");
        cmd.Parameters.AddWithValue("key", idempotencyKey);
        return await cmd.ExecuteScalarAsync(ct) is long id ? new EntryId(id) : null;
    }

    /// <summary>
    /// Posts many entries atomically in a few round trips: one look-up of keys already posted, one
    /// binary COPY of the entries and one of their lines, one balance update. Each entry gets its
    /// own result; an entry that would overdraw a person is refused alone, the rest post.
    /// </summary>
    public Task<IReadOnlyList<PostResult>> PostBatchAsync(IReadOnlyList<JournalEntry> entries, CancellationToken ct = default) =>
        PostBatchAsync(entries, null, ct);

    /// <summary>
    /// As <see cref="PostBatchAsync(IReadOnlyList{JournalEntry}, CancellationToken)"/>, and runs
    /// <paramref name="alongside"/> in the same transaction once every entry's result is known, so a
    /// caller's own records (e.g. what became of each intake item) commit with the entries or not at all.
    /// </summary>
    public async Task<IReadOnlyList<PostResult>> PostBatchAsync(IReadOnlyList<JournalEntry> entries, WriteAlongside? alongside, CancellationToken ct = default)
    {
        if (entries.Count == 0 && alongside is null) return [];
        var ids = await accounts.ResolveAsync(entries.SelectMany(e => e.Postings.Select(p => p.Account)).Distinct(), ct);

        var lookUp = lookUpKeysFirst;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryPostBatchAsync(entries, ids, alongside, lookUp, ct);
            }
            catch (Exception e) when (!lookUp && (e is KeysNotLookedUpException
                || e is PostgresException { SqlState: UniqueViolation, ConstraintName: JournalConstraints.UniqueIdempotencyKey }))
            {
                // Nothing of this attempt committed: a key was posted before (the unique index refused the COPY), or an
                // entry was refused and must first be told apart from a duplicate. Look the keys up, and keep looking
                // them up first while batches repeat keys (a COPY refused for one is work thrown away).
                lookUp = true;
                if (e is PostgresException) lookUpKeysFirst = true;
                attempt--;
            }
            catch (PostgresException e) when (e.SqlState == UniqueViolation && attempt < MaxAttempts)
            {
                // A concurrent writer posted one of our keys (or reversed one of our originals) after we
                // looked: start again, and this time it shows up as a duplicate.
            }
            catch (PostgresException e) when (e.SqlState == DeadlockDetected && attempt < MaxAttempts)
            {
                // Two batches (two workers) waiting on each other's new keys: PostgreSQL rolled this one back
                // whole; nothing of it committed, so it starts again (the other has gone on).
            }
        }
    }

    /// <summary>
    /// Whether a batch looks up which of its keys were posted before it writes. Not while batches come with new keys only
    /// (a day's deposits, a file's sends): then the unique index finds a key posted before as the COPY inserts it, and the
    /// look-up, which probes the same index for every key, is saved (a fifth of a batch's PostgreSQL CPU, docs/performance-rounds.md "Round 10
    /// (journal)"). A batch refused for a known key is rolled back and posted again with the look-up, which every batch
    /// does first from then on until one finds no key known. Only a guess about the next batch: results never depend on it.
    /// </summary>
    private volatile bool lookUpKeysFirst;

    /// <summary>A batch posted without the look-up refused an entry: it is rolled back and posted again with it, so that a
    /// duplicate is answered as one (not as an overdraft or a reversal of an entry already reversed, by itself).</summary>
    private sealed class KeysNotLookedUpException() : Exception("An entry was refused before its key was looked up.");

    private async Task<IReadOnlyList<PostResult>> TryPostBatchAsync(
        IReadOnlyList<JournalEntry> entries, IReadOnlyDictionary<AccountKey, AccountId> ids, WriteAlongside? alongside, bool lookUp, CancellationToken ct)
    {
        var started = LedgerMetrics.Start();
        var roundTrips = 1; // the look-ups below
        var results = new PostResult?[entries.Count];
        var firstByKey = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            if (!firstByKey.TryAdd(entries[i].IdempotencyKey, i)) results[i] = new PostResult(PostOutcome.Duplicate, null);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);

        var keys = firstByKey.Keys.ToArray();
        var reversed = entries.Where(e => e.Reverses is not null).Select(e => e.Reverses!.Value.Value).ToArray();
        var existing = new Dictionary<string, long>(StringComparer.Ordinal);
        var alreadyReversed = new HashSet<long>();
        var reversible = new HashSet<long>();
        long[] newIds;
        await using (var batch = new NpgsqlBatch(conn, tx))
        {
            if (lookUp)
            {
                var known = new NpgsqlBatchCommand("SELECT idempotency_key, id FROM journal_entries WHERE idempotency_key = ANY(@keys)");
                known.Parameters.Add(new NpgsqlParameter<string[]>("keys", keys));
                batch.BatchCommands.Add(known);
            }
            if (reversed.Length > 0)
            {
                // Each original named by a reversal: whether it exists, is itself a reversal, or was reversed already.
                var reversals = new NpgsqlBatchCommand("""
                    SELECT o.id, o.reverses_entry_id IS NOT NULL, EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_entry_id = o.id)
                    FROM journal_entries o WHERE o.id = ANY(@originals)
                    """);
                reversals.Parameters.Add(new NpgsqlParameter<long[]>("originals", reversed));
                batch.BatchCommands.Add(reversals);
            }
            var sequence = new NpgsqlBatchCommand("SELECT nextval('journal_entries_id_seq'::regclass) FROM generate_series(1, @n)");
            sequence.Parameters.Add(new NpgsqlParameter<int>("n", keys.Length));
            batch.BatchCommands.Add(sequence);

            await using var reader = await batch.ExecuteReaderAsync(ct);
            if (lookUp)
            {
                while (await reader.ReadAsync(ct)) existing[reader.GetString(0)] = reader.GetInt64(1);
                await reader.NextResultAsync(ct);
                // Only a look-up that found a key posted before keeps the next batch looking first.
                lookUpKeysFirst = existing.Count > 0;
            }
            if (reversed.Length > 0)
            {
                while (await reader.ReadAsync(ct))
                {
                    if (reader.GetBoolean(1)) continue;
                    reversible.Add(reader.GetInt64(0));
                    if (reader.GetBoolean(2)) alreadyReversed.Add(reader.GetInt64(0));
                }
                await reader.NextResultAsync(ct);
            }
            newIds = new long[keys.Length];
            for (var n = 0; await reader.ReadAsync(ct); n++) newIds[n] = reader.GetInt64(0);
        }

        var toPost = new List<int>(entries.Count);
        var reversedInBatch = new HashSet<long>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (results[i] is not null) continue;
            var entry = entries[i];
            if (existing.TryGetValue(entry.IdempotencyKey, out var postedId))
                results[i] = new PostResult(PostOutcome.Duplicate, new EntryId(postedId));
            else if (entry.Reverses is { } target && !reversible.Contains(target.Value))
                results[i] = new PostResult(PostOutcome.NotReversible, null, $"Entry {target} does not exist or is itself a reversal.");
            else if (entry.Reverses is { } original && (alreadyReversed.Contains(original.Value) || !reversedInBatch.Add(original.Value)))
                results[i] = new PostResult(PostOutcome.AlreadyReversed, null, $"Entry {original} has been reversed already.");
            else
                toPost.Add(i);
        }

        if (await RefuseOverdraftsAsync(conn, tx, entries, ids, toPost, results, ct)) roundTrips++;
        // Without the look-up, a refused entry may be a duplicate: answered as one only after looking (the caller retries).
        if (!lookUp && toPost.Count < keys.Length) throw new KeysNotLookedUpException();

        var balanceDeltas = new Dictionary<long, long>();
        var assigned = new long[entries.Count];
        var lines = 0;
        if (toPost.Count > 0)
        {
            await CopyEntriesAsync(conn, entries, toPost, newIds, assigned, ct);
            lines = await CopyLinesAsync(conn, entries, toPost, ids, assigned, balanceDeltas, ct);
            roundTrips += 2;
        }

        if (balanceDeltas.Count > 0)
        {
            // Rows are locked in id order (as RefuseOverdraftsAsync locks them), so two batches touching the same
            // people wait for each other instead of deadlocking; then updated. Two statements in one round trip: the
            // same locks in the same order, ≈ a quarter less PostgreSQL CPU than the one statement that joined the locked
            // rows back into the update (1,000 people: 13.1–15.7 → 9.8–11.0 ms, docs/performance-rounds.md "Round 14 (journal)").
            var sorted = balanceDeltas.OrderBy(d => d.Key).ToArray();
            var accountIds = sorted.Select(d => d.Key).ToArray();
            await using var update = new NpgsqlBatch(conn, tx)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("SELECT count(*) FROM (SELECT id FROM accounts WHERE id = ANY(@ids) ORDER BY id FOR NO KEY UPDATE) locked")
                        { Parameters = { new NpgsqlParameter<long[]>("ids", accountIds) } },
                    new NpgsqlBatchCommand("""
                        UPDATE accounts a SET balance_cents = a.balance_cents + d.delta
                        FROM unnest(@ids, @deltas) AS d(id, delta)
                        WHERE a.id = d.id
                        """)
                        { Parameters = { new NpgsqlParameter<long[]>("ids", accountIds), new NpgsqlParameter<long[]>("deltas", sorted.Select(d => d.Value).ToArray()) } },
                },
            };
            await update.ExecuteNonQueryAsync(ct);
            roundTrips++;
        }

        foreach (var i in toPost)
        {
            results[i] ??= new PostResult(PostOutcome.Posted, new EntryId(assigned[i]));
        }
        // A repeated key inside the batch points at the entry its first occurrence became.
        for (var i = 0; i < entries.Count; i++)
        {
            if (results[i] is { Outcome: PostOutcome.Duplicate, EntryId: null })
            {
                var first = firstByKey[entries[i].IdempotencyKey];
                results[i] = new PostResult(PostOutcome.Duplicate, results[first]!.Value.EntryId);
            }
        }
        var final = results.Select(r => r!.Value).ToArray();

        if (alongside is not null) await alongside(conn, tx, final, ct);
        await tx.CommitAsync(ct);
        LedgerMetrics.Posted("batch", started, toPost.Count, lines, roundTrips + 1);
        return final;
    }

    // The rows are written by CopyRowWriter (PostgreSQL's binary format straight into a buffer): Npgsql's importer
    // spent more client CPU per value than the copy itself.
    private static async Task CopyEntriesAsync(NpgsqlConnection conn, IReadOnlyList<JournalEntry> entries, List<int> toPost,
        long[] newIds, long[] assigned, CancellationToken ct)
    {
        await using var copy = await CopyRowWriter.BeginAsync(conn,
            "COPY journal_entries (id, idempotency_key, source, description, effective_at, reverses_entry_id) FROM STDIN (FORMAT BINARY)", ct);
        var next = 0;
        foreach (var i in toPost)
        {
            var entry = entries[i];
            assigned[i] = newIds[next++];
            await copy.StartRowAsync(6, ct);
            copy.WriteInt64(assigned[i]);
            copy.WriteText(entry.IdempotencyKey);
            copy.WriteText(entry.Source);
            copy.WriteText(entry.Description);
            copy.WriteTimestampTz(entry.EffectiveAt);
            copy.WriteInt64(entry.Reverses?.Value);
        }
        await copy.CompleteAsync(ct);
    }

    private static async Task<int> CopyLinesAsync(NpgsqlConnection conn, IReadOnlyList<JournalEntry> entries, List<int> toPost,
        IReadOnlyDictionary<AccountKey, AccountId> ids, long[] assigned, Dictionary<long, long> balanceDeltas, CancellationToken ct)
    {
        await using var copy = await CopyRowWriter.BeginAsync(conn,
            "COPY postings (entry_id, line_number, account_id, amount_cents, currency, personal) FROM STDIN (FORMAT BINARY)", ct);
        var count = 0;
        foreach (var i in toPost)
        {
            short line = 0;
            foreach (var posting in entries[i].Postings)
            {
                var account = ids[posting.Account].Value;
                await copy.StartRowAsync(6, ct);
                copy.WriteInt64(assigned[i]);
                copy.WriteInt16(++line);
                copy.WriteInt64(account);
                copy.WriteInt64(posting.Amount.MinorUnits);
                copy.WriteText(posting.Amount.Currency.Code);
                // People's lines are the indexed ones (the trigger checks the flag against the account).
                copy.WriteBoolean(posting.Account.IsPersonal);
                if (posting.Account.IsPersonal)
                    balanceDeltas[account] = balanceDeltas.GetValueOrDefault(account) + posting.Amount.MinorUnits;
                count++;
            }
        }
        await copy.CompleteAsync(ct);
        return count;
    }

    /// <summary>
    /// When the batch debits people, locks their accounts and walks the entries in order with running
    /// balances, refusing each entry that would take one below zero. Credit-only batches skip this:
    /// a credit can never break the rule. Says whether it went to the database.
    /// </summary>
    private static async Task<bool> RefuseOverdraftsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<JournalEntry> entries,
        IReadOnlyDictionary<AccountKey, AccountId> ids, List<int> toPost, PostResult?[] results, CancellationToken ct)
    {
        var debited = toPost
            .SelectMany(i => entries[i].Postings.Where(p => p.Account.IsPersonal && p.Amount.IsNegative))
            .Select(p => ids[p.Account].Value)
            .ToHashSet();
        if (debited.Count == 0) return false;

        var running = new Dictionary<long, long>();
        await using (var lockCmd = new NpgsqlCommand(
            "SELECT id, balance_cents FROM accounts WHERE id = ANY(@ids) ORDER BY id FOR UPDATE", conn, tx))
        {
            lockCmd.Parameters.Add(new NpgsqlParameter<long[]>("ids", debited.ToArray()));
            await using var reader = await lockCmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) running[reader.GetInt64(0)] = reader.GetInt64(1);
        }

        var refused = new List<int>();
        foreach (var i in toPost)
        {
            var touches = false;
            foreach (var p in entries[i].Postings)
            {
                if (running.ContainsKey(ids[p.Account].Value)) { touches = true; break; }
            }
            if (!touches) continue;
            var deltas = entries[i].Postings
                .Where(p => running.ContainsKey(ids[p.Account].Value))
                .GroupBy(p => ids[p.Account].Value)
                .Select(g => (Account: g.Key, Delta: g.Sum(p => p.Amount.MinorUnits)))
                .ToArray();
            if (deltas.Any(d => running[d.Account] + d.Delta < 0))
            {
                results[i] = new PostResult(PostOutcome.InsufficientFunds, null, "A person's account would go below zero.");
                refused.Add(i);
                continue;
            }
            foreach (var (account, delta) in deltas) running[account] += delta;
        }
        var refusedSet = refused.ToHashSet();
        toPost.RemoveAll(refusedSet.Contains);
        return true;
    }
}
