using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Features.Messages;

public static class MessageEndpoints
{
    public static void MapMessages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/messages").WithTags("E-mail");

        group.MapGet("/quote", async Task<Results<Ok<MessageQuoteView>, ProblemHttpResult>> (string? facility, string? text, int? characters, HttpContext http,
                IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new MessageQuoteQuery(Actor.From(http.User), facility, text, characters), ct)))
            .RequireAuthorization(Policies.FamilyOrResident)
            .WithName("quoteMessage")
            .WithSummary("Stamps and price of a message before it is sent: one stamp per 6,000 characters or part, at the facility's stamp price (text, or its length in characters)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/", async Task<Results<Created<MessageView>, ProblemHttpResult>> (SendMessageRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                if (Idempotency.Read(http.Request) is not { } key) return Problems.MissingIdempotencyKey().ToResult();
                return ResultHttp.Created(await mediator.Send(new SendMessageCommand(Actor.From(http.User), key, body), ct), v => $"/messages/{v.Id}");
            })
            .RequireAuthorization(Policies.FamilyOrResident)
            .WithSummary("Send an e-mail: a family to an approved contact (stamps by card), a resident to a family (stamps from media); Idempotency-Key required");

        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<MessageView>>, ProblemHttpResult>> (HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ListMessagesQuery(Actor.From(http.User)), ct)))
            .RequireAuthorization(Policies.FamilyOrResident)
            .WithSummary("My messages: sent (with status and read receipt) and delivered to me");

        group.MapGet("/{id:long}", async Task<Results<Ok<MessageView>, ProblemHttpResult>> (long id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new GetMessageQuery(Actor.From(http.User), id), ct)))
            .RequireAuthorization(Policies.FamilyOrResident)
            .WithSummary("One message I sent, or one delivered to me");

        group.MapPost("/{id:long}/read", async Task<Results<Ok<MessageView>, ProblemHttpResult>> (long id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new MarkReadCommand(Actor.From(http.User), id), ct)))
            .RequireAuthorization(Policies.FamilyOrResident)
            .WithSummary("Read receipt: the recipient marks a delivered message read");

        var screening = app.MapGroup("/screening/messages").WithTags("E-mail");

        screening.MapGet("/", async Task<Results<Ok<IReadOnlyList<MessageView>>, ProblemHttpResult>> (string? facility, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ScreeningQueueQuery(Actor.From(http.User), facility), ct)))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("Messages waiting for screening at my facilities");

        screening.MapPost("/{id:long}/approve", async Task<Results<Ok<MessageView>, ProblemHttpResult>> (long id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ScreenMessageCommand(Actor.From(http.User), id, true, null), ct)))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("Approve a message; it is delivered in the facility's delivery hours");

        screening.MapPost("/{id:long}/reject", async Task<Results<Ok<MessageView>, ProblemHttpResult>> (long id, RejectRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ScreenMessageCommand(Actor.From(http.User), id, false, body.Reason), ct)))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("Reject a message with a reason; its stamps are refunded");
    }
}
