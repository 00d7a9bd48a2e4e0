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
var pgbenchTps = await PgBench.RunAsync(options, db);
Console.WriteLine(string.Create(inv, $"pgbench one-row commits: {pgbenchTps:F0} tps"));

Console.WriteLine(string.Create(inv, $"HTTP: {options.Clients} concurrent clients, {options.Warmup} s warm-up, {options.Seconds} s measured, POST {options.Url}/deposits …"));
var http = await Load.RunAsync(options, people);
Console.WriteLine(string.Create(inv, $"card deposits: {http.Rps:F0} requests/s, p50 {http.P50:F2} ms, p99 {http.P99:F2} ms, max {http.Max:F1} ms, {http.Ok} created, {http.Errors} errors"));
var ratio = http.Rps / pgbenchTps;
Console.WriteLine(string.Create(inv, $"ratio to pgbench: {ratio:F2}x (target >= 0.5x: {(ratio >= 0.5 ? "met" : "NOT met")}); p99 target <= 20 ms: {(http.P99 <= 20 ? "met" : "NOT met")}"));

// Nothing lost, nothing twice: every 201 is one journal entry of the run.
await using (var cmd = db.CreateCommand("SELECT count(*) FROM journal_entries WHERE idempotency_key LIKE @p"))
{
    cmd.Parameters.AddWithValue("p", $"card:bench-{options.RunId}-%");
    var posted = (long)(await cmd.ExecuteScalarAsync())!;
    Console.WriteLine(string.Create(inv, $"journal entries posted by this run: {posted} (created answers incl. warm-up: {http.OkIncludingWarmup})"));
    if (posted != http.OkIncludingWarmup) return 2;
}
return http.Errors > 0 ? 1 : 0;

sealed record Options(string Url, string Connection, int Clients, int Seconds, int Warmup, string SigningKey, bool Setup, string Samples, string RunId);

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
            DateTime.UtcNow.ToString("yyyyMMddHHmmss", inv));
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

sealed record LoadResult(double Rps, double P50, double P99, double Max, long Ok, long Errors, long OkIncludingWarmup);

static class Load
{
    public static async Task<LoadResult> RunAsync(Options o, IReadOnlyList<(string Number, string LastName)> people, bool floorOnly = false)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = o.Clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(o.Url), Timeout = TimeSpan.FromSeconds(30) };
        (await client.GetAsync("/health/live")).EnsureSuccessStatusCode();

        var started = Stopwatch.GetTimestamp();
        var warmupEnds = started + (long)(o.Warmup * (double)Stopwatch.Frequency);
        var ends = warmupEnds + (long)(o.Seconds * (double)Stopwatch.Frequency);
        var latencies = new List<double>[o.Clients];
        long ok = 0, errors = 0, okAll = 0;
        var firstError = "";

        var tasks = Enumerable.Range(0, o.Clients).Select(async c =>
        {
            // One family per client: rate limits are per family, and families deposit concurrently in real life.
            var family = $"bench-{o.RunId}-{c}";
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
                var person = people[(c * 7919 + n) % people.Count];
                var body = string.Create(CultureInfo.InvariantCulture,
                    $"{{\"personNumber\":\"{person.Number}\",\"lastName\":\"{person.LastName}\",\"channel\":\"online\",\"amountCents\":{1000 + n % 5000},\"targetAccount\":\"trust\",\"authorizationReference\":\"AUTH{c}X{n}\"}}");
                using var request = new HttpRequestMessage(HttpMethod.Post, "/deposits") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Add("Idempotency-Key", string.Create(CultureInfo.InvariantCulture, $"k{n}"));
                var t0 = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request);
                await response.Content.LoadIntoBufferAsync();
                var t1 = Stopwatch.GetTimestamp();
                var created = response.StatusCode == HttpStatusCode.Created;
                if (created) Interlocked.Increment(ref okAll);
                else if (Interlocked.Increment(ref errors) == 1) firstError = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (t0 < warmupEnds) continue;
                if (created) Interlocked.Increment(ref ok);
                mine.Add((t1 - t0) * 1000.0 / Stopwatch.Frequency);
            }
        }).ToArray();
        await Task.WhenAll(tasks);
        if (firstError.Length > 0) Console.WriteLine($"first error: {firstError}");

        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
        return new LoadResult(all.Length / (double)o.Seconds, Percentile(0.50), Percentile(0.99), all.LastOrDefault(), ok, errors, okAll);
    }
}
