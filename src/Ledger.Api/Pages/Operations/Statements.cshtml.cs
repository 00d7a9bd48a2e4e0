using Ledger.Api.Auth;
using Ledger.Api.Features.Statements;
using Ledger.Api.Infrastructure;
using Ledger.Data.Statements;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace Ledger.Api.Pages.Operations;

/// <summary>
/// Accountants pick a facility they serve and a period: the trial balance is shown here, the residents' statements
/// and the trial balance download as files. The same queries as the API's /facilities/{facility}/statements.
/// </summary>
[Authorize(Policy = StaffPages.Accountants)]
public sealed class StatementsModel(IMediator mediator, NpgsqlDataSource db, FacilityStatements statements, ILogger<StatementsModel> log, TimeProvider clock)
    : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Facility { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }

    public IReadOnlyList<(string Code, string Name)> Facilities { get; private set; } = [];
    public TrialBalance? TrialBalance { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadFacilitiesAsync(ct);
        if (Facility is null) return;
        var result = await mediator.Send(new GetTrialBalanceQuery(Actor.From(User), Facility, From, To), ct);
        if (result.IsSuccess) TrialBalance = result.Value;
        else Error = result.Problem!.Detail;
    }

    /// <summary>Every resident's statement and the trial balance, streamed as one zip.</summary>
    public async Task<IActionResult> OnGetZipAsync(CancellationToken ct)
    {
        var prepared = await mediator.Send(new PrepareStatementsExportQuery(Actor.From(User), Facility ?? "", From, To, Format), ct);
        if (!prepared.IsSuccess) return await ShowErrorAsync(prepared.Problem!, ct);
        var export = prepared.Value!;
        Response.ContentType = "application/zip";
        Response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileNameStar = export.FileName }.ToString();
        await StatementEndpoints.StreamZipAsync(Response.Body, export, statements, log, ct);
        return new EmptyResult();
    }

    public async Task<IActionResult> OnGetTrialBalanceAsync(string? kind, CancellationToken ct)
    {
        var result = await mediator.Send(new GetTrialBalanceQuery(Actor.From(User), Facility ?? "", From, To), ct);
        if (!result.IsSuccess) return await ShowErrorAsync(result.Problem!, ct);
        var tb = result.Value!;
        var name = tb.FileStem;
        return kind == "pdf"
            ? File(StatementDocuments.Pdf(tb), "application/pdf", name + ".pdf")
            : File(StatementDocuments.Csv(tb), "text/csv", name + ".csv");
    }

    private async Task<IActionResult> ShowErrorAsync(ApiProblem problem, CancellationToken ct)
    {
        await LoadFacilitiesAsync(ct);
        Error = problem.Detail;
        Response.StatusCode = problem.Status;
        return Page();
    }

    /// <summary>The facilities this member of staff serves (operations: all); the form's defaults: the first of them, this month so far.</summary>
    private async Task LoadFacilitiesAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        var list = new List<(string, string)>();
        await using (var cmd = db.CreateCommand("SELECT code, name FROM facilities ORDER BY code"))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                if (actor.ServesFacility(reader.GetString(0))) list.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        Facilities = list;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        From ??= StatementPeriod.Format(new DateOnly(today.Year, today.Month, 1));
        To ??= StatementPeriod.Format(today);
        Format ??= "both";
    }

    public static string Amount(long cents) => StatementDocuments.Amount(cents);
}
