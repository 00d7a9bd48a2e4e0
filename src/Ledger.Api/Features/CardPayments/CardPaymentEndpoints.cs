using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Features.CardPayments;

public static class CardPaymentEndpoints
{
    public static IServiceCollection AddCardPayments(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("CardProcessor").Get<CardProcessorOptions>() ?? new CardProcessorOptions();
        services.AddSingleton(options);
        services.AddHttpClient<CardProcessorClient>(http =>
        {
            http.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");
            http.Timeout = TimeSpan.FromSeconds(15);
        });
        services.AddSingleton<Deposits.ConfirmedCardDeposits>();
        services.AddSingleton<RecentPeople>();
        services.AddScoped<Messages.CardPaidStamps>();
        services.AddScoped<UnfinishedCardPayments>();
        services.AddHostedService<UnfinishedCardPaymentsSweep>();
        return services;
    }

    /// <summary>
    /// The event's raw body (its signature covers these bytes): read straight into an array of its declared length when the
    /// request gives one within the body limit, else copied through a stream. Kestrel fails the read of a body shorter or
    /// longer than declared.
    /// </summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var limit = request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (request.ContentLength is { } length && length <= (limit ?? RequestLimits.DefaultMaxBodyBytes))
        {
            var body = new byte[length];
            await request.Body.ReadExactlyAsync(body, ct);
            return body;
        }
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, ct);
        return copy.ToArray();
    }

    public static void MapCardPayments(this IEndpointRouteBuilder app)
    {
        // The processor calls this; it carries no token of ours: the body's signature is the authentication.
        app.MapPost("/processor/events", async Task<Results<Ok<ProcessorEventOutcome>, ProblemHttpResult>> (HttpRequest request, IMediator mediator,
                CancellationToken ct) =>
            {
                var body = await ReadBodyAsync(request, ct);
                var result = await mediator.Send(new ProcessorEventCommand(request.Headers[ProcessorSignature.Header].ToString(), body), ct);
                return ResultHttp.Ok(result);
            })
            .AllowAnonymous()
            .WithTags("Card payments")
            .WithSummary("Card processor events (webhook), signed with the shared secret: payment succeeded, failed, refunded, disputed");

        var group = app.MapGroup("/card-payments").WithTags("Card payments");
        group.MapGet("/{id:long}", async Task<Results<Ok<CardPaymentView>, ProblemHttpResult>> (long id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new GetCardPaymentQuery(Actor.From(http.User), id), ct)))
            .RequireAuthorization(Policies.FamilyOrOperations)
            .WithSummary("One card payment and its status (pending, credited, declined, returned, refunded, charged_back)");
        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<CardPaymentView>>, ProblemHttpResult>> (string? family, DateOnly? date, int? limit,
                HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ListCardPaymentsQuery(Actor.From(http.User), family, date, limit ?? 100), ct)))
            .RequireAuthorization(Policies.FamilyOrOperations)
            .WithSummary("Card payments: a family's own; operations may filter by family and day");
    }
}
