using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Processor;

public sealed class ProcessorSettings
{
    public string Name { get; set; } = "dev";
    public string ApiKey { get; set; } = "";
    public string WebhookSecret { get; set; } = "";
    public string WebhookUrl { get; set; } = "";
    public double ChargebackAfterSeconds { get; set; } = 5;
    public int FeeBasisPoints { get; set; } = 290;
    public long FeeFixedCents { get; set; } = 30;
    public long DisputeFeeCents { get; set; } = 1500;
}

/// <summary>
/// A small card processor for development and tests, shaped like the real ones: the family's client turns a card
/// number into a single-use token here (the ledger never sees card numbers); the ledger creates a payment with the
/// token and its API key; the outcome arrives as a signed event (Stripe's scheme: <c>Processor-Signature: t=..,v1=..</c>,
/// HMAC-SHA256 over "t.body"), delivered again until the ledger answers 2xx. Test cards:
/// 4242 4242 4242 4242 approves; 4000 0000 0000 0002 is declined; 4000 0000 0000 9995 is declined for insufficient funds;
/// 4000 0000 0000 0259 approves and is charged back <c>ChargebackAfterSeconds</c> later. The daily settlement report
/// lists what was captured, refunded and charged back on a day, with the processor's fee and the net paid out.
/// </summary>
public static class ProcessorApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var settings = builder.Configuration.GetSection("Processor").Get<ProcessorSettings>() ?? new ProcessorSettings();
        if (settings.ApiKey.Length == 0 || settings.WebhookSecret.Length == 0)
            throw new InvalidOperationException("Set Processor__ApiKey and Processor__WebhookSecret (the ledger's CardProcessor__ApiKey and CardProcessor__WebhookSecret).");
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ProcessorState>();
        builder.Services.AddHttpClient(WebhookSender.ClientName);
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);
        var app = builder.Build();
        Map(app);
        return app;
    }

    private static bool Authorized(HttpRequest request, ProcessorSettings settings) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(request.Headers.Authorization.ToString()),
            Encoding.UTF8.GetBytes("Bearer " + settings.ApiKey));

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);

    private static void Map(WebApplication app)
    {
        app.MapPost("/v1/tokens", (TokenRequest body, ProcessorState state) =>
        {
            var number = new string((body.Number ?? "").Where(char.IsAsciiDigit).ToArray());
            if (!TestCards.Outcomes.ContainsKey(number)) return Error(402, "invalid_number", "Not a test card number of this processor.");
            return Results.Ok(new { id = state.IssueToken(number) });
        });

        app.MapPost("/v1/payments", (PaymentRequest body, HttpRequest request, ProcessorSettings settings, ProcessorState state) =>
        {
            if (!Authorized(request, settings)) return Error(401, "unauthorized", "Bad API key.");
            var key = request.Headers["Idempotency-Key"].ToString();
            if (key.Length == 0) return Error(400, "idempotency_key_required", "Send an Idempotency-Key.");
            if (body.Amount <= 0 || !string.Equals(body.Currency, "usd", StringComparison.OrdinalIgnoreCase))
                return Error(400, "invalid_amount", "amount must be positive cents of usd.");
            var result = state.CreatePayment(key, body);
            return result.Error is { } e ? Error(e.Status, e.Code, e.Message) : Results.Ok(result.Payment!.View());
        });

        // The merchant's payments by its own reference (Stripe: a search on metadata): how a merchant that crashed between
        // asking for a payment and storing the answer finds out whether the payment was made.
        app.MapGet("/v1/payments", (string? reference, HttpRequest request, ProcessorSettings settings, ProcessorState state) =>
            !Authorized(request, settings) ? Error(401, "unauthorized", "Bad API key.")
            : string.IsNullOrEmpty(reference) ? Error(400, "reference_required", "Give ?reference=.")
            : Results.Ok(new { data = state.PaymentsWithReference(reference).Select(p => p.View()) }));

        app.MapGet("/v1/payments/{id}", (string id, HttpRequest request, ProcessorSettings settings, ProcessorState state) =>
            !Authorized(request, settings) ? Error(401, "unauthorized", "Bad API key.")
            : state.Payment(id) is { } p ? Results.Ok(p.View()) : Error(404, "no_such_payment", $"No payment {id}."));

        app.MapPost("/v1/payments/{id}/refunds", (string id, HttpRequest request, ProcessorSettings settings, ProcessorState state) =>
        {
            if (!Authorized(request, settings)) return Error(401, "unauthorized", "Bad API key.");
            var result = state.Refund(id);
            return result.Error is { } e ? Error(e.Status, e.Code, e.Message) : Results.Ok(result.Payment!.View());
        });

        // A test helper: the cardholder disputes the payment now.
        app.MapPost("/v1/payments/{id}/disputes", (string id, HttpRequest request, ProcessorSettings settings, ProcessorState state) =>
        {
            if (!Authorized(request, settings)) return Error(401, "unauthorized", "Bad API key.");
            var result = state.Dispute(id);
            return result.Error is { } e ? Error(e.Status, e.Code, e.Message) : Results.Ok(result.Payment!.View());
        });

        app.MapGet("/v1/events", (HttpRequest request, ProcessorSettings settings, ProcessorState state) =>
            !Authorized(request, settings) ? Error(401, "unauthorized", "Bad API key.") : Results.Ok(state.Events()));

        // Delivers an event again (same id, same body, a fresh signature), as a processor's dashboard can.
        app.MapPost("/v1/events/{id}/resend", (string id, HttpRequest request, ProcessorSettings settings, ProcessorState state, WebhookSender sender) =>
        {
            if (!Authorized(request, settings)) return Error(401, "unauthorized", "Bad API key.");
            if (state.Event(id) is not { } e) return Error(404, "no_such_event", $"No event {id}.");
            sender.Enqueue(e);
            return Results.Accepted();
        });

        app.MapGet("/v1/settlements", (string date, HttpRequest request, ProcessorSettings settings, ProcessorState state) =>
        {
            if (!Authorized(request, settings)) return Error(401, "unauthorized", "Bad API key.");
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return Error(400, "invalid_date", "date is YYYY-MM-DD.");
            return Results.Text(SettlementReport.Write(settings, day, state.Activity(day)), "text/csv");
        });

        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
    }
}

