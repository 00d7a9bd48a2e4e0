using System.Text.Json;
using Ledger.Api.Features.CardPayments;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ledger.Api.Tests;

/// <summary>
/// The API's calls to the processor are held, after the processor has answered, until the processor's own confirmation
/// of that payment has been taken by the API (recorded in processor_events): the order a loaded machine often produces
/// (the processor sends its event before its answer reaches the API), made certain.
/// </summary>
public sealed class ConfirmationFirstFixture : ApiFixture
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddHttpClient<CardProcessorClient>().AddHttpMessageHandler(() => new ConfirmationFirst(Db));

    private sealed class ConfirmationFirst(NpgsqlDataSource db) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var response = await base.SendAsync(request, ct);
            if (request.RequestUri?.AbsolutePath.EndsWith("/v1/payments", StringComparison.Ordinal) != true || !response.IsSuccessStatusCode) return response;
            var body = await response.Content.ReadAsStringAsync(ct);
            var paymentId = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
            // Answered 409 (unknown payment), the event is not recorded and comes again later, with the API still waiting
            // here for the processor's answer: it never gets recorded, and the deadline fails the test.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (true)
            {
                await using var cmd = db.CreateCommand("SELECT count(*) FROM processor_events WHERE payment_id = @p");
                cmd.Parameters.AddWithValue("p", paymentId);
                if ((long)(await cmd.ExecuteScalarAsync(ct))! > 0) break;
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"The processor's confirmation of {paymentId} was not taken while the API waited for the processor's answer.");
                await Task.Delay(20, ct);
            }
            return new HttpResponseMessage(response.StatusCode) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        }
    }
}

public class CardConfirmationRaceTests(ConfirmationFirstFixture api) : IClassFixture<ConfirmationFirstFixture>
{
    [Fact]
    public async Task A_confirmation_that_arrives_before_the_API_has_the_processors_answer_credits_once_with_no_409()
    {
        using var family = api.Family("fam-race-1");
        var person = "84088-240";
        var before = await api.ScalarAsync<long>($"SELECT coalesce(sum(balance_cents), 0)::bigint FROM accounts WHERE owner_type = 'person' AND owner_code = '{person}'");
        var body = new
        {
            personNumber = person, lastName = ApiFixture.LastNameOf(person), channel = "online", amountCents = 4000, targetAccount = "trust",
            authorizationReference = await api.CardTokenAsync(),
        };
        var response = await family.PostIdempotentAsync("/deposits", body, "race-1");
        Assert.Equal(202, (int)response.StatusCode);
        var payment = await response.OkJsonAsync();
        var paymentId = payment.GetProperty("paymentId").GetString()!;

        // The API answers with the payment already credited: the confirmation came first and was taken at its first delivery.
        Assert.Equal("credited", payment.GetProperty("status").GetString());
        Assert.Equal("credited", await api.ScalarAsync<string>($"SELECT outcome FROM processor_events WHERE payment_id = '{paymentId}'"));
        Assert.Equal(1, await api.ScalarAsync<int>($"SELECT deliveries FROM processor_events WHERE payment_id = '{paymentId}'"));
        Assert.Equal(1L, await api.ScalarAsync<long>($"SELECT count(*) FROM journal_entries WHERE idempotency_key LIKE '%{paymentId}'"));
        Assert.Equal(1L, await api.ScalarAsync<long>($"SELECT count(*) FROM api.card_deposits WHERE authorization_reference = '{paymentId}'"));
        Assert.Equal(before + 4000, await api.ScalarAsync<long>(
            $"SELECT coalesce(sum(balance_cents), 0)::bigint FROM accounts WHERE owner_type = 'person' AND owner_code = '{person}'"));

        // The same request again answers the same payment, credited once.
        var again = await family.PostIdempotentAsync("/deposits", body, "race-1");
        Assert.Equal(202, (int)again.StatusCode);
        var replayed = await again.OkJsonAsync();
        Assert.Equal(payment.GetProperty("id").GetInt64(), replayed.GetProperty("id").GetInt64());
        Assert.Equal("credited", replayed.GetProperty("status").GetString());
        Assert.Equal(1L, await api.ScalarAsync<long>($"SELECT count(*) FROM journal_entries WHERE idempotency_key LIKE '%{paymentId}'"));
    }

    [Fact]
    public async Task A_stamp_payment_confirmed_before_the_API_has_the_processors_answer_is_charged_once_with_no_409()
    {
        const string person = "12345-678"; // FCI-LOR: stamps 0.35
        var family = await api.FamilyWithContactAsync(person);
        using var client = api.Family(family);
        var body = new { personNumber = person, body = "Hello from the race", authorizationReference = await api.CardTokenAsync() };
        var message = await (await client.PostIdempotentAsync("/messages", body, "race-m1")).OkJsonAsync();
        var id = message.GetProperty("id").GetInt64();

        // The confirmation came first and was taken at its first delivery: the message is in screening when the API answers.
        Assert.Equal("in_screening", message.GetProperty("status").GetString());
        var paymentId = await api.ScalarAsync<string>($"SELECT payment_id FROM card_payments WHERE message_id = {id}");
        Assert.Equal("credited", await api.ScalarAsync<string>($"SELECT status FROM card_payments WHERE message_id = {id}"));
        Assert.Equal(1, await api.ScalarAsync<int>($"SELECT deliveries FROM processor_events WHERE payment_id = '{paymentId}'"));
        Assert.Equal(1L, await api.ScalarAsync<long>($"SELECT count(*) FROM journal_entries WHERE idempotency_key = 'card-payment:{paymentId}'"));
        Assert.Equal(paymentId, await api.ScalarAsync<string>($"SELECT authorization_reference FROM api.messages WHERE id = {id}"));

        // The same request again is the same message, charged once.
        var again = await (await client.PostIdempotentAsync("/messages", body, "race-m1")).OkJsonAsync();
        Assert.Equal(id, again.GetProperty("id").GetInt64());
        Assert.Equal(1L, await api.ScalarAsync<long>($"SELECT count(*) FROM card_payments WHERE message_id = {id}"));
        Assert.Equal(1L, await api.ScalarAsync<long>($"SELECT count(*) FROM journal_entries WHERE idempotency_key = 'card-payment:{paymentId}'"));
    }
}
