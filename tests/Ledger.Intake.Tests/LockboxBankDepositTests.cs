using Ledger.Data.Intake;
using Ledger.Data.Settlements;
using Ledger.Intake.Keying;
using Ledger.Testing;

namespace Ledger.Intake.Tests;

/// <summary>
/// The bank tie-out of a lockbox batch (round 16): the bank deposits the batch's money orders less the ones mailed back to
/// their senders (<see cref="LockboxDeposit"/>, what `ledger settlements generate bank` writes), and the statement's deposit
/// then matches what the batch holds in lockbox clearing by the importer's one rule. Before, the generated deposit was the
/// batch's whole declared total, and the sample day's statement listed it unmatched. Real PostgreSQL, the real intake.
/// </summary>
public sealed class LockboxBankDepositTests : IAsyncLifetime
{
    private readonly IntakeWorld _world = new();
    private readonly HandReadBatches _batches;
    private KeyingService _keying = null!;

    public LockboxBankDepositTests() => _batches = new HandReadBatches(_world);

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        await Ledger.Data.Services.ServicesMigrator.MigrateAsync(_world.Db.ConnectionString);
        _keying = new KeyingService(_world.Db.Db, new ReviewResolutionStore(_world.Db.Db), _world.Db.Journal, _world.Db.Directory,
            new KeyingOptions { FourEyesAboveCents = 1_000_00 }, TimeProvider.System);
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    private ReturnsDesk Desk => new(_world.Db.Db, _world.Db.Journal, TimeProvider.System);

    private LockboxDeposit Deposits => new(_world.Db.Db, Desk);

    private const long Posted = 25_00, OverLimit = 400_00, Released = 30_00, Illegible = 774_37, InReview = 40_00;
    private const long Declared = Posted + OverLimit + Released + Illegible + InReview;

    private async Task<string> ImportStatementAsync(DateOnly day, long depositCents, string batchName, int expectMatched)
    {
        var path = Path.Combine(_world.Folder, $"bank-{day:yyyyMMdd}.bai");
        Directory.CreateDirectory(_world.Folder);
        await File.WriteAllTextAsync(path, BankStatementWriter.Write(day, "000123456789", 0,
            [new BankStatementLine("301", depositCents, batchName, "LOCKBOX LBX-T BATCH DEPOSIT")]));
        var result = await new SettlementImporter(_world.Db.Db, _world.Db.Journal, TimeProvider.System).ImportAsync(path);
        Assert.Equal(expectMatched, result.Matched);
        return Assert.Single(result.Items).Reason ?? "";
    }

