using Ledger.Data.Intake;
using Ledger.Data.Journal;
using Ledger.Data.Schema;
using Ledger.Domain.Journal;

namespace Ledger.Intake.Pipeline;

/// <summary>
/// The one way intake items reach the ledger, for every source: a chunk of decided items becomes
/// journal entries through the batch path, and the record of each item is written in the same
/// transaction. So an item is accounted for exactly when its money moved, and a job killed at any
/// point and run again picks up where the last committed chunk ended.
/// </summary>
public sealed class IntakePipeline(JournalStore journal)
{
    public async Task<IReadOnlyList<IntakeItemRow>> PostAsync(IReadOnlyList<ItemPlan> plans, CancellationToken ct = default)
    {
        var withEntry = plans.Where(p => p.Entry is not null).ToArray();
        IntakeItemRow[] written = [];
        var results = await journal.PostBatchAsync(withEntry.Select(p => p.Entry!).ToArray(), async (conn, tx, posted, token) =>
        {
            // May run more than once (the batch retries on a concurrent writer): build fresh rows each time.
            var byPlan = new Dictionary<ItemPlan, PostResult>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < withEntry.Length; i++) byPlan[withEntry[i]] = posted[i];
            written = plans.Select(p => p.Entry is null ? Copy(p.Item) : Settle(p.Item, byPlan[p])).ToArray();
            await IntakeStore.WriteItemsAsync(conn, written, token);
            // A hold exists only for an entry this batch really posted (not for a duplicate of an earlier one).
            var holds = withEntry.Where(p => p.Hold is not null && byPlan[p].Outcome == PostOutcome.Posted)
                .Select(p => Held(p.Hold!, byPlan[p].EntryId!.Value.Value)).ToArray();
            await MoneyOrderHoldStore.WriteAsync(conn, tx, holds, token);
        }, ct);

        for (var i = 0; i < withEntry.Length; i++)
        {
            if (!results[i].IsPosted) withEntry[i].OnNotPosted?.Invoke();
        }
        return written;
    }

    /// <summary>The item as the journal's answer makes it.</summary>
    private static IntakeItemRow Settle(IntakeItemRow planned, PostResult result)
    {
        var item = Copy(planned);
        item.EntryId = result.EntryId?.Value;
        switch (result.Outcome)
        {
            case PostOutcome.Posted:
                break;
            case PostOutcome.Duplicate:
                Zero(item);
                item.Outcome = ItemOutcome.Duplicate.ToCode();
                item.ReasonCode = "duplicate";
                item.Reason = $"Reference {item.Reference} was processed before (entry {result.EntryId}); nothing changed.";
                break;
            default:
                Zero(item);
                item.Outcome = ItemOutcome.InReview.ToCode();
                item.ReasonCode = result.Outcome switch
                {
                    PostOutcome.InsufficientFunds => "insufficient_funds",
                    PostOutcome.AlreadyReversed => "already_reversed",
                    _ => "not_reversible",
                };
                item.Reason = result.Outcome switch
                {
                    PostOutcome.InsufficientFunds => "The person's account no longer holds enough to take this money back; operations must decide.",
                    PostOutcome.AlreadyReversed => "The original transfer has already been reversed; operations must decide.",
                    _ => result.Detail ?? "The ledger refused this entry.",
                };
                // A deposit that cannot post keeps its cents in review, so nothing goes missing.
                if (item.Kind == "deposit") item.InReviewCents = item.AmountCents;
                break;
        }
        return item;
    }

    private static MoneyOrderHoldRow Held(MoneyOrderHoldRow h, long entryId) => new()
    {
        EntryId = entryId, PersonNumber = h.PersonNumber, FacilityCode = h.FacilityCode, AccountKind = h.AccountKind,
        AmountCents = h.AmountCents, ReleaseAt = h.ReleaseAt,
    };

    private static void Zero(IntakeItemRow item)
    {
        item.CreditedCents = item.RestitutionCents = item.ReturnedCents = item.FeeCents = item.FeeRefundedCents = item.InReviewCents = item.ReversedCents = 0;
    }

    private static IntakeItemRow Copy(IntakeItemRow r) => new()
    {
        FileId = r.FileId, Sequence = r.Sequence, Reference = r.Reference, Kind = r.Kind, Outcome = r.Outcome, ReasonCode = r.ReasonCode,
        Reason = r.Reason, PersonNumber = r.PersonNumber, FacilityCode = r.FacilityCode, AmountCents = r.AmountCents,
        CreditedCents = r.CreditedCents, RestitutionCents = r.RestitutionCents, ReturnedCents = r.ReturnedCents, FeeCents = r.FeeCents,
        FeeRefundedCents = r.FeeRefundedCents, InReviewCents = r.InReviewCents, ReversedCents = r.ReversedCents, EntryId = r.EntryId, SenderName = r.SenderName,
        SenderAddress = r.SenderAddress, Details = r.Details,
    };
}
