using System.Text.Json;
using Ledger.Api.Features.CardPayments;
using Ledger.Data.Settlements;
using Ledger.Testing;

namespace Ledger.Api.Tests;

/// <summary>
/// <c>POST /deposits</c> does not store the processor's payment id (one commit per deposit fewer): the row stays
/// <c>starting</c> without it, the processor's confirmation finds it by our reference, and the id is written with the credit.
/// These pin that such a payment credits once, however its confirmation is delivered, and that what reads the id afterwards
/// (a refund, the processor's settlement report) finds it.
/// </summary>
public class CardPaymentIdTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static byte[] Event(string eventId, string type, string paymentId, long amount, long? reference) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        id = eventId, type, created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        data = new { paymentId, amount, currency = "usd", reason = (string?)null, reference = reference?.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    });

    private async Task<JsonElement> DeliverAsync(HttpClient client, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/processor/events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(ProcessorSignature.Header, ProcessorSignature.HeaderValue(ApiFixture.WebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));
        return await (await client.SendAsync(request)).OkJsonAsync();
    }

    [Fact]
    public async Task A_payment_whose_processor_id_was_never_stored_credits_once_under_concurrent_deliveries_and_its_refund_finds_it_by_id()
    {
        await api.ScalarAsync<int>("""
            INSERT INTO people (person_number, facility_code, last_name, first_name, status, restitution_owed_cents)
            VALUES ('77777-091', 'FCI-ALI', 'NOID', 'NORA', 'in_custody', 0) RETURNING 1
            """);
        // As POST /deposits leaves it once the processor has answered: starting, no processor id.
        var id = await api.ScalarAsync<long>("""
            INSERT INTO card_payments (processor, family_subject, idempotency_key, request_hash, person_number, facility_code,
                channel, target_account, amount_cents, fee_cents, status, created_at, updated_at)
            VALUES ('dev', 'fam-noid', 'key-noid', 'hash', '77777-091', 'FCI-ALI', 'online', 'trust', 2500, 0, 'starting', now(), now()) RETURNING id
            """);

        // Its confirmation, delivered sixteen times at once under two event ids, names it by our reference only.
        using var client = api.Anonymous();
        var outcomes = (await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
                DeliverAsync(client, Event(i % 2 == 0 ? "evt_noid_a" : "evt_noid_b", "payment.succeeded", "pay_noid", 2500, id)))))
            .Select(o => o.GetProperty("outcome").GetString()).ToList();

        Assert.Equal(1, outcomes.Count(o => o == "credited"));
        Assert.Equal(15, outcomes.Count(o => o == "duplicate"));
        Assert.Equal("credited", await api.ScalarAsync<string>($"SELECT status FROM card_payments WHERE id = {id}"));
        Assert.Equal("pay_noid", await api.ScalarAsync<string>($"SELECT payment_id FROM card_payments WHERE id = {id}"));
        Assert.Equal(1L, await api.ScalarAsync<long>("SELECT count(*) FROM journal_entries WHERE idempotency_key = 'card-payment:pay_noid'"));
        Assert.Equal(1L, await api.ScalarAsync<long>("SELECT count(*) FROM api.card_deposits WHERE journal_key = 'card-payment:pay_noid'"));
        Assert.Equal(2500L, await api.ScalarAsync<long>("SELECT balance_cents FROM accounts WHERE owner_type = 'person' AND owner_code = '77777-091' AND kind = 'trust'"));

        // A refund names the payment by the processor's id alone: the id stored with the credit finds it.
        var refunded = await DeliverAsync(client, Event("evt_noid_refund", "payment.refunded", "pay_noid", 2500, reference: null));
        Assert.Equal("reversed", refunded.GetProperty("outcome").GetString());
        Assert.Equal(0L, await api.ScalarAsync<long>("SELECT balance_cents FROM accounts WHERE owner_type = 'person' AND owner_code = '77777-091' AND kind = 'trust'"));
    }
}

