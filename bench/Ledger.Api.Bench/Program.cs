using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ledger.Data.ReferenceData;
using Ledger.Data.Schema;
using Ledger.Data.Services;
using Ledger.Data.Services.Auth;
using Npgsql;

// HTTP load benchmark of card deposits (POST /deposits) beside pgbench's one-row commit rate, measured in the same run
// against the same PostgreSQL. Usage (bench/Ledger.Api.Bench/run.sh starts the API first):
//   dotnet run -c Release --project bench/Ledger.Api.Bench -- --url http://127.0.0.1:5080 --connection "Host=…;Database=ledger_api_dev"
var options = Args.Parse(args);
var inv = CultureInfo.InvariantCulture;

await using var db = NpgsqlDataSource.Create(options.Connection);
if (options.Setup) await Setup.RunAsync(options, db);
if (args.Contains("--setup-only")) return 0;

var people = new List<(string Number, string LastName)>();
await using (var cmd = db.CreateCommand("SELECT person_number, last_name FROM people WHERE status = 'in_custody' ORDER BY person_number"))
await using (var reader = await cmd.ExecuteReaderAsync())
{
    while (await reader.ReadAsync()) people.Add((reader.GetString(0), reader.GetString(1)));
}
if (people.Count == 0) throw new InvalidOperationException("No people in custody: run with --setup (or import a roster) first.");

if (args.Contains("--floor"))
{
    // The same load generator against GET /health/live: what this machine's HTTP stack does with no database work.
    var floor = await Load.RunAsync(options, people, floorOnly: true);
    Console.WriteLine(string.Create(inv, $"floor (GET /health/live): {floor.Rps:F0} requests/s, p50 {floor.P50:F2} ms, p99 {floor.P99:F2} ms"));
}

if (args.Contains("--journal"))
{
    // The journal alone (JournalStore.PostAsync, no HTTP, no API tables): the floor under the deposit path.
    var accounts = new Ledger.Data.Journal.AccountDirectory(db);
    var journal = new Ledger.Data.Journal.JournalStore(db, accounts);
    foreach (var batchPath in new[] { false, true })
    {
    var count = 0L;
    var until = Stopwatch.GetTimestamp() + options.Seconds * Stopwatch.Frequency;
    await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async c =>
    {
        for (var n = 0; Stopwatch.GetTimestamp() < until; n++)
        {
            var person = people[(c * 7919 + n) % people.Count].Number;
            var usd = Ledger.Domain.Currency.USD;
            var amount = Ledger.Domain.Money.Usd(1000);
            var entry = new Ledger.Domain.Journal.JournalEntry($"benchj{(batchPath ? "b" : "s")}:{options.RunId}:{c}:{n}", "bench", "journal floor", DateTimeOffset.UtcNow,
            [
                Ledger.Domain.Journal.Posting.Debit(Ledger.Domain.Accounts.AccountKey.OfFacility("FCI-LOR", Ledger.Domain.Accounts.AccountKind.CardClearing, usd), amount),
                Ledger.Domain.Journal.Posting.Credit(Ledger.Domain.Accounts.AccountKey.Personal(person, Ledger.Domain.Accounts.AccountKind.Trust, usd), amount),
            ]);
            if (batchPath) await journal.PostBatchAsync([entry], (_, _, _, _) => Task.CompletedTask);
            else await journal.PostAsync(entry);
            Interlocked.Increment(ref count);
        }
    }));
    Console.WriteLine(string.Create(inv, $"journal only ({(batchPath ? "PostBatchAsync with one entry and WriteAlongside" : "PostAsync")}, {options.Clients} tasks): {count / (double)options.Seconds:F0} entries/s"));
    }
}

