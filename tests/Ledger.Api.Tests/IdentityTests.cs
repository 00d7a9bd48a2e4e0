using System.Net.Http.Json;
using Ledger.Data.Services;
using Ledger.Data.Services.Auth;
using Ledger.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Ledger.Api.Tests;

/// <summary>
/// One identity system: staff, families and residents sign in at POST /auth/sign-in and get tokens for their role;
/// lockout per account, equal work for unknown names, a second factor for operations, claims re-checked after a change.
/// </summary>
public class IdentityTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Password = "correct horse battery";
    private static readonly AccountChanger Cli = new("cli:test", "operations");

    private Task<(SignInAccountRow Account, string? Totp)> AddStaffAsync(string user, string role, params string[] facilities) =>
        api.InScopeAsync(s => s.GetRequiredService<SignInAccounts>().SaveStaffAsync(user, "", role, facilities, Password, Cli));

    [Fact]
    public async Task Facility_staff_and_accountants_sign_in_with_user_name_and_password_for_a_token_of_their_role()
    {
        await AddStaffAsync("officer.lor", LedgerTokens.Roles.Staff, "FCI-LOR");
        await AddStaffAsync("acct.one", LedgerTokens.Roles.Accountant, "FCI-LOR");

        using var staff = await api.SignedInAsync(new { userName = "Officer.LOR", password = Password });
        await (await staff.GetAsync("/requests/overdue")).OkJsonAsync();
        await (await staff.GetAsync("/people/12345-678/balances")).OkJsonAsync();
        await (await staff.GetAsync("/people/15889-971/balances")).ProblemAsync(403); // MCC-CHI: not theirs
        await (await staff.GetAsync("/audit")).ProblemAsync(403);

        using var accountant = await api.SignedInAsync(new { userName = "acct.one", password = Password });
        await (await accountant.GetAsync("/people/12345-678/accounts/trust/statement?from=2026-01-01&to=2030-01-01")).OkJsonAsync();
        await (await accountant.GetAsync("/requests/overdue")).ProblemAsync(403);
    }

    [Fact]
    public async Task A_resident_signs_in_with_person_number_and_the_pin_staff_set_and_sees_only_themselves()
    {
        await api.InScopeAsync(s => s.GetRequiredService<SignInAccounts>().SetResidentPinAsync("84088-240", "FCI-LOR", "Sarah Walker", "4711", Cli));
        using var anonymous = api.Anonymous();
        await (await anonymous.PostAsJsonAsync("/auth/sign-in", new { personNumber = "84088-240", pin = "1234" })).ProblemAsync(401, "sign-in-failed");

        using var resident = await api.SignedInAsync(new { personNumber = "84088-240", pin = "4711" });
        await (await resident.GetAsync("/people/84088-240/balances")).OkJsonAsync();
        await (await resident.GetAsync("/people/12345-678/balances")).ProblemAsync(403);
        // Audited: the PIN was set by someone.
        Assert.Equal(1L, await api.ScalarAsync<long>("SELECT count(*) FROM api.audit_log WHERE action = 'resident.pin-set' AND entity_id = 'resident:84088-240'"));
    }

    [Fact]
    public async Task A_family_registers_itself_then_signs_in_with_e_mail_and_password()
    {
        using var anonymous = api.Anonymous();
        var registered = await (await anonymous.PostAsJsonAsync("/families/register",
            new { email = "Self.Registered@Example.org", password = Password, displayName = "The Registered" })).OkJsonAsync();
        var subject = registered.GetProperty("subject").GetString()!;
        await (await anonymous.PostAsJsonAsync("/families/register", new { email = "self.registered@example.org", password = Password, displayName = "Again" }))
            .ProblemAsync(409, "family-exists");
        await (await anonymous.PostAsJsonAsync("/families/register", new { email = "short@example.org", password = "short", displayName = "Weak" }))
            .ProblemAsync(422, "weak-password");

        using var family = await api.SignedInAsync(new { email = "self.registered@example.org", password = Password });
        await (await family.GetAsync($"/families/{subject}/contacts")).OkJsonAsync();
        await (await family.GetAsync("/families/someone-else/contacts")).ProblemAsync(403);
    }

    [Fact]
    public async Task Ten_wrong_passwords_lock_the_account_and_the_right_one_is_then_refused_for_at_least_five_minutes()
    {
        await AddStaffAsync("locked.out", LedgerTokens.Roles.Staff, "FCI-LOR");
        using var anonymous = api.Anonymous();
        for (var i = 0; i < 10; i++)
            await (await anonymous.PostAsJsonAsync("/auth/sign-in", new { userName = "locked.out", password = $"wrong guess {i}" })).ProblemAsync(401, "sign-in-failed");
        // The right password now: the same refusal, nothing tells a locked account apart.
        await (await anonymous.PostAsJsonAsync("/auth/sign-in", new { userName = "locked.out", password = Password })).ProblemAsync(401, "sign-in-failed");
        var lockedFor = await api.ScalarAsync<TimeSpan>("SELECT locked_until - now() FROM api.sign_in_accounts WHERE login = 'locked.out'");
        Assert.True(lockedFor >= TimeSpan.FromMinutes(5), $"locked for {lockedFor}");
        // Every failure is audited, the ones on unknown names too.
        Assert.True(await api.ScalarAsync<long>("SELECT count(*) FROM api.audit_log WHERE action = 'sign-in.failed' AND entity_id = 'staff:locked.out'") >= 11);
        await (await anonymous.PostAsJsonAsync("/auth/sign-in", new { userName = "no.such.person", password = "x" })).ProblemAsync(401, "sign-in-failed");
        Assert.Equal(1L, await api.ScalarAsync<long>("SELECT count(*) FROM api.audit_log WHERE action = 'sign-in.failed' AND entity_id = 'staff:no.such.person'"));
        // Another account is not affected (lockout is per account, not per address).
        await AddStaffAsync("not.locked", LedgerTokens.Roles.Staff, "FCI-LOR");
        using var other = await api.SignedInAsync(new { userName = "not.locked", password = Password });
    }

    [Fact]
    public async Task An_unknown_name_costs_the_same_work_as_a_known_one()
    {
        await AddStaffAsync("work.known", LedgerTokens.Roles.Staff, "FCI-LOR");
        await AddStaffAsync("work.locked", LedgerTokens.Roles.Staff, "FCI-LOR");
        await api.ScalarAsync<int>("UPDATE api.sign_in_accounts SET locked_until = now() + interval '1 hour' WHERE login = 'work.locked'; SELECT 1");
        // The work is counted (PBKDF2 iterations derived in the check's own flow), not timed: a timed comparison of the
        // fastest of eleven tries each way still flaked at 2.59 on a machine at load 20.
        async Task<(SignInOutcome Outcome, long Iterations)> CheckAsync(string user, string password) =>
            await api.InScopeAsync(async s =>
            {
                using var count = Passwords.CountIterations();
                var result = await s.GetRequiredService<SignInAccounts>().CheckAsync(AccountKinds.Staff, user, password, null);
                return (result.Outcome, count.Iterations);
            });

        var right = await CheckAsync("work.known", Password);
        var wrong = await CheckAsync("work.known", "wrong password");
        var unknown = await CheckAsync("work.unknown", "wrong password");
        var locked = await CheckAsync("work.locked", Password);

        Assert.Equal(SignInOutcome.SignedIn, right.Outcome);
        Assert.Equal(SignInOutcome.Failed, wrong.Outcome);
        Assert.Equal(SignInOutcome.Failed, unknown.Outcome);
        Assert.Equal(SignInOutcome.Failed, locked.Outcome);
        // One hash at today's cost, whoever asks: two for an unknown name (the old code) would count 1,200,000.
        Assert.Equal(Passwords.Iterations, right.Iterations);
        Assert.Equal(Passwords.Iterations, wrong.Iterations);
        Assert.Equal(Passwords.Iterations, unknown.Iterations);
        Assert.Equal(Passwords.Iterations, locked.Iterations);
        // And the answer over HTTP does not tell them apart either.
        using var anonymous = api.Anonymous();
        await (await anonymous.PostAsJsonAsync("/auth/sign-in", new { userName = "work.unknown", password = "wrong password" })).ProblemAsync(401, "sign-in-failed");
        await (await anonymous.PostAsJsonAsync("/auth/sign-in", new { userName = "work.known", password = "wrong password" })).ProblemAsync(401, "sign-in-failed");
    }

    [Fact]
    public async Task Operations_sign_in_needs_a_current_authenticator_code_and_a_code_is_good_once()
    {
        var (_, secret) = await AddStaffAsync("ops.totp", LedgerTokens.Roles.Operations);
        Assert.NotNull(secret);
        using var anonymous = api.Anonymous();
        await (await anonymous.PostAsJsonAsync("/auth/sign-in", new { userName = "ops.totp", password = Password })).ProblemAsync(401, "second-factor-required");
        await (await anonymous.PostAsJsonAsync("/auth/sign-in", new { userName = "ops.totp", password = Password, totp = "000000" })).ProblemAsync(401, "sign-in-failed");
        var code = new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow);
        using var ops = await api.SignedInAsync(new { userName = "ops.totp", password = Password, totp = code });
        await (await ops.GetAsync("/audit")).OkJsonAsync();
        await (await anonymous.PostAsJsonAsync("/auth/sign-in", new { userName = "ops.totp", password = Password, totp = code })).ProblemAsync(401, "sign-in-failed");
        // An operations account without a second factor (carried over from before TOTP) does not sign in at all.
        await api.ScalarAsync<int>("UPDATE api.sign_in_accounts SET totp_secret = NULL WHERE login = 'ops.totp'; SELECT 1");
        await (await anonymous.PostAsJsonAsync("/auth/sign-in", new { userName = "ops.totp", password = Password })).ProblemAsync(401, "sign-in-failed");
        await api.ScalarAsync<int>($"UPDATE api.sign_in_accounts SET totp_secret = '{secret}' WHERE login = 'ops.totp'; SELECT 1");
        // Without the password, a code alone is nothing.
        await (await anonymous.PostAsJsonAsync("/auth/sign-in", new { userName = "ops.totp", password = "wrong password", totp = code })).ProblemAsync(401, "sign-in-failed");
    }

    [Fact]
    public async Task An_operations_authenticator_secret_is_stored_sealed_and_does_not_open_on_another_account()
    {
        var (_, secret) = await AddStaffAsync("ops.sealed", LedgerTokens.Roles.Operations);
        var stored = await api.ScalarAsync<string>("SELECT totp_secret FROM api.sign_in_accounts WHERE login = 'ops.sealed'");
        Assert.StartsWith("sealed1:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret!, stored, StringComparison.Ordinal);
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        using (await api.SignedInAsync(new { userName = "ops.sealed", password = Password, totp = totp.ComputeTotp(DateTime.UtcNow) })) { }

        // A secret a version before sealing stored in plain text still works, and is sealed on that first good use.
        await api.ScalarAsync<int>($"UPDATE api.sign_in_accounts SET totp_secret = '{secret}' WHERE login = 'ops.sealed'; SELECT 1");
        using (await api.SignedInAsync(new { userName = "ops.sealed", password = Password, totp = totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)) })) { }
        var resealed = await api.ScalarAsync<string>("SELECT totp_secret FROM api.sign_in_accounts WHERE login = 'ops.sealed'");
        Assert.StartsWith("sealed1:", resealed, StringComparison.Ordinal);
        Assert.NotEqual(stored, resealed);

        // Copied onto another account's row (by someone who can write the table), it does not open there.
        await AddStaffAsync("ops.copied", LedgerTokens.Roles.Operations);
        await api.ScalarAsync<int>("UPDATE api.sign_in_accounts SET totp_secret = (SELECT totp_secret FROM api.sign_in_accounts WHERE login = 'ops.sealed') WHERE login = 'ops.copied'; SELECT 1");
        using var anonymous = api.Anonymous();
        await (await anonymous.PostAsJsonAsync("/auth/sign-in", new { userName = "ops.copied", password = Password, totp = totp.ComputeTotp(DateTime.UtcNow) })).ProblemAsync(401, "sign-in-failed");
        Assert.Equal(1L, await api.ScalarAsync<long>(
            "SELECT count(*) FROM api.audit_log WHERE action = 'sign-in.failed' AND entity_id = 'staff:ops.copied' AND after::text LIKE '%does not open%'"));
    }

    [Fact]
    public async Task Ledger_staff_add_seals_under_the_apis_key_and_without_it_the_audit_says_which_key_is_missing()
    {
        var (exit, output) = await api.LedgerCliAsync(Password, new Dictionary<string, string?> { ["Auth__SigningKey"] = ApiFixture.SigningKey },
            "staff", "add", "ops.terminal", "--role", "operations");
        Assert.True(exit == 0, output);
        var secret = output.Split('\n').Single(l => l.StartsWith("totp-secret: ", StringComparison.Ordinal))["totp-secret: ".Length..].Trim();
        using (await api.SignedInAsync(new { userName = "ops.terminal", password = Password, totp = new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow) })) { }

        // A terminal without the key seals under the development key, says so, and the API names the mismatch in the audit.
        (exit, output) = await api.LedgerCliAsync(Password, new Dictionary<string, string?> { ["Auth__SigningKey"] = null, ["Auth__SecondFactorKey"] = null },
            "staff", "add", "ops.keyless", "--role", "operations");
        Assert.True(exit == 0, output);
        Assert.Contains("development key", output, StringComparison.Ordinal);
        secret = output.Split('\n').Single(l => l.StartsWith("totp-secret: ", StringComparison.Ordinal))["totp-secret: ".Length..].Trim();
        using var anonymous = api.Anonymous();
        await (await anonymous.PostAsJsonAsync("/auth/sign-in",
            new { userName = "ops.keyless", password = Password, totp = new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow) })).ProblemAsync(401, "sign-in-failed");
        Assert.Equal(1L, await api.ScalarAsync<long>(
            "SELECT count(*) FROM api.audit_log WHERE action = 'sign-in.failed' AND entity_id = 'staff:ops.keyless' AND after::text LIKE '%Auth__SecondFactorKey%'"));
    }

    [Fact]
    public async Task Signing_out_ends_every_token_of_the_account_and_a_new_sign_in_works()
    {
        await AddStaffAsync("leaving.officer", LedgerTokens.Roles.Staff, "FCI-LOR");
        using var desk = await api.SignedInAsync(new { userName = "leaving.officer", password = Password });
        using var phone = await api.SignedInAsync(new { userName = "leaving.officer", password = Password });
        await (await phone.GetAsync("/people/12345-678/balances")).OkJsonAsync();

        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await desk.PostAsync("/auth/sign-out", null)).StatusCode);
        await (await desk.GetAsync("/people/12345-678/balances")).ProblemAsync(401);
        await (await phone.GetAsync("/people/12345-678/balances")).ProblemAsync(401); // the other session too, at once on this node
        Assert.Equal(1L, await api.ScalarAsync<long>("SELECT count(*) FROM api.audit_log WHERE action = 'sign-out' AND entity_id = 'staff:leaving.officer'"));

        using var again = await api.SignedInAsync(new { userName = "leaving.officer", password = Password });
        await (await again.GetAsync("/people/12345-678/balances")).OkJsonAsync();
        // A token minted with the signing key (development) belongs to no account: nothing to sign out.
        using var minted = api.Operations();
        await (await minted.PostAsync("/auth/sign-out", null)).ProblemAsync(409, "no-account");
    }

    [Fact]
    public async Task A_moved_member_of_staff_loses_the_old_facility_within_the_stamp_check_interval()
    {
        await AddStaffAsync("moving.officer", LedgerTokens.Roles.Staff, "FCI-LOR");
        using var staff = await api.SignedInAsync(new { userName = "moving.officer", password = Password });
        await (await staff.GetAsync("/people/12345-678/balances")).OkJsonAsync();

        await AddStaffAsync("moving.officer", LedgerTokens.Roles.Staff, "MCC-CHI"); // moved: the stamp changes
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the test API re-reads stamps after 1 s (60 s in production)
        await (await staff.GetAsync("/people/12345-678/balances")).ProblemAsync(401);
        Assert.Equal(1L, await api.ScalarAsync<long>("SELECT count(*) FROM api.audit_log WHERE action = 'staff.change' AND entity_id = 'staff:moving.officer'"));
        using var again = await api.SignedInAsync(new { userName = "moving.officer", password = Password });
        await (await again.GetAsync("/people/15889-971/balances")).OkJsonAsync();
        await (await again.GetAsync("/people/12345-678/balances")).ProblemAsync(403);
    }
}

