using System.Net.Http.Json;
using System.Text;
using Ledger.Data.Intake;
using Ledger.Data.Journal;
using Ledger.Data.ReferenceData;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Intake.MoneyGram;
using Ledger.Testing;
using UglyToad.PdfPig;

namespace Ledger.Api.Tests;

/// <summary>
/// Operations' reconciliation and returns over HTTP, on a day with a MoneyGram file (a credit, a return to an unknown
/// person, an over-limit excess) and a card deposit. One database per test class: each test runs the file once.
/// </summary>
public class ReconciliationApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static long _fileId;

    /// <summary>The day the file was posted on, taken before posting it: the class's tests ask for it minutes later, maybe past midnight.</summary>
    private static string Today { get; set; } = "";

    /// <summary>Posts the day's MoneyGram file through the intake pipeline (as the worker does), once per database.</summary>
    private async Task<long> DayAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_fileId != 0 && await api.ScalarAsync<long>($"SELECT count(*) FROM intake_files WHERE id = {_fileId}") == 1) return _fileId;
            Today = await UtcDay.ClearOfMidnightTextAsync(TimeSpan.FromMinutes(5));
            var lines = new[]
            {
                "D,61000001,SEND,2026-11-23T14:05:09-05:00,12345678DOE,JOHN DOE,MARIA,GARCIA,12 MAIN ST,PITTSBURGH,PA,15212,412-555-0101,80.00,4.99,AG1,PA,",
                "D,61000002,SEND,2026-11-23T14:06:09-05:00,99999999NOBODY,NOBODY,ANNA,SMITH,\"7 ELM ST, APT 2\",ERIE,PA,16501,412-555-0102,25.50,4.99,AG1,PA,",
            };
            var text = new StringBuilder("H,2026-11-23,RC4471,1,INMATE TRUST SERVICES\n")
                .Append("record_type,reference_number,transaction_type,sent_at,account_number,beneficiary_name,sender_first_name,sender_last_name,sender_address,sender_city,sender_state,sender_zip,sender_phone,amount,fee,agent_id,agent_state,original_reference\n");
            foreach (var l in lines) text.Append(l).Append('\n');
            text.Append("T,2,105.50,9.98\n");
            var path = Path.Combine(Path.GetTempPath(), $"api-recon-{Guid.NewGuid():N}.mgx.csv");
            await File.WriteAllTextAsync(path, text.ToString());
            var intake = new MoneyGramIntake(api.Service<IntakeStore>(), api.Service<JournalStore>(), api.Service<FacilityDirectory>(),
                new MoneyGramIntakeOptions());
            var file = await intake.RegisterAsync(path);
            await intake.ProcessAsync(file.Id, path);
            File.Delete(path);
            await api.DepositAsync("12345-678", 2500);
            return _fileId = file.Id;
        }
        finally
        {
            Once.Release();
        }
    }

    [Fact]
    public async Task The_days_reconciliation_is_served_as_json_and_csv_and_balances_with_the_clearing_accounts()
    {
        await DayAsync();
        using var ops = api.Operations();
        var report = await (await ops.GetAsync($"/operations/reconciliation?date={Today}")).OkJsonAsync();

        Assert.True(report.GetProperty("balanced").GetBoolean(), report.ToString());
        var file = report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("scope").GetString() == "file");
        Assert.Equal((2, 2, 10550), (file.GetProperty("items").GetInt32(), file.GetProperty("declaredCount").GetInt32(), file.GetProperty("amountInCents").GetInt32()));
        var clearing = report.GetProperty("clearing").EnumerateArray().ToList();
        var moneygram = clearing.Single(c => c.GetProperty("account").GetString() == Reconciliation.MoneyGramClearing);
        // Both sends (amount and fee, the returned one too), less a refund if another test has paid it back already.
        Assert.Equal(11548L, moneygram.GetProperty("depositsCents").GetInt64());
        Assert.Equal(11548L - moneygram.GetProperty("refundsCents").GetInt64(), moneygram.GetProperty("ledgerNetCents").GetInt64());
        var card = clearing.Single(c => c.GetProperty("account").GetString() == Reconciliation.CardClearing);
        Assert.Equal("FCI-LOR", card.GetProperty("owner").GetString());
        Assert.Equal(0L, card.GetProperty("differenceCents").GetInt64());
        Assert.True(card.GetProperty("depositsCents").GetInt64() >= 2500);

        var csv = await ops.GetAsync($"/operations/reconciliation?date={Today}&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("scope,key,status,items", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("clearing,moneygram_clearing,", StringComparison.Ordinal) && l.Contains(",11548,", StringComparison.Ordinal)
                                    && l.EndsWith(",0,true,,", StringComparison.Ordinal));

        await (await ops.GetAsync("/operations/reconciliation?date=23-11-2026")).ProblemAsync(422, "invalid-date");
        await (await ops.GetAsync($"/operations/reconciliation?date={Today}&format=xml")).ProblemAsync(422, "invalid-format");
    }

    [Fact]
    public async Task A_day_with_card_deposits_paid_family_email_one_rejected_and_refunded_and_refunds_reconciles_balanced()
    {
        var fileId = await DayAsync();
        // Family e-mail paid by card at FCI-LOR: two messages charged, one rejected in screening and its stamps refunded.
        var family = await api.FamilyWithContactAsync("12345-678");
        using var client = api.Family(family);
        var kept = await api.SendPaidMessageAsync(client, "12345-678", "hello", "m-kept");
        var gone = await api.SendPaidMessageAsync(client, "12345-678", new string('x', 6_001), "m-gone");
        using var staff = api.Staff("FCI-LOR");
        await (await staff.PostAsJsonAsync($"/screening/messages/{gone.GetProperty("id").GetInt64()}/reject", new { reason = "Security concern" })).OkJsonAsync();
        // The rejected message's stamps are refunded at the processor; its refund event reverses the charge.
        var refunded = await api.SettledPaymentAsync(await api.ScalarAsync<long>($"SELECT id FROM card_payments WHERE message_id = {gone.GetProperty("id").GetInt64()}"), until: "credited");
        Assert.Equal("refunded", refunded.GetProperty("status").GetString());
        await api.DepositAsync("12345-678", 1234);
        // The returned MoneyGram send is refunded (MoneyGram pays its sender back out of what it settles).
        using var ops = api.Operations();
        var refund = await ops.PostAsync($"/operations/returns/{fileId}/2/refunded", null);
        Assert.True(refund.IsSuccessStatusCode || (int)refund.StatusCode == 409, await refund.Content.ReadAsStringAsync());

        var report = await (await ops.GetAsync($"/operations/reconciliation?date={Today}")).OkJsonAsync();
        var card = report.GetProperty("clearing").EnumerateArray().Single(c => c.GetProperty("account").GetString() == Reconciliation.CardClearing
                                                                               && c.GetProperty("owner").GetString() == "FCI-LOR");
        // The stamps are part of what the processor settles, the rejected message's refund (a card refund) comes off it.
        Assert.True(card.GetProperty("depositsCents").GetInt64() >= 1234 + 35 + 70, card.ToString());
        Assert.True(card.GetProperty("reversalsCents").GetInt64() >= 70, card.ToString());
        Assert.Equal(0L, card.GetProperty("differenceCents").GetInt64());
        Assert.True(report.GetProperty("balanced").GetBoolean(), report.ToString());
        Assert.NotEqual(0, kept.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task At_an_address_shared_with_a_page_a_browser_gets_the_page_and_an_api_client_the_api()
    {
        using var browser = api.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var page = await browser.GetAsync("/operations/reconciliation");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/operations/sign-in", page.Headers.Location!.ToString(), StringComparison.Ordinal);

        using var anonymous = api.Anonymous();
        await (await anonymous.GetAsync("/operations/reconciliation")).ProblemAsync(401);
        using var ops = api.Operations();
        ops.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        Assert.Equal("application/json", (await ops.GetAsync("/operations/returns")).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Keeping_a_report_stores_it_lists_it_and_audits_it()
    {
        await DayAsync();
        using var ops = api.Operations();
        var kept = await (await ops.PostAsync($"/operations/reconciliation?date={Today}", null)).OkJsonAsync();
        Assert.Equal("ops-1", kept.GetProperty("producedBy").GetString());
        Assert.True(kept.GetProperty("balanced").GetBoolean());

        var list = await (await ops.GetAsync($"/operations/reconciliation/kept?date={Today}")).OkJsonAsync();
        var listed = list.EnumerateArray().Single(k => k.GetProperty("id").GetInt64() == kept.GetProperty("id").GetInt64());
        Assert.Equal(Today, listed.GetProperty("businessDate").GetString());
        Assert.Equal(2, listed.GetProperty("report").GetProperty("rows").EnumerateArray().First().GetProperty("items").GetInt32());
        Assert.True(await api.ScalarAsync<long>($"SELECT count(*) FROM api.audit_log WHERE action = 'reconciliation.keep' AND entity_id = '{Today}' AND actor_subject = 'ops-1'") >= 1);
    }

    [Fact]
    public async Task A_return_is_listed_refunded_once_and_its_manifest_and_letters_download()
    {
        var fileId = await DayAsync();
        using var ops = api.Operations();
        var returns = await (await ops.GetAsync($"/operations/returns?date={Today}")).OkJsonAsync();
        var item = returns.EnumerateArray().Single(r => r.GetProperty("reference").GetString() == "61000002");
        Assert.Equal(("ANNA SMITH", 2550L, 3049L), (item.GetProperty("senderName").GetString(), item.GetProperty("returnedCents").GetInt64(), item.GetProperty("refundsPayableCents").GetInt64()));
        Assert.Contains("No one with number", item.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var sequence = item.GetProperty("sequence").GetInt32();

        await (await ops.PostAsync($"/operations/returns/{fileId}/{sequence}/mailed", null)).ProblemAsync(409, "must-be-refunded");
        var refunded = await (await ops.PostAsync($"/operations/returns/{fileId}/{sequence}/refunded", null)).OkJsonAsync();
        Assert.Equal(("refunded", "ops-1"), (refunded.GetProperty("disposition").GetProperty("status").GetString(), refunded.GetProperty("disposition").GetProperty("by").GetString()));
        await (await ops.PostAsync($"/operations/returns/{fileId}/{sequence}/refunded", null)).ProblemAsync(409, "already-disposed");
        await (await ops.PostAsync($"/operations/returns/{fileId}/1/refunded", null)).ProblemAsync(404);

        var refundsPayable = await api.Service<BalanceReader>().BalanceAsync(AccountKey.OfCompany(AccountKind.RefundsPayable, Currency.USD));
        Assert.Equal(Money.Usd(0), refundsPayable);
        Assert.Equal(1L, await api.ScalarAsync<long>($"SELECT count(*) FROM journal_entries WHERE idempotency_key = 'refund:{fileId}:{sequence}'"));
        Assert.Equal(1L, await api.ScalarAsync<long>($"SELECT count(*) FROM api.audit_log WHERE action = 'return.refunded' AND entity_id = '{fileId}/{sequence}'"));

        var listed = await (await ops.GetAsync($"/operations/returns?date={Today}")).OkJsonAsync();
        Assert.Equal("refunded", listed.EnumerateArray().Single(r => r.GetProperty("sequence").GetInt32() == sequence).GetProperty("disposition").GetProperty("status").GetString());

        var manifest = await ops.GetAsync($"/operations/returns/manifest.csv?date={Today}");
        Assert.Equal("text/csv", manifest.Content.Headers.ContentType?.MediaType);
        var csv = await manifest.Content.ReadAsStringAsync();
        Assert.Contains("61000002", csv, StringComparison.Ordinal);
        Assert.Contains(",refunded,ops-1,", csv, StringComparison.Ordinal);

        var letters = await ops.GetAsync($"/operations/returns/letters.pdf?date={Today}");
        Assert.Equal("application/pdf", letters.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await letters.Content.ReadAsByteArrayAsync());
        Assert.Equal(listed.GetArrayLength(), pdf.NumberOfPages);
        Assert.Contains("ANNA SMITH", string.Join(' ', pdf.GetPage(1).GetWords().Select(w => w.Text)), StringComparison.Ordinal);

        // The refund went back through MoneyGram: the day still reconciles.
        Assert.True((await (await ops.GetAsync($"/operations/reconciliation?date={Today}")).OkJsonAsync()).GetProperty("balanced").GetBoolean());
    }
}
