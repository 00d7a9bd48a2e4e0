using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Ledger.Cli.Samples;

/// <summary>
/// The services part of the sample day, over HTTP against the running API and only through real sign-ins: a family
/// registers, facility staff approve it as a resident's contact, e-mail goes both ways (one rejected and refunded),
/// the resident buys a song and rents a movie, files a medical request and a grievance, a video visit is booked and
/// rescheduled, and the resident signs in with a PIN and sees it all. Prints what each service did.
/// </summary>
public sealed class ServicesDay(Uri api, Uri processor, string staffUser, string staffPassword, string personNumber, string lastName, string pin, TextWriter output)
{
    private readonly HttpClient _http = new() { BaseAddress = api, Timeout = TimeSpan.FromSeconds(60) };
    private readonly List<string> _summary = [];
    private int _keys;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var staff = await SignInAsync(new { userName = staffUser, password = staffPassword }, ct);
        var facility = (string)(await GetAsync(staff, $"/people/{personNumber}/balances", ct))!["facilityCode"]!;

        // A family registers itself and signs in; the facility approves it as the resident's contact.
        const string email = "rivera.family@example.org", familyPassword = "sample family password";
        var registered = await SendAsync(null, HttpMethod.Post, "/families/register", new { email, password = familyPassword, displayName = "The Rivera family" }, ct, 201);
        var subject = (string)registered["subject"]!;
        var family = await SignInAsync(new { email, password = familyPassword }, ct);
        await SendAsync(staff, HttpMethod.Post, $"/families/{subject}/contacts", new { personNumber }, ct);
        _summary.Add($"families   {email} registered as {subject}; {staffUser} approved {personNumber} as its contact");

        // Money for the resident's media account (a card deposit), and the facility's catalog.
        // The card becomes a single-use token at the processor; the deposit is credited when the processor confirms it.
        using var processorClient = new HttpClient { BaseAddress = processor, Timeout = TimeSpan.FromSeconds(30) };
        async Task<string> CardTokenAsync() =>
            (string)(await ReadAsync(await processorClient.PostAsJsonAsync("/v1/tokens", new { number = "4242424242424242" }, ct), "POST /v1/tokens (processor)", [200, 201], ct))!["id"]!;
        var token = await CardTokenAsync();
        var payment = await SendAsync(family, HttpMethod.Post, "/deposits",
            new { personNumber, lastName, channel = "online", amountCents = 40_00, targetAccount = "media", authorizationReference = token }, ct, 202, idempotent: true);
        var status = await AwaitPaymentAsync(family, (long)payment["id"]!, ct);
        _summary.Add(Invariant($"deposits   the family paid $40.00 by card to {personNumber}'s media account: {status}"));
        var song = await SendAsync(staff, HttpMethod.Post, "/media/catalog", new { facilityCode = facility, kind = "song", title = "Sample Song", priceCents = 129 }, ct, 201);
        var movie = await SendAsync(staff, HttpMethod.Post, "/media/catalog", new { facilityCode = facility, kind = "movie_rental", title = "Sample Movie", priceCents = 399, rentalHours = 48 }, ct, 201);

        // E-mail both ways: the family's letters cost stamps, paid by card at the processor (each waits for its confirmation);
        // staff approve one and reject one (refunded through the processor).
        var letter = string.Concat(Enumerable.Repeat("Dear John, all is well at home. ", 220)); // 7,040 characters: two stamps
        var quote = (await GetAsync(family, $"/messages/quote?facility={facility}&characters={letter.Length}", ct))!;
        var first = await SendAsync(family, HttpMethod.Post, "/messages", new { personNumber, body = letter, authorizationReference = await CardTokenAsync() }, ct, 201, idempotent: true);
        var second = await SendAsync(family, HttpMethod.Post, "/messages", new { personNumber, body = "Meet me by the back gate at 9.", authorizationReference = await CardTokenAsync() }, ct, 201, idempotent: true);
        foreach (var sent in new[] { first, second })
        {
            var paid = await AwaitMessagePaidAsync(family, (long)sent["id"]!, ct);
            if (paid != "in_screening") throw new InvalidOperationException(Invariant($"Message {sent["id"]}: its stamps were not paid ({paid})."));
        }
        await SendAsync(staff, HttpMethod.Post, $"/screening/messages/{first["id"]}/approve", new { }, ct);
        var rejected = await SendAsync(staff, HttpMethod.Post, $"/screening/messages/{second["id"]}/reject", new { reason = "Arranges a meeting outside visiting rules" }, ct);
        _summary.Add(Invariant($"e-mail     family -> resident: quote {quote["stamps"]} stamps ${Dollars(quote["totalCents"])}, charged {first["stamps"]} stamps ${Dollars(first["totalCents"])}, approved; a second one {rejected["status"]} and its ${Dollars(rejected["totalCents"])} refunded"));

        // The resident signs in at the kiosk with the PIN staff set.
        var resident = await SignInAsync(new { personNumber, pin }, ct);
        var bought = await SendAsync(resident, HttpMethod.Post, "/media/purchases", new { itemId = song["id"] }, ct, 201, idempotent: true);
        var rented = await SendAsync(resident, HttpMethod.Post, "/media/purchases", new { itemId = movie["id"] }, ct, 201, idempotent: true);
        _summary.Add(Invariant($"media      bought '{song["title"]}' (${Dollars(bought["priceCents"])}), rented '{movie["title"]}' until {When(rented["expiresAt"])}"));
        var reply = await SendAsync(resident, HttpMethod.Post, "/messages", new { familySubject = subject, body = "Thank you for the letter." }, ct, 201, idempotent: true);
        await SendAsync(staff, HttpMethod.Post, $"/screening/messages/{reply["id"]}/approve", new { }, ct);
        _summary.Add(Invariant($"e-mail     resident -> family: {reply["stamps"]} stamp(s) ${Dollars(reply["totalCents"])} from media, approved"));

