using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ledger.Data.Journal;
using Ledger.Data.ReferenceData;
using Ledger.Data.Schema;
using Ledger.Data.Statements;
using Ledger.Data.Verification;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Cli.Commands;

/// <summary>
/// `ledger bench statements`: a facility of N residents with about M journal lines in one month, then, in the same
/// run, COPY (SELECT the same lines) TO STDOUT against the CSV export of every statement and the trial balance.
/// </summary>
public static class StatementsBench
{
    private const string Facility = "BENCH";
    private static readonly StatementPeriod Month = new(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31));

    public static async Task<int> RunAsync(CliHost host, int residents, int lines, int runs, bool pdf, bool reuse, CancellationToken ct)
    {
        if (residents < 1 || lines < 2 || runs < 1) throw new InvalidOperationException("--residents and --runs must be at least 1, --lines at least 2.");
        var connectionString = new NpgsqlConnectionStringBuilder(host.ConnectionString) { Database = new NpgsqlConnectionStringBuilder(host.ConnectionString).Database + "_bench_statements" }.ConnectionString;
        var seeded = reuse ? await SeededAlreadyAsync(connectionString, residents, lines, ct) : null;
        if (seeded is null)
        {
            connectionString = await BenchCommands.FreshDatabaseAsync(host.ConnectionString, "bench_statements", ct);
            await Migrator.MigrateAsync(connectionString, ct);
        }
        await using var db = NpgsqlDataSource.Create(connectionString);
        if (seeded is null)
        {
            var watch = Stopwatch.StartNew();
            seeded = await SeedAsync(db, residents, lines, ct);
            var verify = await new LedgerVerifier(db).VerifyAsync(ct);
            if (!verify.Passed) throw new InvalidOperationException("The seeded ledger does not verify: " + string.Join("; ", verify.Checks.Where(c => !c.Passed).Select(c => c.Name)));
            Console.WriteLine($"seeded     : {residents:N0} residents, {seeded.Entries:N0} entries, {seeded.Lines:N0} lines ({seeded.InMonth:N0} in {Month}, "
                              + $"{seeded.PeopleLinesInMonth:N0} of them on residents' accounts) in {watch.Elapsed.TotalSeconds:F1} s; ledger verify passed");
        }
        else
        {
            Console.WriteLine($"reused     : {residents:N0} residents, {seeded.PeopleLinesInMonth:N0} lines on residents' accounts in {Month} (--reuse)");
        }

        var sameLines = $"""
            SELECT p.account_id, p.posted_at, p.entry_id, p.line_number, p.amount_cents, e.source, e.description
            FROM people pe
            JOIN accounts a ON a.owner_type = 'person' AND a.owner_code = pe.person_number
            JOIN postings p ON p.account_id = a.id AND p.personal
            JOIN journal_entries e ON e.id = p.entry_id
            WHERE pe.facility_code = '{Facility}' AND p.posted_at >= '{Month.Start:yyyy-MM-dd} 00:00:00+00' AND p.posted_at < '{Month.End:yyyy-MM-dd} 00:00:00+00'
            """;
        var ordered = sameLines + " ORDER BY a.owner_code, a.kind, p.posted_at, p.entry_id, p.line_number";
        await CopyOutAsync(db, sameLines, ct); // the first read pays for the cache, for both sides

        // The machine may be shared: alternate the two sides and compare medians.
        var statements = new FacilityStatements(db);
        var dir = Path.Combine(Path.GetTempPath(), $"ledger-bench-statements-{Environment.ProcessId}");
        var copies = new List<TimeSpan>();
        var exports = new List<TimeSpan>();
        var copyCpu = new List<double>();
        var exportCpu = new List<double>();
        StatementExportSummary csv = null!;
        long copyBytes = 0, csvBytes = 0;
        for (var run = 1; run <= runs; run++)
        {
            var cpu0 = await CpuAsync(db, ct);
            (var copyTime, copyBytes) = await CopyOutAsync(db, sameLines, ct);
            var cpu1 = await CpuAsync(db, ct);
            (var csvTime, csv) = await ExportAsync(statements, dir, StatementFormats.Csv, ct);
            var cpu2 = await CpuAsync(db, ct);
            if (csv.Lines != seeded.PeopleLinesInMonth || !csv.TrialBalanceTiesOut)
                throw new InvalidOperationException($"The export wrote {csv.Lines:N0} lines, the month holds {seeded.PeopleLinesInMonth:N0}.");
            csvBytes = DirectorySize(dir);
            copies.Add(copyTime);
            exports.Add(csvTime);
            var cpu = "";
            if (cpu0 is { } c0 && cpu1 is { } c1 && cpu2 is { } c2)
            {
                copyCpu.Add(c1.Total - c0.Total);
                exportCpu.Add(c2.Total - c1.Total);
                cpu = $"; CPU COPY {c1.Total - c0.Total:F2} s ({c1.Client - c0.Client:F2} client + {c1.Server - c0.Server:F2} PostgreSQL), "
                      + $"export {c2.Total - c1.Total:F2} s ({c2.Client - c1.Client:F2} + {c2.Server - c1.Server:F2})";
            }
            Console.WriteLine($"run {run}      : COPY {copyTime.TotalSeconds:F2} s, CSV export {csvTime.TotalSeconds:F2} s, {csvTime / copyTime:F2}x{cpu}");
        }
        var (orderedTime, _) = await CopyOutAsync(db, ordered, ct);
        Directory.Delete(dir, recursive: true);
        var copy = Median(copies);
        var export = Median(exports);
        // Each run's two sides ran back to back under the same load: their ratio is the fair comparison.
        var ratio = copies.Zip(exports, (c, e) => e / c).Order().ToList()[copies.Count / 2];

        Console.WriteLine($"COPY out   : COPY (SELECT the same {seeded.PeopleLinesInMonth:N0} lines with their entries' source and description) TO STDOUT (FORMAT BINARY), "
                          + $"drained: median {copy.TotalSeconds:F2} s ({copyBytes / 1e6:F0} MB); ordered by person, account, time: {orderedTime.TotalSeconds:F2} s");
        Console.WriteLine($"CSV export : {csv.People:N0} statements ({csv.Accounts:N0} accounts, {csv.Lines:N0} lines) + trial balance + manifest: median {export.TotalSeconds:F2} s "
                          + $"({csvBytes / 1e6:F0} MB, {csv.Lines / export.TotalSeconds:N0} lines/s)");
        Console.WriteLine($"ratio      : {ratio:F2}x, the median of the runs' ratios (target <= 2x); medians {export / copy:F2}x; "
                          + $"{export / orderedTime:F2}x against the ordered COPY; load average {LoadAverage()}");
        if (exportCpu.Count == runs)
        {
            Console.WriteLine($"cpu ratio  : {exportCpu.Order().ElementAt(runs / 2) / copyCpu.Order().ElementAt(runs / 2):F2}x (client + PostgreSQL, medians: "
                              + $"export {exportCpu.Order().ElementAt(runs / 2):F2} s, COPY {copyCpu.Order().ElementAt(runs / 2):F2} s; steadier than wall time on a shared machine)");
        }

        if (pdf)
        {
            var (pdfTime, _) = await ExportAsync(statements, dir, StatementFormats.Pdf, ct);
            var pdfBytes = DirectorySize(dir);
            Directory.Delete(dir, recursive: true);
            Console.WriteLine($"PDF export : {csv.People:N0} statements + trial balance in {pdfTime.TotalSeconds:F2} s ({pdfBytes / 1e6:F0} MB, "
                              + $"{pdfTime.TotalMilliseconds / csv.People:F1} ms per resident, {pdfTime / copy:F1}x the COPY)");
        }
        return 0;
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ToList()[times.Count / 2];

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] + $" on {Environment.ProcessorCount} cores" : "unknown";

    /// <summary>With --reuse: the counts of an earlier seeding with the same size, or null when there is none.</summary>
    private static async Task<Seeded?> SeededAlreadyAsync(string connectionString, int residents, int lines, CancellationToken ct)
    {
        try
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand($"""
                SELECT (SELECT count(*) FROM people WHERE facility_code = '{Facility}'),
                       (SELECT count(*) FROM postings WHERE posted_at >= '{Month.Start:yyyy-MM-dd} 00:00:00+00' AND posted_at < '{Month.End:yyyy-MM-dd} 00:00:00+00'),
                       (SELECT count(*) FROM postings p JOIN accounts a ON a.id = p.account_id
                        WHERE a.owner_type = 'person' AND p.posted_at >= '{Month.Start:yyyy-MM-dd} 00:00:00+00' AND p.posted_at < '{Month.End:yyyy-MM-dd} 00:00:00+00')
                """, conn);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return reader.GetInt64(0) == residents && reader.GetInt64(1) == lines / 2 * 2 ? new Seeded(0, 0, reader.GetInt64(1), reader.GetInt64(2)) : null;
        }
        catch (PostgresException e) when (e.SqlState is "3D000" or "42P01")
        {
            return null;
        }
    }

    private static async Task<(TimeSpan, StatementExportSummary)> ExportAsync(FacilityStatements statements, string dir, StatementFormats formats, CancellationToken ct)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        var watch = Stopwatch.StartNew();
        await using var output = DirectoryStatementOutput.Open(dir, force: false);
        var summary = await statements.ExportAsync(Facility, Month, formats, output, StatementsCommand.TerminalProgress(), ct);
        return (watch.Elapsed, summary);
    }

    private static long DirectorySize(string dir) => new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    /// <summary>The floor: PostgreSQL runs the query and sends the rows; the client only drains the bytes.</summary>
    private static async Task<(TimeSpan, long)> CopyOutAsync(NpgsqlDataSource db, string select, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var watch = Stopwatch.StartNew();
        await using var copy = await conn.BeginRawBinaryCopyAsync($"COPY ({select}) TO STDOUT (FORMAT BINARY)", ct);
        var buffer = new byte[1 << 16];
        long bytes = 0;
        for (int n; (n = await copy.ReadAsync(buffer, ct)) > 0;) bytes += n;
        return (watch.Elapsed, bytes);
    }

    /// <summary>
    /// CPU seconds so far of this process and of the PostgreSQL cluster: its processes, plus the children its postmaster
    /// has already reaped (a query's parallel workers end before they could be counted one by one). Read from /proc, so
    /// only when PostgreSQL runs on this machine (null otherwise); the whole cluster, so meant for a cluster of one's own.
    /// </summary>
    private static async Task<(double Client, double Server, double Total)?> CpuAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var client = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        await using var cmd = db.CreateCommand("SELECT pg_backend_pid()");
        var backend = (int)(await cmd.ExecuteScalarAsync(ct))!;
        try
        {
            // Fields after the command name: ppid is the 2nd; utime, stime, cutime, cstime the 12th to 15th (clock ticks).
            static long[] Stat(string pid)
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                return stat[(stat.LastIndexOf(')') + 2)..].Split(' ').Select(f => long.TryParse(f, CultureInfo.InvariantCulture, out var v) ? v : 0).ToArray();
            }
            var postmaster = Stat(backend.ToString(CultureInfo.InvariantCulture))[1];
            var own = Stat(postmaster.ToString(CultureInfo.InvariantCulture));
            long ticks = own[11] + own[12] + own[13] + own[14];
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                var pid = Path.GetFileName(dir);
                if (!pid.All(char.IsAsciiDigit)) continue;
                try
                {
                    var s = Stat(pid);
                    if (s[1] == postmaster) ticks += s[11] + s[12];
                }
                catch (IOException)
                {
                    // The process ended meanwhile: its time is in the postmaster's cutime now or soon.
                }
            }
            var server = ticks / 100.0;
            return (client, server, client + server);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private sealed record Seeded(long Entries, long Lines, long InMonth, long PeopleLinesInMonth);

    /// <summary>
    /// Writes the journal with binary COPY (the statement trigger still checks that every entry balances), with posting
    /// times spread over the month, which the posting paths cannot do (they stamp now()); then sets people's stored
    /// balances from their lines. Each resident gets a deposit the month before (an opening balance); a few lines
    /// fall in the month after. Spending never takes an account below zero at any point in time.
    /// </summary>
    private static async Task<Seeded> SeedAsync(NpgsqlDataSource db, int residents, int lines, CancellationToken ct)
    {
        var importer = new ReferenceDataImporter(db);
        await importer.ImportFacilitiesAsync(new StringReader(
            "facility_code,name,state,deposit_limit,money_order_hold_days,restitution_percent,stamp_price,email_delivery_hours\n"
            + $"{Facility},Bench Correctional Facility,PA,999.99,0,20,0.35,08-20\n"), "facilities.csv", ct);
        var roster = new StringBuilder("facility_code,person_number,last_name,first_name,status,restitution_owed\n");
        var people = Enumerable.Range(0, residents).Select(i => $"{60000 + i / 1000:D5}-{i % 1000:D3}").ToArray();
        for (var i = 0; i < residents; i++) roster.Append(CultureInfo.InvariantCulture, $"{Facility},{people[i]},RESIDENT{i},BENCH,in_custody,0.00\n");
        await importer.ImportRosterAsync(new StringReader(roster.ToString()), "roster.csv", ct);

        var usd = Currency.USD;
        var clearing = AccountKey.OfFacility(Facility, AccountKind.CardClearing, usd);
        var revenue = AccountKey.OfFacility(Facility, AccountKind.MediaRevenue, usd);
        var keys = people.SelectMany(p => new[] { AccountKey.Personal(p, AccountKind.Trust, usd), AccountKey.Personal(p, AccountKind.Media, usd) })
            .Append(clearing).Append(revenue).ToArray();
        var ids = await new AccountDirectory(db).ResolveAsync(keys, ct);
        long Id(AccountKey k) => ids[k].Value;
        var personal = ids.Where(kv => kv.Key.IsPersonal).Select(kv => kv.Value.Value).ToHashSet();

        var random = new Random(20261031);
        var trust = new long[residents];
        var media = new long[residents];
        var entries = new List<(string Key, string Description, DateTimeOffset At, long Debit, long Credit, long Cents)>(lines / 2 + residents * 2);
        var before = Month.Start.AddDays(-20);
        for (var p = 0; p < residents; p++)
        {
            var cents = 5_000 + random.Next(20_000);
            trust[p] += cents;
            entries.Add(($"bench:open:{p}", "Card deposit (online)", before.AddSeconds(p), Id(clearing), Id(AccountKey.Personal(people[p], AccountKind.Trust, usd)), cents));
        }
        var inMonth = lines / 2;
        var span = (Month.End - Month.Start).Ticks;
        long peopleLines = 0;
        for (var i = 0; i < inMonth; i++)
        {
            var at = Month.Start.AddTicks(span / inMonth * i + random.Next(1_000_000));
            var p = random.Next(residents);
            var personTrust = Id(AccountKey.Personal(people[p], AccountKind.Trust, usd));
            var personMedia = Id(AccountKey.Personal(people[p], AccountKind.Media, usd));
            var roll = random.Next(100);
            if (roll < 40 || trust[p] < 500 && media[p] < 300)
            {
                var cents = 500 + random.Next(20_000);
                trust[p] += cents;
                entries.Add(($"bench:{i}", $"Card deposit (online) AUTH-{random.Next(1_000_000):D6}", at, Id(clearing), personTrust, cents));
                peopleLines += 1;
            }
            else if (roll < 70 && trust[p] >= 500)
            {
                var cents = 100 + random.Next((int)Math.Min(trust[p] - 99, 5_000));
                trust[p] -= cents;
                media[p] += cents;
                entries.Add(($"bench:{i}", $"Trust to media (kiosk credit) for {people[p]}", at, personTrust, personMedia, cents));
                peopleLines += 2;
            }
            else if (media[p] >= 300)
            {
                var cents = 99 + random.Next((int)Math.Min(media[p] - 98, 2_500));
                media[p] -= cents;
                entries.Add(($"bench:{i}", $"Media purchase: song #{random.Next(50_000)}", at, personMedia, Id(revenue), cents));
                peopleLines += 1;
            }
            else
            {
                var cents = 100 + random.Next((int)Math.Min(trust[p] - 99, 5_000));
                trust[p] -= cents;
                media[p] += cents;
                entries.Add(($"bench:{i}", $"Trust to media (kiosk credit) for {people[p]}", at, personTrust, personMedia, cents));
                peopleLines += 2;
            }
        }
        for (var p = 0; p < residents; p += 10)
        {
            var cents = 1_000 + random.Next(5_000);
            entries.Add(($"bench:after:{p}", "Card deposit (online)", Month.End.AddHours(1).AddSeconds(p), Id(clearing), Id(AccountKey.Personal(people[p], AccountKind.Trust, usd)), cents));
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY journal_entries (id, idempotency_key, source, description, effective_at, recorded_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                copy.StartRow();
                copy.Write(i + 1L, NpgsqlDbType.Bigint);
                copy.Write(e.Key, NpgsqlDbType.Text);
                copy.Write("bench", NpgsqlDbType.Text);
                copy.Write(e.Description, NpgsqlDbType.Text);
                copy.Write(e.At, NpgsqlDbType.TimestampTz);
                copy.Write(e.At, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY postings (entry_id, line_number, account_id, amount_cents, currency, posted_at, personal) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                foreach (var (line, account, cents) in new[] { ((short)1, e.Debit, -e.Cents), ((short)2, e.Credit, e.Cents) })
                {
                    copy.StartRow();
                    copy.Write(i + 1L, NpgsqlDbType.Bigint);
                    copy.Write(line, NpgsqlDbType.Smallint);
                    copy.Write(account, NpgsqlDbType.Bigint);
                    copy.Write(cents, NpgsqlDbType.Bigint);
                    copy.Write("USD", NpgsqlDbType.Char);
                    copy.Write(e.At, NpgsqlDbType.TimestampTz);
                    copy.Write(personal.Contains(account), NpgsqlDbType.Boolean);
                }
            }
            await copy.CompleteAsync(ct);
        }
        await using (var finish = new NpgsqlCommand("""
            SELECT setval('journal_entries_id_seq', (SELECT max(id) FROM journal_entries));
            UPDATE accounts a SET balance_cents = s.total
            FROM (SELECT account_id, sum(amount_cents)::bigint AS total FROM postings GROUP BY account_id) s
            WHERE a.id = s.account_id AND a.owner_type = 'person';
            """, conn, tx))
            await finish.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        await using (var analyze = new NpgsqlCommand("ANALYZE", conn)) await analyze.ExecuteNonQueryAsync(ct);
        return new Seeded(entries.Count, entries.Count * 2L, inMonth * 2L, peopleLines);
    }
}
