using System.Net.Http.Json;

namespace Ledger.Api.Tests;

public class MediaTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private async Task<long> BalanceAsync(string person, string account)
    {
        using var ops = api.Operations();
        var json = await (await ops.GetAsync($"/people/{person}/balances")).OkJsonAsync();
        return json.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("account").GetString() == account).GetProperty("balanceCents").GetInt64();
    }

    private async Task<long> AddItemAsync(string kind, string title, long price, int? hours = null, string facility = "FCI-LOR")
    {
        using var staff = api.Staff(facility);
        var json = await (await staff.PostAsJsonAsync("/media/catalog", new { facilityCode = facility, kind, title, priceCents = price, rentalHours = hours })).OkJsonAsync();
        return json.GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Rentals_cost_2_to_25_dollars_and_need_an_expiry()
    {
        using var staff = api.Staff("FCI-LOR");
        await (await staff.PostAsJsonAsync("/media/catalog", new { facilityCode = "FCI-LOR", kind = "movie_rental", title = "Cheap", priceCents = 199, rentalHours = 48 })).ProblemAsync(422, "invalid-price");
        await (await staff.PostAsJsonAsync("/media/catalog", new { facilityCode = "FCI-LOR", kind = "movie_rental", title = "Dear", priceCents = 2501, rentalHours = 48 })).ProblemAsync(422, "invalid-price");
        await (await staff.PostAsJsonAsync("/media/catalog", new { facilityCode = "FCI-LOR", kind = "movie_rental", title = "Forever", priceCents = 500 })).ProblemAsync(422, "invalid-rental-hours");
        await (await staff.PostAsJsonAsync("/media/catalog", new { facilityCode = "FCI-ALI", kind = "song", title = "Not mine", priceCents = 250 })).ProblemAsync(403);
    }

    [Fact]
    public async Task A_purchase_debits_media_and_insufficient_funds_is_a_409_that_buys_nothing()
    {
        const string person = "31804-225";
        var song = await AddItemAsync("song", "Folsom Prison Blues", 250);
        using var resident = api.Resident(person);

        await (await resident.PostIdempotentAsync("/media/purchases", new { itemId = song }, "p1")).ProblemAsync(409, "insufficient-funds");
        Assert.Empty((await (await resident.GetAsync("/media/library")).OkJsonAsync()).EnumerateArray());

        await api.DepositAsync(person, 300, "media");
        var bought = await (await resident.PostIdempotentAsync("/media/purchases", new { itemId = song }, "p2")).OkJsonAsync();
        var again = await (await resident.PostIdempotentAsync("/media/purchases", new { itemId = song }, "p2")).OkJsonAsync();
        Assert.Equal(bought.GetProperty("purchaseId").GetInt64(), again.GetProperty("purchaseId").GetInt64());
        Assert.Equal(50, await BalanceAsync(person, "media"));
        var library = await (await resident.GetAsync("/media/library")).OkJsonAsync();
        Assert.Single(library.EnumerateArray());
        Assert.True(library[0].GetProperty("playable").GetBoolean());

        // The first refusal under key p1 stays a refusal when retried (same key, same body).
        await (await resident.PostIdempotentAsync("/media/purchases", new { itemId = song }, "p1")).ProblemAsync(409, "insufficient-funds");
    }

    [Fact]
    public async Task A_rental_stops_playing_after_its_expiry()
    {
        const string person = "62877-545";
        var movie = await AddItemAsync("movie_rental", "The Shawshank Redemption", 399, 48);
        await api.DepositAsync(person, 1000, "media");
        using var resident = api.Resident(person);
        var rental = await (await resident.PostIdempotentAsync("/media/purchases", new { itemId = movie }, "rent")).OkJsonAsync();
        var id = rental.GetProperty("purchaseId").GetInt64();
        var expires = rental.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires - rental.GetProperty("purchasedAt").GetDateTimeOffset(), TimeSpan.FromHours(48), TimeSpan.FromHours(48));
        await (await resident.GetAsync($"/media/library/{id}/play")).OkJsonAsync();

        // Two days pass.
        await api.ScalarAsync<int>($"WITH u AS (UPDATE api.media_purchases SET expires_at = now() - interval '1 second' WHERE id = {id} RETURNING 1) SELECT count(*)::int FROM u");
        await (await resident.GetAsync($"/media/library/{id}/play")).ProblemAsync(410, "rental-expired");
        var library = await (await resident.GetAsync("/media/library")).OkJsonAsync();
        Assert.False(library.EnumerateArray().Single(i => i.GetProperty("purchaseId").GetInt64() == id).GetProperty("playable").GetBoolean());

        using var someoneElse = api.Resident("84088-240");
        await (await someoneElse.GetAsync($"/media/library/{id}/play")).ProblemAsync(404);
    }

    [Fact]
    public async Task A_resident_sees_and_buys_only_their_facility_catalog()
    {
        var here = await AddItemAsync("ebook", "Les Miserables", 499, facility: "FCI-ALI");
        using var resident = api.Resident("84088-240"); // FCI-LOR
        var catalog = await (await resident.GetAsync("/media/catalog?facility=FCI-ALI")).OkJsonAsync();
        Assert.All(catalog.EnumerateArray(), i => Assert.Equal("FCI-LOR", i.GetProperty("facilityCode").GetString()));
        await (await resident.PostIdempotentAsync("/media/purchases", new { itemId = here }, "x")).ProblemAsync(404);
    }

    [Fact]
    public async Task Trust_to_media_is_one_entry_and_refused_beyond_the_trust_balance()
    {
        const string person = "93972-852";
        await api.DepositAsync(person, 1000, "trust");
        using var resident = api.Resident(person);
        var t = await (await resident.PostIdempotentAsync($"/people/{person}/transfers/trust-to-media", new { amountCents = 400 }, "t1")).OkJsonAsync();
        Assert.Equal(600, await BalanceAsync(person, "trust"));
        Assert.Equal(400, await BalanceAsync(person, "media"));
        Assert.Equal(2L, await api.ScalarAsync<long>($"SELECT count(*) FROM postings WHERE entry_id = {t.GetProperty("entryId").GetInt64()}"));

        await (await resident.PostIdempotentAsync($"/people/{person}/transfers/trust-to-media", new { amountCents = 400 }, "t1")).OkJsonAsync();
        Assert.Equal(600, await BalanceAsync(person, "trust"));
        await (await resident.PostIdempotentAsync($"/people/{person}/transfers/trust-to-media", new { amountCents = 601 }, "t2")).ProblemAsync(409, "insufficient-funds");
        await (await resident.PostIdempotentAsync($"/people/84088-240/transfers/trust-to-media", new { amountCents = 1 }, "t3")).ProblemAsync(403);
        Assert.Equal(600, await BalanceAsync(person, "trust"));
    }

    [Fact]
    public async Task Concurrent_purchases_never_overdraw_the_media_account()
    {
        const string person = "36273-197";
        var album = await AddItemAsync("album", "At Folsom Prison", 1000);
        await api.DepositAsync(person, 3000, "media");
        using var resident = api.Resident(person);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => resident.PostIdempotentAsync("/media/purchases", new { itemId = album }, $"c{i}")));
        Assert.Equal(3, responses.Count(r => (int)r.StatusCode == 201));
        foreach (var r in responses.Where(r => (int)r.StatusCode != 201)) await r.ProblemAsync(409, "insufficient-funds");
        Assert.Equal(0, await BalanceAsync(person, "media"));
        Assert.Equal(3, (await (await resident.GetAsync("/media/library")).OkJsonAsync()).GetArrayLength());
    }
}
