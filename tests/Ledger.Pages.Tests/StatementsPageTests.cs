using System.IO.Compression;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Ledger.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ledger.Pages.Tests;

public sealed class StatementsPageTests(PagesFixture app, ITestOutputHelper output) : IClassFixture<PagesFixture>
{
    private const string Person = "12345-678"; // FCI-LOR

    [Fact]
    public async Task An_accountant_sees_the_trial_balance_and_downloads_the_residents_statements()
    {
        var today = await UtcDay.ClearOfMidnightTextAsync(TimeSpan.FromMinutes(5)); // the day of this test's entry (see UtcDay)
        var card = AccountKey.OfFacility("FCI-LOR", AccountKind.CardClearing, Currency.USD);
        var trust = AccountKey.Personal(Person, AccountKind.Trust, Currency.USD);
        var posted = await app.Database.Journal.PostAsync(new JournalEntry("page:statement:1", "test", "Card deposit for the statements page",
            DateTimeOffset.UtcNow, [Posting.Debit(card, Money.Usd(6_789)), Posting.Credit(trust, Money.Usd(6_789))]));
        Assert.True(posted.IsPosted);

        var page = await app.SignedInPageAsync(PagesFixture.Accountant);
        await page.ClickAsync("header nav >> text=Statements");
        await PagesFixture.ExpectAddressEndsWithAsync(page, "/operations/statements");
        // An accountant is offered only the facilities they serve.
        Assert.Equal(["FCI-LOR"], await page.Locator("#facility option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)"));
        await page.FillAsync("#from", today);
        await page.FillAsync("#to", today);
        await page.SelectOptionAsync("#format", "csv");
        await page.ClickAsync("[data-testid=show]");

        Assert.StartsWith("The trial balance ties out", (await page.InnerTextAsync("[data-testid=verdict]")).Trim(), StringComparison.Ordinal);
        var row = page.Locator($"[data-testid=trial-balance] tr[data-owner='{Person}'][data-account='trust']");
        Assert.Contains("67.89", await row.InnerTextAsync(), StringComparison.Ordinal);
        output.WriteLine(await PagesFixture.ScreenshotAsync(page, "statements"));

        var zip = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=zip]"));
        Assert.Equal($"statements-FCI-LOR-{today}_{today}.zip", zip.SuggestedFilename);
        using (var archive = ZipFile.OpenRead((await zip.PathAsync())!))
        {
            Assert.Contains("trial-balance.csv", archive.Entries.Select(e => e.FullName));
            Assert.DoesNotContain(archive.Entries, e => e.FullName.EndsWith(".pdf", StringComparison.Ordinal));
            using var reader = new StreamReader(archive.GetEntry($"statements/{Person}.csv")!.Open());
            var statement = await reader.ReadToEndAsync();
            Assert.Contains("Card deposit for the statements page,67.89,", statement, StringComparison.Ordinal);
        }

        var csv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=tb-csv]"));
        var lines = await File.ReadAllLinesAsync((await csv.PathAsync())!);
        Assert.StartsWith("scope,owner_type,owner_code,account,currency,opening,debits,credits,closing,lines", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith($"account,person,{Person},trust,USD,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_refused_on_the_page()
    {
        var page = await app.SignedInPageAsync(PagesFixture.OperationsOne);
        await page.GotoAsync("/operations/statements?facility=FCI-LOR&from=2026-11-30&to=2026-11-01");
        await Assertions.Expect(page.Locator("[data-testid=error]")).ToContainTextAsync("after it ends");
        Assert.Equal(0, await page.Locator("[data-testid=trial-balance]").CountAsync());
        // Operations may pick any facility.
        Assert.True(await page.Locator("#facility option").CountAsync() > 1);
    }
}
