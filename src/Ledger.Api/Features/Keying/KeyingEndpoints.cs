using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Ledger.Intake.Keying;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Features.Keying;

public static class KeyingEndpoints
{
    /// <summary>The keying queue's endpoints, for operations only.</summary>
    public static void MapKeying(this WebApplication app)
    {
        var group = app.MapGroup("/operations/keying").WithTags("Keying").RequireAuthorization(Policies.Operations);

        // The page Operations/Keying shares this address: bearer callers get this, browsers the page (PageOrApiPolicy).
        group.MapGet("/", async Task<Results<Ok<KeyingQueueView>, ProblemHttpResult>> (IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new KeyingQueueQuery(), ct)))
            .WithSummary("Lockbox items OCR could not settle, with what OCR saw; and keyed items waiting for a second staff member");

        group.MapGet("/{fileId:long}/{sequence:int}", async Task<Results<Ok<KeyingItemView>, ProblemHttpResult>> (long fileId, int sequence, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new KeyingItemQuery(fileId, sequence), ct)))
            .WithSummary("One item in review with its resolutions so far (who keyed, approved, rejected or returned it, and when)");

        group.MapGet("/{fileId:long}/{sequence:int}/images/{side}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (long fileId, int sequence, string side,
                HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var image = await mediator.Send(new KeyingScanQuery(fileId, sequence, side), ct);
                if (!image.IsSuccess) return image.Problem!.ToResult();
                // Scans carry names and addresses: never kept by a browser or proxy cache.
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.File(image.Value!.Bytes, image.Value.ContentType);
            })
            .WithSummary("The money-order or deposit-slip scan of an item in review, as PNG (TIFF scans are converted)");

        group.MapPost("/{fileId:long}/{sequence:int}/key", async Task<Results<Ok<ResolutionView>, ProblemHttpResult>> (long fileId, int sequence, KeyRequest body,
                HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new KeyItemCommand(Actor.From(http.User), fileId, sequence, body), ct)))
            .WithSummary("Key the amount, person and account (and the serial if OCR could not read it): posts now, or waits for approval above the four-eyes threshold");

        group.MapPost("/{fileId:long}/{sequence:int}/return", async Task<Results<Ok<ResolutionView>, ProblemHttpResult>> (long fileId, int sequence, ReturnRequest body,
                HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ReturnItemCommand(Actor.From(http.User), fileId, sequence, body), ct)))
            .WithSummary("Return the money order to the sender instead of posting it, with the reason for the letter; no money moves");

        group.MapPost("/{fileId:long}/{sequence:int}/reverse", async Task<Results<Ok<ResolutionView>, ProblemHttpResult>> (long fileId, int sequence,
                HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ReverseItemCommand(Actor.From(http.User), fileId, sequence), ct)))
            .WithSummary("Apply a MoneyGram reversal in review: the original send is reversed (four-eyes above the threshold)");

        group.MapPost("/{fileId:long}/{sequence:int}/dismiss", async Task<Results<Ok<ResolutionView>, ProblemHttpResult>> (long fileId, int sequence, RejectRequest body,
                HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new DismissItemCommand(Actor.From(http.User), fileId, sequence, body), ct)))
            .WithSummary("Dismiss a MoneyGram reversal in review with a reason: no money moves");

        group.MapPost("/resolutions/{id:long}/approve", async Task<Results<Ok<ResolutionView>, ProblemHttpResult>> (long id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ApproveResolutionCommand(Actor.From(http.User), id), ct)))
            .WithSummary("A second staff member approves a keyed item: it posts (409 four-eyes when the keyer tries)");

        group.MapPost("/resolutions/{id:long}/reject", async Task<Results<Ok<ResolutionView>, ProblemHttpResult>> (long id, RejectRequest body, HttpContext http,
                IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new RejectResolutionCommand(Actor.From(http.User), id, body), ct)))
            .WithSummary("A second staff member rejects what was keyed, with a reason: the item goes back to the queue");
    }
}