Console.WriteLine(string.Create(inv, $"pgbench: {options.Clients} clients, {options.Seconds} s, one-row INSERT per transaction (synchronous_commit as configured) …"));
// --pgbench-tps N reuses a measured rate (e.g. when profiling the API alone).
var pgbenchTps = args.Contains("--pgbench-tps") ? double.Parse(args[Array.IndexOf(args, "--pgbench-tps") + 1], inv) : await PgBench.RunAsync(options, db);
Console.WriteLine(string.Create(inv, $"pgbench one-row commits: {pgbenchTps:F0} tps"));

Console.WriteLine(string.Create(inv, $"HTTP: {options.Clients} concurrent clients, {options.Warmup} s warm-up, {options.Seconds} s measured, POST {options.Url}/deposits with tokens of {options.Processor} …"));
var tokens = await Tokens.MintAsync(options, options.Tokens);
await Statements.ResetAsync(db);
var cpu = new CpuMeter(options);
var http = options.Autocannon
    ? await AutocannonLoad.RunAsync(options, people, tokens, onMeasureStart: cpu.StartAsync, onMeasureEnd: cpu.Stop)
    : await Load.RunAsync(options, people, tokens, onMeasureStart: cpu.StartAsync, onMeasureEnd: cpu.Stop);
Console.WriteLine(string.Create(inv, $"card deposits (POST /deposits, 202{(options.Autocannon ? ", autocannon" : "")}): {http.Rps:F0} requests/s, p50 {http.P50:F2} ms, p99 {http.P99:F2} ms, max {http.Max:F1} ms, {http.Ok} accepted, {http.Errors} errors"));
var confirmed = await Confirmations.AwaitAsync(db, options.RunId, http.OkIncludingWarmup, http.MeasuredFrom, http.MeasuredTo);
Console.WriteLine(string.Create(inv, $"confirmations credited (processor's payment.succeeded -> POST /processor/events): {confirmed.PerSecond:F0}/s in the measured window, latency from the 202 to the credit p50 {confirmed.P50:F1} ms, p99 {confirmed.P99:F1} ms; {confirmed.Credited} of {http.OkIncludingWarmup} credited, {confirmed.Pending} still pending"));
await Statements.PrintAsync(db, confirmed.Credited);
cpu.Print(http.Ok);
var ratio = http.Rps / pgbenchTps;
Console.WriteLine(string.Create(inv, $"ratio to pgbench: {ratio:F2}x (target >= 0.5x: {(ratio >= 0.5 ? "met" : "NOT met")}); p99 target <= 20 ms: {(http.P99 <= 20 ? "met" : "NOT met")}; confirmations {confirmed.PerSecond / pgbenchTps:F2}x"));

// Nothing lost, nothing twice: every 202 is one card payment, credited once by one journal entry and one deposit row.
if (!await Confirmations.CheckAsync(db, options.RunId, http.OkIncludingWarmup, options.Autocannon ? 2 * options.Clients : 0)) return 2;
return http.Errors > 0 || confirmed.Pending > 0 ? 1 : 0;

sealed record Options(string Url, string Connection, int Clients, int Seconds, int Warmup, string SigningKey, bool Setup, string Samples, string RunId,
    string Processor, int Tokens, int[] ApiPids, int ProcessorPid, bool Autocannon);

static class Args
{
    public static Options Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var inv = CultureInfo.InvariantCulture;
        return new Options(
            Get("--url", "http://127.0.0.1:5080"),
            Get("--connection", Environment.GetEnvironmentVariable("ConnectionStrings__Ledger") ?? "Host=127.0.0.1;Port=55432;Username=ledger;Database=ledger_api_dev"),
            int.Parse(Get("--clients", "16"), inv),
            int.Parse(Get("--seconds", "20"), inv),
            int.Parse(Get("--warmup", "5"), inv),
            Get("--key", Environment.GetEnvironmentVariable("Auth__SigningKey") ?? "ledger-development-signing-key-not-for-production-use"),
            args.Contains("--setup") || args.Contains("--setup-only"),
            Get("--samples", "samples/reference"),
            Get("--run-id", DateTime.UtcNow.ToString("yyyyMMddHHmmss", inv)),
            Get("--processor", "http://127.0.0.1:5190"),
            int.Parse(Get("--tokens", "30000"), inv),
            // Several API processes (run.sh with LEDGER_BENCH_APIS): their pids, comma-separated, like their --url.
            Get("--api-pid", "0").Split(',').Select(p => int.Parse(p, inv)).ToArray(),
            int.Parse(Get("--processor-pid", "0"), inv),
            args.Contains("--autocannon"));
    }
}

