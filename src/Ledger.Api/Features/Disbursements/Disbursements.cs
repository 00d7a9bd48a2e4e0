using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Ledger.Data.Settlements;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Features.Disbursements;

public sealed record ReleaseBalanceRequest(string PersonNumber, string PayeeName, string? PayeeAddress);
public sealed record VoidRequest(string Reason);
public sealed record RefundCheckRequest(long FileId, int Sequence);
/// <summary>Restitution collected at a facility up to the end of <c>PeriodEnd</c> (a UTC day), paid to the court.</summary>
public sealed record CourtRemittanceRequest(string FacilityCode, DateOnly PeriodEnd, string PayeeName, string? PayeeAddress);
/// <summary>A disbursement with, for a court remittance, what it pays from each person's restitution account.</summary>
public sealed record DisbursementDetail(DisbursementRow Disbursement, IReadOnlyList<CourtRemittanceLine> Lines);

public sealed record CreateReleaseBalanceCommand(Actor Actor, ReleaseBalanceRequest Request) : ICommand<Result<DisbursementRow>>;
public sealed record CreateRefundCheckCommand(Actor Actor, RefundCheckRequest Request) : ICommand<Result<DisbursementRow>>;
public sealed record CreateCourtRemittanceCommand(Actor Actor, CourtRemittanceRequest Request) : ICommand<Result<DisbursementRow>>;
public sealed record ApproveDisbursementCommand(Actor Actor, long Id) : ICommand<Result<DisbursementRow>>;
public sealed record VoidDisbursementCommand(Actor Actor, long Id, string Reason) : ICommand<Result<DisbursementRow>>;

/// <summary>
/// The API's and the operations page's disbursement commands, through <see cref="DisbursementDesk"/> (the path <c>ledger disbursements</c>
/// takes too): four-eyes compares sign-in accounts (<see cref="Actor.Identity"/>), and the audit entry is written with the change.
/// </summary>
public sealed class DisbursementHandlers(DisbursementDesk desk)
    : ICommandHandler<CreateReleaseBalanceCommand, Result<DisbursementRow>>, ICommandHandler<CreateRefundCheckCommand, Result<DisbursementRow>>,
      ICommandHandler<CreateCourtRemittanceCommand, Result<DisbursementRow>>,
      ICommandHandler<ApproveDisbursementCommand, Result<DisbursementRow>>,
      ICommandHandler<VoidDisbursementCommand, Result<DisbursementRow>>
{
    public async ValueTask<Result<DisbursementRow>> Handle(CreateReleaseBalanceCommand command, CancellationToken ct) =>
        Map(await desk.CreateReleaseBalanceAsync(Staff(command.Actor), command.Request.PersonNumber, command.Request.PayeeName, command.Request.PayeeAddress, ct));

    public async ValueTask<Result<DisbursementRow>> Handle(CreateRefundCheckCommand command, CancellationToken ct) =>
        Map(await desk.CreateRefundCheckAsync(Staff(command.Actor), command.Request.FileId, command.Request.Sequence, ct));

    public async ValueTask<Result<DisbursementRow>> Handle(CreateCourtRemittanceCommand command, CancellationToken ct) =>
        Map(await desk.CreateCourtRemittanceAsync(Staff(command.Actor), command.Request.FacilityCode, command.Request.PeriodEnd, command.Request.PayeeName,
            command.Request.PayeeAddress, ct));

    public async ValueTask<Result<DisbursementRow>> Handle(ApproveDisbursementCommand command, CancellationToken ct) =>
        Map(await desk.ApproveAsync(Staff(command.Actor), command.Id, ct));

    public async ValueTask<Result<DisbursementRow>> Handle(VoidDisbursementCommand command, CancellationToken ct) =>
        Map(await desk.VoidAsync(Staff(command.Actor), command.Id, command.Reason, ct));

    private static DisbursementStaff Staff(Actor actor) => new(actor.Identity, actor.Role);

    private static Result<DisbursementRow> Map(DisbursementOutcome outcome) => outcome.Refusal switch
    {
        null => outcome.Row!,
        "not-found" => Problems.NotFound(outcome.Detail!),
        "four-eyes" => Problems.Conflict("four-eyes", "Another member of staff must approve", outcome.Detail!),
        "not-pending" or "not-issued" or "not-voidable" or "already-disbursed" or "balance-changed" or "period-already-remitted" or "address-not-confirmed"
            => Problems.Conflict(outcome.Refusal, "Not possible now", outcome.Detail!),
        _ => Problems.Invalid(outcome.Refusal, outcome.Detail!),
    };
}

