using System.Net.Http.Json;
using System.Text.Json;

namespace Ledger.Api.Tests;

public class VisitTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly DateOnly Day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3);

    private async Task<List<JsonElement>> PublishAsync(string facility, string[] times, int capacity, int minutes = 30, int dayOffset = 0)
    {
        using var staff = api.Staff(facility);
        var day = Day.AddDays(dayOffset);
        var json = await (await staff.PostAsJsonAsync($"/facilities/{facility}/visit-slots", new
        {
            fromDate = day, toDate = day, weekdays = new[] { day.DayOfWeek.ToString() }, startTimes = times, durationMinutes = minutes, capacity,
        })).OkJsonAsync();
        return json.EnumerateArray().ToList();
    }

    private static object Book(long slot, string person) => new { slotId = slot, personNumber = person };

    [Fact]
    public async Task A_family_books_an_approved_contact_and_the_resident_is_notified()
    {
        var slot = (await PublishAsync("FCI-DUB", ["10:00"], 5, dayOffset: 1))[0].GetProperty("id").GetInt64();
        var family = await api.FamilyWithContactAsync("16225-550");
        using var client = api.Family(family);
        var visit = await (await client.PostAsJsonAsync("/visits", Book(slot, "16225-550"))).OkJsonAsync();
        Assert.Equal("booked", visit.GetProperty("status").GetString());

        using var resident = api.Resident("16225-550");
        var notes = await (await resident.GetAsync("/notifications")).OkJsonAsync();
        Assert.Contains(notes.EnumerateArray(), n => n.GetProperty("text").GetString()!.Contains("booked", StringComparison.Ordinal));
        Assert.Single((await (await resident.GetAsync("/visits")).OkJsonAsync()).EnumerateArray());

        using var stranger = api.Family("fam-stranger");
        await (await stranger.PostAsJsonAsync("/visits", Book(slot, "16225-550"))).ProblemAsync(403);
    }

    [Fact]
    public async Task Concurrent_bookings_never_exceed_a_slot_capacity()
    {
        var slot = (await PublishAsync("FCI-DUB", ["13:00"], 2, dayOffset: 2))[0].GetProperty("id").GetInt64();
        string[] people = ["93246-918", "22530-733", "61539-423", "12527-047", "32015-945", "68134-746", "45699-839", "38779-966"];
        var clients = new List<HttpClient>();
        foreach (var p in people) clients.Add(api.Family(await api.FamilyWithContactAsync(p)));

        var responses = await Task.WhenAll(clients.Select((c, i) => c.PostAsJsonAsync("/visits", Book(slot, people[i]))));
        Assert.Equal(2, responses.Count(r => (int)r.StatusCode == 201));
        foreach (var r in responses.Where(r => (int)r.StatusCode != 201)) await r.ProblemAsync(409, "slot-full");
        Assert.Equal(2, await api.ScalarAsync<int>($"SELECT booked FROM api.visit_slots WHERE id = {slot}"));
        Assert.Equal(2L, await api.ScalarAsync<long>($"SELECT count(*) FROM api.visit_bookings WHERE slot_id = {slot} AND status = 'booked'"));
        foreach (var c in clients) c.Dispose();
    }

    [Fact]
    public async Task A_resident_is_never_booked_twice_at_overlapping_times_even_concurrently()
    {
        const string person = "75059-072";
        var slots = await PublishAsync("FCI-DUB", ["09:00"], 10, minutes: 60, dayOffset: 3);
        var overlapping = await PublishAsync("FCI-DUB", ["09:30"], 10, minutes: 60, dayOffset: 3);
        var a = slots[0].GetProperty("id").GetInt64();
        var b = overlapping[0].GetProperty("id").GetInt64();
        var families = new List<HttpClient>();
        for (var i = 0; i < 6; i++) families.Add(api.Family(await api.FamilyWithContactAsync(person)));

        var responses = await Task.WhenAll(families.Select((c, i) => c.PostAsJsonAsync("/visits", Book(i % 2 == 0 ? a : b, person))));
        Assert.Equal(1, responses.Count(r => (int)r.StatusCode == 201));
        foreach (var r in responses.Where(r => (int)r.StatusCode != 201)) await r.ProblemAsync(409, "resident-double-booked");
        Assert.Equal(1L, await api.ScalarAsync<long>($"SELECT count(*) FROM api.visit_bookings WHERE person_number = '{person}' AND status = 'booked'"));
        foreach (var c in families) c.Dispose();
    }

    [Fact]
    public async Task Rescheduling_and_cancelling_free_the_seat()
    {
        const string person = "93485-397";
        var slots = await PublishAsync("FCI-DUB", ["11:00", "12:00"], 1, dayOffset: 4);
        var first = slots[0].GetProperty("id").GetInt64();
        var second = slots[1].GetProperty("id").GetInt64();
        var family = await api.FamilyWithContactAsync(person);
        using var client = api.Family(family);
        var visit = (await (await client.PostAsJsonAsync("/visits", Book(first, person))).OkJsonAsync()).GetProperty("id").GetInt64();

        var moved = await (await client.PutAsJsonAsync($"/visits/{visit}", new { slotId = second })).OkJsonAsync();
        Assert.Equal(second, moved.GetProperty("slotId").GetInt64());
        Assert.Equal(0, await api.ScalarAsync<int>($"SELECT booked FROM api.visit_slots WHERE id = {first}"));
        Assert.Equal(1, await api.ScalarAsync<int>($"SELECT booked FROM api.visit_slots WHERE id = {second}"));

        // The freed seat can be taken by someone else; the full one cannot.
        var other = api.Family(await api.FamilyWithContactAsync("31287-094"));
        await (await other.PostAsJsonAsync("/visits", Book(second, "31287-094"))).ProblemAsync(409, "slot-full");
        await (await other.PostAsJsonAsync("/visits", Book(first, "31287-094"))).OkJsonAsync();
        other.Dispose();

        using var stranger = api.Family("fam-nobody");
        await (await stranger.DeleteAsync($"/visits/{visit}")).ProblemAsync(404);
        await (await client.DeleteAsync($"/visits/{visit}")).OkJsonAsync();
        await (await client.DeleteAsync($"/visits/{visit}")).ProblemAsync(409, "visit-cancelled");
        Assert.Equal(0, await api.ScalarAsync<int>($"SELECT booked FROM api.visit_slots WHERE id = {second}"));
        using var resident = api.Resident(person);
        var notes = (await (await resident.GetAsync("/notifications")).OkJsonAsync()).EnumerateArray().Select(n => n.GetProperty("text").GetString()!).ToList();
        Assert.Contains(notes, n => n.Contains("moved", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("cancelled", StringComparison.Ordinal));
    }
}
