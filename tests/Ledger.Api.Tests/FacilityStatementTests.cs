using System.IO.Compression;
using System.Text;
using Ledger.Testing;

namespace Ledger.Api.Tests;

public class FacilityStatementTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const string Person = "19293-898"; // FCI-LOR

    /// <summary>The day this test deposits on, taken before it does: asking the clock again later may be past midnight.</summary>
    private string Today { get; set; } = "";

    public async Task InitializeAsync() => Today = await UtcDay.ClearOfMidnightTextAsync(TimeSpan.FromMinutes(2));
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_accountant_downloads_the_facilitys_statements_as_one_zip_and_its_trial_balance()
    {
        await api.DepositAsync(Person, 4_321);
        using var accountant = api.Accountant("FCI-LOR");

        var response = await accountant.GetAsync($"/facilities/fci-lor/statements?from={Today}&to={Today}&format=both");
        await response.EnsureSuccessStatusCodeAsync();
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"statements-FCI-LOR-{Today}_{Today}.zip", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains($"statements/{Person}.csv", names);
        Assert.Contains($"statements/{Person}.pdf", names);
        Assert.Contains("trial-balance.csv", names);
        Assert.Contains("trial-balance.pdf", names);
        Assert.Contains("manifest.csv", names);
        Assert.Contains("summary.json", names);
        Assert.DoesNotContain(names, n => n.Contains("83462-090", StringComparison.Ordinal)); // FCI-ALI's resident
        var statement = Read(zip, $"statements/{Person}.csv");
        Assert.Contains(",43.21,", statement, StringComparison.Ordinal);
        Assert.StartsWith("person_number,account,line_type,posted_at,entry_id,source,description,amount,balance", statement, StringComparison.Ordinal);

        var json = await (await accountant.GetAsync($"/facilities/FCI-LOR/trial-balance?from={Today}&to={Today}")).OkJsonAsync();
        Assert.True(json.GetProperty("tiesOut").GetBoolean());
        var trust = json.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("ownerCode").GetString() == Person && a.GetProperty("account").GetString() == "trust");
        Assert.True(trust.GetProperty("creditsCents").GetInt64() >= 4_321);
        Assert.Equal(trust.GetProperty("openingCents").GetInt64() - trust.GetProperty("debitsCents").GetInt64() + trust.GetProperty("creditsCents").GetInt64(),
            trust.GetProperty("closingCents").GetInt64());
        Assert.Equal(["people", "facility", "total"], json.GetProperty("totals").EnumerateArray().Select(t => t.GetProperty("scope").GetString()));

        var csv = await accountant.GetAsync($"/facilities/FCI-LOR/trial-balance?from={Today}&to={Today}&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Read(zip, "trial-balance.csv"), await csv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_accountants_of_the_facility_and_operations_get_it_and_bad_requests_say_why()
    {
        using var otherAccountant = api.Accountant("FCI-ALI");
        await (await otherAccountant.GetAsync($"/facilities/FCI-LOR/statements?from={Today}&to={Today}")).ProblemAsync(403);
        await (await otherAccountant.GetAsync($"/facilities/FCI-LOR/trial-balance?from={Today}&to={Today}")).ProblemAsync(403);
        using var staff = api.Staff("FCI-LOR");
        await (await staff.GetAsync($"/facilities/FCI-LOR/trial-balance?from={Today}&to={Today}")).ProblemAsync(403);

        using var operations = api.Operations();
        var any = await operations.GetAsync($"/facilities/USP-ATL/statements?from={Today}&to={Today}&format=csv");
        await any.EnsureSuccessStatusCodeAsync();
        await (await operations.GetAsync($"/facilities/NOPE/statements?from={Today}&to={Today}")).ProblemAsync(404, "not-found");
        var reversed = await (await operations.GetAsync("/facilities/FCI-LOR/trial-balance?from=2026-11-30&to=2026-11-01")).ProblemAsync(422, "invalid-period");
        Assert.Contains("after it ends", reversed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await operations.GetAsync("/facilities/FCI-LOR/trial-balance?from=2026-11-01")).ProblemAsync(422, "invalid-period");
        await (await operations.GetAsync("/facilities/FCI-LOR/statements?from=2026-11-01&to=2026-11-30&format=xlsx")).ProblemAsync(422, "invalid-format");
        await (await operations.GetAsync("/facilities/FCI-LOR/trial-balance?from=2026-11-01&to=2026-11-30&format=xlsx")).ProblemAsync(422, "invalid-format");
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