/// <summary>The API as it runs outside Development and Testing: minted tokens are refused, and the published key too.</summary>
public sealed class ProductionLikeFixture : ApiFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Auth:AllowMintedTokens"] = "false" };
}

public class ProductionIdentityTests(ProductionLikeFixture api) : IClassFixture<ProductionLikeFixture>
{
    [Fact]
    public async Task A_token_minted_with_the_signing_key_is_refused_and_a_signed_in_one_works()
    {
        using var minted = api.Operations();
        await (await minted.GetAsync("/audit")).ProblemAsync(401);
        await api.InScopeAsync(s => s.GetRequiredService<SignInAccounts>().SaveStaffAsync("prod.officer", "", "staff", ["FCI-LOR"], "correct horse battery", new("cli:test", "operations")));
        using var staff = await api.SignedInAsync(new { userName = "prod.officer", password = "correct horse battery" });
        await (await staff.GetAsync("/requests/overdue")).OkJsonAsync();
    }

    [Fact]
    public async Task Four_eyes_knows_one_account_under_two_spellings_and_a_minted_token_cannot_be_the_second_pair_of_eyes()
    {
        var (account, secret) = await api.InScopeAsync(s => s.GetRequiredService<SignInAccounts>().SaveStaffAsync("ops.four", "", "operations", [],
            "correct horse battery", new("cli:test", "operations")));
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        using var first = await api.SignedInAsync(new { userName = "ops.four", password = "correct horse battery", totp = totp.ComputeTotp(DateTime.UtcNow) });
        // The same person again, typed differently, with the next code (a code is good once).
        using var second = await api.SignedInAsync(new { userName = " OPS.Four ", password = "correct horse battery", totp = totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)) });

        var (file, _) = await LockboxReviewItems.WriteAsync(api.Db, 1, "12345-678");
        var waiting = await (await first.PostAsJsonAsync($"/operations/keying/{file}/1/key", new { amountCents = 250_00, personNumber = "12345-678", account = "trust" })).OkJsonAsync();
        Assert.Equal($"ops.four#{account.Id}", waiting.GetProperty("keyedBy").GetString());
        var id = waiting.GetProperty("id").GetInt64();
        await (await second.PostAsync($"/operations/keying/resolutions/{id}/approve", null)).ProblemAsync(409, "four-eyes");
        // A token minted with the key under another name is no account at all here.
        using var minted = api.Client("operations", "olivia");
        await (await minted.PostAsync($"/operations/keying/resolutions/{id}/approve", null)).ProblemAsync(401);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void The_api_refuses_to_start_outside_development_with_the_published_development_key(string environment)
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment(environment);
            b.UseSetting("ConnectionStrings:Ledger", api.ConnectionString);
            b.UseSetting("Auth:SigningKey", "ledger-development-signing-key-not-for-production-use");
            b.UseSetting("Hangfire:Server", "false");
        });
        var e = Assert.ThrowsAny<Exception>(() => factory.Server);
        Assert.Contains("development signing key", e.ToString(), StringComparison.Ordinal);
    }
}
