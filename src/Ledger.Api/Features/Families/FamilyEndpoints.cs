using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Features.Families;

public static class FamilyEndpoints
{
    public static void MapFamilies(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/families").WithTags("Families");

        group.MapPost("/register", async Task<Results<Created<FamilyView>, ProblemHttpResult>> (RegisterFamilyRequest body, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Created(await mediator.Send(new RegisterFamilyCommand(body), ct), v => $"/families/{v.Subject}"))
            .AllowAnonymous()
            .RequireRateLimiting(SignInEndpoints.SignInRateLimit)
            .WithName("registerFamily")
            .WithSummary("A family registers itself with e-mail and password, then signs in at /auth/sign-in")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/", async Task<Results<Created<FamilyView>, ProblemHttpResult>> (CreateFamilyRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Created(await mediator.Send(new CreateFamilyCommand(Actor.From(http.User), body), ct), v => $"/families/{v.Subject}"))
            .RequireAuthorization(Policies.Operations)
            .WithName("createFamily")
            .WithSummary("Register a family (sender)")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/{subject}/contacts", async Task<Results<Ok<ContactView>, ProblemHttpResult>> (string subject, ApproveContactRequest body, HttpContext http,
                IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ApproveContactCommand(Actor.From(http.User), subject, body), ct)))
            .RequireAuthorization(Policies.StaffOrOperations)
            .WithName("approveContact")
            .WithSummary("Approve a person in custody as a family's contact (staff of the person's facility, operations)")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{subject}/contacts", async Task<Results<Ok<IReadOnlyList<ContactView>>, ProblemHttpResult>> (string subject, HttpContext http,
                IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ListContactsQuery(Actor.From(http.User), subject), ct)))
            .RequireAuthorization(Policies.FamilyOrOperations)
            .WithName("listContacts")
            .WithSummary("A family's approved contacts")
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
