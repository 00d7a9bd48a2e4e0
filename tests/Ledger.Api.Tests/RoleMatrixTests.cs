using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ledger.Data.Services.Auth;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests;

/// <summary>A family with an approved contact, so that every allowed role has something it may legitimately touch.</summary>
public sealed class MatrixFixture : ApiFixture
{
    public const string FamilySubject = "fam-matrix";
    public const string Person = "12345-678";
    public const string Facility = "FCI-LOR";
    public const string Email = "matrix@example.org";
    public const string Password = "correct horse battery";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var ops = Operations();
        (await ops.PostAsJsonAsync("/families", new { subject = FamilySubject, displayName = "Matrix", email = Email, password = Password })).EnsureSuccessStatusCode();
        (await ops.PostAsJsonAsync($"/families/{FamilySubject}/contacts", new { personNumber = Person })).EnsureSuccessStatusCode();
    }

}

/// <summary>
/// Every endpoint × every role (and no token): allowed roles get past authorization (whatever the business
/// answer), denied roles get 403 and no token gets 401, both as problem details. A second test checks that
/// the matrix names every endpoint the app maps, so a new endpoint cannot go untested.
/// </summary>
public class RoleMatrixTests(MatrixFixture api) : IClassFixture<MatrixFixture>
{
    public sealed record Row(string Method, string Pattern, string Url, object? Body, bool Idempotent, params string[] Allowed);

    private const string F = LedgerTokens.Roles.Family, R = LedgerTokens.Roles.Resident, S = LedgerTokens.Roles.Staff,
        O = LedgerTokens.Roles.Operations, A = LedgerTokens.Roles.Accountant, Anonymous = "anonymous";
    private const string P = MatrixFixture.Person, Fac = MatrixFixture.Facility, Fam = MatrixFixture.FamilySubject;

    private static readonly object Deposit = new { personNumber = P, lastName = "DOE", channel = "online", amountCents = 100, targetAccount = "trust", authorizationReference = "AUTH-M" };

