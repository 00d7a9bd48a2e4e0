using Ledger.Api.Auth;
using Ledger.Data.Settlements;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Api.Pages.Operations;

/// <summary>Settlement files and what matched; each clearing account against what it still holds; everything unmatched; the bank tie-out.</summary>
[Authorize(Policy = StaffPages.OperationsOnly)]
public sealed class SettlementsModel(SettlementImporter importer, SettlementStatus status) : PageModel
{
    public IReadOnlyList<SettlementImportResult> Files { get; private set; } = [];
    public SettlementStatusReport Status { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Files = (await importer.ListAsync(null, null, ct)).Reverse().ToList();
        Status = await status.ReportAsync(ct);
    }

    public static string Dollars(long cents) => (cents < 0 ? "-$" : "$") + Domain.Money.Usd(Math.Abs(cents)).ToDecimalString();
}
