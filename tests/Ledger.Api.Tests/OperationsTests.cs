using System.Net.Http.Json;

namespace Ledger.Api.Tests;

public sealed class VerboseLogsFixture : ApiFixture
{
    protected override string LogLevel => "Information";
}

public class OperationsTests(VerboseLogsFixture api) : IClassFixture<VerboseLogsFixture>
{
    [Fact]
    public async Task Readiness_checks_the_database_hangfire_and_tesseract()
    {
        using var anonymous = api.Anonymous();
        var health = await (await anonymous.GetAsync("/health/ready")).OkJsonAsync();
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        foreach (var check in new[] { "database", "hangfire", "tesseract" })
            Assert.Equal("Healthy", health.GetProperty("checks").GetProperty(check).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Logs_are_structured_per_request_and_carry_no_card_numbers_or_message_bodies()
    {
        const string secretBody = "the-secret-body-7f3a91";
        const string pan = "4111111111111111";
        var family = await api.FamilyWithContactAsync("84088-240");
        using var client = api.Family(family);
        await (await client.PostIdempotentAsync("/deposits", new { personNumber = "84088-240", channel = "online", amountCents = 100, targetAccount = "trust", authorizationReference = pan }, "pan"))
            .ProblemAsync(422, "card-number-refused");
        await (await client.PostIdempotentAsync("/messages", new { personNumber = "84088-240", body = secretBody, authorizationReference = await api.CardTokenAsync() }, "msg")).OkJsonAsync();

        var lines = api.Logs.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("Route=/messages/", StringComparison.Ordinal) && l.Contains("Status=201", StringComparison.Ordinal)
                                     && l.Contains($"Subject={family}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Route=/deposits/", StringComparison.Ordinal) && l.Contains("Status=422", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(secretBody, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(pan, StringComparison.Ordinal));
    }
}
