using Ledger.Data.Settlements;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ledger.Pages.Tests;

/// <summary>The settlements page (matched and unmatched) and the disbursements page (create, four-eyes approval, void) in the browser.</summary>
public sealed class SettlementPageTests(PagesFixture app, ITestOutputHelper output) : IClassFixture<PagesFixture>
{
    [Fact]
    public async Task Operations_see_what_a_settlement_matched_and_the_exact_items_that_did_not()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pages-{Guid.NewGuid():N}.cps.csv");
        await File.WriteAllTextAsync(path, """
            H,dev,2026-11-20,2026-11-21,po_dev_pages,USD
            record_type,payment_id,type,occurred_at,gross,fee,net
            D,pay_unknown_to_us,charge,2026-11-20T10:00:00Z,50.00,1.75,48.25
            T,1,50.00,1.75,48.25

            """);
        await app.ApiServices.GetRequiredService<SettlementImporter>().ImportAsync(path);
        File.Delete(path);

        var page = await app.SignedInPageAsync(PagesFixture.OperationsOne);
        await page.ClickAsync("header nav >> text=Settlements");
        await PagesFixture.ExpectAddressEndsWithAsync(page, "/operations/settlements");
        var unmatched = page.Locator("[data-testid=unmatched-table] tr[data-reference=pay_unknown_to_us]");
        Assert.Contains("$48.25", await unmatched.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("no such item in the ledger", await unmatched.InnerTextAsync(), StringComparison.Ordinal);
        var file = page.Locator("[data-testid=files-table] tr[data-reference=po_dev_pages]");
        Assert.Contains("none", await file.InnerTextAsync(), StringComparison.Ordinal); // nothing matched, nothing posted
        output.WriteLine(await PagesFixture.ScreenshotAsync(page, "settlements"));
    }

