using System.Globalization;
using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Ledger.Data.Statements;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Features.Accounts;

public static class AccountEndpoints
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/people/{personNumber}").WithTags("Accounts");

        group.MapGet("/balances", async Task<Results<Ok<BalancesView>, ProblemHttpResult>> (string personNumber, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new GetBalancesQuery(Actor.From(http.User), personNumber.ToUpperInvariant()), ct)))
            .RequireAuthorization(Policies.AccountReaders)
            .WithSummary("Balances of a person's trust, media and restitution accounts");

        group.MapGet("/accounts/{account}/statement", async Task<Results<Ok<StatementView>, FileContentHttpResult, ProblemHttpResult>> (
                string personNumber, string account, string from, string to, string? format, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                if (!TryInstant(from, out var f) || !TryInstant(to, out var t))
                    return Problems.Invalid("invalid-period", "from and to are ISO 8601 instants or dates (e.g. 2026-11-01 or 2026-11-01T00:00:00Z).").ToResult();
                var result = await mediator.Send(new GetStatementQuery(Actor.From(http.User), personNumber.ToUpperInvariant(), account, f, t), ct);
                if (!result.IsSuccess) return result.Problem!.ToResult();
                var s = result.Value!;
                var name = $"statement-{s.PersonNumber}-{s.Account}-{f:yyyyMMdd}-{t:yyyyMMdd}";
                return (format ?? "json") switch
                {
                    "json" => TypedResults.Ok(s),
                    "csv" => TypedResults.File(StatementDocuments.Csv(s), "text/csv", name + ".csv"),
                    "pdf" => TypedResults.File(StatementDocuments.Pdf(s), "application/pdf", name + ".pdf"),
                    _ => Problems.Invalid("invalid-format", "format is json, csv or pdf.").ToResult(),
                };
            })
            .RequireAuthorization(Policies.AccountReaders)
            .WithSummary("Statement for a period (opening balance, lines with running balance, closing balance) as JSON, CSV or PDF");

        group.MapPost("/transfers/trust-to-media", async Task<Results<Created<TransferView>, ProblemHttpResult>> (string personNumber, TransferRequest body,
                HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                if (Idempotency.Read(http.Request) is not { } key) return Problems.MissingIdempotencyKey().ToResult();
                return ResultHttp.Created(await mediator.Send(new TransferToMediaCommand(Actor.From(http.User), personNumber.ToUpperInvariant(), key, body), ct),
                    v => $"/people/{v.PersonNumber}/transfers/{v.Id}");
            })
            .RequireAuthorization(Policies.Resident)
            .WithSummary("Move money from trust to media (kiosk credit); Idempotency-Key required");
    }

    /// <summary>A date means its start (UTC); an instant must carry its offset.</summary>
    private static bool TryInstant(string text, out DateTimeOffset value)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
