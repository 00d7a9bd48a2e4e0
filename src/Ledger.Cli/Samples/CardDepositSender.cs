using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace Ledger.Cli.Samples;

/// <summary>
/// One card deposit as the phone and online channels take it (samples/card/deposits.csv): the card number is a test card
/// of the development processor, turned into a single-use token at the processor by the payment page; only the token
/// reaches the API.
/// </summary>
public sealed class CardDepositLine
{
    public required string IdempotencyKey { get; init; }
    public required string FamilySubject { get; init; }
    public required string FamilyName { get; init; }
    public required string PersonNumber { get; init; }
    public required string LastName { get; init; }
    public required string Channel { get; init; }
    public decimal Amount { get; init; }
    public required string TargetAccount { get; init; }
    public required string CardNumber { get; init; }
}

public sealed class CardDepositLineMap : ClassMap<CardDepositLine>
{
    public CardDepositLineMap()
    {
        Map(x => x.IdempotencyKey).Name("idempotency_key");
        Map(x => x.FamilySubject).Name("family_subject");
        Map(x => x.FamilyName).Name("family_name");
        Map(x => x.PersonNumber).Name("person_number");
        Map(x => x.LastName).Name("last_name");
        Map(x => x.Channel).Name("channel");
        Map(x => x.Amount).Name("amount");
        Map(x => x.TargetAccount).Name("target_account");
        Map(x => x.CardNumber).Name("card_number");
    }
}

/// <summary>
/// Sends sample card deposits to a running API over HTTP, as the payment page would, through real sign-ins only: a member
/// of operations signs in (password and authenticator code), creates each family with its own e-mail and password and
/// approves the person as its contact; the family signs in and posts the deposit with its Idempotency-Key.
/// A line sent twice with the same key is a retry of the same request (same token): it gets the first answer back and
/// charges once. Each deposit is then credited when the processor's signed confirmation reaches the API; the sender
/// waits for that and reports each payment's final status (credited, declined, …).
/// </summary>
public sealed class CardDepositSender(Uri api, Uri processor, string operationsUser, string operationsPassword, string totpSecret)
{
    public sealed record Answer(CardDepositLine Line, int Status, string Body);

    public static List<CardDepositLine> Read(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Context.RegisterClassMap<CardDepositLineMap>();
        return csv.GetRecords<CardDepositLine>().ToList();
    }

    public async Task<List<Answer>> SendAsync(IReadOnlyList<CardDepositLine> lines, CancellationToken ct)
    {
        _operations ??= await SignedInAsync(new { userName = operationsUser, password = operationsPassword, totp = CurrentCode() }, ct);
        var familyPassword = $"sample-family-{Guid.NewGuid():N}";
        var families = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        foreach (var family in lines.GroupBy(l => l.FamilySubject, StringComparer.Ordinal))
        {
            var first = family.First();
            var email = $"{first.FamilySubject}@families.example";
            var created = await _operations.PostAsJsonAsync("/families", new { subject = first.FamilySubject, displayName = first.FamilyName, email, password = familyPassword }, ct);
            await EnsureAsync(created, $"registering family {first.FamilySubject}", ct);
            foreach (var person in family.Select(l => l.PersonNumber).Distinct(StringComparer.Ordinal))
                await EnsureAsync(await _operations.PostAsJsonAsync($"/families/{first.FamilySubject}/contacts", new { personNumber = person }, ct),
                    $"approving {person} as a contact of {first.FamilySubject}", ct);
            families[first.FamilySubject] = await SignedInAsync(new { email, password = familyPassword }, ct);
        }

        var answers = new List<Answer>();
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        using var processorClient = new HttpClient { BaseAddress = processor, Timeout = TimeSpan.FromSeconds(30) };
        foreach (var line in lines)
        {
            if (!tokens.TryGetValue(line.IdempotencyKey, out var token))
            {
                var issued = await processorClient.PostAsJsonAsync("/v1/tokens", new { number = line.CardNumber }, ct);
                await EnsureAsync(issued, $"a card token for {line.IdempotencyKey} from the processor", ct);
                tokens[line.IdempotencyKey] = token = (await issued.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct)).GetProperty("id").GetString()!;
            }
            var family = families[line.FamilySubject];
            using var request = new HttpRequestMessage(HttpMethod.Post, "/deposits")
            {
                Content = JsonContent.Create(new
                {
                    personNumber = line.PersonNumber, lastName = line.LastName, channel = line.Channel, amountCents = Cents(line),
                    targetAccount = line.TargetAccount, authorizationReference = token,
                }),
            };
            request.Headers.Add("Idempotency-Key", line.IdempotencyKey);
            using var response = await family.SendAsync(request, ct);
            answers.Add(new Answer(line, (int)response.StatusCode, await response.Content.ReadAsStringAsync(ct)));
        }
        foreach (var client in families.Values) client.Dispose();
        return answers;
    }

    /// <summary>Each accepted payment once the processor's confirmation has been taken (or the wait is over): id → status.</summary>
    public async Task<IReadOnlyDictionary<long, string>> AwaitSettledAsync(IEnumerable<long> paymentIds, TimeSpan timeout, CancellationToken ct)
    {
        var operations = _operations ?? throw new InvalidOperationException("Send the deposits first: that signs in.");
        var status = new Dictionary<long, string>();
        var deadline = DateTime.UtcNow + timeout;
        foreach (var id in paymentIds.Distinct())
        {
            while (true)
            {
                var json = await (await operations.GetAsync($"/card-payments/{id}", ct)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct);
                status[id] = json.GetProperty("status").GetString()!;
                if (status[id] != "pending" || DateTime.UtcNow > deadline) break;
                await Task.Delay(200, ct);
            }
        }
        return status;
    }

    private static long Cents(CardDepositLine line) =>
        decimal.Truncate(line.Amount * 100m) == line.Amount * 100m
            ? (long)(line.Amount * 100m)
            : throw new InvalidOperationException($"Deposit {line.IdempotencyKey}: the amount {line.Amount.ToString(CultureInfo.InvariantCulture)} has more than two decimals.");

    private HttpClient? _operations;

    // The authenticator app's code now (RFC 6238, as the sign-in checks it).
    private string CurrentCode() => new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(totpSecret)).ComputeTotp(DateTime.UtcNow);

    private async Task<HttpClient> SignedInAsync(object credentials, CancellationToken ct)
    {
        var client = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        var answer = await client.PostAsJsonAsync("/auth/sign-in", credentials, ct);
        await EnsureAsync(answer, "the sign-in", ct);
        var token = (await answer.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct)).GetProperty("accessToken").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"The API refused {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
    }
}
