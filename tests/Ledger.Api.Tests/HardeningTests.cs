using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ledger.Data.Services;
using Ledger.Data.Services.Auth;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests;

/// <summary>The holes found in review (issue #15), each shown closed.</summary>
public class HardeningTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Behind_a_tls_proxy_the_forwarded_scheme_is_believed_and_https_answers_carry_hsts()
    {
        using var client = api.Anonymous();
        using var plain = new HttpRequestMessage(HttpMethod.Get, "http://ledger.example/health/live");
        Assert.False((await client.SendAsync(plain)).Headers.Contains("Strict-Transport-Security"));

        using var proxied = new HttpRequestMessage(HttpMethod.Get, "http://ledger.example/health/live");
        proxied.Headers.Add("X-Forwarded-Proto", "https");
        proxied.Headers.Add("X-Forwarded-For", "203.0.113.9");
        var answer = await client.SendAsync(proxied);
        var hsts = Assert.Single(answer.Headers.GetValues("Strict-Transport-Security"));
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_a_413_problem_before_it_is_read()
    {
        using var resident = api.Resident("12345-678");
        var huge = new string('x', 2 * 1024 * 1024);
        using var content = new StringContent(JsonSerializer.Serialize(new { kind = "support", subject = "Big", body = huge }), System.Text.Encoding.UTF8, "application/json");
        var refused = await resident.PostAsync("/requests", content);
        await refused.ProblemAsync(413, "payload-too-large");
        // Under the byte cap but over a request's length: refused, not stored.
        var tooLong = await resident.PostAsJsonAsync("/requests", new { kind = "support", subject = "Long", body = new string('y', 20_001) });
        await tooLong.ProblemAsync(422, "request-too-long");
        Assert.Equal(0L, await api.ScalarAsync<long>("SELECT count(*) FROM api.resident_requests WHERE length(body) > 20000"));
    }

    [Fact]
    public async Task Concurrent_reschedules_of_one_visit_never_free_a_seat_twice()
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5);
        using var staff = api.Staff("FCI-LOR");
        var slots = (await (await staff.PostAsJsonAsync("/facilities/FCI-LOR/visit-slots", new
        {
            fromDate = day, toDate = day, weekdays = new[] { day.DayOfWeek.ToString() }, startTimes = new[] { "08:00", "09:00", "10:00", "11:00", "12:00" },
            durationMinutes = 30, capacity = 3,
        })).OkJsonAsync()).EnumerateArray().Select(s => s.GetProperty("id").GetInt64()).ToArray();
        var family = await api.FamilyWithContactAsync("19293-898");
        using var client = api.Family(family);
        var visit = (await (await client.PostAsJsonAsync("/visits", new { slotId = slots[0], personNumber = "19293-898" })).OkJsonAsync()).GetProperty("id").GetInt64();

        for (var round = 0; round < 4; round++)
        {
            var moves = await Task.WhenAll(slots.Skip(1).Select(s => client.PutAsJsonAsync($"/visits/{visit}", new { slotId = s })));
            Assert.All(moves, m => Assert.True((int)m.StatusCode is 200 or 409 or 422, m.StatusCode.ToString()));
        }

        // Every seat taken is a booking, and the one booking holds exactly one seat.
        var ids = string.Join(",", slots);
        Assert.Equal(1L, await api.ScalarAsync<long>($"SELECT sum(booked) FROM api.visit_slots WHERE id IN ({ids})"));
        Assert.Equal(0L, await api.ScalarAsync<long>($"""
            SELECT count(*) FROM api.visit_slots s
            WHERE s.id IN ({ids}) AND s.booked <> (SELECT count(*) FROM api.visit_bookings b WHERE b.slot_id = s.id AND b.status = 'booked')
            """));
    }

    [Fact]
    public async Task Racing_first_inserts_answer_409_never_500()
    {
        using var ops = api.Operations();
        using var staff = api.Staff("FCI-ALI");
        for (var round = 0; round < 3; round++)
        {
            var family = $"fam-race-{round}";
            var families = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ops.PostAsJsonAsync("/families", new { subject = family, displayName = "Race" })));
            Assert.All(families, r => Assert.True((int)r.StatusCode is 201 or 409, r.StatusCode.ToString()));
            Assert.Single(families, r => r.StatusCode == HttpStatusCode.Created);

            var contacts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ops.PostAsJsonAsync($"/families/{family}/contacts", new { personNumber = "12345-678" })));
            Assert.All(contacts, r => Assert.True((int)r.StatusCode is 200 or 409, r.StatusCode.ToString()));

            var kind = new[] { "medical", "grievance", "classification" }[round];
            var deadlines = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => staff.PutAsJsonAsync($"/facilities/FCI-ALI/request-deadlines/{kind}", new { hours = 10 + i })));
            Assert.All(deadlines, r => Assert.True((int)r.StatusCode is 200 or 409, r.StatusCode.ToString()));

            var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20 + round);
            var publish = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => staff.PostAsJsonAsync("/facilities/FCI-ALI/visit-slots", new
            {
                fromDate = day, toDate = day, weekdays = new[] { day.DayOfWeek.ToString() }, startTimes = new[] { "14:00" }, durationMinutes = 30, capacity = 2,
            })));
            Assert.All(publish, r => Assert.True((int)r.StatusCode is 200 or 409, r.StatusCode.ToString()));
        }
    }

    [Fact]
    public async Task A_catalog_item_whose_audit_row_cannot_be_written_is_not_added_either()
    {
        // The audit table refuses this one action for the test's duration: the item must not stay behind without it.
        await api.ScalarAsync<int>("ALTER TABLE api.audit_log ADD CONSTRAINT test_no_catalog_audit CHECK (action <> 'media.catalog.add') NOT VALID; SELECT 1");
        try
        {
            using var ops = api.Operations();
            var answer = await ops.PostAsJsonAsync("/media/catalog", new { facilityCode = "FCI-LOR", kind = "song", title = "Unaudited Song", priceCents = 129 });
            Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
        }
        finally
        {
            await api.ScalarAsync<int>("ALTER TABLE api.audit_log DROP CONSTRAINT test_no_catalog_audit; SELECT 1");
        }
        Assert.Equal(0L, await api.ScalarAsync<long>("SELECT count(*) FROM api.media_items WHERE title = 'Unaudited Song'"));
    }

    [Fact]
    public async Task Staff_created_or_changed_is_audited_without_secrets()
    {
        await api.InScopeAsync(s => s.GetRequiredService<SignInAccounts>().SaveStaffAsync("audited.one", "Audited", "accountant", ["FCI-LOR"],
            "correct horse battery", new("cli:root", "operations")));
        await api.InScopeAsync(s => s.GetRequiredService<SignInAccounts>().SaveStaffAsync("audited.one", "Audited", "accountant", ["FCI-LOR", "MCC-CHI"],
            "correct horse battery 2", new("cli:root", "operations")));
        Assert.Equal(1L, await api.ScalarAsync<long>("SELECT count(*) FROM api.audit_log WHERE action = 'staff.create' AND entity_id = 'staff:audited.one' AND actor_subject = 'cli:root'"));
        var change = await api.ScalarAsync<string>("SELECT after::text FROM api.audit_log WHERE action = 'staff.change' AND entity_id = 'staff:audited.one'");
        Assert.Contains("MCC-CHI", change, StringComparison.Ordinal);
        Assert.DoesNotContain("pbkdf2", change, StringComparison.Ordinal);
    }
}

