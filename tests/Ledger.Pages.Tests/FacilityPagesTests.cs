using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Data.Services.Auth;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ledger.Pages.Tests;

/// <summary>Facility staff sign in to their own pages: the e-mail screening queue, residents' requests, visit slots and bookings.</summary>
public sealed class FacilityPagesTests(PagesFixture app, ITestOutputHelper output) : IClassFixture<PagesFixture>
{
    private HttpClient Api(string role, string subject, params string[] facilities)
    {
        var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            LedgerTokens.Mint(PagesFixture.SigningKey, role, subject, facilities, TimeSpan.FromHours(1)));
        return client;
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<long> SendAsync(HttpClient family, string person, string body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/messages")
        {
            Content = JsonContent.Create(new { personNumber = person, body, authorizationReference = await CardTokenAsync() }),
        };
        request.Headers.Add("Idempotency-Key", key);
        var id = (await OkAsync(await family.SendAsync(request))).GetProperty("id").GetInt64();
        // The stamps are charged when the processor's confirmation arrives; then the message is in screening.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await OkAsync(await family.GetAsync($"/messages/{id}"))).GetProperty("status").GetString() == "awaiting_payment")
        {
            Assert.True(DateTime.UtcNow < deadline, $"Message {id} is still waiting for its payment.");
            await Task.Delay(50);
        }
        return id;
    }

    /// <summary>A single-use card token from the development processor, as a family's payment page gets it.</summary>
    private async Task<string> CardTokenAsync()
    {
        var issued = await OkAsync(await app.ProcessorClient.PostAsJsonAsync("/v1/tokens", new { number = "4242424242424242" }));
        return issued.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Facility_staff_screen_mail_against_the_delivery_promise_handle_requests_and_see_visits()
    {
        const string person = "84088-240"; // FCI-LOR
        using var ops = Api("operations", "ops-seed");
        await OkAsync(await ops.PostAsJsonAsync("/families", new { subject = "fam-pages", displayName = "Pages Family" }));
        await OkAsync(await ops.PostAsJsonAsync("/families/fam-pages/contacts", new { personNumber = person }));
        using var family = Api("family", "fam-pages");
        var old = await SendAsync(family, person, "Sent two days ago", "pages-1");
        var day = await SendAsync(family, person, "Sent yesterday", "pages-2");
        var fresh = await SendAsync(family, person, "Sent just now", "pages-3");
        await app.ScalarAsync<int>($"UPDATE api.messages SET created_at = now() - interval '50 hours' WHERE id = {old}; SELECT 1");
        await app.ScalarAsync<int>($"UPDATE api.messages SET created_at = now() - interval '30 hours' WHERE id = {day}; SELECT 1");
        using var resident = Api("resident", person, "FCI-LOR");
        var request = (await OkAsync(await resident.PostAsJsonAsync("/requests", new { kind = "medical", subject = "Tooth", body = "It hurts" }))).GetProperty("id").GetInt64();
        using var staffApi = Api("staff", "officer-seed", "FCI-LOR");
        var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        var slot = (await OkAsync(await staffApi.PostAsJsonAsync("/facilities/FCI-LOR/visit-slots", new
        {
            fromDate = date, toDate = date, weekdays = new[] { date.DayOfWeek.ToString() }, startTimes = new[] { "10:00" }, durationMinutes = 30, capacity = 3,
        })))[0].GetProperty("id").GetInt64();
        var visit = (await OkAsync(await family.PostAsJsonAsync("/visits", new { slotId = slot, personNumber = person }))).GetProperty("id").GetInt64();

        var page = await app.SignedInPageAsync(PagesFixture.FacilityOfficer);
        Assert.Equal("3", (await page.InnerTextAsync("[data-testid=screening]")).Trim());
        output.WriteLine(await PagesFixture.ScreenshotAsync(page, "facility-overview"));

        // Screening: the promise is shown, the two-day-old message is overdue, yesterday's is due, today's is neither.
        await page.ClickAsync("header nav >> text=E-mail screening");
        await PagesFixture.ExpectAddressEndsWithAsync(page, "/facility/screening");
        Assert.Contains("24 to 48 hours", await page.InnerTextAsync("[data-testid=promise]"), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator($"tr[data-message='{old}'] [data-testid=overdue]").CountAsync());
        Assert.Equal(1, await page.Locator($"tr[data-message='{day}'] [data-testid=due]").CountAsync());
        Assert.Equal(0, await page.Locator($"tr[data-message='{fresh}'] [data-testid=due], tr[data-message='{fresh}'] [data-testid=overdue]").CountAsync());
        output.WriteLine(await PagesFixture.ScreenshotAsync(page, "facility-screening"));
        await page.ClickAsync($"tr[data-message='{old}'] button:has-text('Approve')");
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync($"Message {old} approved");
        await page.FillAsync($"tr[data-message='{day}'] input[name=reason]", "Contraband arrangement");
        await page.ClickAsync($"tr[data-message='{day}'] button:has-text('Reject')");
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync($"Message {day} rejected");
        Assert.Equal(1, await page.Locator("tr[data-message]").CountAsync());
        Assert.Equal("rejected", await app.ScalarAsync<string>($"SELECT status FROM api.messages WHERE id = {day}"));

        // Requests: assign, answer, close.
        await page.ClickAsync("header nav >> text=Requests");
        await PagesFixture.ExpectAddressEndsWithAsync(page, "/facility/requests");
        var row = $"tr[data-request='{request}']";
        await page.FillAsync($"{row} input[name=assignee]", "Nurse Joy");
        await page.ClickAsync($"{row} button:has-text('Assign')");
        await Assertions.Expect(page.Locator($"{row} [data-testid=status]")).ToHaveTextAsync("assigned");
        await page.FillAsync($"{row} input[name=text]", "Dentist on Tuesday");
        await page.ClickAsync($"{row} button:has-text('Answer')");
        await Assertions.Expect(page.Locator($"{row} [data-testid=status]")).ToHaveTextAsync("answered");
        await page.ClickAsync($"{row} button:has-text('Close')");
        await Assertions.Expect(page.Locator($"{row} [data-testid=status]")).ToHaveTextAsync("closed");
        output.WriteLine(await PagesFixture.ScreenshotAsync(page, "facility-requests"));

        // Visits: the slot with its booking, which staff may cancel.
        await page.ClickAsync("header nav >> text=Visits");
        await PagesFixture.ExpectAddressEndsWithAsync(page, "/facility/visits");
        Assert.Contains("1", await page.InnerTextAsync($"tr[data-slot='{slot}'] td:nth-child(6)"), StringComparison.Ordinal);
        await page.ClickAsync($"tr[data-visit='{visit}'] button:has-text('Cancel')");
        await Assertions.Expect(page.Locator($"tr[data-visit='{visit}'] [data-testid=status]")).ToHaveTextAsync("cancelled");
        Assert.Equal(0, await app.ScalarAsync<int>($"SELECT booked FROM api.visit_slots WHERE id = {slot}"));
        output.WriteLine(await PagesFixture.ScreenshotAsync(page, "facility-visits"));

        // Not the operations pages.
        await page.GotoAsync("/operations/keying");
        Assert.Contains("/operations/denied", page.Url, StringComparison.Ordinal);
    }
}
