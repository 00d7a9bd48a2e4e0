using System.Globalization;
using Ledger.Api.Auth;
using Ledger.Api.Features.Returns;
using Ledger.Data.Intake;
using Ledger.Intake.Returns;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Api.Pages.Operations;

/// <summary>The day's returns: download the manifest and the letters; mark each one mailed, or refunded (which posts the refund).</summary>
[Authorize(Policy = StaffPages.OperationsOnly)]
public sealed class ReturnsModel(IMediator mediator, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }
    public DateOnly Day { get; private set; }
    public IReadOnlyList<ReturnItem> Returns { get; private set; } = [];
    [TempData] public string? Message { get; set; }
    [TempData] public string? Error { get; set; }

    private async Task<IReadOnlyList<ReturnItem>> LoadAsync(CancellationToken ct)
    {
        Day = Date ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return (await mediator.Send(new ListReturnsQuery(Day), ct)).Value!;
    }

    public async Task OnGetAsync(CancellationToken ct) => Returns = await LoadAsync(ct);

    public async Task<IActionResult> OnGetManifestAsync(CancellationToken ct) =>
        File(ReturnManifest.ToBytes(await LoadAsync(ct)), "text/csv", $"returns-{Day:yyyy-MM-dd}.csv");

    public async Task<IActionResult> OnGetLettersAsync(CancellationToken ct)
    {
        var returns = await LoadAsync(ct);
        if (returns.Count == 0) return NotFound();
        return File(ReturnManifest.Letters(returns, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)), "application/pdf", $"return-letters-{Day:yyyy-MM-dd}.pdf");
    }

    public Task<IActionResult> OnPostMailedAsync(long fileId, int sequence, CancellationToken ct) => DisposeAsync(fileId, sequence, Disposition.Mailed, ct);

    public Task<IActionResult> OnPostRefundedAsync(long fileId, int sequence, CancellationToken ct) => DisposeAsync(fileId, sequence, Disposition.Refunded, ct);

    private async Task<IActionResult> DisposeAsync(long fileId, int sequence, Disposition disposition, CancellationToken ct)
    {
        var result = await mediator.Send(new DisposeReturnCommand(Actor.From(User), fileId, sequence, disposition), ct);
        if (result.IsSuccess)
            Message = string.Create(CultureInfo.InvariantCulture, $"Item {sequence} of file {fileId} ({result.Value!.Reference}) marked {result.Value.Disposition!.Status}.");
        else Error = result.Problem!.Detail;
        return RedirectToPage(new { date = Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
    }

    public static string Dollars(long cents) => "$" + Domain.Money.Usd(cents).ToDecimalString();
}