public sealed record TokenRequest(string? Number, int? ExpMonth, int? ExpYear, string? Cvc);
/// <summary><c>Reference</c> is the merchant's own id for the payment (Stripe's metadata): echoed in every event of it, so the
/// merchant can match an event that arrives before it has stored the processor's payment id.</summary>
public sealed record PaymentRequest(long Amount, string? Currency, string? Token, string? Description, string? Reference = null);

public static class TestCards
{
    /// <summary>Outcome per test card number: null approves; otherwise the decline code. "chargeback" approves and is disputed later.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Outcomes = new Dictionary<string, string?>
    {
        ["4242424242424242"] = null,
        ["5555555555554444"] = null,
        ["4000000000000002"] = "card_declined",
        ["4000000000009995"] = "insufficient_funds",
        ["4000000000000259"] = "chargeback",
    };
}

public sealed record ProcessorError(int Status, string Code, string Message);

/// <summary>One movement of money at the processor: a capture, a refund or a chargeback, with the processor's fee.</summary>
public sealed record Movement(string PaymentId, string Type, DateTimeOffset At, long GrossCents, long FeeCents);

public sealed class Payment
{
    public required string Id { get; init; }
    public required string IdempotencyKey { get; init; }
    public required string RequestFingerprint { get; init; }
    public required long Amount { get; init; }
    public required string Card { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? Reference { get; init; }
    public string Status { get; set; } = "processing";
    public string? FailureCode { get; set; }

    public object View() => new { id = Id, status = Status, amount = Amount, currency = "usd", failureCode = FailureCode, createdAt = CreatedAt, reference = Reference };
}

public sealed record ProcessorEvent(string Id, string Type, DateTimeOffset Created, string PaymentId, long Amount, string? Reason, string? Reference = null)
{
    public byte[] Body() => JsonSerializer.SerializeToUtf8Bytes(new
    {
        id = Id, type = Type, created = Created.ToUnixTimeSeconds(),
        data = new { paymentId = PaymentId, amount = Amount, currency = "usd", reason = Reason, reference = Reference },
    });
}

public sealed class ProcessorState(ProcessorSettings settings, TimeProvider clock, IServiceProvider services)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal); // token → card number, removed when used
    private readonly Dictionary<string, Payment> _payments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Payment> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ProcessorEvent> _events = new(StringComparer.Ordinal);
    private readonly List<Movement> _movements = [];

    private static string NewId(string prefix) => prefix + "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public string IssueToken(string number)
    {
        var token = NewId("tok");
        lock (_lock) _tokens[token] = number;
        return token;
    }

    public (Payment? Payment, ProcessorError? Error) CreatePayment(string key, PaymentRequest body)
    {
        var fingerprint = string.Create(CultureInfo.InvariantCulture, $"{body.Amount}|{body.Currency}|{body.Token}");
        Payment payment;
        lock (_lock)
        {
            if (_byKey.TryGetValue(key, out var seen))
                return seen.RequestFingerprint == fingerprint ? (seen, null)
                    : (null, new ProcessorError(409, "idempotency_key_reused", "This Idempotency-Key was used with another request."));
            if (body.Token is null || !_tokens.Remove(body.Token, out var card))
                return (null, new ProcessorError(402, "token_invalid", "No such card token, or it was used already."));
            payment = new Payment
            {
                Id = NewId("pay"), IdempotencyKey = key, RequestFingerprint = fingerprint, Amount = body.Amount, Card = card, CreatedAt = clock.GetUtcNow(),
                Reference = body.Reference,
            };
            _payments[payment.Id] = payment;
            _byKey[key] = payment;
        }
        _ = Task.Run(() => Authorize(payment));
        return (payment, null);
    }

    private async Task Authorize(Payment payment)
    {
        var outcome = TestCards.Outcomes[payment.Card];
        if (outcome is null or "chargeback")
        {
            lock (_lock)
            {
                payment.Status = "succeeded";
                _movements.Add(new Movement(payment.Id, "charge", clock.GetUtcNow(), payment.Amount, Fee(payment.Amount)));
            }
            Publish("payment.succeeded", payment, null);
            if (outcome == "chargeback")
            {
                await Task.Delay(TimeSpan.FromSeconds(settings.ChargebackAfterSeconds));
                Dispute(payment.Id);
            }
        }
        else
        {
            lock (_lock)
            {
                payment.Status = "failed";
                payment.FailureCode = outcome;
            }
            Publish("payment.failed", payment, outcome);
        }
    }

    /// <summary>The processor's fee on a capture: a rate and a fixed part, rounded half up to the cent.</summary>
    public long Fee(long amount) => (amount * settings.FeeBasisPoints + 5_000) / 10_000 + settings.FeeFixedCents;

    public (Payment? Payment, ProcessorError? Error) Refund(string id) => Reverse(id, "refunded", "refund", "payment.refunded", 0);

    public (Payment? Payment, ProcessorError? Error) Dispute(string id) => Reverse(id, "disputed", "chargeback", "payment.disputed", settings.DisputeFeeCents);

    private (Payment?, ProcessorError?) Reverse(string id, string status, string movement, string eventType, long fee)
    {
        Payment? payment;
        lock (_lock)
        {
            if (!_payments.TryGetValue(id, out payment)) return (null, new ProcessorError(404, "no_such_payment", $"No payment {id}."));
            if (payment.Status == status) return (payment, null);
            if (payment.Status != "succeeded")
                return (null, new ProcessorError(409, "not_reversible", $"Payment {id} is {payment.Status}."));
            payment.Status = status;
            _movements.Add(new Movement(payment.Id, movement, clock.GetUtcNow(), -payment.Amount, fee));
        }
        Publish(eventType, payment, movement);
        return (payment, null);
    }

    private void Publish(string type, Payment payment, string? reason)
    {
        var e = new ProcessorEvent(NewId("evt"), type, clock.GetUtcNow(), payment.Id, payment.Amount, reason, payment.Reference);
        _events[e.Id] = e;
        services.GetRequiredService<WebhookSender>().Enqueue(e);
    }

    public Payment? Payment(string id)
    {
        lock (_lock) return _payments.GetValueOrDefault(id);
    }

    public IReadOnlyList<Payment> PaymentsWithReference(string reference)
    {
        lock (_lock) return _payments.Values.Where(p => p.Reference == reference).OrderBy(p => p.CreatedAt).ToList();
    }

    public ProcessorEvent? Event(string id) => _events.GetValueOrDefault(id);

    public IReadOnlyList<ProcessorEvent> Events() => _events.Values.OrderBy(e => e.Created).ToList();

    public IReadOnlyList<Movement> Activity(DateOnly day)
    {
        lock (_lock) return _movements.Where(m => DateOnly.FromDateTime(m.At.UtcDateTime) == day).OrderBy(m => m.At).ToList();
    }
}

