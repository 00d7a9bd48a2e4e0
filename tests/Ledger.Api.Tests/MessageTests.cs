using System.Net.Http.Json;
using Hangfire;
using Ledger.Api.Features.Messages;
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

    private static object FromFamily(string body, string person = Person) => new { personNumber = person, body, authorizationReference = "AUTH-STAMPS" };

    [Fact]
    public async Task A_family_pays_one_stamp_per_6000_characters_by_card()
    {
        var family = await api.FamilyWithContactAsync(Person);
        using var client = api.Family(family);
        var json = await (await client.PostIdempotentAsync("/messages", FromFamily(new string('x', 6_001)), "m1")).OkJsonAsync();

        Assert.Equal(2, json.GetProperty("stamps").GetInt32());
        Assert.Equal(70, json.GetProperty("totalCents").GetInt64());
        Assert.Equal("in_screening", json.GetProperty("status").GetString());
        var id = json.GetProperty("id").GetInt64();
        Assert.Equal(-70L, await api.ScalarAsync<long>($"""
            SELECT p.amount_cents FROM postings p JOIN journal_entries e ON e.id = p.entry_id JOIN accounts a ON a.id = p.account_id
            WHERE e.idempotency_key = 'stamps:{id}' AND a.kind = 'card_clearing'
            """));

        // The same request again is the same message, paid once.
        var again = await (await client.PostIdempotentAsync("/messages", FromFamily(new string('x', 6_001)), "m1")).OkJsonAsync();
        Assert.Equal(id, again.GetProperty("id").GetInt64());
        Assert.Equal(1L, await api.ScalarAsync<long>($"SELECT count(*) FROM journal_entries WHERE idempotency_key = 'stamps:{id}'"));
        await (await client.PostIdempotentAsync("/messages", FromFamily("other"), "m1")).ProblemAsync(409, "idempotency-key-reused");
    }

    [Fact]
    public async Task Only_approved_contacts_can_write()
    {
        using var stranger = api.Family("fam-not-a-contact");
        await (await stranger.PostIdempotentAsync("/messages", FromFamily("hi"), "s")).ProblemAsync(403, "forbidden");
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
        var sent = await (await sender.PostIdempotentAsync("/messages", FromFamily("see you sunday"), "d1")).OkJsonAsync();
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
