using System.Net.Http.Json;
using Ledger.Data.Services.Auth;
using Ledger.Data.Settlements;
using Ledger.Data.Verification;
using Ledger.Testing;
using Npgsql;

namespace Ledger.Api.Tests;

/// <summary>Checks paid out of the trust bank account: four-eyes above the threshold (server and database), void reverses, positive pay.</summary>
public class DisbursementTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private HttpClient Ops(string who) => api.Client(LedgerTokens.Roles.Operations, who);

    /// <summary>A person who received card money and has since been released.</summary>
    private async Task ReleasedWithAsync(string person, long cents)
    {
        await api.DepositAsync(person, cents);
        await api.ScalarAsync<int>($"UPDATE people SET status = 'released' WHERE person_number = '{person}' RETURNING 1");
    }

    private async Task<long> TrustAsync(string person) =>
        await api.ScalarAsync<long>($"SELECT coalesce((SELECT balance_cents FROM accounts WHERE owner_type = 'person' AND owner_code = '{person}' AND kind = 'trust'), 0)");

    [Fact]
    public async Task Above_the_threshold_a_check_waits_and_its_creator_may_not_approve_it_neither_through_the_server_nor_in_the_database()
    {
        var day = await UtcDay.ClearOfMidnightAsync(TimeSpan.FromMinutes(2)); // the day this test's money moves on (see UtcDay)
        await ReleasedWithAsync("84088-240", 25_000);
        var balance = await TrustAsync("84088-240");
        using var creator = Ops("ops-alice");
        var created = await (await creator.PostAsJsonAsync("/disbursements/release-balance", new { personNumber = "84088-240", payeeName = "John Doe", payeeAddress = "1 Main St" })).OkJsonAsync();
        Assert.Equal("pending_approval", created.GetProperty("status").GetString());
        Assert.Equal(balance, created.GetProperty("amountCents").GetInt64());
        var id = created.GetProperty("id").GetInt64();

        await (await creator.PostAsync($"/disbursements/{id}/approve", null)).ProblemAsync(409, "four-eyes");
        Assert.Equal(balance, await TrustAsync("84088-240"));
        var e = await Assert.ThrowsAsync<PostgresException>(() => api.ScalarAsync<int>($"UPDATE disbursements SET approved_by = created_by WHERE id = {id} RETURNING 1"));
        Assert.Equal("ck_disbursements_four_eyes", e.ConstraintName);
        var issuedWithout = await Assert.ThrowsAsync<PostgresException>(() => api.ScalarAsync<int>(
            $"UPDATE disbursements SET status = 'issued', check_number = 1, entry_id = 1, issued_at = now() WHERE id = {id} RETURNING 1"));
        Assert.Equal("ck_disbursements_approved", issuedWithout.ConstraintName);

        using var approver = Ops("ops-bob");
        var issued = await (await approver.PostAsync($"/disbursements/{id}/approve", null)).OkJsonAsync();
        Assert.Equal("issued", issued.GetProperty("status").GetString());
        Assert.Equal("ops-bob", issued.GetProperty("approvedBy").GetString());
        Assert.True(issued.GetProperty("checkNumber").GetInt64() > 100_000);
        Assert.Equal(0, await TrustAsync("84088-240"));
        await (await approver.PostAsync($"/disbursements/{id}/approve", null)).ProblemAsync(409, "not-pending");

        // Until the bank pays it, the check is outstanding; the statement line that pays it matches it.
        var check = issued.GetProperty("checkNumber").GetInt64();
        var entry = issued.GetProperty("entryId").GetInt64();
        Assert.Contains((await api.Service<SettlementStatus>().ReportAsync()).Bank.Outstanding, o => o.EntryId == entry && o.Cents == -balance);
        var path = Path.Combine(Path.GetTempPath(), $"checks-{Guid.NewGuid():N}.bai");
        await File.WriteAllTextAsync(path, BankStatementWriter.Write(day, "000123456789", 1_000_000,
            [new BankStatementLine("475", balance, check.ToString(System.Globalization.CultureInfo.InvariantCulture), "CHECK PAID"),
             new BankStatementLine("475", 500, "999999", "CHECK PAID")]));
        var statement = await api.Service<SettlementImporter>().ImportAsync(path);
        File.Delete(path);
        Assert.Equal(SettlementItemStatus.Matched, statement.Items[0].Status);
        Assert.Equal("no check 999999 issued by the ledger", statement.Items[1].Reason);
        Assert.DoesNotContain((await api.Service<SettlementStatus>().ReportAsync()).Bank.Outstanding, o => o.EntryId == entry);
    }

    [Fact]
    public async Task At_or_below_the_threshold_the_check_is_issued_at_once_and_a_void_gives_the_balance_back()
    {
        var day = await UtcDay.ClearOfMidnightAsync(TimeSpan.FromMinutes(2)); // the day this test's money moves on (see UtcDay)
        await ReleasedWithAsync("39105-274", 4_000);
        var balance = await TrustAsync("39105-274");
        using var ops = Ops("ops-carol");
        var issued = await (await ops.PostAsJsonAsync("/disbursements/release-balance", new { personNumber = "39105-274", payeeName = "Ana Robinson, trustee" })).OkJsonAsync();
        Assert.Equal("issued", issued.GetProperty("status").GetString());
        Assert.Equal(0, await TrustAsync("39105-274"));
        var id = issued.GetProperty("id").GetInt64();
        var check = issued.GetProperty("checkNumber").GetInt64();
        await (await ops.PostAsJsonAsync("/disbursements/release-balance", new { personNumber = "39105-274", payeeName = "Again" })).ProblemAsync(422, "nothing-to-pay");

        var voided = await (await ops.PostAsJsonAsync($"/disbursements/{id}/void", new { reason = "lost in the mail" })).OkJsonAsync();
        Assert.Equal("voided", voided.GetProperty("status").GetString());
        Assert.Equal(balance, await TrustAsync("39105-274"));
        var csv = await (await ops.GetAsync($"/disbursements/positive-pay.csv?date={day:yyyy-MM-dd}")).Content.ReadAsStringAsync();
        Assert.Contains($",{check},", csv);
        Assert.Contains("\"Ana Robinson, trustee\",V", csv);
        await (await ops.PostAsJsonAsync($"/disbursements/{id}/void", new { reason = "again" })).ProblemAsync(409, "not-issued");
        var report = await api.Service<LedgerVerifier>().VerifyAsync();
        Assert.True(report.Passed, string.Join("; ", report.Checks.Where(c => !c.Passed)));
    }

    [Fact]
    public async Task A_person_still_in_custody_is_not_paid_out()
    {
        using var ops = Ops("ops-dave");
        await (await ops.PostAsJsonAsync("/disbursements/release-balance", new { personNumber = "77690-132", payeeName = "X" })).ProblemAsync(422, "person-not-released");
    }
}
