using System.Globalization;
using System.Net.Http.Json;
using Ledger.Data.Services.Auth;
using Ledger.Testing;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Ledger.Api.Tests;

/// <summary>
/// The keying queue over HTTP: lockbox items in review (recorded as intake records them, over the sample batch's
/// scans) keyed, approved, rejected and returned by operations staff, who are told apart by their token's subject.
/// </summary>
public class KeyingEndpointTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Person = "12345-678";

    private HttpClient Ops(string subject) => api.Client(LedgerTokens.Roles.Operations, subject);

    private Task<(long FileId, string[] Serials)> InReviewAsync(int count) => LockboxReviewItems.WriteAsync(api.Db, count, Person);

    private static object Keyed(long cents, string account = "trust", string person = Person) => new { amountCents = cents, personNumber = person, account };

    private Task<long> EntriesAsync(string serial) => api.ScalarAsync<long>($"SELECT count(*) FROM journal_entries WHERE idempotency_key = 'mo:{serial}'");

    [Fact]
    public async Task The_queue_shows_each_item_with_what_ocr_saw_and_serves_its_scans_as_png()
    {
        var (file, serials) = await InReviewAsync(1);
        using var ops = Ops("ops-alice");

        var queue = await (await ops.GetAsync("/operations/keying")).OkJsonAsync();

        Assert.Equal(100_00, queue.GetProperty("fourEyesAboveCents").GetInt64());
        var item = queue.GetProperty("waiting").EnumerateArray().Single(i => i.GetProperty("fileId").GetInt64() == file);
        Assert.Equal(serials[0], item.GetProperty("serialRead").GetString());
        Assert.Equal("$1?5.0O", item.GetProperty("ocr").GetProperty("amountNumerals").GetProperty("raw").GetString());
        Assert.Equal(Person, item.GetProperty("ocr").GetProperty("residentNumber").GetProperty("value").GetString());

        foreach (var side in new[] { "money-order", "deposit-slip" })
        {
            var scan = await ops.GetAsync($"/operations/keying/{file}/1/images/{side}");
            Assert.Equal("image/png", scan.Content.Headers.ContentType?.MediaType);
            Assert.True(scan.Headers.CacheControl?.NoStore);
            var bytes = await scan.Content.ReadAsByteArrayAsync();
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(LockboxReviewItems.SampleBatch, "images", side == "money-order" ? "0001-order.png" : "0001-slip.png")), bytes);
        }
        await (await ops.GetAsync($"/operations/keying/{file}/1/images/back")).ProblemAsync(404);
        await (await ops.GetAsync($"/operations/keying/{file}/2/images/money-order")).ProblemAsync(404);
    }

    [Fact]
    public async Task Keying_at_or_below_the_threshold_posts_and_is_audited_under_the_callers_name()
    {
        var (file, serials) = await InReviewAsync(1);
        using var ops = Ops("ops-alice");

        var posted = await (await ops.PostAsJsonAsync($"/operations/keying/{file}/1/key", Keyed(100_00))).OkJsonAsync();

        Assert.Equal(("posted", "posted", "ops-alice"), (posted.GetProperty("status").GetString(), posted.GetProperty("outcome").GetString(), posted.GetProperty("keyedBy").GetString()));
        Assert.Equal(100_00, posted.GetProperty("creditedCents").GetInt64());
        Assert.Equal(1L, await EntriesAsync(serials[0]));
        var audit = await (await ops.GetAsync("/audit")).OkJsonAsync();
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("action").GetString() == "keying.key" && a.GetProperty("actorSubject").GetString() == "ops-alice"
                                                     && a.GetProperty("entityId").GetString() == posted.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture));
        await (await ops.PostAsJsonAsync($"/operations/keying/{file}/1/key", Keyed(100_00))).ProblemAsync(409, "already-resolved");
    }

    [Fact]
    public async Task Above_the_threshold_the_keyer_is_refused_as_approver_and_a_second_person_posts_it_once()
    {
        var (file, serials) = await InReviewAsync(1);
        using var alice = Ops("ops-alice");
        using var bob = Ops("ops-bob");

        var waiting = await (await alice.PostAsJsonAsync($"/operations/keying/{file}/1/key", Keyed(250_00, "media"))).OkJsonAsync();
        Assert.Equal("awaiting_approval", waiting.GetProperty("status").GetString());
        var id = waiting.GetProperty("id").GetInt64();
        var queue = await (await bob.GetAsync("/operations/keying")).OkJsonAsync();
        Assert.Contains(queue.GetProperty("awaitingApproval").EnumerateArray(), a => a.GetProperty("resolution").GetProperty("id").GetInt64() == id);
        Assert.DoesNotContain(queue.GetProperty("waiting").EnumerateArray(), i => i.GetProperty("fileId").GetInt64() == file);

        var refused = await (await alice.PostAsync($"/operations/keying/resolutions/{id}/approve", null)).ProblemAsync(409, "four-eyes");
        Assert.Contains("ops-alice", refused.GetProperty("detail").GetString());
        Assert.Equal(0L, await EntriesAsync(serials[0]));

        var approved = await (await bob.PostAsync($"/operations/keying/resolutions/{id}/approve", null)).OkJsonAsync();
        Assert.Equal(("posted", "ops-alice", "ops-bob"), (approved.GetProperty("status").GetString(), approved.GetProperty("keyedBy").GetString(), approved.GetProperty("approvedBy").GetString()));
        await (await bob.PostAsync($"/operations/keying/resolutions/{id}/approve", null)).ProblemAsync(409, "not-awaiting-approval");
        Assert.Equal(1L, await EntriesAsync(serials[0]));
    }

    [Fact]
    public async Task A_rejection_needs_a_second_person_and_a_reason_and_puts_the_item_back()
    {
        var (file, _) = await InReviewAsync(1);
        using var alice = Ops("ops-alice");
        using var bob = Ops("ops-bob");
        var id = (await (await alice.PostAsJsonAsync($"/operations/keying/{file}/1/key", Keyed(900_00))).OkJsonAsync()).GetProperty("id").GetInt64();

        await (await alice.PostAsJsonAsync($"/operations/keying/resolutions/{id}/reject", new { reason = "mine" })).ProblemAsync(409, "four-eyes");
        await (await bob.PostAsJsonAsync($"/operations/keying/resolutions/{id}/reject", new { reason = " " })).ProblemAsync(422, "reason-required");
        var rejected = await (await bob.PostAsJsonAsync($"/operations/keying/resolutions/{id}/reject", new { reason = "The scan says $90.00." })).OkJsonAsync();

        Assert.Equal(("rejected", "ops-bob"), (rejected.GetProperty("status").GetString(), rejected.GetProperty("approvedBy").GetString()));
        var queue = await (await bob.GetAsync("/operations/keying")).OkJsonAsync();
        Assert.Contains(queue.GetProperty("waiting").EnumerateArray(), i => i.GetProperty("fileId").GetInt64() == file);
        var item = await (await bob.GetAsync($"/operations/keying/{file}/1")).OkJsonAsync();
        Assert.Equal("rejected", Assert.Single(item.GetProperty("resolutions").EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Returning_records_the_reason_and_moves_no_money()
    {
        var (file, serials) = await InReviewAsync(1);
        using var ops = Ops("ops-alice");

        await (await ops.PostAsJsonAsync($"/operations/keying/{file}/1/return", new { reason = "" })).ProblemAsync(422, "reason-required");
        var returned = await (await ops.PostAsJsonAsync($"/operations/keying/{file}/1/return", new { reason = "The money order is not signed.", amountCents = 40_00 })).OkJsonAsync();

        Assert.Equal(("returned", "returned", 40_00L), (returned.GetProperty("status").GetString(), returned.GetProperty("outcome").GetString(), returned.GetProperty("returnedCents").GetInt64()));
        Assert.Equal(0L, await EntriesAsync(serials[0]));
        await (await ops.PostAsJsonAsync($"/operations/keying/{file}/1/key", Keyed(40_00))).ProblemAsync(409, "already-resolved");
    }

    [Fact]
    public async Task Bad_input_is_422_and_an_unknown_item_404()
    {
        var (file, _) = await InReviewAsync(1);
        using var ops = Ops("ops-alice");

        await (await ops.PostAsJsonAsync($"/operations/keying/{file}/1/key", Keyed(0))).ProblemAsync(422, "invalid-amount");
        await (await ops.PostAsJsonAsync($"/operations/keying/{file}/1/key", Keyed(10_00, "bank"))).ProblemAsync(422, "invalid-account");
        await (await ops.PostAsJsonAsync($"/operations/keying/{file}/1/key", Keyed(10_00, person: "00000-000"))).ProblemAsync(422, "unknown-person");
        await (await ops.PostAsJsonAsync($"/operations/keying/{file}/9/key", Keyed(10_00))).ProblemAsync(404, "not-found");
        await (await ops.PostAsync("/operations/keying/resolutions/987654321/approve", null)).ProblemAsync(404, "not-found");
    }

    private Task<(int ExitCode, string Output)> LedgerAsync(params string[] args) => api.LedgerCliAsync(args);

    [Fact]
    public async Task Keying_from_the_cli_and_from_the_api_write_the_same_audit_rows()
    {
        var (file, _) = await InReviewAsync(2);
        using var ops = Ops("ops-carol");
        var viaApi = await (await ops.PostAsJsonAsync($"/operations/keying/{file}/1/key", Keyed(50_00))).OkJsonAsync();
        var (exit, output) = await LedgerAsync("review", "key", "--file", file.ToString(CultureInfo.InvariantCulture), "--sequence", "2",
            "--amount", "50.00", "--person", Person, "--account", "trust", "--staff", "ops-carol");
        Assert.True(exit == 0, output);

        // Everything but what tells the two items apart (their resolution, sequence, entry and instant) is the same.
        const string sql = """
            SELECT string_agg(format('%s|%s|%s|%s|%s|%s|%s', actor_subject, actor_role, action, entity_type, coalesce(facility_code, '-'), coalesce(before::text, '-'),
                   (after - 'id' - 'sequence' - 'keyedAt' - 'entryId')::text), E'\n' ORDER BY id)
            FROM api.audit_log WHERE entity_type = 'review_resolution' AND (after->>'fileId')::bigint = {0}
            """;
        var rows = (await api.ScalarAsync<string>(string.Format(CultureInfo.InvariantCulture, sql, file))).Split('\n');
        Assert.Equal(2, rows.Length);
        Assert.Equal(rows[0], rows[1]);
        Assert.StartsWith("ops-carol|operations|keying.key|review_resolution|", rows[0], StringComparison.Ordinal);
        Assert.Equal(2L, await api.ScalarAsync<long>($"SELECT count(*) FROM api.audit_log WHERE entity_id IN ('{viaApi.GetProperty("id").GetInt64()}', "
                                                      + $"(SELECT id::text FROM review_resolutions WHERE file_id = {file} AND sequence = 2))"));
    }

    [Fact]
    public async Task One_person_cannot_key_on_the_api_and_approve_from_the_cli_under_their_user_name()
    {
        var (account, secret) = await api.InScopeAsync(s => s.GetRequiredService<SignInAccounts>().SaveStaffAsync("ops.cli", "", "operations", [],
            "correct horse battery", new("cli:test", "operations")));
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        using var signedIn = await api.SignedInAsync(new { userName = "ops.cli", password = "correct horse battery", totp = totp.ComputeTotp(DateTime.UtcNow) });
        var (file, _) = await InReviewAsync(1);
        var waiting = await (await signedIn.PostAsJsonAsync($"/operations/keying/{file}/1/key", Keyed(250_00))).OkJsonAsync();
        var id = waiting.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);

        // The same account typed differently on the command line is still the keyer.
        var (exit, output) = await LedgerAsync("review", "approve", "--resolution", id, "--staff", " OPS.cli ");
        Assert.Equal(1, exit);
        Assert.Contains("four-eyes", output, StringComparison.Ordinal);
        Assert.Equal("awaiting_approval", await api.ScalarAsync<string>($"SELECT status FROM review_resolutions WHERE id = {id}"));
        Assert.Equal($"ops.cli#{account.Id}", waiting.GetProperty("keyedBy").GetString());
    }
}
