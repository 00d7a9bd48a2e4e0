using System.Globalization;
using Ledger.Api.Auth;
using Ledger.Api.Features.Keying;
using Ledger.Api.Infrastructure;
using Ledger.Domain;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Api.Pages.Operations;

/// <summary>
/// The keying queue for operations: the items OCR could not settle, one item with its two scans side by side and
/// what OCR saw, forms to key or return it, and the keyed items waiting for a second staff member. Every action goes
/// through the same Mediator commands as the /operations/keying endpoints, with the signed-in staff member as actor,
/// so four-eyes is the server's rule here too.
/// </summary>
[Authorize(Policy = StaffPages.OperationsOnly)]
public sealed class KeyingModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? FileId { get; set; }
    [BindProperty(SupportsGet = true)] public int? Sequence { get; set; }

    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public string? PersonNumber { get; set; }
    [BindProperty] public string? Account { get; set; }
    [BindProperty] public string? Serial { get; set; }
    [BindProperty] public string? Reason { get; set; }

    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }
    public KeyingQueueView Queue { get; private set; } = null!;
    public KeyingItemView? Item { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetScanAsync(string side, CancellationToken ct)
    {
        if (FileId is not { } file || Sequence is not { } sequence) return NotFound();
        var image = await mediator.Send(new KeyingScanQuery(file, sequence, side), ct);
        if (!image.IsSuccess) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return File(image.Value!.Bytes, image.Value.ContentType);
    }

    public async Task<IActionResult> OnPostKeyAsync(CancellationToken ct)
    {
        if (FileId is not { } file || Sequence is not { } sequence) return RedirectToPage();
        if (!TryCents(Amount, out var cents)) return await ShowAsync("Key the amount in dollars and cents, like 125.00.", ct);
        var result = await mediator.Send(new KeyItemCommand(Actor.From(User), file, sequence, new KeyRequest(cents, PersonNumber ?? "", Account ?? "", Serial)), ct);
        return await AnswerAsync(result, r => r.Status == "awaiting_approval"
            ? $"Keyed {Dollars(r.AmountCents)} for {r.PersonNumber}: over the four-eyes threshold, it waits for another staff member's approval."
            : $"Keyed {Dollars(r.AmountCents)} for {r.PersonNumber}: {Outcome(r)}.", ct);
    }

    public async Task<IActionResult> OnPostReturnAsync(CancellationToken ct)
    {
        if (FileId is not { } file || Sequence is not { } sequence) return RedirectToPage();
        long? cents = null;
        if (!string.IsNullOrWhiteSpace(Amount))
        {
            if (!TryCents(Amount, out var keyed)) return await ShowAsync("The amount, if you key it, is in dollars and cents, like 125.00.", ct);
            cents = keyed;
        }
        var result = await mediator.Send(new ReturnItemCommand(Actor.From(User), file, sequence, new ReturnRequest(Reason ?? "", cents)), ct);
        return await AnswerAsync(result, r => string.Create(CultureInfo.InvariantCulture, $"Item {r.FileId}/{r.Sequence} goes back to the sender: {r.Reason}"), ct);
    }

    public async Task<IActionResult> OnPostApproveAsync(long resolution, CancellationToken ct) =>
        await AnswerAsync(await mediator.Send(new ApproveResolutionCommand(Actor.From(User), resolution), ct),
            r => $"Approved {Dollars(r.AmountCents)} for {r.PersonNumber} keyed by {r.KeyedBy}: {Outcome(r)}.", ct);

    public async Task<IActionResult> OnPostRejectAsync(long resolution, CancellationToken ct) =>
        await AnswerAsync(await mediator.Send(new RejectResolutionCommand(Actor.From(User), resolution, new RejectRequest(Reason ?? "")), ct),
            r => string.Create(CultureInfo.InvariantCulture, $"Rejected what {r.KeyedBy} keyed; item {r.FileId}/{r.Sequence} is back in the queue."), ct);

    public static string Dollars(long cents) => "$" + Money.Usd(cents).ToDecimalString();

    private static string Outcome(ResolutionView r) => r.Outcome == "partially_posted"
        ? $"{Dollars(r.CreditedCents)} credited, {Dollars(r.ReturnedCents)} over the limit goes back to the sender"
        : $"posted, {Dollars(r.CreditedCents)} credited" + (r.RestitutionCents > 0 ? $" ({Dollars(r.RestitutionCents)} to restitution)" : "");

    /// <summary>Success: back to the queue with a message. Refused: the same item again, with the server's reason.</summary>
    private async Task<IActionResult> AnswerAsync(Result<ResolutionView> result, Func<ResolutionView, string> done, CancellationToken ct)
    {
        if (!result.IsSuccess) return await ShowAsync(result.Problem!.Detail ?? result.Problem.Title, ct);
        Message = done(result.Value!);
        return RedirectToPage();
    }

    private async Task<IActionResult> ShowAsync(string error, CancellationToken ct)
    {
        Error = error;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Queue = (await mediator.Send(new KeyingQueueQuery(), ct)).Value!;
        if (FileId is { } file && Sequence is { } sequence)
        {
            var item = await mediator.Send(new KeyingItemQuery(file, sequence), ct);
            if (item.IsSuccess) Item = item.Value;
            else Error ??= item.Problem!.Detail;
        }
    }

    private static bool TryCents(string? text, out long cents)
    {
        var cleaned = (text ?? "").Trim().TrimStart('$').Replace(",", "", StringComparison.Ordinal);
        if (cleaned.Length > 0 && !cleaned.Contains('.', StringComparison.Ordinal)) cleaned += ".00";
        var ok = Money.TryParseExact(cleaned, Currency.USD, out var money);
        cents = ok ? money.MinorUnits : 0;
        return ok;
    }
}
