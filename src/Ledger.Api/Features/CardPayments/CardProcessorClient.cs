using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ledger.Api.Features.CardPayments;

/// <summary>
/// Which processor the API talks to is configuration (section <c>CardProcessor</c>): its name (part of every payment's
/// identity), base URL, API key and webhook secret. The development processor (src/Ledger.Processor) speaks this API.
/// </summary>
public sealed class CardProcessorOptions
{
    public string Name { get; set; } = "dev";
    public string BaseUrl { get; set; } = "http://127.0.0.1:5190";
    public string ApiKey { get; set; } = "";
    public string WebhookSecret { get; set; } = "";
    public int ToleranceSeconds { get; set; } = 300;
    /// <summary>How often unfinished payments are looked for (<see cref="UnfinishedCardPayments"/>); 0 turns the sweep off.</summary>
    public int SweepEverySeconds { get; set; } = 60;
    /// <summary>How long a payment may stay <c>starting</c> untouched before the processor is asked about it: far past a call's 15 s timeout.</summary>
    public int UnfinishedAfterSeconds { get; set; } = 600;
}

public abstract record ProcessorAnswer
{
    public sealed record Accepted(string PaymentId, string Status) : ProcessorAnswer;
    /// <summary>The processor said no (unknown or used card token, idempotency key reused): nothing was charged.</summary>
    public sealed record Refused(HttpStatusCode Status, string Code, string Message) : ProcessorAnswer;
}

/// <summary>The API's calls to the processor (server to server, with the API key). Card numbers never pass here: only single-use tokens.</summary>
public sealed class CardProcessorClient(HttpClient http, CardProcessorOptions options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => options.Name;

    /// <summary><paramref name="reference"/>: our id of the payment, echoed by the processor in its events (Stripe's metadata).</summary>
    public async Task<ProcessorAnswer> CreatePaymentAsync(string token, long chargedCents, string description, string idempotencyKey, CancellationToken ct,
        string? reference = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/payments")
        {
            Content = JsonContent.Create(new { amount = chargedCents, currency = "usd", token, description, reference }, options: Json),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await SendAsync(request, ct);
    }

    public async Task<ProcessorAnswer> RefundAsync(string paymentId, string idempotencyKey, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/payments/{Uri.EscapeDataString(paymentId)}/refunds");
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await SendAsync(request, ct);
    }

    /// <summary>
    /// The payment the processor made with our <paramref name="reference"/>, or null when it made none: what happened to a
    /// payment whose processor answer we never stored. Throws <see cref="HttpRequestException"/> when the processor cannot say.
    /// </summary>
    public async Task<ProcessorAnswer.Accepted?> FindByReferenceAsync(string reference, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/payments?reference={Uri.EscapeDataString(reference)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"Card processor answered {(int)response.StatusCode} to a look-up by reference: {body}");
        using var doc = JsonDocument.Parse(body);
        // One payment per reference: we send each reference with one idempotency key.
        foreach (var p in doc.RootElement.GetProperty("data").EnumerateArray())
            return new ProcessorAnswer.Accepted(p.GetProperty("id").GetString()!, p.GetProperty("status").GetString()!);
        return null;
    }

    /// <summary>
    /// Our reference of the processor's payment <paramref name="paymentId"/> (what we sent when we created it), or null when
    /// the processor has no such payment or it carries none of ours. Throws <see cref="HttpRequestException"/> when the
    /// processor cannot say.
    /// </summary>
    public async Task<string?> ReferenceOfAsync(string paymentId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/payments/{Uri.EscapeDataString(paymentId)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"Card processor answered {(int)response.StatusCode} to a look-up of {paymentId}: {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.TryGetProperty("reference", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
    }

    private async Task<ProcessorAnswer> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        using var response = await http.SendAsync(request, ct);
        // Parsed as the UTF-8 it arrives in: no string of it is made (and transcoded back) on the way to the parser.
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if ((int)response.StatusCode >= 500)
            throw new HttpRequestException($"Card processor answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        using var doc = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
        var root = doc.RootElement;
        if (response.IsSuccessStatusCode)
            return new ProcessorAnswer.Accepted(root.GetProperty("id").GetString()!, root.GetProperty("status").GetString()!);
        var error = root.TryGetProperty("error", out var e) ? e : root;
        return new ProcessorAnswer.Refused(response.StatusCode,
            error.TryGetProperty("code", out var c) ? c.GetString() ?? "refused" : "refused",
            error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "");
    }
}