static class Setup
{
    public static async Task RunAsync(Options o, NpgsqlDataSource db)
    {
        await Migrator.MigrateAsync(o.Connection);
        await ServicesMigrator.MigrateAsync(o.Connection);
        var importer = new ReferenceDataImporter(db);
        using (var r = File.OpenText(Path.Combine(o.Samples, "facilities.csv"))) await importer.ImportFacilitiesAsync(r, "facilities.csv");
        using (var r = File.OpenText(Path.Combine(o.Samples, "fees.csv"))) await importer.ImportFeesAsync(r, "fees.csv");
        using (var r = File.OpenText(Path.Combine(o.Samples, "roster.csv"))) await importer.ImportRosterAsync(r, "roster.csv");
        Console.WriteLine("setup: schema migrated, sample facilities, fees and roster loaded");
    }
}

static class PgBench
{
    /// <summary>pgbench with 16 clients committing one single-row INSERT per transaction: the database's commit rate.</summary>
    public static async Task<double> RunAsync(Options o, NpgsqlDataSource db)
    {
        await using (var cmd = db.CreateCommand("CREATE TABLE IF NOT EXISTS bench_one_row (id bigserial PRIMARY KEY, v int NOT NULL)"))
            await cmd.ExecuteNonQueryAsync();
        var script = Path.GetTempFileName();
        await File.WriteAllTextAsync(script, "INSERT INTO bench_one_row (v) VALUES (1);\n");
        var cs = new NpgsqlConnectionStringBuilder(o.Connection);
        var psi = new ProcessStartInfo("pgbench")
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            ArgumentList = { "-n", "-M", "prepared", "-c", o.Clients.ToString(CultureInfo.InvariantCulture), "-j", "2",
                "-T", o.Seconds.ToString(CultureInfo.InvariantCulture), "-f", script,
                "-h", cs.Host ?? "127.0.0.1", "-p", cs.Port.ToString(CultureInfo.InvariantCulture), "-U", cs.Username ?? "ledger", cs.Database ?? "ledger_api_dev" },
        };
        using var process = Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(script);
        await using (var cmd = db.CreateCommand("TRUNCATE bench_one_row")) await cmd.ExecuteNonQueryAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("tps = ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"pgbench failed: {output} {error}");
        return double.Parse(line["tps = ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);
    }
}

sealed record LoadResult(double Rps, double P50, double P99, double Max, long Ok, long Errors, long OkIncludingWarmup, DateTimeOffset MeasuredFrom, DateTimeOffset MeasuredTo);

/// <summary>
/// Single-use card tokens from the processor (POST /v1/tokens, test card 4242…), minted before the load: in real life the
/// family's browser asks the processor for its token, so this is not the API's work and stays out of the measured window.
/// </summary>
static class Tokens
{
    public static async Task<System.Collections.Concurrent.ConcurrentQueue<string>> MintAsync(Options o, int count)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 }) { BaseAddress = new Uri(o.Processor) };
        var queue = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var started = Stopwatch.GetTimestamp();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                using var response = await client.PostAsync("/v1/tokens",
                    new StringContent("""{"number":"4242424242424242","expMonth":12,"expYear":2030,"cvc":"123"}""", Encoding.UTF8, "application/json"));
                response.EnsureSuccessStatusCode();
                using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                queue.Enqueue(doc.RootElement.GetProperty("id").GetString()!);
            }
        }));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"minted {queue.Count} card tokens at the processor in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s (before the load)"));
        return queue;
    }
}

