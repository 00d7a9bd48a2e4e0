using System.Net.Http.Json;
using Hangfire;
using System.Text.Json;
using Ledger.Api.Features.CardPayments;
using Ledger.Api.Features.Messages;
using Ledger.Data.Verification;
using Ledger.Api.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests;

public class StampArithmeticTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(5_999, 1)]
    [InlineData(6_000, 1)]
    [InlineData(6_001, 2)]
    [InlineData(12_000, 2)]
    [InlineData(12_001, 3)]
    [InlineData(60_000, 10)]
    public void One_stamp_per_6000_characters_or_part(int characters, int stamps) => Assert.Equal(stamps, Stamps.For(characters));

    [Fact]
    public void Characters_are_counted_as_unicode_scalars_not_utf16_units() =>
        Assert.Equal(6_000, Stamps.Characters(new string('a', 5_999) + "😀"));
}

public class MessageTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Person = "12345-678"; // FCI-LOR: stamps 0.35, delivery 08-20 (Eastern)

    private async Task<long> BalanceAsync(string person, string account)
    {
        using var ops = api.Operations();
        var json = await (await ops.GetAsync($"/people/{person}/balances")).OkJsonAsync();
        return json.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("account").GetString() == account).GetProperty("balanceCents").GetInt64();
    }

    private static object FromFamily(string body, string token, string person = Person) => new { personNumber = person, body, authorizationReference = token };

    /// <summary>The processor payment id the message's stamps were taken under.</summary>
    private Task<string> PaymentIdAsync(long messageId) => api.ScalarAsync<string>($"SELECT payment_id FROM card_payments WHERE message_id = {messageId}");

    [Fact]
    public async Task A_family_pays_one_stamp_per_6000_characters_by_card_charged_only_on_the_processors_confirmation()
    {
        var family = await api.FamilyWithContactAsync(Person);
        using var client = api.Family(family);
        var token = await api.CardTokenAsync();
        var json = await (await client.PostIdempotentAsync("/messages", FromFamily(new string('x', 6_001), token), "m1")).OkJsonAsync();

        Assert.Equal(2, json.GetProperty("stamps").GetInt32());
        Assert.Equal(70, json.GetProperty("totalCents").GetInt64());
        var id = json.GetProperty("id").GetInt64();
        var paid = await ApiFixture.MessageAfterPaymentAsync(client, id);
        Assert.Equal("in_screening", paid.GetProperty("status").GetString());
        var paymentId = await PaymentIdAsync(id);
        // The card was charged the quote: 2 stamps at FCI-LOR's 0.35, no fee.
        Assert.Equal(70L, await api.ScalarAsync<long>($"SELECT amount_cents + fee_cents FROM card_payments WHERE message_id = {id}"));
        Assert.Equal(-70L, await api.ScalarAsync<long>($"""
            SELECT p.amount_cents FROM postings p JOIN journal_entries e ON e.id = p.entry_id JOIN accounts a ON a.id = p.account_id
            WHERE e.idempotency_key = 'card-payment:{paymentId}' AND a.kind = 'card_clearing'
            """));

        // The same request again is the same message, paid once.
        var again = await (await client.PostIdempotentAsync("/messages", FromFamily(new string('x', 6_001), token), "m1")).OkJsonAsync();
        Assert.Equal(id, again.GetProperty("id").GetInt64());
        Assert.Equal(1L, await api.ScalarAsync<long>($"SELECT count(*) FROM card_payments WHERE family_subject = '{family}'"));
        Assert.Equal(1L, await api.ScalarAsync<long>($"SELECT count(*) FROM journal_entries WHERE idempotency_key LIKE '%{paymentId}'"));
        await (await client.PostIdempotentAsync("/messages", FromFamily("other", token), "m1")).ProblemAsync(409, "idempotency-key-reused");
    }

    [Fact]
    public async Task A_made_up_card_token_never_posts_and_the_message_is_never_delivered()
    {
        var family = await api.FamilyWithContactAsync(Person);
        using var client = api.Family(family);
        var entries = await api.ScalarAsync<long>("SELECT count(*) FROM journal_entries");

        await (await client.PostIdempotentAsync("/messages", FromFamily("free mail?", "AUTH-MADE-UP"), "fake")).ProblemAsync(422, "card-not-accepted");
        // Again under the same key: the same refusal, and the processor is not asked to charge anything new.
        await (await client.PostIdempotentAsync("/messages", FromFamily("free mail?", "AUTH-MADE-UP"), "fake")).ProblemAsync(422, "card-not-accepted");

        var id = await api.ScalarAsync<long>($"SELECT id FROM api.messages WHERE sender_subject = '{family}'");
        Assert.Equal("payment_refused", await api.ScalarAsync<string>($"SELECT status FROM api.messages WHERE id = {id}"));
        Assert.Equal(0L, await api.ScalarAsync<long>($"SELECT count(*) FROM card_payments WHERE family_subject = '{family}'"));
        Assert.Equal(entries, await api.ScalarAsync<long>("SELECT count(*) FROM journal_entries"));
        using var staff = api.Staff("FCI-LOR");
        var queue = await (await staff.GetAsync("/screening/messages")).OkJsonAsync();
        Assert.DoesNotContain(queue.EnumerateArray(), m => m.GetProperty("id").GetInt64() == id);
        await (await staff.PostAsync($"/screening/messages/{id}/approve", null)).ProblemAsync(409, "already-screened");
        using var scope = api.Factory.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<MessageDeliveryJob>().DeliverAtAsync(id, DateTimeOffset.UtcNow));
        using var resident = api.Resident(Person);
        await (await resident.GetAsync($"/messages/{id}")).ProblemAsync(404);
    }

    [Fact]
    public async Task A_family_message_left_unpaid_before_the_processor_is_paid_through_it_never_from_card_clearing_alone()
    {
        var family = await api.FamilyWithContactAsync(Person);
        using var client = api.Family(family);
        var token = await api.CardTokenAsync();
        // A row as the old send path left it when it stopped before charging: pending_payment, paid by family card.
        var hash = Idempotency.Hash(new SendMessageRequest(Person, null, "from before", token));
        var id = await api.ScalarAsync<long>($"""
            INSERT INTO api.messages (facility_code, person_number, family_subject, direction, sender_subject, idempotency_key, request_hash, body,
                characters, stamps, stamp_price_cents, paid_by, status, created_at)
            VALUES ('FCI-LOR', '{Person}', '{family}', 'to_resident', '{family}', 'legacy', '{hash}', 'from before', 11, 1, 35, 'family_card', 'pending_payment', now())
            RETURNING id
            """);

        var sent = await (await client.PostIdempotentAsync("/messages", FromFamily("from before", token), "legacy")).OkJsonAsync();
        Assert.Equal(id, sent.GetProperty("id").GetInt64());
        Assert.Equal("in_screening", (await ApiFixture.MessageAfterPaymentAsync(client, id)).GetProperty("status").GetString());
        Assert.Equal(0L, await api.ScalarAsync<long>($"SELECT count(*) FROM journal_entries WHERE idempotency_key = 'stamps:{id}'"));
        Assert.Equal(1L, await api.ScalarAsync<long>($"SELECT count(*) FROM journal_entries WHERE idempotency_key = 'card-payment:{await PaymentIdAsync(id)}'"));
    }

    [Fact]
    public async Task A_declined_card_charges_nothing_and_the_message_is_never_delivered()
    {
        var family = await api.FamilyWithContactAsync(Person);
        using var client = api.Family(family);
        var message = await api.SendPaidMessageAsync(client, Person, "declined", "dec", card: "4000000000000002");
        var id = message.GetProperty("id").GetInt64();

        Assert.Equal("payment_declined", message.GetProperty("status").GetString());
        Assert.Equal("declined", await api.ScalarAsync<string>($"SELECT status FROM card_payments WHERE message_id = {id}"));
        Assert.Equal(0L, await api.ScalarAsync<long>($"SELECT count(*) FROM journal_entries WHERE idempotency_key LIKE '%{await PaymentIdAsync(id)}'"));
        using var staff = api.Staff("FCI-LOR");
        await (await staff.PostAsync($"/screening/messages/{id}/approve", null)).ProblemAsync(409, "already-screened");
    }

    [Fact]
    public async Task The_stamps_are_charged_once_however_many_times_and_however_concurrently_the_confirmation_arrives()
    {
        var family = await api.FamilyWithContactAsync(Person);
        using var client = api.Family(family);
        // Sent, and at once 24 signed copies of its confirmation race the processor's own delivery.
        var sent = await (await client.PostIdempotentAsync("/messages", FromFamily("once", await api.CardTokenAsync()), "once")).OkJsonAsync();
        var id = sent.GetProperty("id").GetInt64();
        var paymentId = await PaymentIdAsync(id);

        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id = "evt_stamps_copy", type = "payment.succeeded", created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            data = new { paymentId, amount = 35L, currency = "usd", reason = (string?)null },
        });
        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
        {
            using var anonymous = api.Anonymous();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/processor/events") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add(ProcessorSignature.Header, ProcessorSignature.HeaderValue(ApiFixture.WebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));
            return await anonymous.SendAsync(request);
        }));
        var outcomes = new List<string>();
        foreach (var r in responses) outcomes.Add((await r.OkJsonAsync()).GetProperty("outcome").GetString()!);
        Assert.All(outcomes, o => Assert.Contains(o, new[] { "stamps_paid", "duplicate" }));
        Assert.True(outcomes.Count(o => o == "stamps_paid") <= 1);
        await ApiFixture.MessageAfterPaymentAsync(client, id);

        Assert.Equal(1L, await api.ScalarAsync<long>($"SELECT count(*) FROM journal_entries WHERE idempotency_key LIKE '%{paymentId}'"));
        Assert.Equal(await api.ScalarAsync<long>($"SELECT id FROM journal_entries WHERE idempotency_key = 'card-payment:{paymentId}'"),
            await api.ScalarAsync<long>($"SELECT charge_entry_id FROM api.messages WHERE id = {id}"));
        Assert.Equal("in_screening", (await (await client.GetAsync($"/messages/{id}")).OkJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_card_paid_message_rejected_in_screening_is_refunded_through_the_processor()
    {
        var family = await api.FamilyWithContactAsync(Person);
        using var client = api.Family(family);
        var message = await api.SendPaidMessageAsync(client, Person, "escape plan", "rej");
        var id = message.GetProperty("id").GetInt64();
        var paymentId = await PaymentIdAsync(id);

        using var staff = api.Staff("FCI-LOR");
        var rejected = await (await staff.PostAsJsonAsync($"/screening/messages/{id}/reject", new { reason = "Security concern" })).OkJsonAsync();
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        var payment = await api.SettledPaymentAsync(await api.ScalarAsync<long>($"SELECT id FROM card_payments WHERE message_id = {id}"), until: "credited");

        Assert.Equal("refunded", payment.GetProperty("status").GetString());
        var processor = await (await api.ProcessorClient.GetAsync($"/v1/payments/{paymentId}")).OkJsonAsync();
        Assert.Equal("refunded", processor.GetProperty("status").GetString());
        Assert.Equal(payment.GetProperty("creditEntryId").GetInt64(),
            await api.ScalarAsync<long>($"SELECT reverses_entry_id FROM journal_entries WHERE idempotency_key = 'card-reversal:{paymentId}'"));
        Assert.Equal(0L, await api.ScalarAsync<long>($"""
            SELECT coalesce(sum(p.amount_cents), 0)::bigint FROM postings p JOIN journal_entries e ON e.id = p.entry_id JOIN accounts a ON a.id = p.account_id
            WHERE e.idempotency_key LIKE '%{paymentId}' AND a.kind = 'stamp_revenue'
            """));
        Assert.Equal("rejected", (await (await client.GetAsync($"/messages/{id}")).OkJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_chargeback_before_delivery_reverses_the_stamps_and_stops_the_message()
    {
        var family = await api.FamilyWithContactAsync(Person);
        using var client = api.Family(family);
        var message = await api.SendPaidMessageAsync(client, Person, "disputed later", "cb", card: "4000000000000259");
        var id = message.GetProperty("id").GetInt64();
        Assert.Equal("in_screening", message.GetProperty("status").GetString());

        // The test card is disputed a second after it was paid.
        var stopped = await ApiFixture.MessageAfterPaymentAsync(client, id, until: "in_screening");
        Assert.Equal("payment_reversed", stopped.GetProperty("status").GetString());
        Assert.Equal("charged_back", await api.ScalarAsync<string>($"SELECT status FROM card_payments WHERE message_id = {id}"));
        using var staff = api.Staff("FCI-LOR");
        await (await staff.PostAsync($"/screening/messages/{id}/approve", null)).ProblemAsync(409, "already-screened");
        var report = await api.Service<LedgerVerifier>().VerifyAsync();
        Assert.True(report.Passed, string.Join("; ", report.Checks.Where(c => !c.Passed)));
    }

    [Fact]
    public async Task Only_approved_contacts_can_write()
    {
        using var stranger = api.Family("fam-not-a-contact");
        await (await stranger.PostIdempotentAsync("/messages", FromFamily("hi", "tok_never_used"), "s")).ProblemAsync(403, "forbidden");
        using var resident = api.Resident("84088-240");
        await (await resident.PostIdempotentAsync("/messages", new { familySubject = "fam-not-a-contact", body = "hi" }, "s")).ProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task A_resident_reply_is_paid_from_media_and_refused_without_the_money()
    {
        const string person = "84221-428";
        var family = await api.FamilyWithContactAsync(person);
        using var resident = api.Resident(person);

        await (await resident.PostIdempotentAsync("/messages", new { familySubject = family, body = "hello" }, "r1")).ProblemAsync(409, "insufficient-funds");

        await api.DepositAsync(person, 100, "media");
        var json = await (await resident.PostIdempotentAsync("/messages", new { familySubject = family, body = new string('y', 7_000) }, "r2")).OkJsonAsync();
        Assert.Equal("resident_media", json.GetProperty("paidBy").GetString());
        Assert.Equal(100 - 70, await BalanceAsync(person, "media"));
    }

    [Fact]
    public async Task A_rejected_message_is_refunded_and_never_delivered()
    {
        const string person = "63019-966";
        var family = await api.FamilyWithContactAsync(person);
        await api.DepositAsync(person, 500, "media");
        using var resident = api.Resident(person);
        var sent = await (await resident.PostIdempotentAsync("/messages", new { familySubject = family, body = "escape plan" }, "x")).OkJsonAsync();
        var id = sent.GetProperty("id").GetInt64();
        Assert.Equal(465, await BalanceAsync(person, "media"));

        using var otherStaff = api.Staff("FCI-ALI");
        await (await otherStaff.PostAsJsonAsync($"/screening/messages/{id}/reject", new { reason = "no" })).ProblemAsync(404);
        using var staff = api.Staff("FCI-LOR");
        await (await staff.PostAsJsonAsync($"/screening/messages/{id}/reject", new { reason = " " })).ProblemAsync(422, "reason-required");
        var queue = await (await staff.GetAsync("/screening/messages")).OkJsonAsync();
        Assert.Contains(queue.EnumerateArray(), m => m.GetProperty("id").GetInt64() == id);

        var rejected = await (await staff.PostAsJsonAsync($"/screening/messages/{id}/reject", new { reason = "Security concern" })).OkJsonAsync();
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal("Security concern", rejected.GetProperty("rejectionReason").GetString());
        Assert.Equal(500, await BalanceAsync(person, "media"));
        await (await staff.PostAsync($"/screening/messages/{id}/approve", null)).ProblemAsync(409, "already-screened");

        using var recipient = api.Family(family);
        await (await recipient.GetAsync($"/messages/{id}")).ProblemAsync(404);
        var audit = await api.ScalarAsync<long>($"SELECT count(*) FROM api.audit_log WHERE action = 'message.reject' AND entity_id = '{id}' AND actor_subject = 'staff-FCI-LOR' AND before IS NOT NULL AND after IS NOT NULL");
        Assert.Equal(1L, audit);
    }

    [Fact]
    public async Task An_approved_message_is_delivered_by_the_job_inside_the_facility_hours_then_read()
    {
        var family = await api.FamilyWithContactAsync(Person);
        using var sender = api.Family(family);
        var sent = await api.SendPaidMessageAsync(sender, Person, "see you sunday", "d1");
        var id = sent.GetProperty("id").GetInt64();

        using var resident = api.Resident(Person);
        await (await resident.GetAsync($"/messages/{id}")).ProblemAsync(404);

        using var staff = api.Staff("FCI-LOR");
        var approved = await (await staff.PostAsync($"/screening/messages/{id}/approve", null)).OkJsonAsync();
        var deliverAfter = approved.GetProperty("deliverAfter").GetDateTimeOffset();
        var facility = (await api.Service<LedgerDirectory>().FacilityAsync("FCI-LOR", default))!;
        Assert.True(FacilityClock.InDeliveryHours(facility, deliverAfter));

        // Approval hands delivery to Hangfire: one job for this message, enqueued or scheduled.
        var monitor = api.Service<JobStorage>().GetMonitoringApi();
        var jobs = monitor.ScheduledJobs(0, 1000).Select(j => j.Value.Job).Concat(monitor.EnqueuedJobs("default", 0, 1000).Select(j => j.Value.Job));
        Assert.Contains(jobs, j => j.Method.Name == nameof(MessageDeliveryJob.DeliverAsync) && (long)j.Args[0] == id);

        // Run the job as Hangfire would, at chosen instants: outside the hours it waits, inside it delivers once.
        using var scope = api.Factory.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<MessageDeliveryJob>();
        var zone = FacilityClock.Zone(facility);
        var nextDay = TimeZoneInfo.ConvertTime(deliverAfter, zone).Date.AddDays(1);
        var night = new DateTimeOffset(nextDay.AddHours(3), zone.GetUtcOffset(nextDay.AddHours(3)));
        var noon = new DateTimeOffset(nextDay.AddHours(12), zone.GetUtcOffset(nextDay.AddHours(12)));
        Assert.False(await job.DeliverAtAsync(id, night));
        Assert.False(await job.DeliverAtAsync(id, deliverAfter.AddMinutes(-1)));
        Assert.True(await job.DeliverAtAsync(id, noon));
        Assert.False(await job.DeliverAtAsync(id, noon.AddMinutes(1)));

        var inbox = await (await resident.GetAsync("/messages")).OkJsonAsync();
        Assert.Contains(inbox.EnumerateArray(), m => m.GetProperty("id").GetInt64() == id && m.GetProperty("body").GetString() == "see you sunday");
        var notes = await (await resident.GetAsync("/notifications")).OkJsonAsync();
        Assert.Contains(notes.EnumerateArray(), n => n.GetProperty("text").GetString()!.Contains($"message {id}", StringComparison.Ordinal));

        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await (await sender.GetAsync($"/messages/{id}")).OkJsonAsync()).GetProperty("readAt").ValueKind);
        await (await sender.PostAsync($"/messages/{id}/read", null)).ProblemAsync(404);
        await (await resident.PostAsync($"/messages/{id}/read", null)).OkJsonAsync();
        var receipt = await (await sender.GetAsync($"/messages/{id}")).OkJsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.String, receipt.GetProperty("readAt").ValueKind);
    }
}
