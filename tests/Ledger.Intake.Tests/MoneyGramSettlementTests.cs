using Ledger.Data.Settlements;
using Ledger.Worker.Intake;
using Ledger.Worker.Settlements;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.Intake.Tests;

/// <summary>
/// MoneyGram's daily settlement against what intake posted, through the worker's settlements drop folder: each SEND and
/// REVERSAL matched to its entry, MoneyGram clearing emptied, a refused file quarantined with its line and field.
/// </summary>
public sealed class MoneyGramSettlementTests : IAsyncLifetime
{
    private readonly IntakeWorld _world = new();
    private IntakeFolders _folders = null!;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        _folders = new IntakeFolders(Path.Combine(_world.Folder, "drop"));
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    private SettlementInbox Inbox => new(_folders, new SettlementImporter(_world.Db.Db, _world.Db.Journal, TimeProvider.System), _world.Db.Db,
        NullLogger<SettlementInbox>.Instance);

    private async Task<long> MoneyGramClearingAsync()
    {
        await using var cmd = _world.Db.Db.CreateCommand("""
            SELECT coalesce(-sum(p.amount_cents), 0)::bigint FROM postings p JOIN accounts a ON a.id = p.account_id WHERE a.kind = 'moneygram_clearing'
            """);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private void Drop(string name, string text)
    {
        var path = Path.Combine(_folders.Inbox(SettlementInbox.Source), name);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task The_day_settles_moneygram_clearing_to_zero_and_a_transaction_not_in_the_ledger_is_listed()
    {
        // A send to DOE, a send we return (unknown account: amount and fee to refunds payable), and MoneyGram's reversal of a third.
        await _world.RunAsync(new MoneyGramFileBuilder()
            .Send("60000001", "12345678DOE", "125.00", "7.99")
            .Send("60000002", "99999999X", "25.50", "4.99")
            .Send("60000003", "12345678DOE", "40.00", "4.99"), "day.mgx.csv");
        await _world.RunAsync(new MoneyGramFileBuilder().Reversal("60000004", "60000003", "12345678DOE", "40.00", "4.99"), "reversal.mgx.csv");
        Assert.Equal(13_299 + 3_049 + 4_499 - 4_499, await MoneyGramClearingAsync());

        Drop("mg.mgs.csv", """
            H,MGSETTLE,2026-11-23,RC4471,MGS-20261123-RC4471
            record_type,file_date,file_sequence,reference_number,type,amount,fee,net
            D,2026-11-23,1,60000001,SEND,125.00,7.99,132.99
            D,2026-11-23,1,60000002,SEND,25.50,4.99,30.49
            D,2026-11-23,1,60000003,SEND,40.00,4.99,44.99
            D,2026-11-23,2,60000004,REVERSAL,40.00,4.99,-44.99
            D,2026-11-23,3,60000099,SEND,10.00,2.00,12.00
            T,5,175.48

            """);
        await Inbox.ScanAsync(CancellationToken.None);

        var archived = Path.Combine(_folders.Archive(SettlementInbox.Source), "mg.mgs.csv");
        Assert.True(File.Exists(archived));
        var summary = await File.ReadAllTextAsync(archived + ".summary.json");
        Assert.Contains("\"matched\": 4", summary);
        Assert.Contains("60000099", summary);
        Assert.Equal(0, await MoneyGramClearingAsync());
        var status = await new SettlementStatus(_world.Db.Db).ReportAsync();
        Assert.Equal(0, status.Clearing.Single(c => c.Account == "moneygram_clearing").BalanceCents);
        Assert.Equal(1_200, status.Unmatched.Single().NetCents);
        var report = await _world.Db.Verifier.VerifyAsync();
        Assert.True(report.Passed);
    }

    [Fact]
    public async Task A_send_of_a_posting_file_intake_refused_stays_unmatched_and_says_which_file_and_why()
    {
        await _world.RunAsync(new MoneyGramFileBuilder().Send("60000021", "12345678DOE", "125.00", "7.99"), "2026-11-23-01.mgx.csv");
        // File 4 of the day, refused whole for a decimal comma; MoneyGram still settles its sends.
        var refusedText = new MoneyGramFileBuilder()
            .Send("60000041", "12345678DOE", "20.00", "4.99")
            .Raw("D,60000042,SEND,2026-11-23T14:05:09-05:00,12345678DOE,BENEFICIARY,MARIA,GARCIA,12 MAIN ST,PITTSBURGH,PA,15212,412-555-0101,\"30,00\",4.99,AG100200,PA,")
            .Build(trailer: "T,2,50.00,9.98")
            .Replace("H,2026-11-23,RC4471,1,", "\uFEFFH,2026-11-23,RC4471,04,");
        var refusedPath = Path.Combine(_world.Folder, "2026-11-23-04.mgx.csv");
        await File.WriteAllTextAsync(refusedPath, refusedText);
        var refused = await _world.MoneyGram().RegisterAsync(refusedPath);
        Assert.Equal(Ledger.Data.Intake.IntakeFileStatus.Quarantined, refused.Status);

        var settlement = Path.Combine(_world.Folder, "mg.mgs.csv");
        await File.WriteAllTextAsync(settlement, """
            H,MGSETTLE,2026-11-23,RC4471,MGS-20261123-REFUSED
            record_type,file_date,file_sequence,reference_number,type,amount,fee,net
            D,2026-11-23,1,60000021,SEND,125.00,7.99,132.99
            D,2026-11-23,4,60000041,SEND,20.00,4.99,24.99
            D,2026-11-23,4,60000042,SEND,30.00,4.99,34.99
            D,2026-11-23,3,60000031,SEND,10.00,2.00,12.00
            T,4,204.97

            """);
        var result = await new SettlementImporter(_world.Db.Db, _world.Db.Journal, TimeProvider.System).ImportAsync(settlement);

        Assert.Equal(SettlementItemStatus.Matched, result.Items.Single(i => i.Reference == "60000021").Status);
        foreach (var reference in new[] { "60000041", "60000042" })
        {
            var item = result.Items.Single(i => i.Reference == reference);
            Assert.Equal(SettlementItemStatus.Unmatched, item.Status);
            Assert.Equal($"no such item in the ledger: its posting file 2026-11-23-04.mgx.csv was refused by intake ({refused.Reason!.TrimEnd('.')})", item.Reason);
        }
        // A posting file intake never refused: plainly not in the ledger.
        Assert.Equal("no such item in the ledger", result.Items.Single(i => i.Reference == "60000031").Reason);
        Assert.Equal(2_499 + 3_499 + 1_200, result.UnmatchedNetCents);
        Assert.True((await _world.Db.Verifier.VerifyAsync()).Passed);
    }

    [Fact]
    public async Task A_refused_posting_file_is_named_only_for_the_settlement_of_its_own_receive_code()
    {
        // Two facility groups (receive codes) each send file 4 of the day; intake refuses both, for different faults.
        var decimalComma = new MoneyGramFileBuilder()
            .Raw("D,60000051,SEND,2026-11-23T14:05:09-05:00,12345678DOE,BENEFICIARY,MARIA,GARCIA,12 MAIN ST,PITTSBURGH,PA,15212,412-555-0101,\"20,00\",4.99,AG100200,PA,")
            .Build(trailer: "T,1,20.00,4.99")
            .Replace("H,2026-11-23,RC4471,1,", "H,2026-11-23,RC4471,4,");
        var badTrailer = new MoneyGramFileBuilder().Send("60000061", "12345678DOE", "30.00", "4.99")
            .Build(trailer: "T,1,31.00,4.99")
            .Replace("H,2026-11-23,RC4471,1,", "H,2026-11-23,RC5582,4,");
        var refused = new Dictionary<string, Ledger.Data.Intake.IntakeFile>();
        Directory.CreateDirectory(_world.Folder);
        foreach (var (name, text) in new[] { ("rc4471-2026-11-23-04.mgx.csv", decimalComma), ("rc5582-2026-11-23-04.mgx.csv", badTrailer) })
        {
            var path = Path.Combine(_world.Folder, name);
            await File.WriteAllTextAsync(path, text);
            refused[name] = await _world.MoneyGram().RegisterAsync(path);
            Assert.Equal(Ledger.Data.Intake.IntakeFileStatus.Quarantined, refused[name].Status);
        }
        Assert.NotEqual(refused["rc4471-2026-11-23-04.mgx.csv"].Reason, refused["rc5582-2026-11-23-04.mgx.csv"].Reason);

        foreach (var (receiveCode, reference, net, file) in new[]
                 { ("RC4471", "60000051", "24.99", "rc4471-2026-11-23-04.mgx.csv"), ("RC5582", "60000061", "34.99", "rc5582-2026-11-23-04.mgx.csv") })
        {
            var settlement = Path.Combine(_world.Folder, $"{receiveCode}.mgs.csv");
            var amount = reference == "60000051" ? "20.00" : "30.00";
            await File.WriteAllTextAsync(settlement, $"""
                H,MGSETTLE,2026-11-23,{receiveCode},MGS-20261123-{receiveCode}
                record_type,file_date,file_sequence,reference_number,type,amount,fee,net
                D,2026-11-23,4,{reference},SEND,{amount},4.99,{net}
                T,1,{net}

                """);
            var item = Assert.Single((await new SettlementImporter(_world.Db.Db, _world.Db.Journal, TimeProvider.System).ImportAsync(settlement)).Items);
            Assert.Equal(SettlementItemStatus.Unmatched, item.Status);
            // Only its own group's file 4: before, both files of 2026-11-23 #4 were named for either settlement.
            Assert.Equal($"no such item in the ledger: its posting file {file} was refused by intake ({refused[file].Reason!.TrimEnd('.')})", item.Reason);
        }

        // A third group with no refused file 4: plainly not in the ledger.
        var other = Path.Combine(_world.Folder, "RC6693.mgs.csv");
        await File.WriteAllTextAsync(other, """
            H,MGSETTLE,2026-11-23,RC6693,MGS-20261123-RC6693
            record_type,file_date,file_sequence,reference_number,type,amount,fee,net
            D,2026-11-23,4,60000071,SEND,10.00,2.00,12.00
            T,1,12.00

            """);
        Assert.Equal("no such item in the ledger",
            Assert.Single((await new SettlementImporter(_world.Db.Db, _world.Db.Journal, TimeProvider.System).ImportAsync(other)).Items).Reason);
    }

    [Fact]
    public async Task A_settlement_whose_trailer_disagrees_is_quarantined_with_the_line_and_field_and_posts_nothing()
    {
        await _world.RunAsync(new MoneyGramFileBuilder().Send("60000011", "12345678DOE", "125.00", "7.99"), "one.mgx.csv");
        Drop("bad.mgs.csv", """
            H,MGSETTLE,2026-11-23,RC4471,MGS-BAD
            record_type,file_date,file_sequence,reference_number,type,amount,fee,net
            D,2026-11-23,1,60000011,SEND,125.00,7.99,132.99
            T,1,132.90

            """);
        await Inbox.ScanAsync(CancellationToken.None);

        var reason = await File.ReadAllTextAsync(Path.Combine(_folders.Quarantine(SettlementInbox.Source), "bad.mgs.csv.reason.txt"));
        Assert.Contains("line 4, field 'net_total'", reason);
        Assert.Equal(13_299, await MoneyGramClearingAsync());
    }
}
