using System.Globalization;
using System.Text;
using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Ledger.Data.Intake;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Features.Reconciliation;

public sealed record GetReconciliationQuery(DateOnly Day) : IQuery<Result<ReconciliationReport>>;

public sealed class GetReconciliationHandler(Data.Intake.Reconciliation reconciliation) : IQueryHandler<GetReconciliationQuery, Result<ReconciliationReport>>
{
    public async ValueTask<Result<ReconciliationReport>> Handle(GetReconciliationQuery query, CancellationToken ct) =>
        await reconciliation.ReportAsync(query.Day, ct);
}

/// <summary>Produces the day's report now and keeps it (beside any kept before), with an audit row in the same transaction.</summary>
public sealed record KeepReconciliationCommand(Actor Actor, DateOnly Day) : ICommand<Result<KeptReport>>;

public sealed class KeepReconciliationHandler(Data.Intake.Reconciliation reconciliation, ReconciliationReports reports, TimeProvider clock)
    : ICommandHandler<KeepReconciliationCommand, Result<KeptReport>>
{
    public async ValueTask<Result<KeptReport>> Handle(KeepReconciliationCommand command, CancellationToken ct)
    {
        var report = await reconciliation.ReportAsync(command.Day, ct);
        var day = command.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return await reports.SaveAsync(report, command.Actor.Subject,
            AuditInTransaction.Write(command.Actor, "reconciliation.keep", "reconciliation_report", day, null, null,
                new { date = day, report.Balanced }, clock.GetUtcNow()), ct);
    }
}

public sealed record ListKeptReportsQuery(DateOnly? Day, int Limit) : IQuery<Result<IReadOnlyList<KeptReport>>>;

public sealed class ListKeptReportsHandler(ReconciliationReports reports) : IQueryHandler<ListKeptReportsQuery, Result<IReadOnlyList<KeptReport>>>
{
    public async ValueTask<Result<IReadOnlyList<KeptReport>>> Handle(ListKeptReportsQuery query, CancellationToken ct) =>
        (await reports.ListAsync(query.Day, query.Limit, ct)).ToList();
}

public static class BusinessDay
{
    /// <summary>A UTC business day from <c>?date=YYYY-MM-DD</c>; today (UTC) when absent.</summary>
    public static Result<DateOnly> Parse(string? text, TimeProvider clock)
    {
        var day = ParseOptional(text);
        if (!day.IsSuccess) return day.Problem!;
        return day.Value ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>A UTC business day, or null when absent.</summary>
    public static Result<DateOnly?> ParseOptional(string? text)
    {
        if (string.IsNullOrEmpty(text)) return (DateOnly?)null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return (DateOnly?)day;
        return Problems.Invalid("invalid-date", $"date '{text}' is not a day like 2026-11-23.");
    }
}

public static class ReconciliationEndpoints
{
    public static void MapReconciliation(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/operations/reconciliation").WithTags("Reconciliation").RequireAuthorization(Policies.Operations);

        group.MapGet("/", async Task<Results<Ok<ReconciliationReport>, FileContentHttpResult, ProblemHttpResult>> (
                string? date, string? format, TimeProvider clock, IMediator mediator, CancellationToken ct) =>
            {
                var day = BusinessDay.Parse(date, clock);
                if (!day.IsSuccess) return day.Problem!.ToResult();
                if (format is not (null or "json" or "csv")) return Problems.Invalid("invalid-format", "format is json or csv.").ToResult();
                var report = await mediator.Send(new GetReconciliationQuery(day.Value), ct);
                if (!report.IsSuccess) return report.Problem!.ToResult();
                return format == "csv"
                    ? TypedResults.File(Encoding.UTF8.GetBytes(ReconciliationCsv.ToString(report.Value!)), "text/csv",
                        $"reconciliation-{day.Value:yyyy-MM-dd}.csv")
                    : TypedResults.Ok(report.Value!);
            })
            .WithSummary("The day's reconciliation (UTC day): per file against its control totals, per facility, and each clearing account against what will be settled; JSON or CSV");

        group.MapPost("/", async Task<Results<Created<KeptReport>, ProblemHttpResult>> (string? date, TimeProvider clock, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var day = BusinessDay.Parse(date, clock);
                if (!day.IsSuccess) return day.Problem!.ToResult();
                var kept = await mediator.Send(new KeepReconciliationCommand(Actor.From(http.User), day.Value), ct);
                return kept.IsSuccess
                    ? TypedResults.Created($"/operations/reconciliation/kept?date={day.Value:yyyy-MM-dd}", kept.Value!)
                    : kept.Problem!.ToResult();
            })
            .WithSummary("Produce the day's reconciliation now and keep it");

        group.MapGet("/kept", async Task<Results<Ok<IReadOnlyList<KeptReport>>, ProblemHttpResult>> (string? date, int? limit, IMediator mediator, CancellationToken ct) =>
            {
                var day = BusinessDay.ParseOptional(date);
                if (!day.IsSuccess) return day.Problem!.ToResult();
                return ResultHttp.Ok(await mediator.Send(new ListKeptReportsQuery(day.Value, limit ?? 50), ct));
            })
            .WithSummary("Kept reconciliation reports (nightly and on request), newest first: of one day, or the latest");
    }
}
