using System.Globalization;
using Ledger.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ledger.Pages.Tests;

public sealed class KeyingPageTests(PagesFixture app, ITestOutputHelper output) : IClassFixture<PagesFixture>
{
    [Fact]
    public async Task A_keyed_item_above_the_threshold_waits_its_keyer_cannot_approve_it_and_a_second_person_posts_it()
    {
        var (file, serials) = await LockboxReviewItems.WriteAsync(app.Db, 2, "12345-678");
        var olivia = await app.SignedInPageAsync(PagesFixture.OperationsOne);

        await olivia.ClickAsync("header nav >> text=Keying queue");
        await PagesFixture.ExpectAddressEndsWithAsync(olivia, "/operations/keying");
        await olivia.ClickAsync($"tr[data-item='{file}/1'] >> text=Open");
        await Assertions.Expect(olivia.Locator("[data-testid=item] h2").First).ToContainTextAsync("serial " + serials[0]);
        // Both scans are really there, side by side.
        foreach (var scan in new[] { "money-order-scan", "deposit-slip-scan" })
        {
            var width = await olivia.Locator($"img[data-testid={scan}]").EvaluateAsync<int>("img => img.complete ? img.naturalWidth : new Promise(r => img.onload = () => r(img.naturalWidth))");
            Assert.True(width > 1000, $"{scan} is {width} px wide");
        }
        Assert.Contains("$1?5.0O", await olivia.InnerTextAsync("[data-testid=ocr]"), StringComparison.Ordinal);
        Assert.Equal("12345-678", await olivia.InputValueAsync("#person"));
        output.WriteLine(await PagesFixture.ScreenshotAsync(olivia, "keying-item"));

        await olivia.FillAsync("#amount", "250.00");
        await olivia.ClickAsync("[data-testid=key-form] button[type=submit]");
        await Assertions.Expect(olivia.Locator("[role=status]")).ToContainTextAsync("waits for another staff member's approval");
        var resolution = await app.ScalarAsync<long>($"SELECT id FROM review_resolutions WHERE file_id = {file} AND sequence = 1");
        Assert.DoesNotContain($"{file}/1", await WaitingItemsAsync(olivia));

        // The keyer tries to approve their own keying: the server refuses, nothing posts.
        await olivia.ClickAsync($"tr[data-resolution='{resolution}'] button:has-text('Approve')");
        await Assertions.Expect(olivia.Locator("[role=alert]")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"ops\.one#\d+ keyed this item and cannot approve it"));
        output.WriteLine(await PagesFixture.ScreenshotAsync(olivia, "keying-four-eyes-refused"));
        Assert.Equal(0L, await EntriesAsync(serials[0]));

        var omar = await app.SignedInPageAsync(PagesFixture.OperationsTwo);
        await omar.GotoAsync("/operations/keying");
        await omar.ClickAsync($"tr[data-resolution='{resolution}'] button:has-text('Approve')");
        await Assertions.Expect(omar.Locator("[role=status]")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Approved \$250\.00 for 12345-678 keyed by ops\.one#\d+: posted, \$250\.00 credited"));
        output.WriteLine(await PagesFixture.ScreenshotAsync(omar, "keying-approved"));

        Assert.Equal(1L, await EntriesAsync(serials[0]));
        Assert.StartsWith("ops.two#", await app.ScalarAsync<string>($"SELECT approved_by FROM review_resolutions WHERE id = {resolution} AND status = 'posted'"));
        Assert.Equal(0, await omar.Locator($"tr[data-resolution='{resolution}']").CountAsync());
    }

    [Fact]
    public async Task An_item_is_returned_with_a_reason_and_leaves_the_queue()
    {
        var (file, serials) = await LockboxReviewItems.WriteAsync(app.Db, 1, "12345-678");
        var page = await app.SignedInPageAsync(PagesFixture.OperationsTwo);

        await page.GotoAsync($"/operations/keying?fileId={file}&sequence=1");
        await page.FillAsync("#reason", "The money order is not signed by the purchaser.");
        await page.ClickAsync("[data-testid=return-form] button[type=submit]");

        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("goes back to the sender: The money order is not signed by the purchaser.");
        Assert.Equal(0, await page.Locator($"tr[data-item='{file}/1']").CountAsync());
        Assert.Equal("returned", await app.ScalarAsync<string>($"SELECT status FROM review_resolutions WHERE file_id = {file} AND sequence = 1"));
        Assert.Equal(0L, await EntriesAsync(serials[0]));
    }

    [Fact]
    public async Task An_accountant_cannot_open_the_keying_queue()
    {
        var page = await app.SignedInPageAsync(PagesFixture.Accountant);
        await page.GotoAsync("/operations/keying");
        Assert.Contains("/operations/denied", page.Url, StringComparison.Ordinal);
    }

    private static Task<string[]> WaitingItemsAsync(IPage page) =>
        page.Locator("tr[data-item]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.item)");

    private Task<long> EntriesAsync(string serial) =>
        app.ScalarAsync<long>(string.Create(CultureInfo.InvariantCulture, $"SELECT count(*) FROM journal_entries WHERE idempotency_key = 'mo:{serial}'"));
}
