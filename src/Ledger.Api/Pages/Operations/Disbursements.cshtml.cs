using System.Globalization;
using Ledger.Api.Auth;
using Ledger.Api.Features.Disbursements;
using Ledger.Data.Settlements;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Api.Pages.Operations;

/// <summary>
/// Checks out of the trust bank account: pay a released person's balance, refund a money order's excess, pay a facility's
/// collected restitution to the court; approve what someone else created, void; positive pay.
/// </summary>
[Authorize(Policy = StaffPages.OperationsOnly)]
public sealed class DisbursementsModel(IMediator mediator, DisbursementStore store, DisbursementSettings settings, TimeProvider clock) : PageModel
{
    public IReadOnlyList<DisbursementRow> Disbursements { get; private set; } = [];
    public long FourEyesAboveCents => settings.FourEyesAboveCents;
    public string Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public string Me => Actor.From(User).Identity; // what created_by holds: four-eyes compares sign-in accounts
    [TempData] public string? Message { get; set; }
    [TempData] public string? Error { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Disbursements = await store.ListAsync(null, ct);

    public async Task<IActionResult> OnGetPositivePayAsync(DateOnly date, CancellationToken ct) =>
        File(System.Text.Encoding.UTF8.GetBytes(await store.PositivePayCsvAsync(date, settings.BankAccount, ct)), "text/csv", $"positive-pay-{date:yyyy-MM-dd}.csv");

    public async Task<IActionResult> OnPostCreateAsync(string personNumber, string payeeName, string? payeeAddress, CancellationToken ct) =>
        Done(await mediator.Send(new CreateReleaseBalanceCommand(Actor.From(User), new ReleaseBalanceRequest(personNumber, payeeName, payeeAddress)), ct), "created");

    public async Task<IActionResult> OnPostRefundCheckAsync(long fileId, int sequence, CancellationToken ct) =>
        Done(await mediator.Send(new CreateRefundCheckCommand(Actor.From(User), new RefundCheckRequest(fileId, sequence)), ct), "created");

    public async Task<IActionResult> OnPostCourtRemittanceAsync(string facilityCode, DateOnly periodEnd, string payeeName, string? payeeAddress, CancellationToken ct) =>
        Done(await mediator.Send(new CreateCourtRemittanceCommand(Actor.From(User), new CourtRemittanceRequest(facilityCode, periodEnd, payeeName, payeeAddress)), ct), "created");

    public async Task<IActionResult> OnPostApproveAsync(long id, CancellationToken ct) =>
        Done(await mediator.Send(new ApproveDisbursementCommand(Actor.From(User), id), ct), "approved");

    public async Task<IActionResult> OnPostVoidAsync(long id, string reason, CancellationToken ct) =>
        Done(await mediator.Send(new VoidDisbursementCommand(Actor.From(User), id, reason), ct), "voided");

    private RedirectToPageResult Done(Infrastructure.Result<DisbursementRow> result, string what)
    {
        if (result.IsSuccess)
        {
            var d = result.Value!;
            Message = string.Create(CultureInfo.InvariantCulture,
                $"Disbursement {d.Id} {what}: {Dollars(d.AmountCents)} to {d.PayeeName}, {d.Status.Replace('_', ' ')}{(d.CheckNumber is { } n ? $", check {n}" : "")}.");
        }
        else Error = result.Problem!.Detail;
        return RedirectToPage();
    }

    public static string Dollars(long cents) => "$" + Domain.Money.Usd(cents).ToDecimalString();
}
