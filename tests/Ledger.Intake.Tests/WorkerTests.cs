using System.Diagnostics;
using Ledger.Data.Intake;
using Ledger.Domain;
using Ledger.Intake.MoneyGram;

namespace Ledger.Intake.Tests;

/// <summary>
/// The worker as operations run it: real processes, the drop folder, a SIGKILL mid-file, two workers
/// at once. Each run is compared with a clean run of the same file through the synchronous pipeline.
/// </summary>
public class WorkerTests : IAsyncLifetime
{
    private readonly IntakeWorld _worker = new(sampleReferenceData: true);
    private readonly IntakeWorld _clean = new(sampleReferenceData: true);

    public async Task InitializeAsync()
    {
        await _worker.InitializeAsync();
        await _clean.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        await _clean.DisposeAsync();
    }

    private static MoneyGramFileBuilder BusyDay(int records, int firstReference, bool restitutionReversals = false)
    {
        // People of samples/reference/roster.csv: in custody (one owing restitution, one at a $300 limit), released, unknown.
        string[] accounts = ["12345678DOE", "96000215WILLIAMS", "45699839WHITE", "99999999X", "65523933WHITE", "12345-678 doe", "15889971MCDONALD"];
        var file = new MoneyGramFileBuilder();
        string Ref(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < records; i++)
        {
            var reference = Ref(firstReference + i);
            if (i % 97 == 5) file.Reversal(Ref(firstReference + records + i), Ref(firstReference + i - 3), accounts[(i - 3) % accounts.Length], $"{20 + (i - 3) % 400}.{(i - 3) % 100:D2}");
            // KILLTEST owes $600.00 at 20%: each $100.00 send takes $20.00 while anything is owed, and every other one is
            // reversed (principal only, fee 0.00) 20 records later, which makes that share owed again for the sends after it.
            if (restitutionReversals && i % 82 == 20 && i >= 20) file.Reversal(Ref(firstReference + 2 * records + i), Ref(firstReference + i - 20), KillTest, "100.00", "0.00");
            if (restitutionReversals && i % 41 == 0) file.Send(reference, KillTest, "100.00");
            else file.Send(reference, accounts[i % accounts.Length], $"{20 + i % 400}.{i % 100:D2}");
        }
        return file;
    }

    private const string KillTest = "77777020KILLTEST";

    private static Task AddKillTestPersonAsync(IntakeWorld world) => world.Db.Importer.ImportRosterAsync(new StringReader("""
        facility_code,person_number,last_name,first_name,status,restitution_owed
        FCI-ALI,77777-020,KILLTEST,ANA,in_custody,600.00
        """), "roster-killtest.csv");

    [Fact]
    public async Task A_worker_killed_mid_file_and_restarted_ends_exactly_as_a_clean_run()
    {
        const int records = 6000;
        // Reversals for a person who owes restitution included: a kill must not change who gets what.
        await AddKillTestPersonAsync(_worker);
        await AddKillTestPersonAsync(_clean);
        var file = BusyDay(records, 60_000_000, restitutionReversals: true);
        var inbox = Path.Combine(_worker.Folder, "inbox", "moneygram");
        var staged = file.WriteTo(Path.Combine(_worker.Folder, "staging"), "day.mgx.csv");

        using (var first = new WorkerProcess(_worker.Db.ConnectionString, _worker.Folder, chunkSize: 50))
        {
            Directory.CreateDirectory(inbox);
            File.Move(staged, Path.Combine(inbox, "day.mgx.csv"));
            var accounted = await WaitForAsync(async () =>
            {
                var n = await _worker.Db.ScalarAsync<long>("SELECT count(*) FROM intake_items");
                return n > 0 ? n : (long?)null;
            }, TimeSpan.FromSeconds(60), () => first.Output);
            first.Kill();
            Assert.True(accounted < records, $"The worker finished ({accounted} items) before it could be killed; the test proves nothing.");
        }
        var afterKill = await _worker.Db.ScalarAsync<long>("SELECT count(*) FROM intake_items");

        using (var second = new WorkerProcess(_worker.Db.ConnectionString, _worker.Folder, chunkSize: 50))
        {
            await WaitForAsync(async () => await _worker.Db.ScalarAsync<string>("SELECT coalesce(max(status), '') FROM intake_files") == "completed"
                                           // the job archives the file after the database says "completed"
                                           && File.Exists(Path.Combine(_worker.Folder, "archive", "moneygram", "000001-day.mgx.csv")) ? true : (bool?)null,
                TimeSpan.FromSeconds(120), () => second.Output);
        }

        Assert.InRange(afterKill, 1, records - 1);
        Assert.True(File.Exists(Path.Combine(_worker.Folder, "archive", "moneygram", "000001-day.mgx.csv")), "the file is archived");
        Assert.Empty(Directory.GetFiles(inbox));

        var path = file.WriteTo(_clean.Folder, "day.mgx.csv");
        var intake = _clean.MoneyGram();
        await intake.ProcessAsync((await intake.RegisterAsync(path)).Id, path);

        await AssertSameStateAsync();
        // The file really exercised the rule: KILLTEST's shares were given back by reversals and collected again.
        Assert.True(await _clean.Db.ScalarAsync<long>("SELECT count(*) FROM intake_items WHERE kind = 'reversal' AND outcome = 'reversed' AND person_number = '77777-020'") > 10);
        Assert.Equal(Money.Usd(600_00), await _clean.RestitutionAsync("77777-020"));
    }