/// <summary>The API on a clock the test moves, for the page session's absolute limit.</summary>
public sealed class MovableClockFixture : ApiFixture
{
    public MovableClock Clock { get; } = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Pages = Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock)));
    }

    public WebApplicationFactory<Program> Pages { get; private set; } = null!;
}

public sealed class MovableClock : TimeProvider
{
    private TimeSpan _offset;
    public void Advance(TimeSpan by) => _offset += by;
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
}

public class StaffCookieTests(MovableClockFixture api) : IClassFixture<MovableClockFixture>
{
    private async Task<HttpClient> SignedInPagesAsync(string user)
    {
        var client = api.Pages.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler());
        var form = await client.GetStringAsync("/operations/sign-in");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var answer = await client.PostAsync("/operations/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = user, ["password"] = "correct horse battery", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var cookie = Assert.Single(answer.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-ledger-staff=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        return client;
    }

    [Fact]
    public async Task An_active_page_session_still_ends_at_the_absolute_limit()
    {
        await api.InScopeAsync(s => s.GetRequiredService<SignInAccounts>().SaveStaffAsync("busy.accountant", "", "accountant", ["FCI-LOR"],
            "correct horse battery", new("cli:test", "operations")));
        using var client = await SignedInPagesAsync("busy.accountant");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/operations/statements")).StatusCode);

        // Busy all day: a page every 40 minutes keeps the sliding hour alive, until ten hours after sign-in.
        var elapsed = TimeSpan.Zero;
        while (elapsed + TimeSpan.FromMinutes(40) < TimeSpan.FromHours(10))
        {
            api.Clock.Advance(TimeSpan.FromMinutes(40));
            elapsed += TimeSpan.FromMinutes(40);
            var page = await client.GetAsync("/operations/statements");
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"after {elapsed}: {(int)page.StatusCode} {page.Headers.Location}");
        }
        api.Clock.Advance(TimeSpan.FromMinutes(40));
        var after = await client.GetAsync("/operations/statements");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/operations/sign-in", after.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_demoted_member_of_staff_loses_the_pages_without_signing_out()
    {
        await api.InScopeAsync(s => s.GetRequiredService<SignInAccounts>().SaveStaffAsync("demoted.one", "", "accountant", ["FCI-LOR"],
            "correct horse battery", new("cli:test", "operations")));
        using var client = await SignedInPagesAsync("demoted.one");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/operations/statements")).StatusCode);
        await api.InScopeAsync(s => s.GetRequiredService<SignInAccounts>().SaveStaffAsync("demoted.one", "", "staff", ["FCI-LOR"],
            "correct horse battery", new("cli:test", "operations")));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var after = await client.GetAsync("/operations/statements");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/operations/sign-in", after.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
