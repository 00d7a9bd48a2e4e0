using Ledger.Data.Intake;

namespace Ledger.Intake.Pipeline;

/// <summary>
/// The summary operations script against (FORMATS.md, "Command-line summaries"). Nothing is lost:
/// amount_in_cents = credited_cents + returned_cents + in_review_cents, and items is the sum of the counts.
/// </summary>
public sealed record IntakeSummary(
    long FileId, string Source, string File, string Sha256, string Status, string? Reason, bool AlreadyProcessed,
    long Items, long Posted, long PartiallyPosted, long Returned, long InReview, long Duplicates, long Reversed, bool Quarantined,
    long AmountInCents, long CreditedCents, long RestitutionCents, long ReturnedCents, long InReviewCents, long ReversedCents, long FeesCents,
    long? DeclaredCount, long? DeclaredAmountCents, long? DeclaredFeeCents, bool Balanced)
{
    public static IntakeSummary From(IntakeRun run)
    {
        var t = run.Totals;
        var f = run.File;
        var balanced = t.AmountInCents == t.CreditedCents + t.ReturnedCents + t.InReviewCents
                       && t.Items == t.Posted + t.PartiallyPosted + t.Returned + t.InReview + t.Duplicates + t.Reversed;
        return new IntakeSummary(f.Id, f.Source, f.Name, f.Sha256, IntakeStore.StatusCode(f.Status), f.Reason, run.AlreadyProcessed,
            t.Items, t.Posted, t.PartiallyPosted, t.Returned, t.InReview, t.Duplicates, t.Reversed, run.Quarantined,
            t.AmountInCents, t.CreditedCents, t.RestitutionCents, t.ReturnedCents, t.InReviewCents, t.ReversedCents, t.FeesCents,
            f.DeclaredCount, f.DeclaredAmountCents, f.DeclaredFeeCents, balanced);
    }
}
