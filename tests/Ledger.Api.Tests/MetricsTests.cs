using Ledger.Data.Journal;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;

namespace Ledger.Api.Tests;

/// <summary>GET /metrics: what operations watch (request latency, posting rate, round trips) in Prometheus' text format.</summary>
public class MetricsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Metrics_show_request_latency_the_posting_rate_and_round_trips()
    {
        var clearing = AccountKey.OfFacility("FCI-LOR", AccountKind.CardClearing, Currency.USD);
        var trust = AccountKey.Personal("12345-678", AccountKind.Trust, Currency.USD);
        var posted = await api.Service<JournalStore>().PostBatchAsync([
            new JournalEntry("metrics:1", "test", "deposit", DateTimeOffset.UtcNow, [Posting.Debit(clearing, Money.Usd(700)), Posting.Credit(trust, Money.Usd(700))]),
        ]);
        Assert.True(posted[0].IsPosted);

        using var client = api.Anonymous();
        // ASP.NET Core records a request's duration as the request ends, which may be after its client has the response, and
        // the exporter may answer a scrape from its short cache: scrape again (up to 5 s) until a finished request shows.
        var text = "";
        for (var attempt = 0; attempt < 50 && !text.Contains("http_server_request_duration_seconds_bucket", StringComparison.Ordinal); attempt++)
        {
            if (attempt > 0) await Task.Delay(100);
            (await client.GetAsync("/health/live")).EnsureSuccessStatusCode();
            var response = await client.GetAsync("/metrics");
            response.EnsureSuccessStatusCode();
            text = await response.Content.ReadAsStringAsync();
        }

        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Matches(@"ledger_journal_entries_total\{[^}]*path=""batch""[^}]*\} [1-9]", text);
        Assert.Matches(@"ledger_journal_lines_total\{[^}]*path=""batch""[^}]*\} [1-9]", text);
        Assert.Matches(@"ledger_journal_round_trips_total\{[^}]*path=""batch""[^}]*\} [1-9]", text);
        Assert.Contains("ledger_journal_post_duration_seconds_bucket", text, StringComparison.Ordinal);
    }
}
