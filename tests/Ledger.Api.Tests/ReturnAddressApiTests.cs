using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Data.Intake;
using Ledger.Data.Journal;
using Ledger.Data.Schema;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Pipeline;
using Ledger.Data.Services.Auth;
using Ledger.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests;

/// <summary>
/// Over HTTP: a money order's excess whose sender address OCR did not confirm waits on the returns desk; refund, refund check
/// and letters refuse until staff key the address (once, audited, the first of two at once stands); then the check is issued.
/// </summary>
public class ReturnAddressApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Serial = "81234567890";

    /// <summary>The item as lockbox intake records it (LockboxDecider + DepositRules): $1,500.00, $999.99 credited, $500.01 waiting.</summary>
    private Task<(long FileId, string Day)> AwaitingAsync() => AwaitingAsync(api);

    /// <summary>The same item in <paramref name="api"/>'s database (one per fixture: the serial is its entry's key).</summary>
    internal static async Task<(long FileId, string Day)> AwaitingAsync(ApiFixture api)
    {
        var day = await UtcDay.ClearOfMidnightTextAsync(TimeSpan.FromMinutes(5));
        var (file, _) = await api.Service<IntakeStore>().RegisterAsync("lockbox", "batch-address", Guid.NewGuid().ToString("N"), null, 1, 150000, null);
        var details = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["sender_name"] = new { value = "MARY ADAMS", confidence = 96.0, raw = "MARY ADAMS" },
            ["sender_address"] = new { value = (string?)null, confidence = 41.0, raw = "12 OAK AVF" },
            ["city_state_zip"] = new { value = (string?)null, confidence = 38.5, raw = "ERIE, PA 1650l" },
            ["purchaser_address"] = new { value = "12 OAK AVE, ERIE, PA 16501", confidence = 88.0, raw = "12 OAK AVE ERIE, PA 16501" },
        });
        await new IntakePipeline(api.Service<JournalStore>()).PostAsync([new ItemPlan(new IntakeItemRow
        {
            FileId = file.Id, Sequence = 1, Reference = Serial, Kind = "deposit", Outcome = "partially_posted", ReasonCode = "over_limit_awaiting_address",
            Reason = "FCI Loretto accepts at most $999.99 per deposit; $500.01 of the $1500.00 money order is returned to you by mail.",
            PersonNumber = "12345-678", FacilityCode = "FCI-LOR", AmountCents = 150000, CreditedCents = 99999, ReturnedCents = 50001,
            SenderName = "MARY ADAMS", SenderAddress = null, Details = details,
        }, new JournalEntry(LockboxDecider.KeyOf(Serial), "lockbox", "Money order " + Serial, DateTimeOffset.UtcNow,
        [
            Posting.Debit(LockboxDecider.Clearing, Money.Usd(150000)),
            Posting.Credit(AccountKey.Personal("12345-678", AccountKind.Trust, Currency.USD), Money.Usd(99999)),
            Posting.Credit(LockboxDecider.RefundsPayable, Money.Usd(50001)),
        ]))]);
        return (file.Id, day);
    }

    [Fact]
    public async Task The_excess_waits_for_its_address_then_one_keying_releases_its_refund_check()
    {
        var (fileId, day) = await AwaitingAsync();
        using var ops = api.Operations();
        using var other = api.Client(LedgerTokens.Roles.Operations, "ops-2");

        var listed = (await (await ops.GetAsync($"/operations/returns?date={day}")).OkJsonAsync()).EnumerateArray().Single(r => r.GetProperty("reference").GetString() == Serial);
        Assert.True(listed.GetProperty("awaitsAddress").GetBoolean());
        Assert.Equal((50001L, 50001L), (listed.GetProperty("returnedCents").GetInt64(), listed.GetProperty("refundsPayableCents").GetInt64()));
        var readings = listed.GetProperty("senderReadings").EnumerateArray().ToList();
        Assert.Contains(readings, r => r.GetProperty("raw").GetString() == "12 OAK AVF" && r.GetProperty("confidence").GetDouble() == 41.0);

        // Nothing goes back before the address: refund, mailing, refund check, letters.
        await (await ops.PostAsync($"/operations/returns/{fileId}/1/refunded", null)).ProblemAsync(409, "address-not-confirmed");
        await (await ops.PostAsync($"/operations/returns/{fileId}/1/mailed", null)).ProblemAsync(409, "address-not-confirmed");
        await (await ops.PostAsJsonAsync("/disbursements/refund-check", new { fileId, sequence = 1 })).ProblemAsync(409, "address-not-confirmed");
        await (await ops.GetAsync($"/operations/returns/letters.pdf?date={day}")).ProblemAsync(409, "address-not-confirmed");
        await (await ops.PostAsJsonAsync($"/operations/returns/{fileId}/1/address", new { senderName = "MARY ADAMS", street = "12 OAK AVE", cityStateZip = "ERIE" }))
            .ProblemAsync(422, "invalid-address");

        // Two staff key it at once: one stands, the other changes nothing.
        var keyings = await Task.WhenAll(
            ops.PostAsJsonAsync($"/operations/returns/{fileId}/1/address", new { senderName = "Mary Adams", street = "12 Oak Ave", cityStateZip = "Erie, PA 16501" }),
            other.PostAsJsonAsync($"/operations/returns/{fileId}/1/address", new { senderName = "MARY ADAMS", street = "12 OAK AVE", cityStateZip = "ERIE, PA 16501" }));
        var ok = Assert.Single(keyings, k => k.IsSuccessStatusCode);
        await Assert.Single(keyings, k => !k.IsSuccessStatusCode).ProblemAsync(409, "address-already-keyed");
        var keyed = await ok.OkJsonAsync();
        Assert.False(keyed.GetProperty("awaitsAddress").GetBoolean());
        Assert.Equal("12 OAK AVE, ERIE, PA 16501", keyed.GetProperty("senderAddress").GetString());
        var by = keyed.GetProperty("addressKeyed").GetProperty("by").GetString();
        Assert.Contains(by, new[] { "ops-1", "ops-2" });
        Assert.Equal(1L, await api.ScalarAsync<long>($"SELECT count(*) FROM api.audit_log WHERE action = 'return.address' AND entity_id = '{fileId}/1' AND actor_subject = '{by}'"));
        Assert.Equal(1L, await api.ScalarAsync<long>("SELECT count(*) FROM api.audit_log WHERE action = 'return.address'"));

        // Then the excess goes back by check ($500.01 is above the $100.00 four-eyes threshold: it waits for another to approve).
        var created = await (await ops.PostAsJsonAsync("/disbursements/refund-check", new { fileId, sequence = 1 })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("MARY ADAMS", "12 OAK AVE, ERIE, PA 16501", 50001L),
            (created.GetProperty("payeeName").GetString(), created.GetProperty("payeeAddress").GetString(), created.GetProperty("amountCents").GetInt64()));
        var letters = await ops.GetAsync($"/operations/returns/letters.pdf?date={day}");
        Assert.Equal("application/pdf", letters.Content.Headers.ContentType?.MediaType);
    }
}