    [Fact]
    public async Task Two_workers_on_one_database_and_folder_never_process_a_file_twice()
    {
        var files = Enumerable.Range(0, 4).Select(i => BusyDay(800, 70_000_000 + i * 10_000)).ToArray();
        var inbox = Path.Combine(_worker.Folder, "inbox", "moneygram");
        Directory.CreateDirectory(inbox);
        using (var a = new WorkerProcess(_worker.Db.ConnectionString, _worker.Folder, chunkSize: 100))
        using (var b = new WorkerProcess(_worker.Db.ConnectionString, _worker.Folder, chunkSize: 100))
        {
            for (var i = 0; i < files.Length; i++)
            {
                var staged = files[i].WriteTo(Path.Combine(_worker.Folder, "staging"), $"f{i}.mgx.csv");
                File.Move(staged, Path.Combine(inbox, $"f{i}.mgx.csv"));
            }
            // The same bytes dropped again under another name, while the first copy may still be in work.
            File.WriteAllText(Path.Combine(inbox, "f0-again.mgx.csv"), files[0].Build());
            await WaitForAsync(async () => await _worker.Db.ScalarAsync<long>("SELECT count(*) FROM intake_files WHERE status = 'completed'") == files.Length
                                           && Directory.GetFiles(inbox).Length == 0 ? true : (bool?)null,
                TimeSpan.FromSeconds(120), () => a.Output + b.Output);
            await Task.Delay(1500); // let any stray duplicate job run, so the assertions below would see it
        }

        Assert.Equal(files.Length, await _worker.Db.ScalarAsync<long>("SELECT count(*) FROM intake_files"));
        // Whichever copy of f0 was scanned second is set aside, named after the intake file it repeats.
        var seen = Assert.Single(Directory.GetFiles(Path.Combine(_worker.Folder, "archive", "moneygram"), "*.seen-before-as-*"));
        Assert.StartsWith("f0", Path.GetFileName(seen), StringComparison.Ordinal);

        foreach (var (f, i) in files.Select((f, i) => (f, i)))
        {
            var path = f.WriteTo(_clean.Folder, $"f{i}.mgx.csv");
            var intake = _clean.MoneyGram();
            await intake.ProcessAsync((await intake.RegisterAsync(path)).Id, path);
        }
        await AssertSameStateAsync(compareRestitutionSplit: false);
    }

    [Fact]
    public async Task The_sample_day_through_the_drop_folder_ends_as_through_the_cli()
    {
        var samples = Directory.GetFiles(Path.Combine(IntakeWorld.Samples, "moneygram"), "*.mgx.csv").Order(StringComparer.Ordinal).ToArray();
        var inbox = Path.Combine(_worker.Folder, "inbox", "moneygram");
        var quarantine = Path.Combine(_worker.Folder, "quarantine", "moneygram");
        Directory.CreateDirectory(inbox);
        using (var worker = new WorkerProcess(_worker.Db.ConnectionString, _worker.Folder, chunkSize: 5000))
        {
            foreach (var sample in samples) File.Copy(sample, Path.Combine(inbox, Path.GetFileName(sample)));
            await WaitForAsync(async () => await _worker.Db.ScalarAsync<long>("SELECT count(*) FROM intake_files WHERE status IN ('completed', 'quarantined')") == samples.Length
                                           && Directory.GetFiles(inbox).Length == 0
                                           // the refused file's job moves it aside and writes its reason after the database says "quarantined"
                                           && Directory.Exists(quarantine) && Directory.GetFiles(quarantine, "*.reason.txt").Length == 1 ? true : (bool?)null,
                TimeSpan.FromSeconds(120), () => worker.Output);
        }
        Assert.Single(Directory.GetFiles(quarantine, "*.reason.txt"));

        var intake = _clean.MoneyGram();
        foreach (var sample in samples)
        {
            var file = await intake.RegisterAsync(sample);
            await intake.ProcessAsync(file.Id, sample);
        }
        await AssertSameStateAsync(compareRestitutionSplit: false);
    }

    private async Task AssertSameStateAsync(bool compareRestitutionSplit = true)
    {
        // What became of every item (entry ids aside: they are allocated per database).
        const string items = """
            SELECT string_agg(format('%s|%s|%s|%s|%s|%s|%s|%s|%s', reference, kind, outcome, reason_code, amount_cents, credited_cents,
                   CASE WHEN @split THEN restitution_cents ELSE 0 END, returned_cents, fee_cents), E'\n' ORDER BY reference, kind, outcome, amount_cents)
            FROM intake_items
            """;
        // Each account's balance; people's trust and restitution together when the split may differ by file order.
        const string balances = """
            SELECT string_agg(format('%s|%s|%s|%s', owner_type, owner_code, kind, total), E'\n' ORDER BY owner_type, owner_code, kind)
            FROM (SELECT a.owner_type, a.owner_code, CASE WHEN NOT @split AND a.kind IN ('trust', 'restitution') THEN 'credited' ELSE a.kind END AS kind,
                         sum(p.amount_cents) AS total
                  FROM postings p JOIN accounts a ON a.id = p.account_id GROUP BY 1, 2, 3) b
            """;
        const string keys = "SELECT string_agg(idempotency_key, ',' ORDER BY idempotency_key) FROM journal_entries";

        foreach (var sql in new[] { items, balances, keys })
        {
            var query = sql.Replace("@split", compareRestitutionSplit ? "true" : "false", StringComparison.Ordinal);
            Assert.Equal(await _clean.Db.ScalarAsync<string>(query), await _worker.Db.ScalarAsync<string>(query));
        }
        await _worker.Db.AssertLedgerConsistentAsync();
    }

    internal static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, Func<string> diagnostics) where T : struct
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(20);
        }
        throw new TimeoutException($"Waited {timeout.TotalSeconds}s in vain. Worker output:\n{diagnostics()}");
    }
}