/// <summary>
/// The same load from autocannon (npm, bench/autocannon/load.js), a lean external generator: the tokens and the families'
/// bearer tokens are minted here and handed over in a file; autocannon sends POST /deposits, each with its own token.
/// </summary>
static class AutocannonLoad
{
    public static async Task<LoadResult> RunAsync(Options o, IReadOnlyList<(string Number, string LastName)> people,
        System.Collections.Concurrent.ConcurrentQueue<string> tokens, Func<Task> onMeasureStart, Action onMeasureEnd)
    {
        var dir = Path.Combine(Directory.GetCurrentDirectory(), "bench", "autocannon"); // run.sh runs from the repository
        var plan = Path.Combine(Path.GetTempPath(), $"ledger-autocannon-{o.RunId}.json");
        await File.WriteAllTextAsync(plan, System.Text.Json.JsonSerializer.Serialize(new
        {
            // One API process: autocannon takes one target. (The warm-up and the seconds were lost in this comment's line,
            // and autocannon refused to start: "duration entered was in an invalid format".)
            url = o.Url.Split(',')[0], clients = o.Clients, warmup = o.Warmup, seconds = o.Seconds,
            families = Enumerable.Range(0, o.Clients).Select(c => LedgerTokens.Mint(o.SigningKey, LedgerTokens.Roles.Family, $"bench-{o.RunId}-{c}", [], TimeSpan.FromHours(2))).ToArray(),
            people = people.Select(p => new[] { p.Number, p.LastName }).ToArray(),
            tokens = tokens.ToArray(),
        }));
        var info = new ProcessStartInfo("node", [Path.Combine(dir, "load.js"), plan]) { RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = dir };
        using var node = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var from = DateTimeOffset.UtcNow;
        string? last = null;
        while (await node.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == "measure")
            {
                from = DateTimeOffset.UtcNow;
                await onMeasureStart();
            }
            else last = line;
        }
        onMeasureEnd();
        await node.WaitForExitAsync();
        File.Delete(plan);
        if (node.ExitCode != 0 || last is null) throw new InvalidOperationException($"autocannon failed (exit {node.ExitCode}); run npm ci in {dir}");
        var r = System.Text.Json.JsonDocument.Parse(last).RootElement;
        double D(string name) => r.GetProperty(name).GetDouble();
        long L(string name) => r.GetProperty(name).GetInt64();
        return new LoadResult(D("requestsPerSecond"), D("p50"), D("p99"), D("max"), L("accepted"), L("errors"), L("acceptedIncludingWarmup"), from, from + TimeSpan.FromSeconds(D("seconds")));
    }
}

sealed class CompositeDisposable(IEnumerable<IDisposable> items) : IDisposable
{
    public void Dispose()
    {
        foreach (var item in items) item.Dispose();
    }
}

