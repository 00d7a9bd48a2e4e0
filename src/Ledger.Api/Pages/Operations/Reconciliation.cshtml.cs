using System.Text;
using System.Text.Json;
using Ledger.Api.Auth;
using Ledger.Api.Features.Reconciliation;
using Ledger.Data.Intake;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Api.Pages.Operations;

/// <summary>A day's reconciliation: per file, per facility and per clearing account; keep it; the reports kept for the day.</summary>
[Authorize(Policy = StaffPages.OperationsOnly)]
public sealed class ReconciliationModel(IMediator mediator, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }
    public DateOnly Day { get; private set; }
    public ReconciliationReport Report { get; private set; } = null!;
    public IReadOnlyList<KeptReport> Kept { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Day = Date ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Report = (await mediator.Send(new GetReconciliationQuery(Day), ct)).Value!;
        Kept = (await mediator.Send(new ListKeptReportsQuery(Day, 50), ct)).Value!;
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        Day = Date ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var report = (await mediator.Send(new GetReconciliationQuery(Day), ct)).Value!;
        return File(Encoding.UTF8.GetBytes(ReconciliationCsv.ToString(report)), "text/csv", $"reconciliation-{Day:yyyy-MM-dd}.csv");
    }

    /// <summary>A kept report exactly as it was kept (JSON).</summary>
    public async Task<IActionResult> OnGetKeptAsync(long id, CancellationToken ct)
    {
        Day = Date ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var kept = (await mediator.Send(new ListKeptReportsQuery(Day, 1000), ct)).Value!.FirstOrDefault(k => k.Id == id);
        if (kept is null) return NotFound();
        return File(JsonSerializer.SerializeToUtf8Bytes(kept, ReconciliationReports.Json), "application/json", $"reconciliation-{Day:yyyy-MM-dd}-{id}.json");
    }

    public async Task<IActionResult> OnPostKeepAsync(CancellationToken ct)
    {
        Day = Date ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var kept = (await mediator.Send(new KeepReconciliationCommand(Actor.From(User), Day), ct)).Value!;
        Message = $"Kept as report {kept.Id} ({(kept.Balanced ? "balanced" : "not balanced")}).";
        return RedirectToPage(new { date = Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
    }

    public static string Dollars(long cents) => (cents < 0 ? "-$" : "$") + Domain.Money.Usd(Math.Abs(cents)).ToDecimalString();

    public static string Signed(long cents) => cents switch { > 0 => "+" + Dollars(cents), _ => Dollars(cents) };
}
