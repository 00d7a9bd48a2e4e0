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
        var postingRuns = new Option<int>("--runs") { Description = "Alternating runs of each side; medians are compared.", DefaultValueFactory = _ => 3 };
        var posting = new Command("posting",
            "Post N two-line entries through the batch path, and COPY the same rows raw into scratch tables, alternating; print both and the ratio "
            + "of the medians. Runs in a fresh database named <ledger database>_bench, verified at the end.") { entries, batch, postingRuns };
        posting.SetAction((parse, ct) => CliHost.RunAsync(() => PostingAsync(host, parse.GetValue(entries), parse.GetValue(batch), parse.GetValue(postingRuns), ct)));
        var records = new Option<int>("--records") { Description = "MoneyGram records in the generated file.", DefaultValueFactory = _ => 1_000_000 };
        var chunk = new Option<int>("--chunk-size") { Description = "Records posted per transaction.", DefaultValueFactory = _ => 20_000 };
        var warmRuns = new Option<int>("--warm-runs")
        {
            Description = "Whole runs made first in the same process (each printed), so the last one measures a warm process such as a worker's.",
            DefaultValueFactory = _ => 0,
        };
        var moneygram = new Command("moneygram",
            "Generate a MoneyGram file addressed to samples/reference, run it end to end (check, decide, post, summary) in a fresh "
            + "database <ledger database>_bench, then COPY the same entries and lines raw into scratch tables; print both and the ratio.") { records, chunk, warmRuns };
        moneygram.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            for (var warm = parse.GetValue(warmRuns); warm > 0; warm--)
            {
                Console.WriteLine($"warm-up    : {warm} run(s) before the measured one");
                await MoneyGramAsync(host, parse.GetValue(records), parse.GetValue(chunk), ct);
                // The next run drops the bench database: pooled connections to it (the migrator's) would be dead.
                NpgsqlConnection.ClearAllPools();
            }
            return await MoneyGramAsync(host, parse.GetValue(records), parse.GetValue(chunk), ct);
        }));
        var ocrItems = new Option<int>("--items") { Description = "Generated lockbox items (a money order and a slip each).", DefaultValueFactory = _ => 40 };
        var noPlain = new Option<bool>("--skip-plain-cli") { Description = "Skip the slow one-at-a-time plain tesseract CLI run." };
        var ocr = new Command("ocr",
            "Generate a lockbox batch and read it with the in-process Tesseract engine pool, then with the tesseract CLI on the same images; "
            + "print items/s of each and the ratio.") { ocrItems, noPlain };
        ocr.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            await Ledger.Samples.Lockbox.LockboxBenchmark.RunAsync(parse.GetValue(ocrItems), Console.Out, includeDefaultCli: !parse.GetValue(noPlain));
            return 0;
        }));
        var residents = new Option<int>("--residents") { Description = "Residents of the generated facility.", DefaultValueFactory = _ => 1_000 };
        var lines = new Option<int>("--lines") { Description = "Journal lines in the month (two per entry).", DefaultValueFactory = _ => 1_000_000 };
        var noPdf = new Option<bool>("--skip-pdf") { Description = "Skip timing the PDF export." };
        var runs = new Option<int>("--runs") { Description = "Alternating runs of each side; medians are compared.", DefaultValueFactory = _ => 3 };
        var reuse = new Option<bool>("--reuse") { Description = "Keep the bench database when it already holds a facility of this size." };
        var statements = new Command("statements",
            "Seed a facility of N residents with about M journal lines in October 2026 (fresh database <ledger database>_bench_statements), then time "
            + "COPY (SELECT the same lines) TO STDOUT and the CSV export of every statement + trial balance; print the ratio; then time the PDF export.")
            { residents, lines, runs, noPdf, reuse };
        statements.SetAction((parse, ct) => CliHost.RunAsync(() =>
            StatementsBench.RunAsync(host, parse.GetValue(residents), parse.GetValue(lines), parse.GetValue(runs), !parse.GetValue(noPdf), parse.GetValue(reuse), ct)));
        return new Command("bench", "Benchmarks, measured side by side in one run.") { posting, moneygram, ocr, statements };
    }

    private static async Task<int> PostingAsync(CliHost host, int count, int batchSize, int runs, CancellationToken ct)
    {
        var connectionString = await FreshDatabaseAsync(host.ConnectionString, "bench", ct);
        await Migrator.MigrateAsync(connectionString, ct);
        await using var db = NpgsqlDataSource.Create(connectionString);
        var store = new JournalStore(db, new AccountDirectory(db));

        var clearing = AccountKey.OfFacility("BENCH", AccountKind.MoneyGramClearing, Currency.USD);
        var people = Enumerable.Range(0, 1000).Select(i => AccountKey.Personal($"P{i:D5}", AccountKind.Trust, Currency.USD)).ToArray();
        var now = DateTimeOffset.UtcNow;
        JournalEntry[] Entries(string prefix) => Enumerable.Range(0, count).Select(i =>
        {
            var amount = Money.Usd(100 + i % 50_000);
            return new JournalEntry($"{prefix}:{i}", "bench", "benchmark deposit", now,
                [Posting.Debit(clearing, amount), Posting.Credit(people[i % people.Length], amount)]);
        }).ToArray();

        // Warm up connections, account ids and the JIT (to its optimised tier: a first full-size run measured both
        // sides at 2-3 times their later CPU) on one untimed run of each side.
        var warm = Entries("warm");
        foreach (var chunk in warm.Chunk(batchSize)) await store.PostBatchAsync(chunk, ct);
        var ids = await new AccountDirectory(db).ResolveAsync(people.Append(clearing), ct);
        await RawCopyAsync(db, warm.Select((e, i) => new RawEntry(i, e.IdempotencyKey, e.Source, e.Description, e.EffectiveAt)).ToList(),
            warm.SelectMany((e, i) => e.Postings.Select((p, n) => new RawLine(i, (short)(n + 1), ids[p.Account].Value, p.Amount.MinorUnits))).ToList(), ct);

        // The machine is shared: runs alternate the two sides (raw first on odd runs) and the medians are compared.
        var batchTimes = new List<TimeSpan>();
        var rawTimes = new List<TimeSpan>();
        var batchCpu = new List<double>();
        var rawCpu = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var all = Entries($"bench{run}");
            // The same rows as plain tuples (account ids as the batch path resolves them), built before the clock starts.
            var rawEntries = all.Select((e, i) => new RawEntry(i, e.IdempotencyKey, e.Source, e.Description, e.EffectiveAt)).ToList();
            var rawLines = all.SelectMany((e, i) => e.Postings.Select((p, n) => new RawLine(i, (short)(n + 1), ids[p.Account].Value, p.Amount.MinorUnits))).ToList();
            async Task Raw()
            {
                Settle();
                var before = await CpuAsync(db, ct);
                rawTimes.Add(await RawCopyAsync(db, rawEntries, rawLines, ct));
                rawCpu.Add(Cpu(before, await CpuAsync(db, ct)));
            }
            if (run % 2 == 1) await Raw();

            var posted = 0;
            Settle();
            var cpuBefore = await CpuAsync(db, ct);
            var watch = Stopwatch.StartNew();
            foreach (var chunk in all.Chunk(batchSize))
                posted += (await store.PostBatchAsync(chunk, ct)).Count(r => r.IsPosted);
            batchTimes.Add(watch.Elapsed);
            var cpuAfter = await CpuAsync(db, ct);
            batchCpu.Add(Cpu(cpuBefore, cpuAfter));
            if (posted != count) throw new InvalidOperationException($"Only {posted} of {count} entries posted.");

            if (run % 2 == 0) await Raw();
            Console.WriteLine($"run {run}      : batch path {batchTimes[^1].TotalSeconds:F2} s ({CpuText(cpuBefore, cpuAfter)}), raw COPY {rawTimes[^1].TotalSeconds:F2} s "
                              + $"({rawCpu[^1]:F2} s CPU), {batchTimes[^1] / rawTimes[^1]:F2}x wall, {batchCpu[^1] / rawCpu[^1]:F2}x CPU");
        }
        var verify = await new Data.Verification.LedgerVerifier(db).VerifyAsync(ct);
        if (!verify.Passed) throw new InvalidOperationException("The bench ledger does not verify: " + string.Join("; ", verify.Checks.Where(c => !c.Passed).Select(c => c.Name)));

        var batchTime = Median(batchTimes);
        var rawTime = Median(rawTimes);
        Console.WriteLine($"batch path : {count:N0} entries ({2 * count:N0} lines) in {batchTime.TotalSeconds:F2} s = {count / batchTime.TotalSeconds:N0} entries/s (batches of {batchSize:N0}; median of {runs})");
        Console.WriteLine($"raw COPY   : the same rows into unindexed scratch tables in {rawTime.TotalSeconds:F2} s = {count / rawTime.TotalSeconds:N0} entries/s (median of {runs})");
        Console.WriteLine($"verify     : passed ({verify.Entries:N0} entries, {verify.Postings:N0} lines)");
        Console.WriteLine($"cpu ratio  : {batchCpu.Order().ElementAt(runs / 2) / rawCpu.Order().ElementAt(runs / 2):F2}x (client + PostgreSQL backends, medians; steadier than wall time on a shared machine)");
        Console.WriteLine($"ratio      : {batchTime / rawTime:F2}x (target <= 3x)");
        return 0;
    }

    /// <summary>
    /// CPU seconds used so far by this process and by the PostgreSQL backends serving the bench database (read from
    /// /proc when PostgreSQL runs on this machine; null otherwise). On a shared machine CPU time moves far less than
    /// wall time, so the benches print a CPU ratio beside the wall-clock one.
    /// </summary>
    private static async Task<(double Client, double? Server)> CpuAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var client = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var pids = new List<int>();
        await using (var cmd = db.CreateCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) pids.Add(reader.GetInt32(0));
        double server = 0;
        foreach (var pid in pids)
        {
            try
            {
                // Fields after the command name: state is 3rd; utime and stime are the 14th and 15th (clock ticks, 100 a second).
                var stat = await File.ReadAllTextAsync($"/proc/{pid}/stat", ct);
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                server += (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                return (client, null);
            }
        }
        return (client, server);
    }

    private static string CpuText((double Client, double? Server) from, (double Client, double? Server) to) =>
        to.Server is { } s && from.Server is { } f
            ? $"{to.Client - from.Client + s - f:F2} s CPU ({to.Client - from.Client:F2} client + {s - f:F2} PostgreSQL)"
            : $"{to.Client - from.Client:F2} s client CPU";

    private static double Cpu((double Client, double? Server) from, (double Client, double? Server) to) =>
        to.Client - from.Client + (to.Server ?? 0) - (from.Server ?? 0);

    /// <summary>Collects garbage before a timed section, so neither side pays for the other's allocations.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    private static TimeSpan Median(List<TimeSpan> times)
    {
        var sorted = times.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static async Task<int> MoneyGramAsync(CliHost host, int records, int chunkSize, CancellationToken ct)
    {
        var connectionString = await FreshDatabaseAsync(host.ConnectionString, "bench", ct);
        await Migrator.MigrateAsync(connectionString, ct);
        await using var db = NpgsqlDataSource.Create(connectionString);
        var importer = new Data.ReferenceData.ReferenceDataImporter(db);
        using (var f = new StreamReader("samples/reference/facilities.csv")) await importer.ImportFacilitiesAsync(f, "facilities.csv", ct);
        using (var r = new StreamReader("samples/reference/roster.csv")) await importer.ImportRosterAsync(r, "roster.csv", ct);

        // Named by process: checkouts share /tmp, and each run deletes its file at the end.
        var path = Path.Combine(Path.GetTempPath(), $"ledger-bench-{records}-{Environment.ProcessId}.mgx.csv");
        var people = await SampleCommands.ReadRosterAsync(new FileInfo("samples/reference/roster.csv"));
        var limits = (await new Data.ReferenceData.FacilityDirectory(db).FacilitiesAsync(ct)).ToDictionary(f => f.Key, f => f.Value.Policy.DepositLimit);
        await using (var writer = new StreamWriter(path, false, Samples.MoneyGramFileGenerator.Utf8(false), 1 << 16))
            new Samples.MoneyGramFileGenerator(people, limits, seed: 7).Write(writer, new DateOnly(2026, 11, 23), 1, records, new Samples.MoneyGramMix(), 10_000_000);
        Console.WriteLine($"file       : {path} ({new FileInfo(path).Length / 1e6:F1} MB, {records:N0} records)");

        var accounts = new AccountDirectory(db);
        var files = new Data.Intake.IntakeStore(db);
        var intake = new Intake.MoneyGram.MoneyGramIntake(files, new JournalStore(db, accounts),
            new Data.ReferenceData.FacilityDirectory(db), new Intake.MoneyGram.MoneyGramIntakeOptions { ChunkSize = chunkSize });

        Settle();
        var cpuStart = await CpuAsync(db, ct);
        var watch = Stopwatch.StartNew();
        var registered = await intake.RegisterAsync(path, ct);
        var checkTime = watch.Elapsed;
        var run = await intake.ProcessAsync(registered.Id, path, IntakeCommands.TerminalProgress("records"), ct);
        var summary = Intake.Pipeline.IntakeSummary.From(run);
        var endToEnd = watch.Elapsed;
        var cpuEnd = await CpuAsync(db, ct);
        if (summary.Items != records || !summary.Balanced) throw new InvalidOperationException($"The run did not account for every record: {summary}");

        // The same entries and lines, read back (not timed), then COPYed raw into tables without keys or indexes.
        var entries = new List<RawEntry>();
        var lines = new List<RawLine>();
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            await using (var cmd = new NpgsqlCommand("SELECT id, idempotency_key, source, description, effective_at FROM journal_entries", conn))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) entries.Add(new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
            await using (var cmd = new NpgsqlCommand("SELECT entry_id, line_number, account_id, amount_cents FROM postings", conn))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) lines.Add(new(reader.GetInt64(0), reader.GetInt16(1), reader.GetInt64(2), reader.GetInt64(3)));
        }
        Settle();
        var rawCpuStart = await CpuAsync(db, ct);
        var raw = await RawCopyAsync(db, entries, lines, ct);
        var rawCpuEnd = await CpuAsync(db, ct);
        var verify = await new Data.Verification.LedgerVerifier(db).VerifyAsync(ct);
        if (!verify.Passed) throw new InvalidOperationException("The bench ledger does not verify: " + string.Join("; ", verify.Checks.Where(c => !c.Passed).Select(c => c.Name)));

        Console.WriteLine($"summary    : {summary.Posted:N0} posted, {summary.PartiallyPosted:N0} partially, {summary.Returned:N0} returned, {summary.Duplicates:N0} duplicates, {summary.Reversed:N0} reversed, {summary.InReview:N0} in review");
        Console.WriteLine($"end to end : {endToEnd.TotalSeconds:F2} s = {records / endToEnd.TotalSeconds:N0} records/s (whole-file check {checkTime.TotalSeconds:F2} s; {entries.Count:N0} entries, {lines.Count:N0} lines, chunks of {chunkSize:N0})");
        Console.WriteLine($"raw COPY   : the same {entries.Count:N0} entries and {lines.Count:N0} lines in {raw.TotalSeconds:F2} s");
        Console.WriteLine($"cpu        : end to end {CpuText(cpuStart, cpuEnd)}; raw COPY {CpuText(rawCpuStart, rawCpuEnd)}; {Cpu(cpuStart, cpuEnd) / Cpu(rawCpuStart, rawCpuEnd):F2}x CPU");
        Console.WriteLine($"verify     : passed ({verify.Entries:N0} entries, {verify.Postings:N0} lines)");
        Console.WriteLine($"ratio      : {endToEnd / raw:F2}x (target <= 2x)");
        File.Delete(path);
        return 0;
    }

    private readonly record struct RawEntry(long Id, string Key, string Source, string Description, DateTimeOffset At);
    private readonly record struct RawLine(long Entry, short Line, long Account, long Amount);

    /// <summary>The floor: the same entry and line rows, binary-COPYed into tables with no index, key or trigger.</summary>
    private static async Task<TimeSpan> RawCopyAsync(NpgsqlDataSource db, List<RawEntry> entries, List<RawLine> lines, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using (var create = new NpgsqlCommand(
            "DROP TABLE IF EXISTS scratch_entries, scratch_postings; "
            + "CREATE TABLE scratch_entries (id bigint, idempotency_key text, source text, description text, effective_at timestamptz, reverses_entry_id bigint); "
            + "CREATE TABLE scratch_postings (entry_id bigint, line_number smallint, account_id bigint, amount_cents bigint, currency char(3));", conn))
            await create.ExecuteNonQueryAsync(ct);

        var watch = Stopwatch.StartNew();
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var copy = await conn.BeginBinaryImportAsync("COPY scratch_entries FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var e in entries)
            {
                copy.StartRow();
                copy.Write(e.Id, NpgsqlDbType.Bigint);
                copy.Write(e.Key, NpgsqlDbType.Text);
                copy.Write(e.Source, NpgsqlDbType.Text);
                copy.Write(e.Description, NpgsqlDbType.Text);
                copy.Write(e.At, NpgsqlDbType.TimestampTz);
                copy.WriteNull();
            }
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await conn.BeginBinaryImportAsync("COPY scratch_postings FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var l in lines)
            {
                copy.StartRow();
                copy.Write(l.Entry, NpgsqlDbType.Bigint);
                copy.Write(l.Line, NpgsqlDbType.Smallint);
                copy.Write(l.Account, NpgsqlDbType.Bigint);
                copy.Write(l.Amount, NpgsqlDbType.Bigint);
                copy.Write("USD", NpgsqlDbType.Char);
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
