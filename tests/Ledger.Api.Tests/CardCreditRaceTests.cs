using System.Text.Json;
using Ledger.Api.Features.CardPayments;
using Ledger.Api.Features.Deposits;
using Ledger.Data.Journal;
using Ledger.Data.Settlements;
using Ledger.Domain;
using Ledger.Domain.Accounts;

namespace Ledger.Api.Tests;

/// <summary>
/// A confirmation's credit is decided on the payment and the person as read BEFORE its one-round-trip write
/// (<see cref="ConfirmedCardDeposits.PostConfirmedInOneRoundTripAsync"/>); the write locks the person, and inserts the entry
/// only while the payment is open and the restitution state is the one decided on. These tests pin that no interleaving lets
/// two credits both take the full restitution share, nor one payment credit twice.
/// </summary>
public class CardCreditRaceTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private async Task AddPersonAsync(string number, long restitutionOwedCents)
    {
        await using var conn = await api.Db.OpenConnectionAsync();
        await using var add = new Npgsql.NpgsqlCommand($"""
            INSERT INTO people (person_number, facility_code, last_name, first_name, status, restitution_owed_cents)
            VALUES ('{number}', 'FCI-ALI', 'RACE', 'RITA', 'in_custody', {restitutionOwedCents})
            """, conn);
        await add.ExecuteNonQueryAsync();
    }

    /// <summary>A pending card payment, as the API records it once the processor has answered (fee 0, online, trust).</summary>
    private async Task AddPendingPaymentAsync(string person, string paymentId, long cents)
    {
        await using var conn = await api.Db.OpenConnectionAsync();
        await using var add = new Npgsql.NpgsqlCommand($"""
            INSERT INTO card_payments (processor, payment_id, family_subject, idempotency_key, request_hash, person_number, facility_code,
                channel, target_account, amount_cents, fee_cents, status, created_at, updated_at)
            VALUES ('dev', '{paymentId}', 'fam-{paymentId}', 'key-{paymentId}', 'hash', '{person}', 'FCI-ALI', 'online', 'trust', {cents}, 0,
                'pending', now(), now())
            """, conn);
        await add.ExecuteNonQueryAsync();
    }

    private Task<long> BalanceAsync(string person, string kind) => api.ScalarAsync<long>($"""
        SELECT coalesce((SELECT balance_cents FROM accounts WHERE owner_type = 'person' AND owner_code = '{person}' AND kind = '{kind}'), 0)
        """);

    private static ProcessorEventRecord Record(string eventId, string paymentId) =>
        new("dev", eventId, "payment.succeeded", paymentId, JsonSerializer.Serialize(new { id = eventId, data = new { paymentId } }));

    private async Task<CardCredit> CreditAsync(CardPaymentRow payment, PersonForDeposit? person, string eventId)
    {
        var deposits = api.Service<ConfirmedCardDeposits>();
        var at = DateTimeOffset.UtcNow;
        var key = ConfirmedCardDeposits.JournalKey(payment.PaymentId!);
        var credit = await deposits.PostConfirmedInOneRoundTripAsync(new ConfirmedCardPayment(payment.PersonNumber, Money.Usd(payment.AmountCents),
                Money.Usd(payment.FeeCents), AccountKinds.Parse(payment.TargetAccount), payment.PaymentId!, payment.Channel, payment.FamilySubject,
                payment.IdempotencyKey, payment.RequestHash, at),
            person, decidedOn => CardPaymentStore.CreditGuard(payment.Id, decidedOn),
            new WithEntry([CardPaymentStore.CreditedEntryCommand(payment.Id, key, at, Record(eventId, payment.PaymentId!))]), CancellationToken.None);
        Assert.True(credit.IsSuccess);
        return credit.Value!;
    }

    [Fact]
    public async Task Two_credits_decided_on_one_read_of_a_person_owing_restitution_do_not_both_take_the_full_share()
    {
        // $3 owed, less than the share a $25 deposit gives up: either credit alone would take all of it.
        await AddPersonAsync("77777-041", 300);
        await AddPendingPaymentAsync("77777-041", "pay_race_a", 2500);
        await AddPendingPaymentAsync("77777-041", "pay_race_b", 2500);
        var store = api.Service<CardPaymentStore>();
        // Both confirmations read before either writes: each would take the whole $3 still owed.
        var (a, personA) = (await store.FindForCreditAsync("dev", "pay_race_a", null, CancellationToken.None))!.Value;
        var (b, personB) = (await store.FindForCreditAsync("dev", "pay_race_b", null, CancellationToken.None))!.Value;
        Assert.Equal(300, personA!.RestitutionStillOwed.MinorUnits);
        Assert.Equal(300, personB!.RestitutionStillOwed.MinorUnits);

        var first = await CreditAsync(a, personA, "evt_race_a");
        Assert.Equal(Ledger.Domain.Journal.PostOutcome.Posted, first.Result!.Value.Outcome);
        // The second, decided on the stale read, writes nothing: no entry, no deposit row, no status, no event logged.
        var stale = await CreditAsync(b, personB, "evt_race_b");
        Assert.Null(stale.Result);
        Assert.Equal(0L, await api.ScalarAsync<long>("SELECT count(*) FROM journal_entries WHERE idempotency_key = 'card-payment:pay_race_b'"));
        Assert.Equal(0L, await api.ScalarAsync<long>("SELECT count(*) FROM api.card_deposits WHERE journal_key = 'card-payment:pay_race_b'"));
        Assert.Equal(0L, await api.ScalarAsync<long>("SELECT count(*) FROM processor_events WHERE event_id = 'evt_race_b'"));
        Assert.Equal("pending", await api.ScalarAsync<string>("SELECT status FROM card_payments WHERE payment_id = 'pay_race_b'"));

        // Read again, it decides on what the first collected: nothing more is owed.
        var (b2, personB2) = (await store.FindForCreditAsync("dev", "pay_race_b", null, CancellationToken.None))!.Value;
        Assert.Equal(0, personB2!.RestitutionStillOwed.MinorUnits);
        var second = await CreditAsync(b2, personB2, "evt_race_b");
        Assert.Equal(Ledger.Domain.Journal.PostOutcome.Posted, second.Result!.Value.Outcome);

        Assert.Equal(300, await BalanceAsync("77777-041", "restitution"));
        Assert.Equal(2 * 2500 - 300, await BalanceAsync("77777-041", "trust"));
        Assert.Equal(0L, await api.ScalarAsync<long>("""
            SELECT count(*) FROM card_payments WHERE person_number = '77777-041' AND (status <> 'credited' OR credit_entry_id IS NULL)
            """));
        Assert.Equal(300L, await api.ScalarAsync<long>("SELECT restitution_cents FROM api.card_deposits WHERE journal_key = 'card-payment:pay_race_a'"));
        Assert.Equal(0L, await api.ScalarAsync<long>("SELECT restitution_cents FROM api.card_deposits WHERE journal_key = 'card-payment:pay_race_b'"));
    }

    [Fact]
    public async Task A_credit_decided_on_a_payment_another_delivery_credited_since_writes_nothing()
    {
        await AddPersonAsync("77777-042", 0);
        await AddPendingPaymentAsync("77777-042", "pay_race_c", 1500);
        var store = api.Service<CardPaymentStore>();
        var (c, person) = (await store.FindForCreditAsync("dev", "pay_race_c", null, CancellationToken.None))!.Value;
        Assert.Equal(Ledger.Domain.Journal.PostOutcome.Posted, (await CreditAsync(c, person, "evt_race_c1")).Result!.Value.Outcome);
        // The same read again (the payment still pending in it): the entry exists, so it is a duplicate, and nothing moves twice.
        var again = await CreditAsync(c, person, "evt_race_c2");
        Assert.Equal(Ledger.Domain.Journal.PostOutcome.Duplicate, again.Result!.Value.Outcome);
        Assert.Equal(1500, await BalanceAsync("77777-042", "trust"));
        Assert.Equal(1L, await api.ScalarAsync<long>("SELECT count(*) FROM api.card_deposits WHERE journal_key = 'card-payment:pay_race_c'"));
        Assert.Equal("duplicate", await api.ScalarAsync<string>("SELECT outcome FROM processor_events WHERE event_id = 'evt_race_c2'"));
    }

    [Fact]
    public async Task Simultaneous_confirmations_for_one_person_owing_restitution_take_the_share_once_and_credit_each_payment_once()
    {
        await AddPersonAsync("77777-043", 1000);
        var payments = Enumerable.Range(0, 8).Select(i => $"pay_race_many_{i}").ToList();
        foreach (var p in payments) await AddPendingPaymentAsync("77777-043", p, 2500);

        // Every payment's confirmation twice (two event ids), all at once.
        using var client = api.Anonymous();
        var responses = await Task.WhenAll(payments.SelectMany(p => new[] { $"{p}_x", $"{p}_y" }.Select(async eventId =>
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                id = eventId, type = "payment.succeeded", created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                data = new { paymentId = eventId[..^2], amount = 2500, currency = "usd", reason = (string?)null },
            });
            using var request = new HttpRequestMessage(HttpMethod.Post, "/processor/events") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add(ProcessorSignature.Header, ProcessorSignature.HeaderValue(ApiFixture.WebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));
            var response = await client.SendAsync(request);
            return (await response.OkJsonAsync()).GetProperty("outcome").GetString();
        })));

        Assert.Equal(8, responses.Count(o => o == "credited"));
        Assert.Equal(8, responses.Count(o => o == "duplicate"));
        Assert.Equal(1000, await BalanceAsync("77777-043", "restitution"));
        Assert.Equal(8 * 2500 - 1000, await BalanceAsync("77777-043", "trust"));
        Assert.Equal(8L, await api.ScalarAsync<long>("SELECT count(*) FROM journal_entries WHERE idempotency_key LIKE 'card-payment:pay_race_many_%'"));
        Assert.Equal(8L, await api.ScalarAsync<long>("SELECT count(*) FROM api.card_deposits WHERE journal_key LIKE 'card-payment:pay_race_many_%'"));
        Assert.Equal(1000L, await api.ScalarAsync<long>("SELECT sum(restitution_cents)::bigint FROM api.card_deposits WHERE journal_key LIKE 'card-payment:pay_race_many_%'"));
        Assert.Equal(16L, await api.ScalarAsync<long>("SELECT count(*) FROM processor_events WHERE payment_id LIKE 'pay_race_many_%'"));
        Assert.Equal(0L, await api.ScalarAsync<long>("""
            SELECT count(*) FROM card_payments WHERE person_number = '77777-043' AND (status <> 'credited' OR credit_entry_id IS NULL)
            """));
    }
}