/// <summary>Delivers each event to the ledger, signed, until it answers 2xx (backing off up to a minute, for about an hour).</summary>
public sealed class WebhookSender(ProcessorSettings settings, IHttpClientFactory clients, ILogger<WebhookSender> log, TimeProvider clock)
{
    public const string ClientName = "webhooks";
    private const int MaxAttempts = 60;

    public void Enqueue(ProcessorEvent e) => _ = Task.Run(() => DeliverAsync(e));

    private async Task DeliverAsync(ProcessorEvent e)
    {
        var body = e.Body();
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                using var client = clients.CreateClient(ClientName);
                using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                var t = clock.GetUtcNow().ToUnixTimeSeconds();
                request.Headers.Add("Processor-Signature", string.Create(CultureInfo.InvariantCulture, $"t={t},v1={Sign(t, body)}"));
                using var response = await client.SendAsync(request);
                if (response.IsSuccessStatusCode) return;
                log.LogInformation("Event {EventId} ({Type}) refused with {Status}, attempt {Attempt}", e.Id, e.Type, (int)response.StatusCode, attempt);
                // The ledger refused the event itself (bad signature, not ours): delivering it again will not help.
                if ((int)response.StatusCode is 400 or 422) return;
            }
            catch (HttpRequestException ex)
            {
                log.LogInformation("Event {EventId} not delivered ({Message}), attempt {Attempt}", e.Id, ex.Message, attempt);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(60_000, 100 * Math.Pow(2, Math.Min(attempt, 10)))));
        }
        log.LogWarning("Event {EventId} ({Type}) given up after {Attempts} attempts", e.Id, e.Type, MaxAttempts);
    }

    private string Sign(long t, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes(t.ToString(CultureInfo.InvariantCulture) + ".");
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(settings.WebhookSecret), prefix.Concat(body).ToArray()));
    }
}

