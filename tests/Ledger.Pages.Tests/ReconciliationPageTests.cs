using Ledger.Intake.MoneyGram;
using Ledger.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ledger.Pages.Tests;

/// <summary>The sample MoneyGram day, posted as the worker posts it, then reconciled and its returns handled in the browser.</summary>
public sealed class SampleDayFixture : PagesFixture
{
    /// <summary>The day the sample files were received on, taken before they are: the tests ask for it minutes later, maybe past midnight.</summary>
    public string Today { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Today = await UtcDay.ClearOfMidnightTextAsync(TimeSpan.FromMinutes(10));
        var intake = IntakeServices.GetRequiredService<MoneyGramIntake>();
        foreach (var sample in Directory.GetFiles(Path.Combine(Samples, "moneygram"), "*.mgx.csv").Order(StringComparer.Ordinal))
            await intake.ProcessAsync((await intake.RegisterAsync(sample)).Id, sample);
    }
}

public sealed class ReconciliationPageTests(SampleDayFixture app, ITestOutputHelper output) : IClassFixture<SampleDayFixture>
{
    [Fact]
    public async Task Operations_reconcile_the_sample_day_and_keep_the_report()
    {
        var page = await app.SignedInPageAsync(PagesFixture.OperationsOne);
        await page.ClickAsync("header nav >> text=Reconciliation");
        await PagesFixture.ExpectAddressEndsWithAsync(page, "/operations/reconciliation");
        await page.FillAsync("#date", app.Today);
        await page.ClickAsync("button:has-text('Reconcile')");

        Assert.StartsWith("Balanced", (await page.InnerTextAsync("[data-testid=verdict]")).Trim(), StringComparison.Ordinal);
        Assert.Equal(4, await page.Locator("[data-testid=files-table] tbody tr").CountAsync());
        Assert.Contains("quarantined", await page.InnerTextAsync("[data-testid=files-table]"), StringComparison.Ordinal);
        var moneygram = page.Locator("[data-testid=clearing-table] tbody tr", new() { HasTextString = "moneygram clearing" });
        Assert.Contains("balanced", await moneygram.InnerTextAsync(), StringComparison.Ordinal);

        await page.ClickAsync("[data-testid=keep]");
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Kept as report");
        Assert.Equal(1, await page.Locator("[data-testid=kept-table] tbody tr").CountAsync());
        Assert.Contains("ops.one", await page.InnerTextAsync("[data-testid=kept-table]"), StringComparison.Ordinal);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM reconciliation_reports WHERE balanced AND produced_by = 'ops.one'"));
        output.WriteLine(await PagesFixture.ScreenshotAsync(page, "reconciliation"));

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=csv]"));
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("scope,key,status,items", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operations_download_the_returns_manifest_and_refund_a_return()
    {
        var page = await app.SignedInPageAsync(PagesFixture.OperationsTwo);
        await page.GotoAsync($"/operations/returns?date={app.Today}");
        var rows = page.Locator("[data-testid=returns-table] tbody tr");
        var count = await rows.CountAsync();
        Assert.True(count > 0, "the sample day sends money back");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=manifest]"));
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var manifest = (await File.ReadAllLinesAsync((await download.PathAsync())!)).Where(l => l.Length > 0).ToList();
        Assert.StartsWith("file_id,sequence,source,reference", manifest[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        var firstReference = await rows.First.GetAttributeAsync("data-reference");
        Assert.Contains(manifest, l => l.Contains("," + firstReference + ",", StringComparison.Ordinal));

        var refundable = rows.Filter(new() { Has = page.Locator("button:has-text('Refund')") }).First;
        var reference = await refundable.GetAttributeAsync("data-reference");
        await refundable.Locator("button:has-text('Refund')").ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync($"({reference}) marked refunded");
        Assert.Contains("refunded", await page.Locator($"tr[data-reference='{reference}'] [data-testid=disposition]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1L, await app.ScalarAsync<long>($"SELECT count(*) FROM return_dispositions WHERE status = 'refunded' AND by = 'ops.two'"));
        output.WriteLine(await PagesFixture.ScreenshotAsync(page, "returns"));
    }
}
