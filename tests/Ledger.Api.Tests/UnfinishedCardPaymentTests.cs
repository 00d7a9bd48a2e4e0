using System.Net.Http.Json;
using Ledger.Api.Features.CardPayments;
using Ledger.Data.Settlements;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests;

/// <summary>
/// An API that stops in the middle of a card payment: before it calls the processor, or after the processor took the payment
/// but before the API stored its answer (and the processor's confirmations do not get through for a while). The API's own
/// sweep (every second here, for rows untouched for 2 s) settles what is left.
/// </summary>
public class ApiStopsMidPaymentFixture : ApiFixture
{
    /// <summary>"before" or "after" the processor call: the API's call to create a payment dies there (as the process would).</summary>
    public volatile string? StopAt;
    /// <summary>While set, the processor's events are answered 503, as by an API that is down; the processor delivers them again later.</summary>
    public volatile bool ConfirmationsDown;
    /// <summary>A request header that lets a test's own event delivery through while <see cref="ConfirmationsDown"/>.</summary>
    public const string TestDelivery = "X-Test-Delivery";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["CardProcessor:SweepEverySeconds"] = "1",
        ["CardProcessor:UnfinishedAfterSeconds"] = "2",
    };

    public static object Deposit(string person, long cents, string token) => new
    {
        personNumber = person, lastName = LastNameOf(person), channel = "online", amountCents = cents, targetAccount = "trust",
        authorizationReference = token,
    };

    public Task<long> BalanceAsync(string person) =>
        ScalarAsync<long>($"SELECT coalesce(sum(balance_cents), 0)::bigint FROM accounts WHERE owner_type = 'person' AND owner_code = '{person}'");

    /// <summary>A family's deposit (or other card payment) during which the API stops at <paramref name="stopAt"/>: answered 500, or the "crash" handed to the caller (null).</summary>
    public async Task<HttpResponseMessage?> PostStoppingAsync(HttpClient family, object body, string key, string stopAt, string url = "/deposits")
    {
        StopAt = stopAt;
        try { return await family.PostIdempotentAsync(url, body, key); }
        catch (InvalidOperationException) { return null; }
        finally { StopAt = null; }
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddHttpClient<CardProcessorClient>().AddHttpMessageHandler(() => new StopMidPayment(this));
        services.AddTransient<IStartupFilter>(_ => new ConfirmationsOutage(this));
    }

    private sealed class StopMidPayment(ApiStopsMidPaymentFixture fixture) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var creates = request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath.EndsWith("/v1/payments", StringComparison.Ordinal) == true;
            if (creates && fixture.StopAt == "before") throw new InvalidOperationException("The API stopped before calling the processor.");
            var response = await base.SendAsync(request, ct);
            if (creates && fixture.StopAt == "after") throw new InvalidOperationException("The API stopped before storing the processor's answer.");
            return response;
        }
    }

    private sealed class ConfirmationsOutage(ApiStopsMidPaymentFixture fixture) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) =>
            {
                // A test's own delivery (header TestDelivery) passes the outage: only the processor's deliveries are held back.
                if (fixture.ConfirmationsDown && context.Request.Path.StartsWithSegments("/processor/events") && !context.Request.Headers.ContainsKey(TestDelivery))
                    context.Response.StatusCode = 503;
                else await following(context);
            });
            next(app);
        };
    }
}

/// <summary>The same API with its sweep turned off, for a test that plays the sweep's steps itself.</summary>
public sealed class ApiStopsMidPaymentUnsweptFixture : ApiStopsMidPaymentFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["CardProcessor:SweepEverySeconds"] = "0" };
}

