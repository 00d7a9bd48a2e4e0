using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Data.Services.Auth;
using Ledger.Data.Verification;
using Ledger.Testing;

namespace Ledger.Api.Tests;

/// <summary>
/// Restitution paid to the court per facility: the collected money leaves the people's restitution accounts by a check with
/// four-eyes, and still counts as paid toward their obligations, so deposits afterwards collect only what is left owed.
/// Its own database: the remittance takes every restitution account of the facility.
/// </summary>
public class CourtRemittanceTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Facility = "FCI-ALI"; // 20% of trust deposits toward restitution, limit 500.00
    private const string Small = "60470-241"; // owes 2.94
    private const string Large = "55793-835"; // owes 237.19

    private HttpClient Ops(string who) => api.Client(LedgerTokens.Roles.Operations, who);

    private Task<long> BalanceAsync(string person, string kind) => api.ScalarAsync<long>(
        $"SELECT coalesce((SELECT balance_cents FROM accounts WHERE owner_type = 'person' AND owner_code = '{person}' AND kind = '{kind}'), 0)");

    private async Task<long> QuotedRestitutionAsync(string person, long cents)
    {
        using var family = api.Family("fam-court-quote");
        var quote = await (await family.GetAsync($"/deposits/quote?personNumber={person}&channel=online&amountCents={cents}&targetAccount=trust")).OkJsonAsync();
        return quote.GetProperty("restitutionCents").GetInt64();
    }

    private static object Remittance(string payee = "Clerk, U.S. District Court N.D. Ala.") =>
        new { facilityCode = Facility, periodEnd = DateOnly.FromDateTime(DateTime.UtcNow), payeeName = payee, payeeAddress = "1729 5th Ave N, Birmingham, AL" };

    [Fact]
    public async Task Restitution_paid_to_the_court_still_counts_as_paid_so_deposits_collect_only_what_is_left_owed_and_a_void_reverses_it()
    {
        var day = await UtcDay.ClearOfMidnightAsync(TimeSpan.FromMinutes(2)); // the day this test's money moves on (see UtcDay)
        await api.DepositAsync(Small, 2_000);
        await api.DepositAsync(Large, 50_000);
        Assert.Equal(294, await BalanceAsync(Small, "restitution"));
        Assert.Equal(10_000, await BalanceAsync(Large, "restitution"));

        // 102.94 is above the 100.00 threshold: it waits, and its creator may not approve it.
        using var alice = Ops("ops-alice");
        var created = await (await alice.PostAsJsonAsync("/disbursements/court-remittance", Remittance())).OkJsonAsync();
        Assert.Equal("pending_approval", created.GetProperty("status").GetString());
        Assert.Equal(10_294, created.GetProperty("amountCents").GetInt64());
        var id = created.GetProperty("id").GetInt64();
        var detail = await (await alice.GetAsync($"/disbursements/{id}")).OkJsonAsync();
        var lines = detail.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("personNumber").GetString()!, l => l.GetProperty("amountCents").GetInt64());
        Assert.Equal(new Dictionary<string, long> { [Large] = 10_000, [Small] = 294 }, lines);
        await (await alice.PostAsJsonAsync("/disbursements/court-remittance", Remittance())).ProblemAsync(409, "already-disbursed");
        await (await alice.PostAsync($"/disbursements/{id}/approve", null)).ProblemAsync(409, "four-eyes");
        Assert.Equal(294, await BalanceAsync(Small, "restitution"));

        using var bob = Ops("ops-bob");
        var issued = await (await bob.PostAsync($"/disbursements/{id}/approve", null)).OkJsonAsync();
        Assert.Equal("issued", issued.GetProperty("status").GetString());
        Assert.Equal(0, await BalanceAsync(Small, "restitution"));
        Assert.Equal(0, await BalanceAsync(Large, "restitution"));
        var entry = issued.GetProperty("entryId").GetInt64();
        // The check leaves the trust bank account (credited, as every payment out of it).
        Assert.Equal(10_294L, await api.ScalarAsync<long>($"SELECT p.amount_cents FROM postings p JOIN accounts a ON a.id = p.account_id WHERE p.entry_id = {entry} AND a.kind = 'bank'"));

        // The small obligation is met: a new deposit collects nothing, all of it reaches trust (and the quote says so).
        var trust = await BalanceAsync(Small, "trust");
        Assert.Equal(0, await QuotedRestitutionAsync(Small, 2_000));
        await api.DepositAsync(Small, 2_000);
        Assert.Equal(0, await BalanceAsync(Small, "restitution"));
        Assert.Equal(trust + 2_000, await BalanceAsync(Small, "trust"));
        // The large one still owes 137.19: 20% of the next deposit is collected as before.
        Assert.Equal(2_000, await QuotedRestitutionAsync(Large, 10_000));
        await api.DepositAsync(Large, 10_000);
        Assert.Equal(2_000, await BalanceAsync(Large, "restitution"));

        // Nothing collected since for the small one; the next remittance pays only what was collected since the last.
        var next = await (await alice.PostAsJsonAsync("/disbursements/court-remittance", Remittance())).OkJsonAsync();
        Assert.Equal(2_000, next.GetProperty("amountCents").GetInt64());
        Assert.Equal("issued", next.GetProperty("status").GetString()); // 20.00: below the threshold, issued at once

        // Voiding the first check reverses it: the money is back in the accounts, and still counts as collected.
        var voided = await (await bob.PostAsJsonAsync($"/disbursements/{id}/void", new { reason = "court returned the check" })).OkJsonAsync();
        Assert.Equal("voided", voided.GetProperty("status").GetString());
        Assert.Equal(entry, await api.ScalarAsync<long>($"SELECT reverses_entry_id FROM journal_entries WHERE id = {voided.GetProperty("voidEntryId").GetInt64()}"));
        Assert.Equal(294, await BalanceAsync(Small, "restitution"));
        Assert.Equal(10_000, await BalanceAsync(Large, "restitution"));
        Assert.Equal(0, await QuotedRestitutionAsync(Small, 2_000));
        Assert.Equal(2_000, await QuotedRestitutionAsync(Large, 10_000)); // 237.19 - (100.00 held + 20.00 remitted) = 117.19 still owed
        var positivePay = await (await bob.GetAsync($"/disbursements/positive-pay.csv?date={day:yyyy-MM-dd}")).Content.ReadAsStringAsync();
        Assert.Contains($",{issued.GetProperty("checkNumber").GetInt64()},", positivePay, StringComparison.Ordinal);
        Assert.Contains(",102.94,\"Clerk, U.S. District Court N.D. Ala.\",V", positivePay, StringComparison.Ordinal);

        // Paid again after the void: exactly what was given back.
        var again = await (await alice.PostAsJsonAsync("/disbursements/court-remittance", Remittance())).OkJsonAsync();
        Assert.Equal(10_294, again.GetProperty("amountCents").GetInt64());
        // Waiting for approval, it can be cancelled (nothing moved), and created anew.
        var entries = await api.ScalarAsync<long>("SELECT count(*) FROM journal_entries");
        var cancelled = await (await alice.PostAsJsonAsync($"/disbursements/{again.GetProperty("id").GetInt64()}/void", new { reason = "wrong court" })).OkJsonAsync();
        Assert.Equal("voided", cancelled.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, cancelled.GetProperty("entryId").ValueKind);
        Assert.Equal(entries, await api.ScalarAsync<long>("SELECT count(*) FROM journal_entries"));
        Assert.Equal(10_000, await BalanceAsync(Large, "restitution"));
        var anew = await (await alice.PostAsJsonAsync("/disbursements/court-remittance", Remittance("Clerk of the Circuit Court"))).OkJsonAsync();
        Assert.Equal(10_294, anew.GetProperty("amountCents").GetInt64());
        var verified = await api.Service<LedgerVerifier>().VerifyAsync();
        Assert.True(verified.Passed, string.Join("; ", verified.Checks.Where(c => !c.Passed)));
    }

    [Fact]
    public async Task A_court_remittance_is_refused_for_an_unknown_facility_a_period_not_ended_or_nothing_to_pay()
    {
        var day = await UtcDay.ClearOfMidnightAsync(TimeSpan.FromMinutes(1)); // tomorrow stays tomorrow while the server checks (see UtcDay)
        using var ops = Ops("ops-carol");
        await (await ops.PostAsJsonAsync("/disbursements/court-remittance", new { facilityCode = "NOPE", periodEnd = day, payeeName = "Court" }))
            .ProblemAsync(404);
        await (await ops.PostAsJsonAsync("/disbursements/court-remittance", new { facilityCode = Facility, periodEnd = day.AddDays(1), payeeName = "Court" }))
            .ProblemAsync(422, "period-not-ended");
        await (await ops.PostAsJsonAsync("/disbursements/court-remittance", new { facilityCode = "FCI-DUB", periodEnd = day, payeeName = "Court" }))
            .ProblemAsync(422, "nothing-to-pay");
        await (await ops.PostAsJsonAsync("/disbursements/court-remittance", new { facilityCode = Facility, periodEnd = day, payeeName = " " }))
            .ProblemAsync(422, "invalid-payee");
    }
}