/// <summary>
/// The daily settlement report (format in the README): what moved on <c>day</c> (UTC), each with the processor's fee,
/// and the net paid out to the trust bank account on the next day.
/// </summary>
public static class SettlementReport
{
    public static string Write(ProcessorSettings settings, DateOnly day, IReadOnlyList<Movement> movements)
    {
        var inv = CultureInfo.InvariantCulture;
        static string D(long cents) => (cents < 0 ? "-" : "") + (Math.Abs(cents) / 100).ToString(CultureInfo.InvariantCulture) + "." + (Math.Abs(cents) % 100).ToString("00", CultureInfo.InvariantCulture);
        var payout = day.AddDays(1);
        var sb = new StringBuilder();
        sb.Append(inv, $"H,{settings.Name},{day:yyyy-MM-dd},{payout:yyyy-MM-dd},po_{settings.Name}_{day:yyyyMMdd},USD\n");
        sb.Append("record_type,payment_id,type,occurred_at,gross,fee,net\n");
        long gross = 0, fee = 0;
        foreach (var m in movements)
        {
            sb.Append(inv, $"D,{m.PaymentId},{m.Type},{m.At.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{D(m.GrossCents)},{D(m.FeeCents)},{D(m.GrossCents - m.FeeCents)}\n");
            gross += m.GrossCents;
            fee += m.FeeCents;
        }
        sb.Append(inv, $"T,{movements.Count},{D(gross)},{D(fee)},{D(gross - fee)}\n");
        return sb.ToString();
    }
}