public class UnfinishedCardPaymentTests(ApiStopsMidPaymentFixture api) : IClassFixture<ApiStopsMidPaymentFixture>
{
    private async Task<T> EventuallyAsync<T>(string sql, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var value = await api.ScalarAsync<T>(sql);
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) Assert.Fail($"{what}: still {value}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_payment_the_API_stopped_before_sending_to_the_processor_is_removed_by_the_sweep_with_an_audit_row_and_nothing_charged()
    {
        using var family = api.Family("fam-unfinished-1");
        var person = "84088-240";
        var before = await api.BalanceAsync(person);
        var response = await api.PostStoppingAsync(family, ApiStopsMidPaymentFixture.Deposit(person, 2500, await api.CardTokenAsync()), "unf-1", "before");
        Assert.True(response is null || (int)response.StatusCode == 500, $"answered {response?.StatusCode}");
        var id = await api.ScalarAsync<long>("SELECT id FROM card_payments WHERE family_subject = 'fam-unfinished-1' AND idempotency_key = 'unf-1' AND status = 'starting'");

        // The sweep asks the processor, which made no payment with this reference: the row goes, with its audit row.
        await EventuallyAsync<long>($"SELECT count(*) FROM card_payments WHERE id = {id}", n => n == 0, "the unfinished payment");
        Assert.Equal(1L, await api.ScalarAsync<long>(
            $"SELECT count(*) FROM api.audit_log WHERE action = 'card-payment.abandoned' AND entity_id = '{id}' AND actor_subject = 'system:unfinished-card-payments'"));
        Assert.Equal(before, await api.BalanceAsync(person));

        // The family tries again (a new token): a new payment, credited once.
        var again = await (await family.PostIdempotentAsync("/deposits", ApiStopsMidPaymentFixture.Deposit(person, 2500, await api.CardTokenAsync()), "unf-1")).OkJsonAsync();
        Assert.NotEqual(id, again.GetProperty("id").GetInt64());
        Assert.Equal("credited", (await api.SettledPaymentAsync(again.GetProperty("id").GetInt64())).GetProperty("status").GetString());
        Assert.Equal(before + 2500, await api.BalanceAsync(person));
    }

    [Fact]
    public async Task A_payment_the_processor_made_whose_answer_was_lost_is_found_by_reference_and_credited_once_by_its_confirmation()
    {
        using var family = api.Family("fam-unfinished-2");
        var person = "84088-240";
        var before = await api.BalanceAsync(person);
        api.ConfirmationsDown = true;
        try
        {
            var response = await api.PostStoppingAsync(family, ApiStopsMidPaymentFixture.Deposit(person, 3100, await api.CardTokenAsync()), "unf-2", "after");
            Assert.True(response is null || (int)response.StatusCode == 500, $"answered {response?.StatusCode}");
            var id = await api.ScalarAsync<long>("SELECT id FROM card_payments WHERE family_subject = 'fam-unfinished-2' AND idempotency_key = 'unf-2'");

            // The sweep finds the processor's payment by our reference and stores it: pending, nothing credited without the confirmation.
            var paymentId = await EventuallyAsync<string>($"SELECT coalesce(payment_id, '') FROM card_payments WHERE id = {id}", p => p.Length > 0, "the processor's payment id");
            Assert.Equal("pending", await api.ScalarAsync<string>($"SELECT status FROM card_payments WHERE id = {id}"));
            Assert.Equal(before, await api.BalanceAsync(person));
            Assert.Equal(0L, await api.ScalarAsync<long>($"SELECT count(*) FROM api.audit_log WHERE action = 'card-payment.abandoned' AND entity_id = '{id}'"));

            // The API is reachable again: the processor's confirmation, delivered again, credits it once.
            api.ConfirmationsDown = false;
            var settled = await api.SettledPaymentAsync(id, timeout: TimeSpan.FromSeconds(60));
            Assert.Equal("credited", settled.GetProperty("status").GetString());
            Assert.Equal(paymentId, settled.GetProperty("paymentId").GetString());
            Assert.Equal(before + 3100, await api.BalanceAsync(person));
        }
        finally { api.ConfirmationsDown = false; }
    }

    [Fact]
    public async Task A_stamp_payment_the_API_stopped_before_sending_to_the_processor_is_removed_and_its_message_never_sent()
    {
        var subject = await api.FamilyWithContactAsync("12345-678");
        using var family = api.Family(subject);
        var body = new { personNumber = "12345-678", body = "hello", authorizationReference = await api.CardTokenAsync() };
        var response = await api.PostStoppingAsync(family, body, "unf-m1", "before", "/messages");
        Assert.True(response is null || (int)response.StatusCode == 500, $"answered {response?.StatusCode}");
        var messageId = await api.ScalarAsync<long>($"SELECT id FROM api.messages WHERE sender_subject = '{subject}' AND idempotency_key = 'unf-m1'");
        Assert.Equal("awaiting_payment", await api.ScalarAsync<string>($"SELECT status FROM api.messages WHERE id = {messageId}"));

        await EventuallyAsync<string>($"SELECT status FROM api.messages WHERE id = {messageId}", s => s != "awaiting_payment", "the message");
        Assert.Equal("payment_refused", await api.ScalarAsync<string>($"SELECT status FROM api.messages WHERE id = {messageId}"));
        Assert.Equal(0L, await api.ScalarAsync<long>($"SELECT count(*) FROM card_payments WHERE message_id = {messageId}"));
        Assert.Equal(0L, await api.ScalarAsync<long>($"SELECT count(*) FROM api.messages WHERE id = {messageId} AND charge_entry_id IS NOT NULL"));
        // The same send again is answered as refused, and nothing is charged.
        await (await family.PostIdempotentAsync("/messages", body, "unf-m1")).ProblemAsync(422, "card-not-accepted");
        Assert.Equal(0L, await api.ScalarAsync<long>($"SELECT count(*) FROM card_payments WHERE message_id = {messageId}"));
    }

    [Fact]
    public async Task The_processor_answers_a_look_up_by_reference_with_the_payment_it_made_or_none()
    {
        var client = api.Factory.Services.GetRequiredService<CardProcessorClient>();
        Assert.Null(await client.FindByReferenceAsync("no-such-reference-" + Guid.NewGuid().ToString("N"), CancellationToken.None));
        var reference = "ref-" + Guid.NewGuid().ToString("N");
        var made = await client.CreatePaymentAsync(await api.CardTokenAsync(), 1234, "test", "key-" + reference, CancellationToken.None, reference);
        var found = await client.FindByReferenceAsync(reference, CancellationToken.None);
        Assert.Equal(((ProcessorAnswer.Accepted)made).PaymentId, found?.PaymentId);
        using var anonymous = new HttpClient { BaseAddress = api.ProcessorClient.BaseAddress };
        Assert.Equal(401, (int)(await anonymous.GetAsync($"/v1/payments?reference={reference}")).StatusCode);
    }
}

public class UnfinishedCardPaymentRetryTests(ApiStopsMidPaymentUnsweptFixture api) : IClassFixture<ApiStopsMidPaymentUnsweptFixture>
{
    [Fact]
    public async Task A_retry_that_takes_an_unfinished_payment_over_is_never_undone_by_a_sweep_that_read_it_before()
    {
        using var family = api.Family("fam-unfinished-3");
        var person = "84088-240";
        var before = await api.BalanceAsync(person);
        var body = ApiStopsMidPaymentFixture.Deposit(person, 1700, await api.CardTokenAsync());
        var response = await api.PostStoppingAsync(family, body, "unf-3", "before");
        Assert.True(response is null || (int)response.StatusCode == 500, $"answered {response?.StatusCode}");
        // A sweep reads the row as unfinished (an hour ahead of its clock, so that the row counts as old)...
        var store = api.Factory.Services.GetRequiredService<CardPaymentStore>();
        var seen = Assert.Single(await store.ListUnfinishedAsync(DateTimeOffset.UtcNow.AddHours(1), 10, CancellationToken.None),
            r => r.FamilySubject == "fam-unfinished-3");

        // ...then the retry (same key, same unused token) takes the row over, and the sweep's removal of the row it read removes nothing.
        var retried = await (await family.PostIdempotentAsync("/deposits", body, "unf-3")).OkJsonAsync();
        Assert.Equal(seen.Id, retried.GetProperty("id").GetInt64());
        Assert.False(await store.AbandonUnfinishedAsync(seen.Id, seen.UpdatedAt, (_, _, _) => Task.CompletedTask, CancellationToken.None));
        Assert.Equal("credited", (await api.SettledPaymentAsync(seen.Id)).GetProperty("status").GetString());
        Assert.Equal(before + 1700, await api.BalanceAsync(person));
    }
}
