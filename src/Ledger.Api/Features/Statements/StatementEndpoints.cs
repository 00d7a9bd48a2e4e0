using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Ledger.Data.Services.Auth;
using Ledger.Data.Statements;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Features.Statements;

public static class StatementEndpoints
{
    /// <summary>Writes the export's zip onto a response body that has not been started; the API and the statements page both send it so.</summary>
    public static async Task StreamZipAsync(Stream body, StatementsExport export, FacilityStatements statements, ILogger log, CancellationToken ct)
    {
        try
        {
            await using var zip = ZipStatementOutput.Create(body);
            var summary = await statements.ExportAsync(export.FacilityCode, export.Period, export.Formats, zip, ct: ct);
            log.LogInformation("Statements of {Facility} for {Period} sent: {People} people, {Lines} lines, {Files} files",
                summary.FacilityCode, export.Period.Slug, summary.People, summary.Lines, summary.Files.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The status line is gone already: the client sees a cut-off zip, which does not open.
            log.LogError(e, "Statements of {Facility} for {Period} failed while streaming", export.FacilityCode, export.Period.Slug);
            throw;
        }
    }

    public static void MapFacilityStatements(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/facilities/{facility}").WithTags("Statements")
            .RequireAuthorization(p => p.RequireClaim(LedgerTokens.RoleClaim, LedgerTokens.Roles.Accountant, LedgerTokens.Roles.Operations));

        group.MapGet("/statements", async Task<Results<PushStreamHttpResult, ProblemHttpResult>> (string facility, string? from, string? to, string? format,
                HttpContext http, IMediator mediator, FacilityStatements statements, ILogger<FacilityStatements> log) =>
            {
                var prepared = await mediator.Send(new PrepareStatementsExportQuery(Actor.From(http.User), facility, from, to, format), http.RequestAborted);
                if (!prepared.IsSuccess) return prepared.Problem!.ToResult();
                var export = prepared.Value!;
                return TypedResults.Stream(body => StreamZipAsync(body, export, statements, log, http.RequestAborted), "application/zip", export.FileName);
            })
            .WithSummary("Every resident's statement for a period (whole UTC days, both ends included) and the trial balance, as one streamed zip; "
                         + "format=csv|pdf|both (default both)");

        group.MapGet("/trial-balance", async Task<Results<Ok<TrialBalance>, FileContentHttpResult, ProblemHttpResult>> (string facility, string? from, string? to,
                string? format, HttpContext http, IMediator mediator) =>
            {
                if (format is not (null or "json" or "csv" or "pdf")) return Problems.Invalid("invalid-format", "format is json, csv or pdf.").ToResult();
                var result = await mediator.Send(new GetTrialBalanceQuery(Actor.From(http.User), facility, from, to), http.RequestAborted);
                if (!result.IsSuccess) return result.Problem!.ToResult();
                var tb = result.Value!;
                var name = tb.FileStem;
                return format switch
                {
                    "csv" => TypedResults.File(StatementDocuments.Csv(tb), "text/csv", name + ".csv"),
                    "pdf" => TypedResults.File(StatementDocuments.Pdf(tb), "application/pdf", name + ".pdf"),
                    _ => TypedResults.Ok(tb),
                };
            })
            .WithSummary("The facility's trial balance for a period: per account opening, debits, credits, closing, with totals; JSON, or format=csv|pdf");
    }
}