public static class DisbursementEndpoints
{
    public static IServiceCollection AddDisbursements(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(DisbursementSettings.From(config));
        services.AddSingleton<DisbursementStore>();
        services.AddSingleton<DisbursementDesk>();
        return services;
    }

    public static void MapDisbursements(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/disbursements").WithTags("Disbursements").RequireAuthorization(Policies.Operations);
        group.MapPost("/release-balance", async Task<Results<Created<DisbursementRow>, ProblemHttpResult>> (ReleaseBalanceRequest body, HttpContext http,
                IMediator mediator, CancellationToken ct) =>
                ResultHttp.Created(await mediator.Send(new CreateReleaseBalanceCommand(Actor.From(http.User), body), ct), r => $"/disbursements/{r.Id}"))
            .WithSummary("Pay a released person's whole trust balance by check (issued at once up to the four-eyes threshold, else waits for approval)");
        group.MapPost("/refund-check", async Task<Results<Created<DisbursementRow>, ProblemHttpResult>> (RefundCheckRequest body, HttpContext http,
                IMediator mediator, CancellationToken ct) =>
                ResultHttp.Created(await mediator.Send(new CreateRefundCheckCommand(Actor.From(http.User), body), ct), r => $"/disbursements/{r.Id}"))
            .WithSummary("Refund by check what a deposited money order's excess put in refunds payable, to the sender on its slip");
        group.MapPost("/court-remittance", async Task<Results<Created<DisbursementRow>, ProblemHttpResult>> (CourtRemittanceRequest body, HttpContext http,
                IMediator mediator, CancellationToken ct) =>
                ResultHttp.Created(await mediator.Send(new CreateCourtRemittanceCommand(Actor.From(http.User), body), ct), r => $"/disbursements/{r.Id}"))
            .WithName("createCourtRemittance")
            .WithSummary("Pay the court the restitution collected at a facility up to the end of a period and not remitted yet (one check, a line per person; four-eyes above the threshold)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id:long}", async Task<Results<Ok<DisbursementDetail>, ProblemHttpResult>> (long id, DisbursementStore store, CancellationToken ct) =>
                await store.FindAsync(id, ct) is { } row
                    ? TypedResults.Ok(new DisbursementDetail(row, await store.LinesAsync(id, ct)))
                    : Problems.NotFound($"No disbursement {id}.").ToResult())
            .WithName("getDisbursement")
            .WithSummary("One disbursement; for a court remittance, what it pays from each person's restitution account")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:long}/approve", async Task<Results<Ok<DisbursementRow>, ProblemHttpResult>> (long id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ApproveDisbursementCommand(Actor.From(http.User), id), ct)))
            .WithSummary("Approve and issue a disbursement someone else created (409 four-eyes for its creator)");
        group.MapPost("/{id:long}/void", async Task<Results<Ok<DisbursementRow>, ProblemHttpResult>> (long id, VoidRequest body, HttpContext http, IMediator mediator,
                CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new VoidDisbursementCommand(Actor.From(http.User), id, body.Reason), ct)))
            .WithSummary("Void an issued check: its entry is reversed (a refund check's return is back to awaiting refund); one waiting for approval is cancelled");
        group.MapGet("/", async (string? status, DisbursementStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(status, ct)))
            .WithSummary("Disbursements, newest first");
        group.MapGet("/positive-pay.csv", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (DateOnly date, DisbursementStore store, DisbursementSettings settings,
                CancellationToken ct) =>
                TypedResults.File(System.Text.Encoding.UTF8.GetBytes(await store.PositivePayCsvAsync(date, settings.BankAccount, ct)), "text/csv", $"positive-pay-{date:yyyy-MM-dd}.csv"))
            .WithSummary("Positive pay: the checks issued or voided on a day, for the bank");
    }
}
