using System.CommandLine;
using System.Diagnostics;
using Ledger.Data.Journal;
using Ledger.Data.Schema;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Cli.Commands;

public static class BenchCommands
{
    public static Command Create(CliHost host)
    {
        var entries = new Option<int>("--entries") { Description = "Two-line entries to post.", DefaultValueFactory = _ => 100_000 };
        var batch = new Option<int>("--batch-size") { Description = "Entries per batch.", DefaultValueFactory = _ => 10_000 };
        var posting = new Command("posting",
            "Post N two-line entries through the batch path, then COPY the same rows raw into scratch tables; print both and the ratio. "
            + "Runs in a fresh database named <ledger database>_bench.") { entries, batch };
        posting.SetAction((parse, ct) => CliHost.RunAsync(() => PostingAsync(host, parse.GetValue(entries), parse.GetValue(batch), ct)));
        return new Command("bench", "Benchmarks, measured side by side in one run.") { posting };
    }

    private static async Task<int> PostingAsync(CliHost host, int count, int batchSize, CancellationToken ct)
    {
        var connectionString = await FreshDatabaseAsync(host.ConnectionString, "bench", ct);
        await Migrator.MigrateAsync(connectionString, ct);
        await using var db = NpgsqlDataSource.Create(connectionString);
        var store = new JournalStore(db, new AccountDirectory(db));

        var clearing = AccountKey.OfFacility("BENCH", AccountKind.MoneyGramClearing, Currency.USD);
        var people = Enumerable.Range(0, 1000).Select(i => AccountKey.Personal($"P{i:D5}", AccountKind.Trust, Currency.USD)).ToArray();
        var now = DateTimeOffset.UtcNow;
        var all = Enumerable.Range(0, count).Select(i =>
        {
            var amount = Money.Usd(100 + i % 50_000);
            return new JournalEntry($"bench:{i}", "bench", "benchmark deposit", now,
                [Posting.Debit(clearing, amount), Posting.Credit(people[i % people.Length], amount)]);
        }).ToArray();

        // Warm up connections, account ids and the JIT on a small separate batch.
        await store.PostBatchAsync(all.Take(100).Select(e => new JournalEntry("warm:" + e.IdempotencyKey, e.Source, e.Description, e.EffectiveAt, e.Postings)).ToArray(), ct);

        var posted = 0;
        var watch = Stopwatch.StartNew();
        foreach (var chunk in all.Chunk(batchSize))
            posted += (await store.PostBatchAsync(chunk, ct)).Count(r => r.IsPosted);
        var batchTime = watch.Elapsed;
        if (posted != count) throw new InvalidOperationException($"Only {posted} of {count} entries posted.");

        var rawTime = await RawCopyAsync(db, all, ct);
        var ratio = batchTime / rawTime;
        Console.WriteLine($"batch path : {count:N0} entries ({2 * count:N0} lines) in {batchTime.TotalSeconds:F2} s = {count / batchTime.TotalSeconds:N0} entries/s (batches of {batchSize:N0})");
        Console.WriteLine($"raw COPY   : the same rows into unindexed scratch tables in {rawTime.TotalSeconds:F2} s = {count / rawTime.TotalSeconds:N0} entries/s");
        Console.WriteLine($"ratio      : {ratio:F2}x (target <= 3x)");
        return 0;
    }

    /// <summary>The floor: the same entry and line rows, binary-COPYed into tables with no index, key or trigger.</summary>
    private static async Task<TimeSpan> RawCopyAsync(NpgsqlDataSource db, IReadOnlyList<JournalEntry> all, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using (var create = new NpgsqlCommand("""
            DROP TABLE IF EXISTS scratch_entries, scratch_postings;
            CREATE TABLE scratch_entries (id bigint, idempotency_key text, source text, description text, effective_at timestamptz, reverses_entry_id bigint);
            CREATE TABLE scratch_postings (entry_id bigint, account_id bigint, amount_cents bigint, currency char(3));
            """, conn))
            await create.ExecuteNonQueryAsync(ct);

        var watch = Stopwatch.StartNew();
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var copy = await conn.BeginBinaryImportAsync("COPY scratch_entries FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < all.Count; i++)
            {
                copy.StartRow();
                copy.Write((long)i, NpgsqlDbType.Bigint);
                copy.Write(all[i].IdempotencyKey, NpgsqlDbType.Text);
                copy.Write(all[i].Source, NpgsqlDbType.Text);
                copy.Write(all[i].Description, NpgsqlDbType.Text);
                copy.Write(all[i].EffectiveAt, NpgsqlDbType.TimestampTz);
                copy.WriteNull();
            }
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await conn.BeginBinaryImportAsync("COPY scratch_postings FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < all.Count; i++)
            {
                foreach (var p in all[i].Postings)
                {
                    copy.StartRow();
                    copy.Write((long)i, NpgsqlDbType.Bigint);
                    copy.Write((long)(p.Account.GetHashCode() & 0xFFFF), NpgsqlDbType.Bigint);
                    copy.Write(p.Amount.MinorUnits, NpgsqlDbType.Bigint);
                    copy.Write(p.Amount.Currency.Code, NpgsqlDbType.Char);
                }
            }
            await copy.CompleteAsync(ct);
        }
        await tx.CommitAsync(ct);
        return watch.Elapsed;
    }

    /// <summary>Drops and creates "&lt;database&gt;_&lt;suffix&gt;" beside the configured one; returns its connection string.</summary>
    public static async Task<string> FreshDatabaseAsync(string connectionString, string suffix, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var name = $"{target.Database}_{suffix}";
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using (var conn = new NpgsqlConnection(admin.ConnectionString))
        {
            await conn.OpenAsync(ct);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
            await drop.ExecuteNonQueryAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
        target.Database = name;
        return target.ConnectionString;
    }
}
