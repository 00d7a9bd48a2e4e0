using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ledger.Api.Features.CardPayments;
using Ledger.Data.Verification;

namespace Ledger.Api.Tests;

/// <summary>
/// Card deposits through the development processor (a real HTTP server on a local port): the ledger credits only on the
/// processor's signed confirmation, once per processor payment id.
/// </summary>
public class CardPaymentTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Approve = "4242424242424242", Decline = "4000000000000002", ChargeBack = "4000000000000259";

    private async Task<long> BalanceAsync(string person, string account = "trust")
    {
        using var ops = api.Operations();
        var json = await (await ops.GetAsync($"/people/{person}/balances")).OkJsonAsync();
        return json.GetProperty("accounts").EnumerateArray().SingleOrDefault(a => a.GetProperty("account").GetString() == account) is { ValueKind: JsonValueKind.Object } a
            ? a.GetProperty("balanceCents").GetInt64() : 0;
    }

    private Task<long> EntriesAsync(string paymentId) =>
        api.ScalarAsync<long>($"SELECT count(*) FROM journal_entries WHERE idempotency_key LIKE '%{paymentId}'");

    private async Task<JsonElement> StartAsync(HttpClient family, string person, long cents, string token, string? key = null)
    {
        var response = await family.PostIdempotentAsync("/deposits",
            new { personNumber = person, lastName = ApiFixture.LastNameOf(person), channel = "online", amountCents = cents, targetAccount = "trust", authorizationReference = token }, key ?? Guid.NewGuid().ToString("N"));
        Assert.Equal(202, (int)response.StatusCode);
        return await response.OkJsonAsync();
    }

    private static byte[] Event(string eventId, string type, string paymentId, long amount) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        id = eventId, type, created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        data = new { paymentId, amount, currency = "usd", reason = (string?)null },
    });

    private async Task<HttpResponseMessage> DeliverAsync(byte[] body, string? signature = null)
    {
        using var client = api.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/processor/events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(ProcessorSignature.Header, signature ?? ProcessorSignature.HeaderValue(ApiFixture.WebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_made_up_authorization_is_refused_by_the_processor_and_credits_nothing()
    {
        using var family = api.Family("fam-card-1");
        var before = await BalanceAsync("84088-240");
        var response = await family.PostIdempotentAsync("/deposits",
            new { personNumber = "84088-240", lastName = "WALKER", channel = "online", amountCents = 5000, targetAccount = "trust", authorizationReference = "FAKE1" }, "fake");
        await response.ProblemAsync(422, "card-not-accepted");
        Assert.Equal(before, await BalanceAsync("84088-240"));
        Assert.Equal(0L, await api.ScalarAsync<long>("SELECT count(*) FROM card_payments WHERE family_subject = 'fam-card-1'"));
    }

    [Fact]
    public async Task A_reused_authorization_credits_once()
    {
        using var family = api.Family("fam-card-2");
        var before = await BalanceAsync("39105-274");
        var token = await api.CardTokenAsync(Approve);
        var first = await StartAsync(family, "39105-274", 2500, token, "first");
        Assert.Equal("credited", (await api.SettledPaymentAsync(first.GetProperty("id").GetInt64())).GetProperty("status").GetString());

        // The same token under a new Idempotency-Key: the processor has used it, so nothing is charged or credited.
        await (await family.PostIdempotentAsync("/deposits",
            new { personNumber = "39105-274", lastName = ApiFixture.LastNameOf("39105-274"), channel = "online", amountCents = 2500, targetAccount = "trust", authorizationReference = token }, "second"))
            .ProblemAsync(422, "card-not-accepted");
        Assert.Equal(before + 2500, await BalanceAsync("39105-274"));
    }

    [Fact]
    public async Task A_signed_event_for_a_payment_never_started_here_credits_nothing()
    {
        var before = await BalanceAsync("84088-240");
        var response = await DeliverAsync(Event("evt_forged", "payment.succeeded", "pay_made_up", 5395));
        await response.ProblemAsync(409, "unknown-payment");
        Assert.Equal(before, await BalanceAsync("84088-240"));
        Assert.Equal(0L, await EntriesAsync("pay_made_up"));
    }

    [Fact]
    public async Task A_confirmed_payment_credits_once_however_many_times_and_however_concurrently_its_event_arrives()
    {
        using var family = api.Family("fam-card-3");
        var before = await BalanceAsync("30094-923");
        var started = await StartAsync(family, "30094-923", 700, await api.CardTokenAsync(Approve));
        var paymentId = started.GetProperty("paymentId").GetString()!;
        var charged = started.GetProperty("chargedCents").GetInt64();

        // The processor's own delivery, repeated by the processor, and 24 signed copies at once, two event ids.
        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => DeliverAsync(Event(i % 2 == 0 ? "evt_copy_a" : "evt_copy_b", "payment.succeeded", paymentId, charged))));
        Assert.All(responses, r => Assert.Equal(200, (int)r.StatusCode));
        var outcomes = (await Task.WhenAll(responses.Select(r => r.OkJsonAsync()))).Select(j => j.GetProperty("outcome").GetString()).ToList();
        Assert.All(outcomes, o => Assert.Contains(o, new[] { "credited", "duplicate" }));
        var settled = await api.SettledPaymentAsync(started.GetProperty("id").GetInt64());
        var events = await (await api.ProcessorClient.GetAsync("/v1/events")).OkJsonAsync();
        var own = events.EnumerateArray().Single(e => e.GetProperty("paymentId").GetString() == paymentId).GetProperty("id").GetString();
        for (var i = 0; i < 3; i++) (await api.ProcessorClient.PostAsync($"/v1/events/{own}/resend", null)).EnsureSuccessStatusCode();
        await Task.Delay(500);

        Assert.Equal("credited", settled.GetProperty("status").GetString());
        Assert.Equal(before + 700, await BalanceAsync("30094-923"));
        Assert.Equal(1L, await EntriesAsync(paymentId));
        Assert.Equal(1L, await api.ScalarAsync<long>($"SELECT count(*) FROM api.card_deposits WHERE authorization_reference = '{paymentId}'"));
        Assert.True(await api.ScalarAsync<int>($"SELECT max(deliveries) FROM processor_events WHERE payment_id = '{paymentId}'") > 1);
    }

    [Fact]
    public async Task A_bad_signature_is_refused_with_nothing_changed()
    {
        // A payment left pending (recorded directly, so that no real confirmation arrives for it).
        await api.ScalarAsync<int>("""
            INSERT INTO card_payments (processor, payment_id, family_subject, idempotency_key, request_hash, person_number, facility_code, channel,
                target_account, amount_cents, fee_cents, status)
            VALUES ('dev', 'pay_pending_sig', 'fam-card-4', 'k', 'h', '44102-801', 'FCI-LOR', 'online', 'trust', 1000, 395, 'pending') RETURNING 1
            """);
        var before = await BalanceAsync("44102-801");
        var body = Event("evt_sig", "payment.succeeded", "pay_pending_sig", 1395);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var tampered = Event("evt_sig", "payment.succeeded", "pay_pending_sig", 139_500);

        await (await DeliverAsync(body, ProcessorSignature.HeaderValue("not-the-secret", now, body))).ProblemAsync(400, "invalid-signature");
        await (await DeliverAsync(tampered, ProcessorSignature.HeaderValue(ApiFixture.WebhookSecret, now, body))).ProblemAsync(400, "invalid-signature");
        await (await DeliverAsync(body, ProcessorSignature.HeaderValue(ApiFixture.WebhookSecret, now - 3600, body))).ProblemAsync(400, "invalid-signature");
        await (await DeliverAsync(body, "")).ProblemAsync(400, "invalid-signature");
        await (await DeliverAsync(body, $"t={now},v1=" + new string('0', 64))).ProblemAsync(400, "invalid-signature");

        Assert.Equal(before, await BalanceAsync("44102-801"));
        Assert.Equal(0L, await EntriesAsync("pay_pending_sig"));
        Assert.Equal("pending", await api.ScalarAsync<string>("SELECT status FROM card_payments WHERE payment_id = 'pay_pending_sig'"));
        Assert.Equal(0L, await api.ScalarAsync<long>("SELECT count(*) FROM processor_events WHERE payment_id = 'pay_pending_sig'"));

        // A chargeback that overtakes the confirmation is asked for again later, and changes nothing now.
        await (await DeliverAsync(Event("evt_early_dispute", "payment.disputed", "pay_pending_sig", 1395))).ProblemAsync(409, "payment-not-confirmed");
        Assert.Equal("pending", await api.ScalarAsync<string>("SELECT status FROM card_payments WHERE payment_id = 'pay_pending_sig'"));

        // The same event, properly signed, is taken: the refusals above were the signature's doing.
        (await DeliverAsync(body)).EnsureSuccessStatusCode();
        Assert.Equal(before + 1000, await BalanceAsync("44102-801"));
        (await DeliverAsync(Event("evt_early_dispute", "payment.disputed", "pay_pending_sig", 1395))).EnsureSuccessStatusCode();
        Assert.Equal(before, await BalanceAsync("44102-801"));
    }

    [Fact]
    public async Task A_declined_card_credits_nothing()
    {
        using var family = api.Family("fam-card-5");
        var before = await BalanceAsync("54495-167");
        var started = await StartAsync(family, "54495-167", 4000, await api.CardTokenAsync(Decline));
        var settled = await api.SettledPaymentAsync(started.GetProperty("id").GetInt64());

        Assert.Equal("declined", settled.GetProperty("status").GetString());
        Assert.Equal("card_declined", settled.GetProperty("statusReason").GetString());
        Assert.Equal(before, await BalanceAsync("54495-167"));
        Assert.Equal(0L, await EntriesAsync(started.GetProperty("paymentId").GetString()!));

        // A success event for it afterwards (a confused or replayed delivery) changes nothing either.
        var late = await (await DeliverAsync(Event("evt_late", "payment.succeeded", started.GetProperty("paymentId").GetString()!,
            started.GetProperty("chargedCents").GetInt64()))).OkJsonAsync();
        Assert.Equal("duplicate", late.GetProperty("outcome").GetString());
        Assert.Equal(before, await BalanceAsync("54495-167"));
    }

    [Fact]
    public async Task A_chargeback_reverses_the_credit()
    {
        using var family = api.Family("fam-card-6");
        var before = await BalanceAsync("77690-132");
        var started = await StartAsync(family, "77690-132", 3000, await api.CardTokenAsync(ChargeBack));
        var id = started.GetProperty("id").GetInt64();
        Assert.Equal("credited", (await api.SettledPaymentAsync(id)).GetProperty("status").GetString());
        Assert.Equal(before + 3000, await BalanceAsync("77690-132"));

        // The test card is disputed a second later.
        var reversed = await api.SettledPaymentAsync(id, until: "credited");
        Assert.Equal("charged_back", reversed.GetProperty("status").GetString());
        Assert.Equal(before, await BalanceAsync("77690-132"));
        var paymentId = started.GetProperty("paymentId").GetString()!;
        Assert.Equal(reversed.GetProperty("creditEntryId").GetInt64(),
            await api.ScalarAsync<long>($"SELECT reverses_entry_id FROM journal_entries WHERE idempotency_key = 'card-reversal:{paymentId}'"));
        var report = await api.Service<LedgerVerifier>().VerifyAsync();
        Assert.True(report.Passed, string.Join("; ", report.Checks.Where(c => !c.Passed)));
    }

    [Fact]
    public async Task A_chargeback_after_the_money_was_spent_takes_what_is_left_and_books_the_rest_as_owed_by_the_family()
    {
        using var family = api.Family("fam-card-7");
        const string person = "91229-206";
        var started = await StartAsync(family, person, 5000, await api.CardTokenAsync(Approve));
        var id = started.GetProperty("id").GetInt64();
        var charged = started.GetProperty("chargedCents").GetInt64();
        Assert.Equal("credited", (await api.SettledPaymentAsync(id)).GetProperty("status").GetString());

        // The person moves all but 10.00 of their trust to media (spent, as far as trust is concerned).
        var trust = await BalanceAsync(person);
        using var resident = api.Resident(person);
        (await resident.PostIdempotentAsync($"/people/{person}/transfers/trust-to-media", new { amountCents = trust - 1000 }, "spend")).EnsureSuccessStatusCode();

        (await api.ProcessorClient.PostAsync($"/v1/payments/{started.GetProperty("paymentId").GetString()}/disputes", null)).EnsureSuccessStatusCode();
        var reversed = await api.SettledPaymentAsync(id, until: "credited");

        Assert.Equal("charged_back", reversed.GetProperty("status").GetString());
        Assert.Equal(0, await BalanceAsync(person));
        var entry = reversed.GetProperty("reversalEntryId").GetInt64();
        var receivable = await api.ScalarAsync<long>($"""
            SELECT p.amount_cents FROM postings p JOIN accounts a ON a.id = p.account_id WHERE p.entry_id = {entry} AND a.kind = 'chargeback_receivable'
            """);
        var clearing = await api.ScalarAsync<long>($"""
            SELECT p.amount_cents FROM postings p JOIN accounts a ON a.id = p.account_id WHERE p.entry_id = {entry} AND a.kind = 'card_clearing'
            """);
        Assert.Equal(-(5000 - 1000), receivable);
        Assert.Equal(charged, clearing);
        var report = await api.Service<LedgerVerifier>().VerifyAsync();
        Assert.True(report.Passed, string.Join("; ", report.Checks.Where(c => !c.Passed)));
    }

    [Fact]
    public async Task A_refund_reverses_the_credit_once()
    {
        using var family = api.Family("fam-card-8");
        var before = await BalanceAsync("44730-254");
        var started = await StartAsync(family, "44730-254", 1200, await api.CardTokenAsync(Approve));
        var id = started.GetProperty("id").GetInt64();
        await api.SettledPaymentAsync(id);
        var paymentId = started.GetProperty("paymentId").GetString()!;
        (await api.ProcessorClient.PostAsync($"/v1/payments/{paymentId}/refunds", null)).EnsureSuccessStatusCode();
        var refunded = await api.SettledPaymentAsync(id, until: "credited");
        Assert.Equal("refunded", refunded.GetProperty("status").GetString());

        var again = await (await DeliverAsync(Event("evt_refund_again", "payment.refunded", paymentId, started.GetProperty("chargedCents").GetInt64()))).OkJsonAsync();
        Assert.Equal("duplicate", again.GetProperty("outcome").GetString());
        Assert.Equal(before, await BalanceAsync("44730-254"));
        Assert.Equal(2L, await EntriesAsync(paymentId));
    }
}
