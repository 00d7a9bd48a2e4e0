using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ledger.Pages.Tests;

public sealed class SignInPageTests(PagesFixture app, ITestOutputHelper output) : IClassFixture<PagesFixture>
{
    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_and_comes_back_to_the_page_asked_for()
    {
        var page = await app.AnonymousPageAsync();
        await page.GotoAsync("/operations?date=2026-11-23");
        Assert.Contains("/operations/sign-in", page.Url, StringComparison.Ordinal);
        output.WriteLine(await PagesFixture.ScreenshotAsync(page, "sign-in"));

        // Operations staff also give their authenticator code.
        await page.FillAsync("#username", PagesFixture.OperationsTwo.Username);
        await page.FillAsync("#password", PagesFixture.Password);
        await page.ClickAsync("button[type=submit]");
        Assert.Contains("authenticator", await page.InnerTextAsync("[role=alert]"), StringComparison.Ordinal);
        await page.FillAsync("#password", PagesFixture.Password);
        await page.FillAsync("#totp", app.TotpCode(PagesFixture.OperationsTwo));
        await page.ClickAsync("button[type=submit]");
        await PagesFixture.ExpectAddressEndsWithAsync(page, "/operations?date=2026-11-23");
        Assert.Contains("Monday 23 November 2026", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_clear_message()
    {
        var page = await app.AnonymousPageAsync();
        await page.GotoAsync("/operations/sign-in");
        await page.FillAsync("#username", PagesFixture.OperationsOne.Username);
        await page.FillAsync("#password", "not the password");
        await page.ClickAsync("button[type=submit]");
        Assert.Equal("Unknown user name, wrong password or code, or the account is locked for a while after too many wrong tries.",
            (await page.InnerTextAsync("[role=alert]")).Trim());
        Assert.Contains("/operations/sign-in", page.Url, StringComparison.Ordinal);
        output.WriteLine(await PagesFixture.ScreenshotAsync(page, "sign-in-refused"));
    }

    [Fact]
    public async Task Operations_staff_see_the_overview_and_the_job_dashboard()
    {
        var page = await app.SignedInPageAsync(PagesFixture.OperationsOne);
        Assert.Contains("Olivia Ops", await page.InnerTextAsync("header"), StringComparison.Ordinal);
        Assert.Equal("0", (await page.InnerTextAsync("[data-testid=files]")).Trim());
        output.WriteLine(await PagesFixture.ScreenshotAsync(page, "overview"));

        await page.ClickAsync("header nav >> text=Jobs");
        await PagesFixture.ExpectAddressEndsWithAsync(page, "/operations/jobs");
        // Hangfire's own dashboard, over the intake worker's storage.
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Intake worker jobs");
        output.WriteLine(await PagesFixture.ScreenshotAsync(page, "jobs-dashboard"));
    }

    [Fact]
    public async Task An_accountant_cannot_open_the_job_dashboard()
    {
        var page = await app.SignedInPageAsync(PagesFixture.Accountant);
        Assert.DoesNotContain("Jobs", await page.InnerTextAsync("header nav"), StringComparison.Ordinal);
        var response = await page.GotoAsync("/operations/jobs");
        Assert.Contains("/operations/denied", page.Url, StringComparison.Ordinal);
        Assert.NotNull(response);
        Assert.Contains("Not allowed", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var page = await app.SignedInPageAsync(PagesFixture.OperationsTwo);
        await page.ClickAsync("header button:has-text('Sign out')");
        await PagesFixture.ExpectAddressEndsWithAsync(page, "/operations/sign-in");
        await page.GotoAsync("/operations");
        Assert.Contains("/operations/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bearer_token_is_not_a_staff_sign_in_for_the_pages()
    {
        var page = await app.AnonymousPageAsync();
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string>
        {
            ["Authorization"] = "Bearer " + Data.Services.Auth.LedgerTokens.Mint(PagesFixture.SigningKey, "operations", "ops-token", [], TimeSpan.FromHours(1)),
        });
        await page.GotoAsync("/operations/jobs");
        Assert.Contains("/operations/sign-in", page.Url, StringComparison.Ordinal);
    }
}
