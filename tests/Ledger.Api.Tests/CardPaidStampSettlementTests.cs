using System.Net.Http.Json;
using Ledger.Data.Settlements;
using Ledger.Data.Verification;
using Ledger.Testing;

namespace Ledger.Api.Tests;

/// <summary>
/// E-mail stamps paid by card are card payments like deposits: the processor's own daily report settles them (charges,
/// a rejected message's refund, a chargeback) and card clearing ends at zero. Its own database and processor, so the
/// processor's report holds only this class's payments.
/// </summary>
public class CardPaidStampSettlementTests(ApiFixture api) : IClassFixture<ApiFixture>, IDisposable
{
    private const string Person = "12345-678"; // FCI-LOR, stamps 0.35
    private readonly string _dir = Directory.CreateTempSubdirectory("stamp-settlements-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<long> PaymentAsync(long messageId) => api.ScalarAsync<long>($"SELECT id FROM card_payments WHERE message_id = {messageId}");

    [Fact]
    public async Task The_processors_report_settles_the_stamps_card_clearing_to_zero()
    {
        var day = await UtcDay.ClearOfMidnightAsync(TimeSpan.FromMinutes(2)); // the day this test's money moves on (see UtcDay)
        var family = await api.FamilyWithContactAsync(Person);
        using var client = api.Family(family);
        var kept = await api.SendPaidMessageAsync(client, Person, new string('x', 6_001), "kept");
        var rejected = await api.SendPaidMessageAsync(client, Person, "rejected", "rejected");
        var disputed = await api.SendPaidMessageAsync(client, Person, "disputed", "disputed", card: "4000000000000259");
        Assert.All(new[] { kept, rejected, disputed }, m => Assert.Equal("in_screening", m.GetProperty("status").GetString()));

        using var staff = api.Staff("FCI-LOR");
        await (await staff.PostAsJsonAsync($"/screening/messages/{rejected.GetProperty("id").GetInt64()}/reject", new { reason = "no" })).OkJsonAsync();
        Assert.Equal("refunded", (await api.SettledPaymentAsync(await PaymentAsync(rejected.GetProperty("id").GetInt64()), until: "credited")).GetProperty("status").GetString());
        Assert.Equal("charged_back", (await api.SettledPaymentAsync(await PaymentAsync(disputed.GetProperty("id").GetInt64()), until: "credited")).GetProperty("status").GetString());
        var held = await api.ScalarAsync<long>("""
            SELECT coalesce(-sum(p.amount_cents), 0)::bigint FROM postings p JOIN accounts a ON a.id = p.account_id
            WHERE a.kind = 'card_clearing' AND a.owner_code = 'FCI-LOR'
            """);
        Assert.Equal(70, held); // the kept message's two stamps; the other two were taken back

        var report = await (await api.ProcessorClient.GetAsync($"/v1/settlements?date={day:yyyy-MM-dd}")).Content.ReadAsStringAsync();
        var path = Path.Combine(_dir, "stamps.cps.csv");
        await File.WriteAllTextAsync(path, report);
        var result = await api.Service<SettlementImporter>().ImportAsync(path);

        Assert.Equal(0, result.Unmatched);
        Assert.Equal(5, result.Matched); // three charges, one refund, one chargeback
        var status = await api.Service<SettlementStatus>().ReportAsync();
        var card = status.Clearing.Single(c => c.Account == "card_clearing" && c.Owner == "FCI-LOR");
        Assert.Equal(0, card.BalanceCents);
        var verified = await api.Service<LedgerVerifier>().VerifyAsync();
        Assert.True(verified.Passed, string.Join("; ", verified.Checks.Where(c => !c.Passed)));
    }
}