    public static readonly Row[] Rows =
    [
        new("POST", "/auth/sign-in", "/auth/sign-in", new { email = MatrixFixture.Email, password = MatrixFixture.Password }, false, Anonymous, F, R, S, O, A),
        // Minted matrix tokens belong to no account: 409 for every role, past authorization all the same.
        new("POST", "/auth/sign-out", "/auth/sign-out", null, false, F, R, S, O, A),
        new("POST", "/families/register", "/families/register", new { email = "matrix-register@example.org", password = MatrixFixture.Password, displayName = "R" }, false, Anonymous, F, R, S, O, A),
        new("POST", "/families/", "/families", new { subject = "fam-x", displayName = "X" }, false, O),
        new("POST", "/families/{subject}/contacts", $"/families/{Fam}/contacts", new { personNumber = P }, false, S, O),
        new("GET", "/families/{subject}/contacts", $"/families/{Fam}/contacts", null, false, F, O),

        new("GET", "/deposits/quote", $"/deposits/quote?personNumber={P}&channel=online&amountCents=100", null, false, F, O),
        new("POST", "/deposits/", "/deposits", Deposit, true, F),
        new("GET", "/deposits/", "/deposits", null, false, F, O),
        new("GET", "/deposits/{id:long}", "/deposits/999999", null, false, F, O),
        // The processor's webhook carries no token: its signature is checked (400 here, for everyone alike).
        new("POST", "/processor/events", "/processor/events", new { id = "evt_matrix" }, false, Anonymous, F, R, S, O, A),
        new("GET", "/card-payments/{id:long}", "/card-payments/999999", null, false, F, O),
        new("GET", "/card-payments/", "/card-payments", null, false, F, O),
        new("POST", "/disbursements/release-balance", "/disbursements/release-balance", new { personNumber = P, payeeName = "X" }, false, O),
        new("POST", "/disbursements/refund-check", "/disbursements/refund-check", new { fileId = 999999, sequence = 1 }, false, O),
        new("POST", "/disbursements/court-remittance", "/disbursements/court-remittance", new { facilityCode = "FCI-DUB", periodEnd = "2026-11-23", payeeName = "Court" }, false, O),
        new("GET", "/disbursements/{id:long}", "/disbursements/999999", null, false, O),
        new("POST", "/disbursements/{id:long}/approve", "/disbursements/999999/approve", null, false, O),
        new("POST", "/disbursements/{id:long}/void", "/disbursements/999999/void", new { reason = "x" }, false, O),
        new("GET", "/disbursements/", "/disbursements", null, false, O),
        new("GET", "/disbursements/positive-pay.csv", "/disbursements/positive-pay.csv?date=2026-11-23", null, false, O),

        new("GET", "/people/{personNumber}/balances", $"/people/{P}/balances", null, false, R, S, A, O),
        new("GET", "/people/{personNumber}/accounts/{account}/statement", $"/people/{P}/accounts/trust/statement?from=2026-01-01&to=2027-01-01", null, false, R, S, A, O),
        new("POST", "/people/{personNumber}/transfers/trust-to-media", $"/people/{P}/transfers/trust-to-media", new { amountCents = 1 }, true, R),

        new("GET", "/messages/quote", $"/messages/quote?facility={Fac}&characters=10", null, false, F, R),
        new("POST", "/messages/", "/messages", new { personNumber = P, familySubject = Fam, body = "hi", authorizationReference = "AUTH-M" }, true, F, R),
        new("GET", "/messages/", "/messages", null, false, F, R),
        new("GET", "/messages/{id:long}", "/messages/999999", null, false, F, R),
        new("POST", "/messages/{id:long}/read", "/messages/999999/read", null, false, F, R),
        new("GET", "/screening/messages/", "/screening/messages", null, false, S),
        new("POST", "/screening/messages/{id:long}/approve", "/screening/messages/999999/approve", null, false, S),
        new("POST", "/screening/messages/{id:long}/reject", "/screening/messages/999999/reject", new { reason = "x" }, false, S),

        new("GET", "/media/catalog", $"/media/catalog?facility={Fac}", null, false, R, S, O),
        new("POST", "/media/catalog", "/media/catalog", new { facilityCode = Fac, kind = "song", title = "Matrix", priceCents = 250 }, false, S, O),
        new("POST", "/media/purchases", "/media/purchases", new { itemId = 999999 }, true, R),
        new("GET", "/media/library", "/media/library", null, false, R),
        new("GET", "/media/library/{purchaseId:long}/play", "/media/library/999999/play", null, false, R),

        new("POST", "/requests/", "/requests", new { kind = "support", subject = "m", body = "m" }, false, R),
        new("GET", "/requests/", "/requests", null, false, R, S, O),
        new("GET", "/requests/overdue", "/requests/overdue", null, false, S, O),
        new("GET", "/requests/{id:long}", "/requests/999999", null, false, R, S, O),
        new("POST", "/requests/{id:long}/assign", "/requests/999999/assign", new { assignee = "x" }, false, S),
        new("POST", "/requests/{id:long}/answer", "/requests/999999/answer", new { text = "x" }, false, S),
        new("POST", "/requests/{id:long}/close", "/requests/999999/close", new { }, false, S),
        new("GET", "/facilities/{facility}/request-deadlines/", $"/facilities/{Fac}/request-deadlines", null, false, S, O),
        new("PUT", "/facilities/{facility}/request-deadlines/{kind}", $"/facilities/{Fac}/request-deadlines/support", new { hours = 100 }, false, S, O),

        new("POST", "/facilities/{facility}/visit-slots/", $"/facilities/{Fac}/visit-slots",
            new { fromDate = "2027-03-01", toDate = "2027-03-01", weekdays = new[] { "Monday" }, startTimes = new[] { "10:00" }, durationMinutes = 30, capacity = 2 }, false, S),
        new("GET", "/facilities/{facility}/visit-slots/", $"/facilities/{Fac}/visit-slots", null, false, F, R, S, O),
        new("POST", "/visits/", "/visits", new { slotId = 999999, personNumber = P }, false, F),
        new("PUT", "/visits/{id:long}", "/visits/999999", new { slotId = 1 }, false, F),
        new("DELETE", "/visits/{id:long}", "/visits/999999", null, false, F, S),
        new("GET", "/visits/", "/visits", null, false, F, R, S, O),
        new("GET", "/notifications", "/notifications", null, false, R),

        new("GET", "/operations/keying/", "/operations/keying", null, false, O),
        new("GET", "/operations/keying/{fileId:long}/{sequence:int}", "/operations/keying/999999/1", null, false, O),
        new("GET", "/operations/keying/{fileId:long}/{sequence:int}/images/{side}", "/operations/keying/999999/1/images/money-order", null, false, O),
        new("POST", "/operations/keying/{fileId:long}/{sequence:int}/key", "/operations/keying/999999/1/key",
            new { amountCents = 100, personNumber = P, account = "trust" }, false, O),
        new("POST", "/operations/keying/{fileId:long}/{sequence:int}/return", "/operations/keying/999999/1/return", new { reason = "x" }, false, O),
        new("POST", "/operations/keying/{fileId:long}/{sequence:int}/reverse", "/operations/keying/999999/1/reverse", null, false, O),
        new("POST", "/operations/keying/{fileId:long}/{sequence:int}/dismiss", "/operations/keying/999999/1/dismiss", new { reason = "x" }, false, O),
        new("POST", "/operations/keying/resolutions/{id:long}/approve", "/operations/keying/resolutions/999999/approve", null, false, O),
        new("POST", "/operations/keying/resolutions/{id:long}/reject", "/operations/keying/resolutions/999999/reject", new { reason = "x" }, false, O),

        new("GET", "/facilities/{facility}/statements", $"/facilities/{Fac}/statements?from=2026-11-01&to=2026-11-30&format=csv", null, false, A, O),
        new("GET", "/facilities/{facility}/trial-balance", $"/facilities/{Fac}/trial-balance?from=2026-11-01&to=2026-11-30", null, false, A, O),

        new("GET", "/audit", "/audit", null, false, O),
        new("GET", "/operations/reconciliation/", "/operations/reconciliation?date=2026-11-23", null, false, O),
        new("POST", "/operations/reconciliation/", "/operations/reconciliation?date=2026-11-23", null, false, O),
        new("GET", "/operations/reconciliation/kept", "/operations/reconciliation/kept?date=2026-11-23", null, false, O),
        new("GET", "/operations/returns/", "/operations/returns?date=2026-11-23", null, false, O),
        new("GET", "/operations/returns/manifest.csv", "/operations/returns/manifest.csv?date=2026-11-23", null, false, O),
        new("GET", "/operations/returns/letters.pdf", "/operations/returns/letters.pdf?date=2026-11-23", null, false, O),
        new("POST", "/operations/returns/{fileId:long}/{sequence:int}/mailed", "/operations/returns/999999/1/mailed", null, false, O),
        new("POST", "/operations/returns/{fileId:long}/{sequence:int}/refunded", "/operations/returns/999999/1/refunded", null, false, O),
        new("POST", "/operations/returns/{fileId:long}/{sequence:int}/address", "/operations/returns/999999/1/address",
            new { senderName = "X", street = "1 A ST", cityStateZip = "ERIE, PA 16501" }, false, O),
        new("POST", "/operations/returns/{fileId:long}/{sequence:int}/amount", "/operations/returns/999999/1/amount",
            new { amountCents = 100, readFrom = "tape" }, false, O),
        new("GET", "/health/live", "/health/live", null, false, Anonymous, F, R, S, O, A),
        new("GET", "/health/ready", "/health/ready", null, false, Anonymous, F, R, S, O, A),
        new("GET", "/metrics", "/metrics", null, false, Anonymous, F, R, S, O, A),
    ];