    /// <summary>The operations CLI built beside the tests (as <see cref="RestitutionTests"/> runs it), on this test's database.</summary>
    private async Task<(int ExitCode, string Output)> LedgerAsync(params string[] args)
    {
        var cli = AppContext.BaseDirectory.Replace(Path.Combine("tests", "Ledger.Intake.Tests"), Path.Combine("src", "Ledger.Cli"), StringComparison.Ordinal);
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(cli, "ledger.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["ConnectionStrings__Ledger"] = _world.Db.ConnectionString;
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task The_bank_deposits_the_batch_less_the_orders_mailed_back_and_the_statement_matches_lockbox_clearing()
    {
        // $25.00 posted; $400.00 over T-DUB's $300.00 limit (deposited whole, $100.00 to refunds payable for a check); $30.00 for a
        // released person (mailed back); $774.37 positively illegible (mailed back unread); $40.00 OCR could not settle (in review).
        var illegible = HandReadBatches.Read(4, "64000000004", null, "12345-678", "JOHN DOE");
        illegible = illegible with { MoneyOrder = illegible.MoneyOrder with { AmountIllegible = true } };
        var (summary, items) = await _batches.PostAsync(Declared,
            HandReadBatches.Read(1, "64000000001", Posted, "12345-678", "JOHN DOE"),
            HandReadBatches.Read(2, "64000000002", OverLimit, "34567-890", "ANA DE LA CRUZ"),
            HandReadBatches.Read(3, "64000000003", Released, "45678-901", "JANE ROE"),
            illegible,
            HandReadBatches.Read(5, "64000000005", null, "12345-678", "JOHN DOE", addressReadable: false));
        Assert.Equal(("posted", "partially_posted", "returned", "returned", "in_review"),
            (items[1].Outcome, items[2].Outcome, items[3].Outcome, items[4].Outcome, items[5].Outcome));
        var batch = (await _world.Files.GetAsync(summary.FileId))!.Name;

        // Not known yet: an order still in review stays at the mailroom, and an order going back unread has no amount.
        Assert.Contains("in review", (await Assert.ThrowsAsync<LockboxDepositUnknownException>(() => Deposits.DepositCentsAsync(batch, Declared))).Message);
        var keyed = await _keying.KeyAsync(new KeyedItem(summary.FileId, 5, InReview, "12345-678", "trust"), "alice");
        Assert.True(keyed.IsSuccess, $"{keyed.Code}: {keyed.Detail}");
        Assert.Contains("item 4", (await Assert.ThrowsAsync<LockboxDepositUnknownException>(() => Deposits.DepositCentsAsync(batch, Declared))).Message);
        Assert.Equal(ReturnAmountOutcome.Recorded, (await Desk.KeyAmountAsync(summary.FileId, 4, Illegible, "tape", "bob", "operations")).Outcome);

        var deposit = await Deposits.DepositCentsAsync(batch, Declared);
        Assert.Equal(Posted + OverLimit + InReview, deposit);
        // A batch intake never took is deposited for its declared total: nothing of it is known to go back.
        Assert.Equal(123_45L, await Deposits.DepositCentsAsync("batch-never-seen", 123_45));

        // The old statement (the whole declared total) does not match: the ledger holds what was deposited.
        var day = new DateOnly(2026, 11, 23);
        Assert.Equal("the ledger holds 465.00 for lockbox:" + summary.FileId, await ImportStatementAsync(day, Declared, batch, expectMatched: 0));
        // The generated statement (ledger settlements generate bank, from the batch's folder) deposits that, and it matches by the
        // same rule, emptying lockbox clearing into the bank (it opens where the day before closed; the tie-out sets that line aside).
        var folder = Path.Combine(_world.Folder, "batches", batch);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "batch.csv"), "lockbox_id,batch_number,deposit_date,item_count,declared_total\nLBX-T,1,2026-11-23,5,1269.37\n");
        var path = Path.Combine(_world.Folder, "bank-generated.bai");
        var (exit, output) = await LedgerAsync("settlements", "generate", "bank", "--date", $"{day.AddDays(1):yyyy-MM-dd}", "--out", path,
            "--opening-cents", $"{Declared}", "--lockbox", folder);
        Assert.True(exit == 0, output);
        // BAI2 115, a lockbox deposit, as a lockbox bank reports it (the importer took only 301, a counter deposit, before).
        Assert.Contains(FormattableString.Invariant($"16,115,{deposit},Z,"), await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        var matched = await new SettlementImporter(_world.Db.Db, _world.Db.Journal, TimeProvider.System).ImportAsync(path);
        Assert.Equal((1, 0), (matched.Matched, matched.Unmatched));
        var status = await new SettlementStatus(_world.Db.Db).ReportAsync();
        var lockbox = Assert.Single(status.Clearing, c => c.Account == "lockbox_clearing");
        Assert.Equal((0L, 0), (lockbox.BalanceCents, lockbox.Unsettled.Count));
        Assert.Equal(0L, status.Bank.DifferenceCents);
        Assert.Equal(deposit, status.Bank.LedgerCents);
        await _world.Db.AssertLedgerConsistentAsync();
    }

    private SettlementImporter Importer => new(_world.Db.Db, _world.Db.Journal, TimeProvider.System);

    /// <summary>A statement of deposits (type 115) for <paramref name="batch"/>, opening at <paramref name="opening"/>.</summary>
    private async Task<string> StatementAsync(DateOnly day, long opening, string batch, params long[] deposits)
    {
        Directory.CreateDirectory(_world.Folder);
        var path = Path.Combine(_world.Folder, $"parts-{day:yyyyMMdd}.bai");
        await File.WriteAllTextAsync(path, BankStatementWriter.Write(day, "000123456789", opening,
            deposits.Select(c => new BankStatementLine("115", c, batch, "LOCKBOX LBX-T DEPOSIT")).ToList()));
        return path;
    }

    private async Task<(string Name, long Id)> BatchOf85DollarsAsync()
    {
        var (summary, items) = await _batches.PostAsync(
            HandReadBatches.Read(1, "64000000011", 25_00, "12345-678", "JOHN DOE"),
            HandReadBatches.Read(2, "64000000012", 60_00, "34567-890", "ANA DE LA CRUZ"));
        Assert.Equal(("posted", "posted"), (items[1].Outcome, items[2].Outcome));
        return ((await _world.Files.GetAsync(summary.FileId))!.Name, summary.FileId);
    }

    [Fact]
    public async Task A_batch_deposited_in_parts_across_lines_and_days_settles_when_the_parts_come_to_what_it_holds()
    {
        var (batch, id) = await BatchOf85DollarsAsync();
        var day = new DateOnly(2026, 11, 24);

        // Two deposit tickets on one statement: each a part, posted for its own amount; the batch stays open.
        var first = await Importer.ImportAsync(await StatementAsync(day, 0, batch, 30_00, 20_00));
        Assert.Equal((2, 0), (first.Matched, first.Unmatched));
        Assert.Equal([$"partial deposit of batch {batch} (30.00 of 85.00)", $"partial deposit of batch {batch} (50.00 of 85.00)"], first.Items.Select(i => i.Reason));
        var status = await new SettlementStatus(_world.Db.Db).ReportAsync();
        var lockbox = Assert.Single(status.Clearing, c => c.Account == "lockbox_clearing");
        // What the batch holds, less the parts paid: still to come 35.00, shown item by item, no stray difference.
        Assert.Equal((35_00L, 35_00L, 0L), (lockbox.BalanceCents, lockbox.UnsettledCents, lockbox.DifferenceCents));
        Assert.Equal([-30_00L, -20_00L], lockbox.Unsettled.Where(u => u.Cents < 0).Select(u => u.Cents));
        Assert.StartsWith($"partial deposit of batch {batch} (30.00 of 85.00): parts-20261124.bai line ", lockbox.Unsettled.Single(u => u.Cents == -30_00).Key);
        Assert.False(status.AllSettled);
        Assert.Equal((0L, 50_00L), (status.Bank.DifferenceCents, status.Bank.LedgerCents));

        // The same statement again changes nothing.
        var again = await Importer.ImportAsync(await StatementAsync(day, 0, batch, 30_00, 20_00));
        Assert.True(again.AlreadyImported);
        Assert.Equal(50_00L, (await new SettlementStatus(_world.Db.Db).ReportAsync()).Bank.LedgerCents);

        // Next day: a line that would take the parts over what the batch holds stays unmatched; the rest completes it.
        var second = await Importer.ImportAsync(await StatementAsync(day.AddDays(1), 50_00, batch, 40_00, 35_00));
        Assert.Equal((SettlementItemStatus.Unmatched, $"the ledger holds 85.00 for lockbox:{id}, 50.00 of it deposited in 2 part(s) before: this line would take it to 90.00"),
            (second.Items[0].Status, second.Items[0].Reason));
        Assert.Equal((SettlementItemStatus.Matched, $"last part of the deposit of batch {batch} (85.00 of 85.00, 3 parts): the batch is settled"),
            (second.Items[1].Status, second.Items[1].Reason));
        // And after it is settled, nothing more for the batch matches.
        var third = await Importer.ImportAsync(await StatementAsync(day.AddDays(2), 125_00, batch, 5_00));
        Assert.Equal($"lockbox:{id} was matched by an earlier statement", Assert.Single(third.Items).Reason);

        status = await new SettlementStatus(_world.Db.Db).ReportAsync();
        lockbox = Assert.Single(status.Clearing, c => c.Account == "lockbox_clearing");
        Assert.Equal((0L, 0), (lockbox.BalanceCents, lockbox.Unsettled.Count));
        Assert.Equal([40_00L, 5_00L], status.Unmatched.Select(u => u.NetCents));
        // The journal and the bank agree line by line: 30 + 20 + 35 posted, the two unmatched lines set aside.
        Assert.Equal((0L, 85_00L), (status.Bank.DifferenceCents, status.Bank.LedgerCents));
        await _world.Db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Two_statements_imported_at_once_cannot_both_take_a_part_that_together_exceed_the_batch()
    {
        var (batch, id) = await BatchOf85DollarsAsync();
        var day = new DateOnly(2026, 11, 24);
        var a = await StatementAsync(day, 0, batch, 60_00);
        var b = await StatementAsync(day.AddDays(1), 60_00, batch, 60_00);
        var results = await Task.WhenAll(Task.Run(() => Importer.ImportAsync(a)), Task.Run(() => Importer.ImportAsync(b)));

        Assert.Equal(1, results.Sum(r => r.Matched));
        var refused = Assert.Single(results.SelectMany(r => r.Items), i => i.Status == SettlementItemStatus.Unmatched);
        Assert.Equal($"the ledger holds 85.00 for lockbox:{id}, 60.00 of it deposited in 1 part(s) before: this line would take it to 120.00", refused.Reason);
        var lockbox = Assert.Single((await new SettlementStatus(_world.Db.Db).ReportAsync()).Clearing, c => c.Account == "lockbox_clearing");
        Assert.Equal((25_00L, 25_00L), (lockbox.BalanceCents, lockbox.UnsettledCents));
        await _world.Db.AssertLedgerConsistentAsync();
    }
}