/// <summary>
/// `ledger returns address`: staff named with --staff key the waiting excess's address from a terminal, through the same
/// ReturnsDesk as the page and the API: the first keying stands, audited with the sign-in account; a second is refused.
/// </summary>
public class ReturnAddressCliTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Staff_key_the_address_once_from_the_command_line_and_the_refund_check_follows()
    {
        var (fileId, _) = await ReturnAddressApiTests.AwaitingAsync(api);
        var cli = new AccountChanger("cli:test", "operations");
        var (account, _) = await api.InScopeAsync(s => s.GetRequiredService<SignInAccounts>().SaveStaffAsync("keyer.one", "", "operations", [], "correct horse battery", cli));
        var identity = SignInAccounts.IdentityOf(account.Subject, account.Id);
        string[] Key(string street) => ["returns", "address", "--file", fileId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--sequence", "1",
            "--name", "MARY ADAMS", "--street", street, "--city", "ERIE, PA 16501", "--staff", "keyer.one"];

        var (waitingCode, waiting) = await api.LedgerCliAsync("returns", "awaiting-address");
        Assert.Equal(0, waitingCode);
        Assert.Contains($"file {fileId} sequence 1: 500.01", waiting, StringComparison.Ordinal);

        var (code, output) = await api.LedgerCliAsync(Key("12 OAK AVE"));
        Assert.True(code == 0, output);
        Assert.Contains("12 OAK AVE, ERIE, PA 16501", output, StringComparison.Ordinal);
        Assert.Equal(1L, await api.ScalarAsync<long>($"SELECT count(*) FROM api.audit_log WHERE action = 'return.address' AND entity_id = '{fileId}/1' AND actor_subject = '{identity}'"));

        // A second keying (another spelling) changes nothing and says who keyed it.
        var (againCode, again) = await api.LedgerCliAsync(Key("12 OAK AVENUE"));
        Assert.Equal(1, againCode);
        Assert.Contains("address-already-keyed", again, StringComparison.Ordinal);
        Assert.Equal("12 OAK AVE, ERIE, PA 16501", await api.ScalarAsync<string>($"SELECT sender_address FROM return_addresses WHERE file_id = {fileId} AND sequence = 1"));
        Assert.Equal(1L, await api.ScalarAsync<long>("SELECT count(*) FROM api.audit_log WHERE action = 'return.address'"));

        // The excess is no longer waiting: the refund check can be created.
        var (refundCode, refund) = await api.LedgerCliAsync("disbursements", "refund-check", "--file", fileId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--sequence", "1", "--staff", "keyer.one");
        Assert.True(refundCode == 0, refund);
        Assert.Contains("MARY ADAMS", refund, StringComparison.Ordinal);
    }
}
