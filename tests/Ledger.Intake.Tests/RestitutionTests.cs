using Ledger.Domain;

namespace Ledger.Intake.Tests;

/// <summary>
/// Restitution is read under the lock on the person and posted before the lock ends, by every intake run; a reversal
/// gives back the share it undoes. Real PostgreSQL, real concurrent runs.
/// </summary>
public class RestitutionTests : IAsyncLifetime
{
    private readonly IntakeWorld _world = new();

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        // Owes $10.00 at Test Atlanta (20% of each trust deposit).
        await _world.Db.Importer.ImportRosterAsync(new StringReader("""
            facility_code,person_number,last_name,first_name,status,restitution_owed
            T-ATL,67890-123,KIM,LEE,in_custody,10.00
            """), "roster-extra.csv");
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    private static MoneyGramFileBuilder TwelveSends(int firstReference)
    {
        var file = new MoneyGramFileBuilder();
        for (var i = 0; i < 12; i++) file.Send((firstReference + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "67890123KIM", "25.00");
        return file;
    }

    [Fact]
    public async Task Two_MoneyGram_files_for_one_person_taken_in_at_once_collect_exactly_what_is_owed()
    {
        // Each send is its own chunk, so the two runs interleave send by send; each run has its own connections, as two processes do.
        var a = TwelveSends(71_000_000).WriteTo(_world.Folder, "a.mgx.csv");
        var b = TwelveSends(72_000_000).WriteTo(_world.Folder, "b.mgx.csv");
        var first = _world.MoneyGram(chunkSize: 1);
        var second = _world.MoneyGram(chunkSize: 1);
        var fa = await first.RegisterAsync(a);
        var fb = await second.RegisterAsync(b);

        await Task.WhenAll(Task.Run(() => first.ProcessAsync(fa.Id, a)), Task.Run(() => second.ProcessAsync(fb.Id, b)));

        Assert.Equal(Money.Usd(10_00), await _world.RestitutionAsync("67890-123"));
        Assert.Equal(Money.Usd(24 * 25_00 - 10_00), await _world.TrustAsync("67890-123"));
        await _world.Db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Two_ledger_intake_processes_for_one_person_at_once_collect_exactly_what_is_owed()
    {
        var a = TwelveSends(76_000_000).WriteTo(_world.Folder, "p1.mgx.csv");
        var b = TwelveSends(77_000_000).WriteTo(_world.Folder, "p2.mgx.csv");

        // Two real `ledger intake moneygram` processes, one send per chunk so they interleave.
        var runs = await Task.WhenAll(LedgerAsync("intake", "moneygram", a), LedgerAsync("intake", "moneygram", b));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Output));
        Assert.Equal(Money.Usd(10_00), await _world.RestitutionAsync("67890-123"));
        Assert.Equal(Money.Usd(24 * 25_00 - 10_00), await _world.TrustAsync("67890-123"));
        await _world.Db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task MoneyGram_intake_after_the_restitution_was_paid_to_the_court_collects_only_what_is_left_owed()
    {
        var a = new MoneyGramFileBuilder().Send("73000000", "67890123KIM", "25.00").WriteTo(_world.Folder, "before.mgx.csv");
        var intake = _world.MoneyGram();
        await intake.ProcessAsync((await intake.RegisterAsync(a)).Id, a);
        Assert.Equal(Money.Usd(5_00), await _world.RestitutionAsync("67890-123"));

        // The 5.00 collected is paid to the court: the account is empty, but it still counts as paid toward the 10.00.
        var store = new Ledger.Data.Settlements.DisbursementStore(_world.Db.Db, _world.Db.Journal,
            new Ledger.Data.Intake.ReturnsDesk(_world.Db.Db, _world.Db.Journal, TimeProvider.System), TimeProvider.System);
        var remitted = await store.CreateCourtRemittanceAsync("T-ATL", DateOnly.FromDateTime(DateTime.UtcNow), "Clerk of Court", null, "ops-a", 1_000_000, null, CancellationToken.None);
        Assert.Null(remitted.Refusal);
        Assert.Equal(Ledger.Data.Settlements.DisbursementStatus.Issued, remitted.Row!.Status);
        Assert.Equal(Money.Usd(0), await _world.RestitutionAsync("67890-123"));

        var b = new MoneyGramFileBuilder().Send("73000001", "67890123KIM", "25.00").Send("73000002", "67890123KIM", "25.00").Send("73000003", "67890123KIM", "25.00")
            .WriteTo(_world.Folder, "after.mgx.csv");
        await intake.ProcessAsync((await intake.RegisterAsync(b)).Id, b);

        Assert.Equal(Money.Usd(5_00), await _world.RestitutionAsync("67890-123")); // 10.00 owed: 5.00 remitted + 5.00 held
        Assert.Equal(Money.Usd(4 * 25_00 - 10_00), await _world.TrustAsync("67890-123"));
        await _world.Db.AssertLedgerConsistentAsync();
    }

    private async Task<(int ExitCode, string Output)> LedgerAsync(params string[] args)
    {
        var cli = AppContext.BaseDirectory.Replace(Path.Combine("tests", "Ledger.Intake.Tests"), Path.Combine("src", "Ledger.Cli"), StringComparison.Ordinal);
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(cli, "ledger.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["ConnectionStrings__Ledger"] = _world.Db.ConnectionString;
        info.Environment["Intake__ChunkSize"] = "1";
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task A_reversal_gives_back_the_restitution_share_it_undoes_and_later_sends_collect_it()
    {
        // O'BRIEN owes $50.00 at 20%: $20 from the first send, given back by its reversal, then $20, $20 and the last $10.
        var s = await _world.RunAsync(new MoneyGramFileBuilder()
            .Send("73000001", "23456789OBRIEN", "100.00")
            .Reversal("73000002", "73000001", "23456789OBRIEN", "100.00")
            .Send("73000003", "23456789OBRIEN", "100.00")
            .Send("73000004", "23456789OBRIEN", "100.00")
            .Send("73000005", "23456789OBRIEN", "100.00"), "reversed-restitution.mgx.csv");

        Assert.Equal(1, s.Reversed);
        Assert.Equal(Money.Usd(50_00), await _world.RestitutionAsync("23456-789"));
        Assert.Equal(Money.Usd(250_00), await _world.TrustAsync("23456-789"));
        await _world.Db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task A_reversal_of_the_principal_with_fee_0_00_reverses()
    {
        // MoneyGram takes back the principal; the reversal's fee column is what it gives back of its fee, here nothing.
        await _world.RunAsync(new MoneyGramFileBuilder().Send("74000001", "12345678DOE", "25.00", "4.99"), "send.mgx.csv");
        var s = await _world.RunAsync(new MoneyGramFileBuilder().Reversal("74000002", "74000001", "12345678DOE", "25.00", "0.00"), "reversal.mgx.csv");

        Assert.Equal((1L, 0L, 2500L), (s.Reversed, s.InReview, s.ReversedCents));
        Assert.Equal(Money.Usd(0), await _world.TrustAsync("12345-678"));
        await _world.Db.AssertLedgerConsistentAsync();
    }
}