static class Load
{
    public static async Task<LoadResult> RunAsync(Options o, IReadOnlyList<(string Number, string LastName)> people,
        System.Collections.Concurrent.ConcurrentQueue<string>? tokens = null, bool floorOnly = false,
        Func<Task>? onMeasureStart = null, Action? onMeasureEnd = null)
    {
        // --url may name several API processes (comma-separated): the clients take them in turn.
        var clients = o.Url.Split(',').Select(url => new HttpClient(
            new SocketsHttpHandler { MaxConnectionsPerServer = o.Clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) }).ToArray();
        using var dispose = new CompositeDisposable(clients);
        foreach (var c in clients) (await c.GetAsync("/health/live")).EnsureSuccessStatusCode();

        var started = Stopwatch.GetTimestamp();
        var wallStarted = DateTimeOffset.UtcNow;
        var warmupEnds = started + (long)(o.Warmup * (double)Stopwatch.Frequency);
        var ends = warmupEnds + (long)(o.Seconds * (double)Stopwatch.Frequency);
        var latencies = new List<double>[o.Clients];
        long ok = 0, errors = 0, okAll = 0, lastEnd = warmupEnds;
        var firstError = "";
        var ranOut = false;

        var tasks = Enumerable.Range(0, o.Clients).Select(async c =>
        {
            // One family per client: rate limits are per family, and families deposit concurrently in real life.
            var family = $"bench-{o.RunId}-{c}";
            var client = clients[c % clients.Length];
            var token = LedgerTokens.Mint(o.SigningKey, LedgerTokens.Roles.Family, family, [], TimeSpan.FromHours(2));
            var mine = latencies[c] = new List<double>(200_000);
            for (var n = 0; ; n++)
            {
                var now = Stopwatch.GetTimestamp();
                if (now >= ends) break;
                if (floorOnly)
                {
                    var f0 = Stopwatch.GetTimestamp();
                    using var health = await client.GetAsync("/health/live");
                    await health.Content.LoadIntoBufferAsync();
                    if (f0 >= warmupEnds) mine.Add((Stopwatch.GetTimestamp() - f0) * 1000.0 / Stopwatch.Frequency);
                    continue;
                }
                if (!tokens!.TryDequeue(out var cardToken))
                {
                    ranOut = true;
                    break;
                }
                var person = people[(c * 7919 + n) % people.Count];
                var body = string.Create(CultureInfo.InvariantCulture,
                    $"{{\"personNumber\":\"{person.Number}\",\"lastName\":\"{person.LastName}\",\"channel\":\"online\",\"amountCents\":{1000 + n % 5000},\"targetAccount\":\"trust\",\"authorizationReference\":\"{cardToken}\"}}");
                using var request = new HttpRequestMessage(HttpMethod.Post, "/deposits") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Add("Idempotency-Key", string.Create(CultureInfo.InvariantCulture, $"k{n}"));
                var t0 = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request);
                await response.Content.LoadIntoBufferAsync();
                var t1 = Stopwatch.GetTimestamp();
                var accepted = response.StatusCode == HttpStatusCode.Accepted;
                if (accepted) Interlocked.Increment(ref okAll);
                else if (Interlocked.Increment(ref errors) == 1) firstError = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (t0 < warmupEnds) continue;
                if (accepted) Interlocked.Increment(ref ok);
                mine.Add((t1 - t0) * 1000.0 / Stopwatch.Frequency);
                InterlockedMax(ref lastEnd, t1);
            }
        }).ToArray();
        if (onMeasureStart is not null || onMeasureEnd is not null)
        {
            // CPU is read around the measured window (after the warm-up, until the load stops).
            await Task.Delay(TimeSpan.FromSeconds(o.Warmup));
            if (onMeasureStart is not null) await onMeasureStart();
            await Task.WhenAny(Task.WhenAll(tasks), Task.Delay(TimeSpan.FromSeconds(o.Seconds)));
            onMeasureEnd?.Invoke();
        }
        await Task.WhenAll(tasks);
        if (firstError.Length > 0) Console.WriteLine($"first error: {firstError}");
        // The window is what was measured: shorter than --seconds only when the minted tokens ran out.
        var measuredEnd = ranOut ? lastEnd : ends;
        var seconds = (measuredEnd - warmupEnds) / (double)Stopwatch.Frequency;
        if (ranOut) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the card tokens ran out after {seconds:F1} s of the measured window: raise --tokens"));

        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
        DateTimeOffset Wall(long ts) => wallStarted + TimeSpan.FromSeconds((ts - started) / (double)Stopwatch.Frequency);
        return new LoadResult(all.Length / seconds, Percentile(0.50), Percentile(0.99), all.LastOrDefault(), ok, errors, okAll, Wall(warmupEnds), Wall(measuredEnd));
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }
}

sealed record Confirmed(double PerSecond, double P50, double P99, long Credited, long Pending);

