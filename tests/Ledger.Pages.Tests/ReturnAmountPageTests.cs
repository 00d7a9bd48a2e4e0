using Ledger.Data.Intake;
using Ledger.Data.Journal;
using Ledger.Data.Schema;
using Ledger.Intake.Pipeline;
using Ledger.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ledger.Pages.Tests;

/// <summary>A lockbox money order returned as illegible by intake: amount unread, never deposited.</summary>
public sealed class ReturnedUnreadFixture : PagesFixture
{
    public const string Serial = "60899081305";
    public string Today { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Today = await UtcDay.ClearOfMidnightTextAsync(TimeSpan.FromMinutes(10));
        var (file, _) = await IntakeServices.GetRequiredService<IntakeStore>().RegisterAsync("lockbox", "batch-illegible", Guid.NewGuid().ToString("N"), null, 1, 774_37, null);
        await new IntakePipeline(IntakeServices.GetRequiredService<JournalStore>()).PostAsync([new ItemPlan(new IntakeItemRow
        {
            FileId = file.Id, Sequence = 7, Reference = Serial, Kind = "deposit", Outcome = "returned", ReasonCode = "illegible_amount",
            Reason = "The amount of the money order cannot be read, so it was not deposited. The money order and deposit slip are returned to you.",
            AmountCents = 0, SenderName = "CAROL SANCHEZ", SenderAddress = "7642 ELM ST, CLEVELAND, OH 44102",
        }, null)]);
    }
}

public sealed class ReturnAmountPageTests(ReturnedUnreadFixture app, ITestOutputHelper output) : IClassFixture<ReturnedUnreadFixture>
{
    [Fact]
    public async Task Operations_record_the_amount_of_a_money_order_returned_unread_from_the_tape()
    {
        var page = await app.SignedInPageAsync(PagesFixture.OperationsOne);
        var batch = await BatchResultAsync(page);
        Assert.Contains("-$774.37", batch, StringComparison.Ordinal);
        Assert.Contains("1 returned unread with no amount yet", batch, StringComparison.Ordinal);

        await page.GotoAsync($"/operations/returns?date={app.Today}");
        var row = page.Locator($"tr[data-reference='{ReturnedUnreadFixture.Serial}']");
        Assert.Contains("unread", await row.Locator("[data-testid=amount]").InnerTextAsync(), StringComparison.Ordinal);

        var form = row.Locator("[data-testid=amount-form]");
        await form.Locator("input[name=amount]").FillAsync("774.37");
        await form.Locator("button").ClickAsync();

        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("amount $774.37 recorded from the tape");
        row = page.Locator($"tr[data-reference='{ReturnedUnreadFixture.Serial}']");
        var amount = await row.Locator("[data-testid=amount]").InnerTextAsync();
        Assert.Contains("$774.37", amount, StringComparison.Ordinal);
        Assert.Contains("recorded by ops.one", amount, StringComparison.Ordinal);
        Assert.Equal(0, await row.Locator("[data-testid=amount-form]").CountAsync());
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM api.audit_log WHERE action = 'return.amount'"));
        output.WriteLine(await PagesFixture.ScreenshotAsync(page, "returns-amount"));

        Assert.Equal("balanced", (await BatchResultAsync(page)).Trim());
    }

    /// <summary>The batch's Result cell on the reconciliation page for the fixture's day.</summary>
    private async Task<string> BatchResultAsync(IPage page)
    {
        await page.GotoAsync("/operations/reconciliation");
        await page.FillAsync("#date", app.Today);
        await page.ClickAsync("button:has-text('Reconcile')");
        return await page.Locator("[data-testid=files-table] tbody tr", new() { HasTextString = "batch-illegible" }).Locator("td").Last.InnerTextAsync();
    }
}
