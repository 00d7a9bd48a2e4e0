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
        if (returns.All(r => r.AwaitsAddress))
        {
            Error = "No letter can be printed: every return of the day waits for its sender's address; confirm or key it first.";
            return RedirectToPage(new { date = Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        }
        return File(ReturnManifest.Letters(returns, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)), "application/pdf", $"return-letters-{Day:yyyy-MM-dd}.pdf");
    }

    public Task<IActionResult> OnPostMailedAsync(long fileId, int sequence, CancellationToken ct) => DisposeAsync(fileId, sequence, Disposition.Mailed, ct);

    public Task<IActionResult> OnPostRefundedAsync(long fileId, int sequence, CancellationToken ct) => DisposeAsync(fileId, sequence, Disposition.Refunded, ct);

    /// <summary>Confirms or keys the sender's address of a money order's excess that waits for one (the same handler as the API).</summary>
    public async Task<IActionResult> OnPostAddressAsync(long fileId, int sequence, string? senderName, string? street, string? cityStateZip, CancellationToken ct)
    {
        var result = await mediator.Send(new ConfirmReturnAddressCommand(Actor.From(User), fileId, sequence, new ReturnAddressRequest(senderName, street, cityStateZip)), ct);
        if (result.IsSuccess)
            Message = string.Create(CultureInfo.InvariantCulture,
                $"Item {sequence} of file {fileId} ({result.Value!.Reference}): address confirmed, {result.Value.SenderAddress}; its excess can now be refunded by check.");
        else Error = result.Problem!.Detail;
        return RedirectToPage(new { date = Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
    }

    /// <summary>Records the amount of a money order returned unread, as read off the tape or the paper (the same handler as the API).</summary>
    public async Task<IActionResult> OnPostAmountAsync(long fileId, int sequence, string? amount, string? readFrom, CancellationToken ct)
    {
        if (!Domain.Money.TryParseExact((amount ?? "").Trim().TrimStart('$'), Domain.Currency.USD, out var money))
            Error = $"'{amount}' is not an amount like 125.00.";
        else
        {
            var result = await mediator.Send(new KeyReturnAmountCommand(Actor.From(User), fileId, sequence, new ReturnAmountRequest(money.MinorUnits, readFrom)), ct);
            if (result.IsSuccess)
                Message = string.Create(CultureInfo.InvariantCulture,
                    $"Item {sequence} of file {fileId} ({result.Value!.Reference}): amount {Dollars(result.Value.AmountCents)} recorded from the {result.Value.AmountKeyed!.ReadFrom.Replace('_', ' ')}; no money moved.");
            else Error = result.Problem!.Detail;
        }
        return RedirectToPage(new { date = Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
    }

    /// <summary>OCR's readings of the sender, unconfirmed, with their confidences, shown beside the address form.</summary>
    public static IEnumerable<string> Readings(ReturnItem r) => SenderAddresses.Readings(r.Item.Details).Select(SenderAddresses.Describe);

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
