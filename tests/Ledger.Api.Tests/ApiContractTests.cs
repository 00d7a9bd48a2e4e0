using System.Text.Json;

namespace Ledger.Api.Tests;

/// <summary>The published contract: every operation named and its refusals documented; the message quote agrees with what sending charges.</summary>
public class ApiContractTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Every_operation_has_a_unique_operation_id_and_documents_its_problem_answers()
    {
        using var client = api.Anonymous();
        var doc = await (await client.GetAsync("/openapi/v1.json")).OkJsonAsync();
        var operations = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.Object && m.Value.TryGetProperty("responses", out _))
                .Select(m => (Name: $"{m.Name.ToUpperInvariant()} {p.Name}", Operation: m.Value)))
            .ToList();
        Assert.True(operations.Count > 50, $"{operations.Count} operations");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, operation) in operations)
        {
            Assert.True(operation.TryGetProperty("operationId", out var id) && ids.Add(id.GetString()!), $"{name}: no operationId, or not unique");
            var problems = operation.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('4')).ToList();
            Assert.True(problems.Count > 0, $"{name}: no 4xx answer documented");
            Assert.All(problems, r => Assert.True(r.Value.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{name} {r.Name}: not a problem"));
        }
        var signIn = operations.Single(o => o.Name == "POST /auth/sign-in").Operation;
        Assert.Equal("signIn", signIn.GetProperty("operationId").GetString());
        Assert.True(signIn.GetProperty("responses").TryGetProperty("401", out _));
        var balances = operations.Single(o => o.Name == "GET /people/{personNumber}/balances").Operation;
        Assert.True(balances.GetProperty("responses").TryGetProperty("403", out _));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(6000, 1)]
    [InlineData(6001, 2)]
    [InlineData(100_000, 17)]
    public async Task The_quote_counts_one_stamp_per_6000_characters_or_part_at_the_facility_price(int characters, int stamps)
    {
        using var family = api.Family("fam-quote");
        var quote = await (await family.GetAsync($"/messages/quote?facility=FCI-LOR&characters={characters}")).OkJsonAsync();
        var price = await api.ScalarAsync<long>("SELECT stamp_price_cents FROM facilities WHERE code = 'FCI-LOR'");
        Assert.Equal(stamps, quote.GetProperty("stamps").GetInt32());
        Assert.Equal(stamps * price, quote.GetProperty("totalCents").GetInt64());
    }

    [Fact]
    public async Task A_quote_counts_characters_as_sending_does_and_what_sending_charges_is_the_quote()
    {
        var person = "84088-240";
        var familySubject = await api.FamilyWithContactAsync(person);
        using var family = api.Family(familySubject);
        var text = string.Concat(Enumerable.Repeat("😀", 6001)); // 6,001 characters, 12,002 UTF-16 units
        var quote = await (await family.GetAsync($"/messages/quote?facility=FCI-LOR&text={Uri.EscapeDataString(text[..200])}")).OkJsonAsync();
        Assert.Equal(100, quote.GetProperty("characters").GetInt32());
        var fullQuote = await (await family.GetAsync("/messages/quote?facility=FCI-LOR&characters=6001")).OkJsonAsync();
        var sent = await (await family.PostIdempotentAsync("/messages", new { personNumber = person, body = text, authorizationReference = await api.CardTokenAsync() }, "quote-1")).OkJsonAsync();
        Assert.Equal(fullQuote.GetProperty("stamps").GetInt32(), sent.GetProperty("stamps").GetInt32());
        await (await family.GetAsync("/messages/quote?facility=NOPE&characters=1")).ProblemAsync(404);
        await (await family.GetAsync("/messages/quote?facility=FCI-LOR&characters=100001")).ProblemAsync(422, "message-too-long");
    }
}
