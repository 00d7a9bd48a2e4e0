using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Ledger.Data.Intake;

/// <summary>
/// A reconciliation as one CSV: file and facility rows, then one row per clearing account. Columns that do not
/// apply to a row's scope are empty. Amounts are cents (integers), as everywhere in the ledger.
/// </summary>
public static class ReconciliationCsv
{
    private static readonly string[] Header =
    [
        "scope", "key", "status", "items", "posted", "partially_posted", "returned", "in_review", "keyed", "duplicates", "reversed",
        "amount_in_cents", "credited_cents", "restitution_cents", "returned_cents", "in_review_cents", "reversed_cents", "fees_cents",
        "declared_count", "declared_amount_cents", "count_difference", "amount_difference_cents",
        "settles_deposits_cents", "settles_reversals_cents", "settles_refunds_cents", "settles_cents", "ledger_net_cents", "ledger_difference_cents",
        "balanced",
        // Appended (round 16), so readers of the columns above are unchanged: money orders returned unread with no amount
        // recorded yet, and those whose amount operations recorded (counted in returned_cents).
        "returned_unread", "return_amounts_keyed",
    ];

    public static void Write(TextWriter writer, ReconciliationReport report)
    {
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true);
        foreach (var h in Header) csv.WriteField(h);
        csv.NextRecord();
        foreach (var r in report.Rows)
        {
            Fields(csv, r.Scope, r.Key, r.Status, r.Items, r.Posted, r.PartiallyPosted, r.Returned, r.InReview, r.Keyed, r.Duplicates, r.Reversed,
                r.AmountInCents, r.CreditedCents, r.RestitutionCents, r.ReturnedCents, r.InReviewCents, r.ReversedCents, r.FeesCents,
                r.DeclaredCount, r.DeclaredAmountCents, r.CountDifference, r.AmountDifference, null, null, null, null, null, null, Bool(r.Balanced),
                r.ReturnedUnread, r.ReturnAmountsKeyed);
        }
        foreach (var c in report.Clearing)
        {
            Fields(csv, "clearing", c.Owner.Length == 0 ? c.Account : $"{c.Account} {c.Owner}", "", null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null,
                c.DepositsCents, c.ReversalsCents, c.RefundsCents, c.SettlesCents, c.LedgerNetCents, c.DifferenceCents, Bool(c.Balanced), null, null);
        }
    }

    public static string ToString(ReconciliationReport report)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(text, report);
        return text.ToString();
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static void Fields(CsvWriter csv, params object?[] values)
    {
        foreach (var v in values)
            csv.WriteField(v switch { null => "", long n => n.ToString(CultureInfo.InvariantCulture), _ => Convert.ToString(v, CultureInfo.InvariantCulture) });
        csv.NextRecord();
    }
}