/// <summary>
/// The same through the API and the development processor, with the processor's own confirmations held back (answered 503):
/// the 202 names the processor's payment while the row has no id, and once confirmed the processor's settlement report matches it.
/// </summary>
public class CardPaymentIdSettlementTests(ApiStopsMidPaymentUnsweptFixture api) : IClassFixture<ApiStopsMidPaymentUnsweptFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("settlements-noid-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_deposit_confirmed_after_its_answer_is_credited_by_reference_and_settled_by_the_processors_report()
    {
        var day = await UtcDay.ClearOfMidnightAsync(TimeSpan.FromMinutes(2));
        using var family = api.Family("fam-noid-settle");
        var person = "84088-240";
        var before = await api.BalanceAsync(person);
        api.ConfirmationsDown = true;
        long id;
        string paymentId;
        try
        {
            var started = await (await family.PostIdempotentAsync("/deposits", ApiStopsMidPaymentFixture.Deposit(person, 4100, await api.CardTokenAsync()), "noid-1"))
                .OkJsonAsync();
            id = started.GetProperty("id").GetInt64();
            paymentId = started.GetProperty("paymentId").GetString()!;
            Assert.Equal("pending", started.GetProperty("status").GetString());
            // Nothing was written after the processor's answer: the row holds no processor id until its confirmation.
            Assert.Equal(0L, await api.ScalarAsync<long>($"SELECT count(*) FROM card_payments WHERE id = {id} AND payment_id IS NOT NULL"));
            using var ops = api.Operations();
            Assert.Equal("pending", (await (await ops.GetAsync($"/card-payments/{id}")).OkJsonAsync()).GetProperty("status").GetString());
        }
        finally { api.ConfirmationsDown = false; }

        // The processor delivers its held confirmation again (it carries our reference): credited once, the id stored with it.
        var settled = await api.SettledPaymentAsync(id, timeout: TimeSpan.FromSeconds(90));
        Assert.Equal("credited", settled.GetProperty("status").GetString());
        Assert.Equal(paymentId, settled.GetProperty("paymentId").GetString());
        Assert.Equal(before + 4100, await api.BalanceAsync(person));

        var report = await (await api.ProcessorClient.GetAsync($"/v1/settlements?date={day:yyyy-MM-dd}")).Content.ReadAsStringAsync();
        var path = Path.Combine(_dir, "card.cps.csv");
        await File.WriteAllTextAsync(path, report);
        var result = await api.Service<SettlementImporter>().ImportAsync(path);
        Assert.Equal(0, result.Unmatched);
        Assert.Equal(1, result.Matched);
    }
}

/// <summary>
/// A confirmation that does not carry our reference, for a payment whose processor id is not stored yet (its own class: the
/// processor's settlement report of <see cref="CardPaymentIdSettlementTests"/> must hold that test's payment alone).
/// </summary>
public class CardPaymentIdWithoutReferenceTests(ApiStopsMidPaymentUnsweptFixture api) : IClassFixture<ApiStopsMidPaymentUnsweptFixture>
{
    [Fact]
    public async Task A_confirmation_without_our_reference_for_a_payment_whose_id_is_not_stored_is_placed_by_asking_the_processor_and_credits_once()
    {
        using var family = api.Family("fam-noid-noref");
        var person = "84088-240";
        var before = await api.BalanceAsync(person);
        api.ConfirmationsDown = true;
        long id;
        try
        {
            var started = await (await family.PostIdempotentAsync("/deposits", ApiStopsMidPaymentFixture.Deposit(person, 3300, await api.CardTokenAsync()), "noref-1"))
                .OkJsonAsync();
            id = started.GetProperty("id").GetInt64();
            var paymentId = started.GetProperty("paymentId").GetString()!;
            Assert.Equal(0L, await api.ScalarAsync<long>($"SELECT count(*) FROM card_payments WHERE id = {id} AND payment_id IS NOT NULL"));

            // A confirmation that names the processor's payment alone (no reference): the row has no processor id to be found
            // by, so the API asks the processor which of our payments it is, and credits it.
            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                id = "evt_noref_1", type = "payment.succeeded", created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                data = new { paymentId, amount = started.GetProperty("chargedCents").GetInt64(), currency = "usd" },
            });
            using var client = api.Anonymous();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/processor/events") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add(ProcessorSignature.Header, ProcessorSignature.HeaderValue(ApiFixture.WebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));
            request.Headers.Add(ApiStopsMidPaymentFixture.TestDelivery, "1");
            Assert.Equal("credited", (await (await client.SendAsync(request)).OkJsonAsync()).GetProperty("outcome").GetString());
            Assert.Equal(paymentId, await api.ScalarAsync<string>($"SELECT payment_id FROM card_payments WHERE id = {id}"));
        }
        finally { api.ConfirmationsDown = false; }

        // The processor's own confirmation, held back until now, comes again with our reference: a duplicate, nothing moves.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (await api.ScalarAsync<long>($"""
                   SELECT count(*) FROM processor_events e JOIN card_payments c ON c.payment_id = e.payment_id
                   WHERE c.id = {id} AND e.event_id <> 'evt_noref_1' AND e.event_type = 'payment.succeeded'
                   """) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the processor's own confirmation never came");
            await Task.Delay(200);
        }
        Assert.Equal(1L, await api.ScalarAsync<long>($"SELECT count(*) FROM journal_entries e JOIN card_payments c ON e.idempotency_key = 'card-payment:' || c.payment_id WHERE c.id = {id}"));
        Assert.Equal(before + 3300, await api.BalanceAsync(person));
    }
}
