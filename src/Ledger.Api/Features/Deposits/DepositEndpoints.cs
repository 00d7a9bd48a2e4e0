using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Features.Deposits;

public static class DepositEndpoints
{
    public const string DepositRateLimit = "deposits";

    public static void MapDeposits(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/deposits").WithTags("Deposits");

        group.MapGet("/quote", async Task<Results<Ok<FeeQuote>, ProblemHttpResult>> (string personNumber, string channel, long amountCents,
                string? targetAccount, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new QuoteFeeQuery(personNumber, channel, amountCents, targetAccount ?? "trust"), ct)))
            .RequireAuthorization(Policies.FamilyOrOperations)
            .WithSummary("Fee quote for a card deposit (facility fee tiers per channel), with the split it would get");

        // A card deposit is a payment at the card processor; it is credited when the processor confirms it (Features/CardPayments).
        group.MapPost("/", async Task<Results<Accepted<CardPayments.CardPaymentView>, ProblemHttpResult>> (CardDepositRequest body, HttpContext http,
                IMediator mediator, CancellationToken ct) =>
            {
                if (Idempotency.Read(http.Request) is not { } key) return Problems.MissingIdempotencyKey().ToResult();
                var result = await mediator.Send(new CardPayments.StartCardPaymentCommand(Actor.From(http.User), key, body), ct);
                if (!result.IsSuccess) return result.Problem!.ToResult();
                if (result.Value!.Replayed) http.Response.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Accepted($"/card-payments/{result.Value.Payment.Id}", result.Value.Payment);
            })
            .RequireAuthorization(Policies.Family)
            .RequireRateLimiting(DepositRateLimit)
            .WithSummary("Card deposit by phone, online or mobile: a payment at the card processor with the family's single-use card token (Idempotency-Key required); credited on the processor's signed confirmation");

        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<DepositView>>, ProblemHttpResult>> (string? family, int? limit, HttpContext http,
                IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ListDepositsQuery(Actor.From(http.User), family, limit ?? 100), ct)))
            .RequireAuthorization(Policies.FamilyOrOperations)
            .WithSummary("Card deposits: a family's own; operations may filter by family");

        group.MapGet("/{id:long}", async Task<Results<Ok<DepositView>, ProblemHttpResult>> (long id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new GetDepositQuery(Actor.From(http.User), id), ct)))
            .RequireAuthorization(Policies.FamilyOrOperations)
            .WithSummary("One card deposit");
    }
}