/// <summary>The second request of a card deposit: the processor's signed confirmation, which credits. Read from the API's own rows.</summary>
static class Confirmations
{
    public static async Task<Confirmed> AwaitAsync(NpgsqlDataSource db, string runId, long accepted, DateTimeOffset from, DateTimeOffset to)
    {
        // The processor delivers each confirmation once the payment is authorized; wait (bounded) for the last of them.
        var family = $"bench-{runId}-%";
        long credited = 0, pending = 0;
        var until = Stopwatch.GetTimestamp() + 120 * Stopwatch.Frequency;
        do
        {
            await using var cmd = db.CreateCommand("SELECT count(*) FILTER (WHERE status = 'credited'), count(*) FILTER (WHERE status IN ('pending', 'starting')) FROM card_payments WHERE family_subject LIKE @f");
            cmd.Parameters.AddWithValue("f", family);
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
            (credited, pending) = (r.GetInt64(0), r.GetInt64(1));
            if (pending == 0 && credited >= accepted) break;
            await Task.Delay(250);
        } while (Stopwatch.GetTimestamp() < until);

        await using var stats = db.CreateCommand("""
            SELECT count(*) FILTER (WHERE updated_at >= @from AND updated_at < @to),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM updated_at - created_at) * 1000) FILTER (WHERE created_at >= @from AND created_at < @to),
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM updated_at - created_at) * 1000) FILTER (WHERE created_at >= @from AND created_at < @to)
            FROM card_payments WHERE family_subject LIKE @f AND status = 'credited'
            """);
        stats.Parameters.AddWithValue("f", family);
        stats.Parameters.AddWithValue("from", from);
        stats.Parameters.AddWithValue("to", to);
        await using var s = await stats.ExecuteReaderAsync();
        await s.ReadAsync();
        var inWindow = s.GetInt64(0);
        return new Confirmed(inWindow / (to - from).TotalSeconds, s.IsDBNull(1) ? double.NaN : s.GetDouble(1), s.IsDBNull(2) ? double.NaN : s.GetDouble(2), credited, pending);
    }

    /// <summary>Every accepted payment of the run credited once: one journal entry under its key, one deposit row.</summary>
    /// <summary><paramref name="dropped"/>: answers the load generator may not have waited for (autocannon drops those in flight when its warm-up and its measured run stop).</summary>
    public static async Task<bool> CheckAsync(NpgsqlDataSource db, string runId, long accepted, int dropped = 0)
    {
        await using var cmd = db.CreateCommand("""
            SELECT count(*), count(e.id), count(DISTINCT e.id), count(d.id)
            FROM card_payments p
            LEFT JOIN journal_entries e ON e.idempotency_key = 'card-payment:' || p.payment_id AND e.id = p.credit_entry_id
            LEFT JOIN api.card_deposits d ON d.journal_key = 'card-payment:' || p.payment_id
            WHERE p.family_subject LIKE @f
            """);
        cmd.Parameters.AddWithValue("f", $"bench-{runId}-%");
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        var (payments, entries, distinct, rows) = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"this run: {accepted} accepted answers (incl. warm-up), {payments} card payments, {entries} credited by their own journal entry ({distinct} distinct), {rows} deposit rows"));
        if (payments != accepted)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{payments - accepted} payment(s) whose answer the load generator did not wait for (at most {dropped} allowed)"));
        return payments >= accepted && payments - accepted <= dropped && entries == payments && distinct == payments && rows == payments;
    }
}

/// <summary>PostgreSQL statements per card deposit (both requests), from pg_stat_statements when the server loads it.</summary>
static class Statements
{
    private static bool _available;
    private static (long Xids, long WalBytes, long WalSyncs) _start;

    /// <summary>
    /// Write transactions (transaction ids assigned: a read-only statement takes none), WAL bytes and WAL flushes (fsyncs;
    /// one may serve several commits) of the whole cluster so far: the bench is its only writer.
    /// </summary>
    private static async Task<(long Xids, long WalBytes, long WalSyncs)> WritesAsync(NpgsqlDataSource db)
    {
        await using var cmd = db.CreateCommand("""
            SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint,
                   (SELECT wal_sync FROM pg_stat_wal)
            """);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
    }

