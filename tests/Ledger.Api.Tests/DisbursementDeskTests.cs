using System.Globalization;
using System.Net.Http.Json;
using Ledger.Data.Services.Auth;
using Ledger.Data.Settlements;
using Ledger.Testing;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Ledger.Api.Tests;

/// <summary>
/// The path `ledger disbursements` takes (staff named on the command line, resolved to their sign-in account, through
/// <see cref="DisbursementDesk"/>): four-eyes compares accounts, across the CLI and the API, and each change leaves its audit entry.
/// </summary>
public class DisbursementDeskTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Password = "correct horse battery";
    private const string Person = "82464-369";

    /// <summary>What `ledger disbursements --staff NAME` does with NAME.</summary>
    private Task<DisbursementStaff> StaffAsync(string name) => api.InScopeAsync(async s =>
        new DisbursementStaff(await s.GetRequiredService<SignInAccounts>().StaffIdentityAsync(name), "operations"));

    private async Task<long> TrustAsync() =>
        await api.ScalarAsync<long>($"SELECT coalesce((SELECT balance_cents FROM accounts WHERE owner_type = 'person' AND owner_code = '{Person}' AND kind = 'trust'), 0)");

    private Task<long> AuditsAsync(string action, object entity, string actor) => api.ScalarAsync<long>(
        $"SELECT count(*) FROM api.audit_log WHERE entity_type = 'disbursement' AND action = '{action}' AND entity_id = '{entity}' AND actor_subject = '{actor}'");

    [Fact]
    public async Task The_creator_named_on_the_command_line_may_not_approve_neither_there_nor_signed_in_to_the_API_and_every_change_is_audited()
    {
        var cli = new AccountChanger("cli:test", "operations");
        var (one, oneTotp) = await api.InScopeAsync(s => s.GetRequiredService<SignInAccounts>().SaveStaffAsync("desk.one", "", "operations", [], Password, cli));
        await api.InScopeAsync(s => s.GetRequiredService<SignInAccounts>().SaveStaffAsync("desk.two", "", "operations", [], Password, cli));
        await api.DepositAsync(Person, 25_000);
        await api.ScalarAsync<int>($"UPDATE people SET status = 'released' WHERE person_number = '{Person}' RETURNING 1");
        var balance = await TrustAsync();
        var desk = api.Service<DisbursementDesk>();
        Assert.True(balance > desk.Settings.FourEyesAboveCents);

        var creator = await StaffAsync("desk.one");
        Assert.Equal(SignInAccounts.IdentityOf(one.Subject, one.Id), creator.Identity);
        var created = await desk.CreateReleaseBalanceAsync(creator, Person, "Pat Released", "1 Main St", CancellationToken.None);
        Assert.Null(created.Refusal);
        var id = created.Row!.Id;
        Assert.Equal(DisbursementStatus.PendingApproval, created.Row.Status);
        Assert.Equal(1, await AuditsAsync("disbursement.create", Person, creator.Identity)); // as the API audits a creation: by what it pays out

        // The same person spelled another way on the command line is the same account: refused, nothing moves, nothing audited.
        var again = await desk.ApproveAsync(await StaffAsync(" DESK.One "), id, CancellationToken.None);
        Assert.Equal("four-eyes", again.Refusal);
        Assert.Contains("another member of staff must approve", again.Detail, StringComparison.Ordinal);
        Assert.Equal(balance, await TrustAsync());
        Assert.Equal(0, await api.ScalarAsync<long>($"SELECT count(*) FROM api.audit_log WHERE entity_type = 'disbursement' AND action = 'disbursement.approve' AND entity_id = '{id}'"));

        // Signed in to the API with her own account, the creator is refused too: both channels compare the sign-in account.
        Assert.NotNull(oneTotp);
        var code = new Totp(Base32Encoding.ToBytes(oneTotp)).ComputeTotp(DateTime.UtcNow);
        using (var signedIn = await api.SignedInAsync(new { userName = "desk.one", password = Password, totp = code }))
            await (await signedIn.PostAsync($"/disbursements/{id}/approve", null)).ProblemAsync(409, "four-eyes");
        Assert.Equal(balance, await TrustAsync());

        var approver = await StaffAsync("desk.two");
        var issued = await desk.ApproveAsync(approver, id, CancellationToken.None);
        Assert.Null(issued.Refusal);
        Assert.Equal(DisbursementStatus.Issued, issued.Row!.Status);
        Assert.Equal(approver.Identity, issued.Row.ApprovedBy);
        Assert.Equal(0, await TrustAsync());
        Assert.Equal(1, await AuditsAsync("disbursement.approve", id, approver.Identity));

        var voided = await desk.VoidAsync(approver, id, "payee moved", CancellationToken.None);
        Assert.Equal(DisbursementStatus.Voided, voided.Row!.Status);
        Assert.Equal(balance, await TrustAsync());
        Assert.Equal(1, await AuditsAsync("disbursement.void", id, approver.Identity));
    }

    private Task<(int ExitCode, string Output)> LedgerAsync(params string[] args) => api.LedgerCliAsync(args);

    [Fact]
    public async Task From_the_command_line_the_creator_is_refused_as_approver_with_exit_1_and_another_member_of_staff_issues_the_check()
    {
        var day = await UtcDay.ClearOfMidnightAsync(TimeSpan.FromMinutes(2)); // the day this test's money moves on (see UtcDay)
        const string person = "38207-442";
        var cli = new AccountChanger("cli:test", "operations");
        await api.InScopeAsync(s => s.GetRequiredService<SignInAccounts>().SaveStaffAsync("term.one", "", "operations", [], Password, cli));
        await api.InScopeAsync(s => s.GetRequiredService<SignInAccounts>().SaveStaffAsync("term.two", "", "operations", [], Password, cli));
        await api.DepositAsync(person, 30_000);
        await api.ScalarAsync<int>($"UPDATE people SET status = 'released' WHERE person_number = '{person}' RETURNING 1");

        var (exit, output) = await LedgerAsync("disbursements", "release-balance", "--person", person, "--payee", "Malik Torres", "--staff", "term.one");
        Assert.True(exit == 0, output);
        Assert.Contains("pending approval", output, StringComparison.Ordinal);
        var id = await api.ScalarAsync<long>($"SELECT id FROM disbursements WHERE person_number = '{person}'");
        var creator = (await StaffAsync("term.one")).Identity;
        Assert.Equal(creator, await api.ScalarAsync<string>($"SELECT created_by FROM disbursements WHERE id = {id}"));

        (exit, output) = await LedgerAsync("disbursements", "approve", id.ToString(CultureInfo.InvariantCulture), "--staff", "term.one");
        Assert.Equal(1, exit);
        Assert.Contains("four-eyes: ", output, StringComparison.Ordinal);
        Assert.Contains("another member of staff must approve it", output, StringComparison.Ordinal);
        Assert.Equal("pending_approval", await api.ScalarAsync<string>($"SELECT status FROM disbursements WHERE id = {id}"));

        (exit, output) = await LedgerAsync("disbursements", "approve", id.ToString(CultureInfo.InvariantCulture), "--staff", "term.two");
        Assert.True(exit == 0, output);
        Assert.Equal("issued", await api.ScalarAsync<string>($"SELECT status FROM disbursements WHERE id = {id}"));
        Assert.Equal(1, await AuditsAsync("disbursement.approve", id, (await StaffAsync("term.two")).Identity));
        (exit, output) = await LedgerAsync("disbursements", "positive-pay", "--date", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.True(exit == 0, output);
        Assert.Contains(",Malik Torres,", output, StringComparison.Ordinal);
    }
}