        var medical = await SendAsync(resident, HttpMethod.Post, "/requests", new { kind = "medical", subject = "Tooth ache", body = "Lower left molar since Monday." }, ct, 200, 201);
        var grievance = await SendAsync(resident, HttpMethod.Post, "/requests", new { kind = "grievance", subject = "Cold meals", body = "Dinner has been cold all week." }, ct, 200, 201);
        await SendAsync(staff, HttpMethod.Post, $"/requests/{medical["id"]}/assign", new { assignee = "Nurse on duty" }, ct);
        _summary.Add(Invariant($"requests   medical #{medical["id"]} (due {When(medical["dueAt"])}, assigned), grievance #{grievance["id"]} (due {When(grievance["dueAt"])})"));

        // Video visits: staff publish two slots the day after tomorrow; the family books one and moves it to the other.
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        var slots = (JsonArray)(await SendAsync(staff, HttpMethod.Post, $"/facilities/{facility}/visit-slots", new
        {
            fromDate = day, toDate = day, weekdays = new[] { day.DayOfWeek.ToString() }, startTimes = new[] { "10:00", "11:00" }, durationMinutes = 30, capacity = 4,
        }, ct, 200, 201))!;
        var visit = await SendAsync(family, HttpMethod.Post, "/visits", new { slotId = slots[0]!["id"], personNumber }, ct, 200, 201);
        var moved = await SendAsync(family, HttpMethod.Put, $"/visits/{visit["id"]}", new { slotId = slots[1]!["id"] }, ct);
        _summary.Add(Invariant($"visits     visit #{visit["id"]} booked for {When(visit["startsAt"])}, rescheduled to {When(moved["startsAt"])}"));

        // What the resident sees after signing in.
        var messages = (JsonArray)(await GetAsync(resident, "/messages", ct))!;
        var library = (JsonArray)(await GetAsync(resident, "/media/library", ct))!;
        var requests = (JsonArray)(await GetAsync(resident, "/requests", ct))!;
        var visits = (JsonArray)(await GetAsync(resident, "/visits", ct))!;
        var notes = (JsonArray)(await GetAsync(resident, "/notifications", ct))!;
        var balances = await GetAsync(resident, $"/people/{personNumber}/balances", ct);
        _summary.Add(Invariant($"resident   {personNumber} signed in with a PIN and sees {Count(messages.Count, "message")}, {Count(library.Count, "library item")}, {Count(requests.Count, "request")}, {Count(visits.Count, "visit")}, {Count(notes.Count, "notification")}; balances {string.Join(", ", ((JsonArray)balances!["accounts"]!).Select(a => $"{a!["account"]} {a["balance"]}"))}"));

        output.WriteLine("== what each service did");
        foreach (var line in _summary) output.WriteLine("   " + line);
        return 0;
    }

    private async Task<string> SignInAsync(object credentials, CancellationToken ct) =>
        (string)(await SendAsync(null, HttpMethod.Post, "/auth/sign-in", credentials, ct))["accessToken"]!;

    /// <summary>Waits for the processor's confirmation of a message's stamps (in screening once paid).</summary>
    private async Task<string> AwaitMessagePaidAsync(string token, long id, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var status = (string)(await GetAsync(token, Invariant($"/messages/{id}"), ct))!["status"]!;
            if (status != "awaiting_payment" || DateTime.UtcNow > deadline) return status;
            await Task.Delay(200, ct);
        }
    }

    /// <summary>Waits for the processor's signed confirmation to reach the API (credited, declined, …).</summary>
    private async Task<string> AwaitPaymentAsync(string token, long id, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var status = (string)(await GetAsync(token, Invariant($"/card-payments/{id}"), ct))!["status"]!;
            if (status != "pending" || DateTime.UtcNow > deadline) return status;
            await Task.Delay(200, ct);
        }
    }

    private async Task<JsonNode?> GetAsync(string token, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await ReadAsync(await _http.SendAsync(request, ct), $"GET {path}", [200], ct);
    }

    private async Task<JsonNode> SendAsync(string? token, HttpMethod method, string path, object body, CancellationToken ct, params int[] expected) =>
        await SendAsync(token, method, path, body, ct, false, expected);

    private async Task<JsonNode> SendAsync(string? token, HttpMethod method, string path, object body, CancellationToken ct, int expected, bool idempotent) =>
        await SendAsync(token, method, path, body, ct, idempotent, [expected]);

    private async Task<JsonNode> SendAsync(string? token, HttpMethod method, string path, object body, CancellationToken ct, bool idempotent, int[] expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotent) request.Headers.Add("Idempotency-Key", Invariant($"sample-services-{++_keys}"));
        return (await ReadAsync(await _http.SendAsync(request, ct), $"{method} {path}", expected.Length == 0 ? [200] : expected, ct))!;
    }

    private static async Task<JsonNode?> ReadAsync(HttpResponseMessage response, string what, int[] expected, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!expected.Contains((int)response.StatusCode))
            throw new InvalidOperationException(Invariant($"{what} answered {(int)response.StatusCode}: {(text.Length > 300 ? text[..300] : text)}"));
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private static string Dollars(JsonNode? cents) => ((long)cents! / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : Invariant($"{n} {what}s");

    /// <summary>An instant the API answered (ISO 8601), as a person reads it: to the minute, in UTC.</summary>
    private static string When(JsonNode? instant) =>
        DateTimeOffset.Parse((string)instant!, CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