    public static async Task ResetAsync(NpgsqlDataSource db)
    {
        _start = await WritesAsync(db);
        try
        {
            await using (var create = db.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")) await create.ExecuteNonQueryAsync();
            await using (var reset = db.CreateCommand("SELECT pg_stat_statements_reset()")) await reset.ExecuteNonQueryAsync();
            _available = true;
        }
        catch (PostgresException e)
        {
            Console.WriteLine($"pg_stat_statements not available ({e.MessageText}): add shared_preload_libraries = 'pg_stat_statements' to count statements per deposit");
        }
    }

    public static async Task PrintAsync(NpgsqlDataSource db, long deposits)
    {
        if (deposits == 0) return;
        // Backends report their WAL counters when idle, at most once a second: give them that.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var end = await WritesAsync(db);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"PostgreSQL writes per card deposit (both requests, whole cluster): {(end.Xids - _start.Xids) / (double)deposits:F2} write transactions, {(end.WalBytes - _start.WalBytes) / (double)deposits:F0} WAL bytes, {(end.WalSyncs - _start.WalSyncs) / (double)deposits:F2} WAL flushes"));
        if (!_available) return;
        await using var cmd = db.CreateCommand("""
            SELECT calls, total_exec_time, left(regexp_replace(query, '\s+', ' ', 'g'), 110) FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%'
            ORDER BY calls DESC
            """);
        var rows = new List<(long Calls, double Ms, string Query)>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) rows.Add((r.GetInt64(0), r.GetDouble(1), r.GetString(2)));
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"PostgreSQL statements per card deposit (both requests, incl. BEGIN/COMMIT/SAVEPOINT, all sessions): {rows.Sum(x => x.Calls) / (double)deposits:F2}"));
        // Calls and execution time (ms, wall in the server, waits for locks and WAL flushes included) per deposit.
        foreach (var (calls, ms, query) in rows.Where(x => x.Calls >= deposits / 10))
            Console.WriteLine(string.Create(inv, $"  {calls / (double)deposits,5:F2} {ms / deposits,6:F3} ms  {query}"));
    }
}

/// <summary>
/// CPU seconds of the API, the processor and the PostgreSQL backends of the bench database over the measured window,
/// from /proc: on a shared machine these move far less than wall time.
/// </summary>
sealed class CpuMeter(Options o)
{
    private readonly Dictionary<int, double> _start = [];
    private readonly Dictionary<int, double> _end = [];
    private int[] _backends = [];

    public async Task StartAsync()
    {
        await using var db = NpgsqlDataSource.Create(o.Connection);
        await using var cmd = db.CreateCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        var pids = new List<int>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) pids.Add(r.GetInt32(0));
        _backends = [.. pids];
        foreach (var pid in _backends.Concat(o.ApiPids).Append(o.ProcessorPid)) if (Seconds(pid) is { } s) _start[pid] = s;
    }

    public void Stop()
    {
        foreach (var pid in _start.Keys) if (Seconds(pid) is { } s) _end[pid] = s;
    }

    public void Print(long deposits)
    {
        if (deposits == 0 || _start.Count == 0) return;
        double Used(IEnumerable<int> pids) => pids.Where(_end.ContainsKey).Sum(p => _end[p] - _start[p]);
        var api = Used(o.ApiPids);
        var processor = Used([o.ProcessorPid]);
        var pg = Used(_backends);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU per card deposit (both requests), measured window: API {api * 1000 / deposits:F2} ms, PostgreSQL {pg * 1000 / deposits:F2} ms ({_backends.Length} backends), processor {processor * 1000 / deposits:F2} ms; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
    }

    private static double? Seconds(int pid)
    {
        if (pid <= 0) return null;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // utime and stime are fields 14 and 15 (1-based), i.e. 11 and 12 after the command name.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
