using System.Globalization;
using System.Net.Http.Json;
using UglyToad.PdfPig;

namespace Ledger.Api.Tests;

public class AccountTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_statement_has_opening_balance_lines_with_running_balance_and_closing_balance_in_json_csv_and_pdf()
    {
        const string person = "19293-898"; // FCI-LOR, no restitution
        await api.DepositAsync(person, 1000);
        await Task.Delay(1100);
        var periodStart = DateTimeOffset.UtcNow;
        await api.DepositAsync(person, 2500);
        using var resident = api.Resident(person);
        await (await resident.PostIdempotentAsync($"/people/{person}/transfers/trust-to-media", new { amountCents = 700 }, "st")).OkJsonAsync();
        var to = DateTimeOffset.UtcNow.AddSeconds(1);
        var range = $"from={Uri.EscapeDataString(periodStart.AddMilliseconds(-1).ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}";

        var json = await (await resident.GetAsync($"/people/{person}/accounts/trust/statement?{range}")).OkJsonAsync();
        Assert.Equal(1000, json.GetProperty("openingCents").GetInt64());
        var lines = json.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal([2500L, -700L], lines.Select(l => l.GetProperty("amountCents").GetInt64()));
        Assert.Equal([3500L, 2800L], lines.Select(l => l.GetProperty("balanceAfterCents").GetInt64()));
        Assert.Equal(2800, json.GetProperty("closingCents").GetInt64());

        var csvResponse = await resident.GetAsync($"/people/{person}/accounts/trust/statement?{range}&format=csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csv = (await csvResponse.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("person_number,account,line_type,posted_at,entry_id,source,description,amount,balance", csv[0].TrimEnd('\r'));
        Assert.StartsWith($"{person},trust,opening,", csv[1], StringComparison.Ordinal);
        Assert.EndsWith(",10.00", csv[1].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.EndsWith(",25.00,35.00", csv[2].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.EndsWith(",-7.00,28.00", csv[3].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.StartsWith($"{person},trust,closing,", csv[4], StringComparison.Ordinal);
        Assert.EndsWith(",28.00", csv[4].TrimEnd('\r'), StringComparison.Ordinal);

        var pdfResponse = await resident.GetAsync($"/people/{person}/accounts/trust/statement?{range}&format=pdf");
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await pdfResponse.Content.ReadAsByteArrayAsync());
        var text = string.Join(" ", pdf.GetPages().Select(p => p.Text));
        Assert.Contains("Opening balance", text, StringComparison.Ordinal);
        Assert.Contains("35.00", text, StringComparison.Ordinal);
        Assert.Contains("Closing balance", text, StringComparison.Ordinal);
        Assert.Contains("28.00", text, StringComparison.Ordinal);

        await (await resident.GetAsync($"/people/{person}/accounts/trust/statement?{range}&format=xml")).ProblemAsync(422, "invalid-format");
        await (await resident.GetAsync($"/people/{person}/accounts/fee_revenue/statement?{range}")).ProblemAsync(422, "invalid-account");
    }

    [Fact]
    public async Task Accountants_of_the_facility_read_statements()
    {
        using var accountant = api.Accountant("FCI-LOR");
        await (await accountant.GetAsync("/people/19293-898/accounts/trust/statement?from=2026-01-01&to=2030-01-01&format=csv")).EnsureSuccessStatusCodeAsync();
    }
}

public class SignInFixture : ApiFixture
{
    protected override int SignInsPerMinute => 4;
}

public class SignInTests(SignInFixture api) : IClassFixture<SignInFixture>
{
    [Fact]
    public async Task A_family_signs_in_for_a_token_wrong_passwords_are_refused_and_guessing_is_rate_limited()
    {
        using var ops = api.Operations();
        (await ops.PostAsJsonAsync("/families", new { subject = "fam-signin", displayName = "Sign In", email = "Signin@Example.org", password = "long enough password" })).EnsureSuccessStatusCode();
        using var anonymous = api.Anonymous();

        var token = await (await anonymous.PostAsJsonAsync("/auth/sign-in", new { email = "signin@example.org", password = "long enough password" })).OkJsonAsync();
        using var family = api.Anonymous();
        family.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        await (await family.GetAsync("/families/fam-signin/contacts")).OkJsonAsync();
        await (await family.GetAsync("/audit")).ProblemAsync(403);

        await (await anonymous.PostAsJsonAsync("/auth/sign-in", new { email = "signin@example.org", password = "wrong" })).ProblemAsync(401, "sign-in-failed");
        await (await anonymous.PostAsJsonAsync("/auth/sign-in", new { email = "nobody@example.org", password = "wrong" })).ProblemAsync(401, "sign-in-failed");
        await (await anonymous.PostAsJsonAsync("/auth/sign-in", new { email = "signin@example.org", password = "wrong" })).ProblemAsync(401, "sign-in-failed");
        await (await anonymous.PostAsJsonAsync("/auth/sign-in", new { email = "signin@example.org", password = "long enough password" })).ProblemAsync(429, "rate-limited");
    }
}

public static class ResponseExtensions
{
    public static async Task EnsureSuccessStatusCodeAsync(this HttpResponseMessage response) =>
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
}
