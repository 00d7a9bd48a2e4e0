using System.Text.Json;
using Ledger.Data.ReferenceData;
using Ledger.Data.Settlements;
using Ledger.Data.Verification;
using Ledger.Testing;

namespace Ledger.Api.Tests;

/// <summary>
/// Settlement files against card payments taken through the development processor: the processor's own daily report
/// empties card clearing, the bank statement's payout line matches it, and what does not match is listed, not posted.
/// </summary>
public class SettlementTests(ApiFixture api) : IClassFixture<ApiFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("settlements-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SettlementImporter Importer => api.Service<SettlementImporter>();

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    private async Task<JsonElement> PayAsync(string person, long cents, string card = "4242424242424242")
    {
        using var family = api.Family("fam-settle");
        var response = await family.PostIdempotentAsync("/deposits",
            new { personNumber = person, lastName = ApiFixture.LastNameOf(person), channel = "online", amountCents = cents, targetAccount = "trust", authorizationReference = await api.CardTokenAsync(card) },
            Guid.NewGuid().ToString("N"));
        var started = await response.OkJsonAsync();
        return await api.SettledPaymentAsync(started.GetProperty("id").GetInt64());
    }

    private Task<long> ClearingAsync(string facility) => api.ScalarAsync<long>($"""
        SELECT coalesce(-sum(p.amount_cents), 0)::bigint FROM postings p JOIN accounts a ON a.id = p.account_id
        WHERE a.kind = 'card_clearing' AND a.owner_code = '{facility}'
        """);

    [Fact]
    public async Task The_processors_daily_report_settles_card_clearing_to_zero_and_the_bank_statement_ties_its_payout()
    {
        var day = await UtcDay.ClearOfMidnightAsync(TimeSpan.FromMinutes(2)); // the day this test's money moves on (see UtcDay)
        var a = await PayAsync("84088-240", 5000);
        var b = await PayAsync("39105-274", 12_000);
        var charged = await PayAsync("77690-132", 3000, "4000000000000259");
        await api.SettledPaymentAsync(charged.GetProperty("id").GetInt64(), until: "credited"); // charged back a second later
        Assert.Equal("credited", a.GetProperty("status").GetString());
        Assert.True(await ClearingAsync("FCI-LOR") > 0);

        var report = await (await api.ProcessorClient.GetAsync($"/v1/settlements?date={day:yyyy-MM-dd}")).Content.ReadAsStringAsync();
        var path = await WriteAsync("card.cps.csv", report);
        var result = await Importer.ImportAsync(path);

        Assert.Equal(0, result.Unmatched);
        Assert.Equal(4, result.Matched); // three charges and one chargeback
        Assert.NotNull(result.EntryId);
        foreach (var facility in new[] { "FCI-LOR", "FCI-ALI" })
            Assert.Equal(0, await ClearingAsync(facility));
        var fees = await api.ScalarAsync<long>("""
            SELECT coalesce(-sum(p.amount_cents), 0)::bigint FROM postings p JOIN accounts a ON a.id = p.account_id WHERE a.kind = 'processor_fees'
            """);
        Assert.Equal(result.Items.Sum(i => i.FeeCents), fees);

        // The same bytes again: nothing more.
        var again = await Importer.ImportAsync(path);
        Assert.True(again.AlreadyImported);
        Assert.Equal(1L, await api.ScalarAsync<long>("SELECT count(*) FROM settlement_files WHERE kind = 'card_processor'"));

        // The bank's statement shows the payout: it matches, the bank ties to the ledger.
        var statement = await WriteAsync("bank.bai", BankStatementWriter.Write(day, "000123456789", 0,
            [new BankStatementLine("165", result.MatchedNetCents, result.Reference, "PAYOUT")]));
        var bank = await Importer.ImportAsync(statement);
        Assert.Equal(1, bank.Matched);
        var status = await api.Service<SettlementStatus>().ReportAsync();
        Assert.Equal(0, status.Bank.DifferenceCents);
        Assert.Empty(status.Bank.Outstanding);
        Assert.All(status.Clearing.Where(c => c.Account == "card_clearing"), c => Assert.Equal(0, c.BalanceCents));
        var verified = await api.Service<LedgerVerifier>().VerifyAsync();
        Assert.True(verified.Passed, string.Join("; ", verified.Checks.Where(c => !c.Passed)));

        // A second statement showing the same payout again does not match it twice.
        var twice = await WriteAsync("bank2.bai", BankStatementWriter.Write(day.AddDays(1), "000123456789", result.MatchedNetCents,
            [new BankStatementLine("165", result.MatchedNetCents, result.Reference, "PAYOUT")]));
        var second = await Importer.ImportAsync(twice);
        Assert.Equal(1, second.Unmatched);
        Assert.Contains("earlier statement", second.Items[0].Reason);
    }

    [Fact]
    public async Task Items_that_do_not_match_are_listed_with_their_amounts_and_post_nothing()
    {
        var paid = await PayAsync("44102-801", 2000);
        var paymentId = paid.GetProperty("paymentId").GetString();
        var charged = paid.GetProperty("chargedCents").GetInt64();
        var clearingBefore = await ClearingAsync("FCI-LOR");
        var text = $"""
            H,dev,2026-11-20,2026-11-21,po_dev_unmatched,USD
            record_type,payment_id,type,occurred_at,gross,fee,net
            D,pay_never_seen,charge,2026-11-20T10:00:00Z,50.00,1.75,48.25
            D,{paymentId},charge,2026-11-20T10:00:01Z,{SettlementFileReader.D(charged + 100)},0.30,{SettlementFileReader.D(charged + 70)}
            T,2,{SettlementFileReader.D(5000 + charged + 100)},2.05,{SettlementFileReader.D(4825 + charged + 70)}

            """;
        var result = await Importer.ImportAsync(await WriteAsync("unmatched.cps.csv", text));

        Assert.Equal(2, result.Unmatched);
        Assert.Null(result.EntryId);
        Assert.Equal("no such item in the ledger", result.Items[0].Reason);
        Assert.Equal(charged, result.Items[1].LedgerCents);
        Assert.Equal(clearingBefore, await ClearingAsync("FCI-LOR"));
        var status = await api.Service<SettlementStatus>().ReportAsync();
        Assert.Contains(status.Unmatched, u => u.Reference == "pay_never_seen" && u.NetCents == 4825);
        Assert.Contains(status.Clearing.Single(c => c.Account == "card_clearing" && c.Owner == "FCI-LOR").Unsettled,
            i => i.Key == "card-payment:" + paymentId && i.Cents == charged);
    }

    [Theory]
    [InlineData("T,1,50.00,1.75,48.26", 4, "total_net")]
    [InlineData("T,2,50.00,1.75,48.25", 4, "count")]
    [InlineData("", 3, null)]
    public async Task A_card_report_whose_trailer_does_not_agree_is_refused_whole_naming_the_line(string trailer, int line, string? field)
    {
        var text = "H,dev,2026-11-20,2026-11-21,po_dev_bad" + line + (field ?? "none") + ",USD\nrecord_type,payment_id,type,occurred_at,gross,fee,net\n"
            + "D,pay_x,charge,2026-11-20T10:00:00Z,50.00,1.75,48.25\n" + (trailer.Length > 0 ? trailer + "\n" : "");
        var e = await Assert.ThrowsAsync<CsvInputException>(() => Importer.ImportAsync(WriteAsync("bad.cps.csv", text).Result));
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Equal(0L, await api.ScalarAsync<long>("SELECT count(*) FROM settlement_files WHERE name = 'bad.cps.csv'"));
    }

    [Fact]
    public async Task A_decimal_comma_refuses_the_report_and_names_the_field()
    {
        var text = "H,dev,2026-11-20,2026-11-21,po_dev_comma,USD\nrecord_type,payment_id,type,occurred_at,gross,fee,net\n"
            + "D,pay_x,charge,2026-11-20T10:00:00Z,50,00,1.75,48.25\nT,1,50.00,1.75,48.25\n";
        var e = await Assert.ThrowsAsync<CsvInputException>(() => Importer.ImportAsync(WriteAsync("comma.cps.csv", text).Result));
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public async Task A_bank_statement_whose_control_total_is_wrong_is_refused_whole()
    {
        var good = BankStatementWriter.Write(new DateOnly(2026, 11, 20), "000123456789", 0, [new BankStatementLine("301", 1000, "batch-x", "DEPOSIT")]);
        var bad = good.Replace("49,2000,", "49,2001,", StringComparison.Ordinal);
        Assert.NotEqual(good, bad);
        var e = await Assert.ThrowsAsync<CsvInputException>(() => Importer.ImportAsync(WriteAsync("bad.bai", bad).Result));
        Assert.Equal("account_control_total", e.Field);
        Assert.Equal(5, e.Line);
    }
}
