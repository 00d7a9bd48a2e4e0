using System.Text.Json;
using Ledger.Data.Intake;
using Ledger.Data.Journal;
using Ledger.Data.Schema;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Pipeline;
using Ledger.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ledger.Pages.Tests;

/// <summary>A lockbox money order over the limit whose excess waits for its sender's address, as lockbox intake records it.</summary>
public sealed class AwaitingAddressFixture : PagesFixture
{
    public const string Serial = "82234567890";
    public string Today { get; private set; } = "";
    public long FileId { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Today = await UtcDay.ClearOfMidnightTextAsync(TimeSpan.FromMinutes(10));
        var (file, _) = await IntakeServices.GetRequiredService<IntakeStore>().RegisterAsync("lockbox", "batch-address", Guid.NewGuid().ToString("N"), null, 1, 150000, null);
        FileId = file.Id;
        var details = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["sender_name"] = new { value = "MARY ADAMS", confidence = 96.0, raw = "MARY ADAMS" },
            ["sender_address"] = new { value = (string?)null, confidence = 41.0, raw = "12 OAK AVF" },
            ["city_state_zip"] = new { value = (string?)null, confidence = 38.5, raw = "ERIE, PA 1650l" },
        });
        await new IntakePipeline(IntakeServices.GetRequiredService<JournalStore>()).PostAsync([new ItemPlan(new IntakeItemRow
        {
            FileId = file.Id, Sequence = 1, Reference = Serial, Kind = "deposit", Outcome = "partially_posted", ReasonCode = "over_limit_awaiting_address",
            Reason = "FCI Loretto accepts at most $999.99 per deposit; $500.01 of the $1500.00 money order is returned to you by mail.",
            PersonNumber = "12345-678", FacilityCode = "FCI-LOR", AmountCents = 150000, CreditedCents = 99999, ReturnedCents = 50001,
            SenderName = "MARY ADAMS", Details = details,
        }, new JournalEntry(LockboxDecider.KeyOf(Serial), "lockbox", "Money order " + Serial, DateTimeOffset.UtcNow,
        [
            Posting.Debit(LockboxDecider.Clearing, Money.Usd(150000)),
            Posting.Credit(AccountKey.Personal("12345-678", AccountKind.Trust, Currency.USD), Money.Usd(99999)),
            Posting.Credit(LockboxDecider.RefundsPayable, Money.Usd(50001)),
        ]))]);
    }
}

public sealed class ReturnAddressPageTests(AwaitingAddressFixture app, ITestOutputHelper output) : IClassFixture<AwaitingAddressFixture>
{
    [Fact]
    public async Task Operations_see_ocrs_readings_key_the_address_and_then_the_excess_can_be_refunded()
    {
        var page = await app.SignedInPageAsync(PagesFixture.OperationsOne);
        await page.GotoAsync($"/operations/returns?date={app.Today}");
        var row = page.Locator($"tr[data-reference='{AwaitingAddressFixture.Serial}']");
        Assert.Contains("Awaiting the sender's address", await row.Locator("[data-testid=address]").InnerTextAsync(), StringComparison.Ordinal);
        var readings = await row.Locator("[data-testid=sender-readings]").InnerTextAsync();
        Assert.Contains("\"12 OAK AVF\", confidence 41", readings, StringComparison.Ordinal);
        Assert.Equal(0, await row.Locator("button:has-text('Refund')").CountAsync());

        // A city line that is not CITY, ST 12345 is refused and records nothing.
        var form = row.Locator("[data-testid=address-form]");
        await form.Locator("input[name=street]").FillAsync("12 Oak Ave");
        await form.Locator("input[name=cityStateZip]").FillAsync("Erie");
        await form.Locator("button").ClickAsync();
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("CITY, ST 12345");
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM return_addresses"));

        form = page.Locator($"tr[data-reference='{AwaitingAddressFixture.Serial}'] [data-testid=address-form]");
        await form.Locator("input[name=street]").FillAsync("12 Oak Ave");
        await form.Locator("input[name=cityStateZip]").FillAsync("Erie, PA 16501");
        await form.Locator("button").ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("address confirmed, 12 OAK AVE, ERIE, PA 16501");
        row = page.Locator($"tr[data-reference='{AwaitingAddressFixture.Serial}']");
        Assert.Contains("keyed by ops.one", await row.Locator("[data-testid=address]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM api.audit_log WHERE action = 'return.address'"));
        output.WriteLine(await PagesFixture.ScreenshotAsync(page, "returns-address"));

        await row.Locator("button:has-text('Refund')").ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync($"({AwaitingAddressFixture.Serial}) marked refunded");
    }
}
