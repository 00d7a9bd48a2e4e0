using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Features.Families;

public static class FamilyEndpoints
{
    public const string SignInRateLimit = "sign-in";

    public static void MapFamilies(this IEndpointRouteBuilder app)
    {
        app.MapPost("/auth/sign-in", async Task<Results<Ok<TokenView>, ProblemHttpResult>> (SignInRequest body, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new SignInCommand(body), ct)))
            .AllowAnonymous()
            .RequireRateLimiting(SignInRateLimit)
            .WithTags("Auth")
            .WithSummary("A family signs in with e-mail and password and gets a bearer token");

        var group = app.MapGroup("/families").WithTags("Families");

        group.MapPost("/", async Task<Results<Created<FamilyView>, ProblemHttpResult>> (CreateFamilyRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Created(await mediator.Send(new CreateFamilyCommand(Actor.From(http.User), body), ct), v => $"/families/{v.Subject}"))
            .RequireAuthorization(Policies.Operations)
            .WithSummary("Register a family (sender)");

        group.MapPost("/{subject}/contacts", async Task<Results<Ok<ContactView>, ProblemHttpResult>> (string subject, ApproveContactRequest body, HttpContext http,
                IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ApproveContactCommand(Actor.From(http.User), subject, body), ct)))
            .RequireAuthorization(Policies.StaffOrOperations)
            .WithSummary("Approve a person in custody as a family's contact (staff of the person's facility, operations)");

        group.MapGet("/{subject}/contacts", async Task<Results<Ok<IReadOnlyList<ContactView>>, ProblemHttpResult>> (string subject, HttpContext http,
                IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ListContactsQuery(Actor.From(http.User), subject), ct)))
            .RequireAuthorization(Policies.FamilyOrOperations)
            .WithSummary("A family's approved contacts");
    }
}