    private static readonly string[] Callers = [Anonymous, F, R, S, O, A];

    public static IEnumerable<object[]> Cases() =>
        from index in Enumerable.Range(0, Rows.Length) from caller in Callers select new object[] { $"{Rows[index].Method} {Rows[index].Pattern}", caller };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_endpoint_admits_exactly_its_roles(string endpoint, string caller)
    {
        var row = Rows.Single(r => $"{r.Method} {r.Pattern}" == endpoint);
        using var client = api.Anonymous();
        if (caller != Anonymous)
        {
            var subject = caller switch { F => Fam, R => P, S => "staff-matrix", O => "ops-matrix", _ => "acct-matrix" };
            string[] facilities = caller is S or A ? [Fac] : [];
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFixture.Token(caller, subject, facilities));
        }
        using var request = new HttpRequestMessage(new HttpMethod(row.Method), row.Url);
        if (row.Body is not null) request.Content = JsonContent.Create(row.Body);
        if (row.Idempotent) request.Headers.Add("Idempotency-Key", "matrix-" + Guid.NewGuid().ToString("N"));

        var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        if (row.Allowed.Contains(caller))
        {
            Assert.True(status is not (401 or 403 or 405) and < 500, $"{caller} should be admitted to {endpoint}; got {status}: {await response.Content.ReadAsStringAsync()}");
        }
        else
        {
            await response.ProblemAsync(caller == Anonymous ? 401 : 403);
        }
    }

    [Fact]
    public void The_matrix_covers_every_endpoint_the_api_maps()
    {
        // The operations pages (Razor Pages, and the job dashboards under them) take the staff cookie, not a token: Ledger.Pages.Tests covers them.
        var mapped = api.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is null
                        && !(e.RoutePattern.RawText ?? "").StartsWith("/operations/jobs", StringComparison.Ordinal)
                        && !(e.RoutePattern.RawText ?? "").StartsWith("/operations/api-jobs", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Where(e => !e.Contains("/openapi/", StringComparison.Ordinal) && !e.Contains("/scalar", StringComparison.Ordinal))
            .ToHashSet();
        var listed = Rows.Select(r => $"{r.Method} {r.Pattern}").ToHashSet();
        Assert.Empty(mapped.Except(listed));
        Assert.Empty(listed.Except(mapped));
    }

    [Fact]
    public async Task A_token_signed_with_another_key_or_expired_is_refused()
    {
        using var client = api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            LedgerTokens.Mint("another-key-another-key-another-key-0000", O, "ops", [], TimeSpan.FromHours(1)));
        await (await client.GetAsync("/audit")).ProblemAsync(401);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            LedgerTokens.Mint(ApiFixture.SigningKey, O, "ops", [], TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow.AddHours(-1)));
        await (await client.GetAsync("/audit")).ProblemAsync(401);
    }

    [Fact]
    public async Task Staff_and_accountants_see_only_their_facilities_and_residents_only_themselves()
    {
        using var otherStaff = api.Staff("FCI-ALI");
        await (await otherStaff.GetAsync($"/people/{P}/balances")).ProblemAsync(403);
        using var otherAccountant = api.Accountant("FCI-ALI");
        await (await otherAccountant.GetAsync($"/people/{P}/accounts/trust/statement?from=2026-01-01&to=2027-01-01")).ProblemAsync(403);
        using var otherResident = api.Resident("84088-240");
        await (await otherResident.GetAsync($"/people/{P}/balances")).ProblemAsync(403);
        using var family = api.Family(Fam);
        await (await family.GetAsync("/families/fam-someone-else/contacts")).ProblemAsync(403);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_endpoint_and_the_scalar_ui_loads()
    {
        using var client = api.Anonymous();
        var doc = await (await client.GetAsync("/openapi/v1.json")).OkJsonAsync();
        var paths = doc.GetProperty("paths");
        foreach (var row in Rows)
        {
            var path = System.Text.RegularExpressions.Regex.Replace(row.Pattern, @"\{(\w+)(:\w+)?\}", "{$1}").TrimEnd('/');
            Assert.True(paths.TryGetProperty(path, out var item) || paths.TryGetProperty(path + "/", out item), $"{path} missing from the OpenAPI document");
            Assert.True(item.TryGetProperty(row.Method.ToLowerInvariant(), out _), $"{row.Method} {path} missing from the OpenAPI document");
        }
        var scalar = await client.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("text/html", scalar.Content.Headers.ContentType?.MediaType);
        var html = await scalar.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html);
        // The page's own script and the Scalar bundle it loads are served.
        foreach (var script in new[] { "/scalar/scalar.js", "/scalar/scalar.aspnetcore.js" })
        {
            var js = await client.GetAsync(script);
            Assert.Equal(HttpStatusCode.OK, js.StatusCode);
            Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);
        }
    }
}
