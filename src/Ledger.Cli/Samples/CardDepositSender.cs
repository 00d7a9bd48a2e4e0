using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Ledger.Data.Services.Auth;

namespace Ledger.Cli.Samples;

/// <summary>One card deposit as the phone and online channels send it to the API (samples/card/deposits.csv).</summary>
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
    public required string AuthorizationReference { get; init; }
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
        Map(x => x.AuthorizationReference).Name("authorization_reference");
    }
}

/// <summary>
/// Sends sample card deposits to a running API over HTTP, as the payment page would: operations registers each
/// family and approves the person as its contact, then the family posts the deposit with its Idempotency-Key.
/// A line sent twice with the same key gets the first answer back (and posts once).
/// </summary>
public sealed class CardDepositSender(Uri api, string signingKey)
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
        using var operations = Client(LedgerTokens.Roles.Operations, "sample-day-operations");
        foreach (var family in lines.GroupBy(l => l.FamilySubject, StringComparer.Ordinal))
        {
            var first = family.First();
            var created = await operations.PostAsJsonAsync("/families", new { subject = first.FamilySubject, displayName = first.FamilyName }, ct);
            if (created.StatusCode != HttpStatusCode.Conflict) await EnsureAsync(created, $"registering family {first.FamilySubject}", ct);
            foreach (var person in family.Select(l => l.PersonNumber).Distinct(StringComparer.Ordinal))
                await EnsureAsync(await operations.PostAsJsonAsync($"/families/{first.FamilySubject}/contacts", new { personNumber = person }, ct),
                    $"approving {person} as a contact of {first.FamilySubject}", ct);
        }

        var answers = new List<Answer>();
        foreach (var line in lines)
        {
            using var family = Client(LedgerTokens.Roles.Family, line.FamilySubject);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/deposits")
            {
                Content = JsonContent.Create(new
                {
                    personNumber = line.PersonNumber, lastName = line.LastName, channel = line.Channel, amountCents = Cents(line),
                    targetAccount = line.TargetAccount, authorizationReference = line.AuthorizationReference,
                }),
            };
            request.Headers.Add("Idempotency-Key", line.IdempotencyKey);
            using var response = await family.SendAsync(request, ct);
            answers.Add(new Answer(line, (int)response.StatusCode, await response.Content.ReadAsStringAsync(ct)));
        }
        return answers;
    }

    private static long Cents(CardDepositLine line) =>
        decimal.Truncate(line.Amount * 100m) == line.Amount * 100m
            ? (long)(line.Amount * 100m)
            : throw new InvalidOperationException($"Deposit {line.IdempotencyKey}: the amount {line.Amount.ToString(CultureInfo.InvariantCulture)} has more than two decimals.");

    private HttpClient Client(string role, string subject)
    {
        var client = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LedgerTokens.Mint(signingKey, role, subject, [], TimeSpan.FromMinutes(30)));
        return client;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"The API refused {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
    }
}