    [Fact]
    public async Task A_check_above_the_threshold_is_approved_by_someone_else_in_the_browser_and_can_be_voided()
    {
        // A released person with 250.00 in trust (put there directly: deposits to released people are refused).
        const string person = "85461-919";
        var journal = app.Database.Journal;
        var posted = await journal.PostAsync(new JournalEntry("test-fund:" + person, "test", "test funding", DateTimeOffset.UtcNow,
            [Posting.Debit(AccountKey.OfCompany(AccountKind.Suspense, Currency.USD), Money.Usd(25_000)),
             Posting.Credit(AccountKey.Personal(person, AccountKind.Trust, Currency.USD), Money.Usd(25_000))]));
        Assert.Equal(PostOutcome.Posted, posted.Outcome);

        var olivia = await app.SignedInPageAsync(PagesFixture.OperationsOne);
        await olivia.ClickAsync("header nav >> text=Disbursements");
        await PagesFixture.ExpectAddressEndsWithAsync(olivia, "/operations/disbursements");
        await olivia.FillAsync("#personNumber", person);
        await olivia.FillAsync("#payeeName", "Pat Released");
        await olivia.FillAsync("#payeeAddress", "12 Elm St, Springfield");
        await olivia.ClickAsync("[data-testid=create] button[type=submit]");
        await Assertions.Expect(olivia.Locator("[role=status]")).ToContainTextAsync("pending approval");
        var row = olivia.Locator("[data-testid=disbursements-table] tbody tr").First;
        var id = await row.GetAttributeAsync("data-id");

        // Her own check: the server refuses her approval.
        await row.Locator("button:has-text('Approve')").ClickAsync();
        await Assertions.Expect(olivia.Locator("[role=alert]")).ToContainTextAsync("another member of staff must approve");
        Assert.Equal(25_000L, await app.ScalarAsync<long>($"SELECT balance_cents FROM accounts WHERE owner_code = '{person}' AND kind = 'trust'"));

        var omar = await app.SignedInPageAsync(PagesFixture.OperationsTwo);
        await omar.GotoAsync("/operations/disbursements");
        await omar.Locator($"tr[data-id='{id}'] button:has-text('Approve')").ClickAsync();
        await Assertions.Expect(omar.Locator("[role=status]")).ToContainTextAsync("issued, check");
        Assert.Equal(0L, await app.ScalarAsync<long>($"SELECT balance_cents FROM accounts WHERE owner_code = '{person}' AND kind = 'trust'"));
        // Four-eyes compares sign-in accounts ("user#id"), as `ledger disbursements --staff` and keying do.
        Assert.Equal("ops.two#", (await app.ScalarAsync<string>($"SELECT approved_by FROM disbursements WHERE id = {id}"))[..8]);
        output.WriteLine(await PagesFixture.ScreenshotAsync(omar, "disbursements-issued"));

        await omar.FillAsync($"tr[data-id='{id}'] input[name=reason]", "payee moved");
        await omar.Locator($"tr[data-id='{id}'] button:has-text('Void')").ClickAsync();
        await Assertions.Expect(omar.Locator("[role=status]")).ToContainTextAsync("voided");
        Assert.Contains("voided", await omar.Locator($"tr[data-id='{id}'] [data-testid=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(25_000L, await app.ScalarAsync<long>($"SELECT balance_cents FROM accounts WHERE owner_code = '{person}' AND kind = 'trust'"));

        var download = await omar.RunAndWaitForDownloadAsync(() => omar.ClickAsync("[data-testid=positive-pay]"));
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("Pat Released,V", csv, StringComparison.Ordinal);
    }
    [Fact]
    public async Task A_facilitys_restitution_is_paid_to_the_court_approved_by_someone_else_in_the_browser_and_voided()
    {
        // 150.00 collected toward restitution at FCI-ALI (put there directly, as the deposit rules would have).
        const string person = "55793-835";
        var posted = await app.Database.Journal.PostAsync(new JournalEntry("test-restitution:" + person, "test", "test restitution", DateTimeOffset.UtcNow,
            [Posting.Debit(AccountKey.OfCompany(AccountKind.Suspense, Currency.USD), Money.Usd(15_000)),
             Posting.Credit(AccountKey.Personal(person, AccountKind.Restitution, Currency.USD), Money.Usd(15_000))]));
        Assert.Equal(PostOutcome.Posted, posted.Outcome);

        var olivia = await app.SignedInPageAsync(PagesFixture.OperationsOne);
        await olivia.GotoAsync("/operations/disbursements");
        await olivia.FillAsync("#facilityCode", "FCI-ALI");
        await olivia.FillAsync("#courtPayee", "Clerk of the District Court");
        await olivia.FillAsync("#courtAddress", "1729 5th Ave N, Birmingham, AL");
        await olivia.ClickAsync("[data-testid=court-remittance] button[type=submit]");
        await Assertions.Expect(olivia.Locator("[role=status]")).ToContainTextAsync("$150.00 to Clerk of the District Court, pending approval");
        var row = olivia.Locator("[data-testid=disbursements-table] tbody tr", new() { HasText = "restitution FCI-ALI" }).First;
        var id = await row.GetAttributeAsync("data-id");
        await row.Locator("button:has-text('Approve')").ClickAsync();
        await Assertions.Expect(olivia.Locator("[role=alert]")).ToContainTextAsync("another member of staff must approve");
        Assert.Equal(15_000L, await app.ScalarAsync<long>($"SELECT balance_cents FROM accounts WHERE owner_code = '{person}' AND kind = 'restitution'"));

        var omar = await app.SignedInPageAsync(PagesFixture.OperationsTwo);
        await omar.GotoAsync("/operations/disbursements");
        await omar.Locator($"tr[data-id='{id}'] button:has-text('Approve')").ClickAsync();
        await Assertions.Expect(omar.Locator("[role=status]")).ToContainTextAsync("issued, check");
        Assert.Equal(0L, await app.ScalarAsync<long>($"SELECT balance_cents FROM accounts WHERE owner_code = '{person}' AND kind = 'restitution'"));
        Assert.Equal(15_000L, await app.ScalarAsync<long>($"SELECT amount_cents FROM court_remittance_lines WHERE disbursement_id = {id} AND person_number = '{person}'"));
        output.WriteLine(await PagesFixture.ScreenshotAsync(omar, "court-remittance-issued"));

        await omar.FillAsync($"tr[data-id='{id}'] input[name=reason]", "court asked for a wire instead");
        await omar.Locator($"tr[data-id='{id}'] button:has-text('Void')").ClickAsync();
        await Assertions.Expect(omar.Locator("[role=status]")).ToContainTextAsync("voided");
        Assert.Equal(15_000L, await app.ScalarAsync<long>($"SELECT balance_cents FROM accounts WHERE owner_code = '{person}' AND kind = 'restitution'"));
    }
}
