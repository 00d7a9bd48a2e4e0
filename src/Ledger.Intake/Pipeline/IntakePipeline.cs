using Ledger.Data.Intake;
using Ledger.Data.Journal;
using Ledger.Data.Schema;
using Ledger.Data.Telemetry;
using Ledger.Domain.Accounts;
using Ledger.Domain.Deposits;
using Ledger.Domain.Journal;
using Npgsql;

namespace Ledger.Intake.Pipeline;

/// <summary>
/// The one way intake items reach the ledger, for every source: a chunk of decided items becomes
/// journal entries through the batch path, and the record of each item is written in the same
/// transaction. So an item is accounted for exactly when its money moved, and a job killed at any
/// point and run again picks up where the last committed chunk ended.
/// </summary>
public sealed class IntakePipeline(JournalStore journal, IntakeStore? files = null)
{
    /// <summary>
    /// Decides a chunk under the lock on the people it may take restitution from, and posts it before the lock ends:
    /// <paramref name="restitution"/> is loaded with what they still owe, read under the lock, then
    /// <paramref name="decide"/> runs. So two runs (or a run and a card deposit) for one person never both take a share
    /// of the same debt, and a run resumed after a kill decides exactly as a clean run would.
    /// </summary>
    public async Task<IReadOnlyList<IntakeItemRow>> DecideAndPostAsync(RestitutionTracker restitution, IEnumerable<string> peopleToLock,
        Func<IReadOnlyList<ItemPlan>> decide, CancellationToken ct = default)
    {
        var store = files ?? throw new InvalidOperationException("Deciding under the restitution lock needs the intake store.");
        await using var held = await store.LockRestitutionAsync(peopleToLock, ct);
        restitution.Load(held.ObligationLessCollectedCents);
        return await PostAsync(decide(), ct);
    }

    /// <summary>
    /// Posts a decided chunk in one transaction: its entries through the batch path, then the reversals of entries the
    /// chunk itself posts (<see cref="ItemPlan.Original"/>), then the record of every item in the chunk's order. Throws
    /// <see cref="ChunkDecidedOnUnmetPremiseException"/>, with nothing written, when an entry a decision counted on did not
    /// post (<see cref="ItemPlan.MustPost"/>, or the original of a reversal of the chunk).
    /// </summary>
    public async Task<IReadOnlyList<IntakeItemRow>> PostAsync(IReadOnlyList<ItemPlan> plans, CancellationToken ct = default)
    {
        var withEntry = plans.Where(p => p.Entry is not null && p.Original is null).ToArray();
        IntakeItemRow[] written = [];
        var reversalsStarted = LedgerMetrics.Start();
        (int Entries, int Lines) reversals = default;
        await journal.PostBatchAsync(withEntry.Select(p => p.Entry!).ToArray(), async (conn, tx, posted, token) =>
        {
            // May run more than once (the batch retries on a concurrent writer): build fresh rows each time.
            var byPlan = new Dictionary<ItemPlan, PostResult>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < withEntry.Length; i++) byPlan[withEntry[i]] = posted[i];
            var final = plans.ToArray();
            reversals = await PostReversalsOfChunkAsync(conn, tx, final, byPlan, token);
            if (final.FirstOrDefault(p => p.MustPost && byPlan[p].Outcome != PostOutcome.Posted) is { } unmet)
                throw new ChunkDecidedOnUnmetPremiseException($"Item {unmet.Item.Sequence} ({unmet.Item.Reference}) was decided to post, and did not: {byPlan[unmet].Outcome}.");
            written = new IntakeItemRow[final.Length];
            for (var i = 0; i < final.Length; i++) written[i] = final[i].Entry is null ? final[i].Item : Settle(final[i].Item, byPlan[final[i]]);
            await IntakeStore.WriteItemsAsync(conn, written, token);
            // A hold exists only for an entry this batch really posted (not for a duplicate of an earlier one).
            var holds = final.Where(p => p.Hold is not null && byPlan[p].Outcome == PostOutcome.Posted)
                .Select(p => Held(p.Hold!, byPlan[p].EntryId!.Value.Value)).ToArray();
            await MoneyOrderHoldStore.WriteAsync(conn, tx, holds, token);
        }, ct);
        if (reversals.Entries > 0) LedgerMetrics.Posted("batch", reversalsStarted, reversals.Entries, reversals.Lines, 1);

        return written;
    }

    /// <summary>
    /// Reversals of entries this chunk's batch has just posted: made now that their originals have ids (in
    /// <paramref name="plans"/>, in place) and posted in the batch's transaction. An original that did not post, a
    /// reversal whose key was posted before or that PostgreSQL refuses fails the chunk (decided again without them).
    /// </summary>
    private static async Task<(int Entries, int Lines)> PostReversalsOfChunkAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ItemPlan[] plans,
        Dictionary<ItemPlan, PostResult> byPlan, CancellationToken ct)
    {
        var indexes = new List<int>();
        for (var i = 0; i < plans.Length; i++)
        {
            if (plans[i].Original is not { } original) continue;
            if (byPlan[original] is not { Outcome: PostOutcome.Posted, EntryId: { } id })
                throw new ChunkDecidedOnUnmetPremiseException($"Item {original.Item.Sequence} ({original.Item.Reference}) was to post before its reversal in the chunk, and did not: {byPlan[original].Outcome}.");
            plans[i] = plans[i].WithOriginalId!(id);
            if (plans[i].Entry is null) throw new InvalidOperationException($"The reversal of item {original.Item.Sequence} has no entry once its original's id is known.");
            indexes.Add(i);
        }
        if (indexes.Count == 0) return default;

        long?[] ids;
        try
        {
            ids = await ReversalsInTransaction.PostAsync(conn, tx, indexes.Select(i => plans[i].Entry!).ToArray(), ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.CheckViolation or PostgresErrorCodes.UniqueViolation)
        {
            throw new ChunkDecidedOnUnmetPremiseException($"A reversal of an entry of the chunk was refused: {e.MessageText}");
        }
        for (var n = 0; n < indexes.Count; n++)
        {
            var plan = plans[indexes[n]];
            if (ids[n] is not { } id)
                throw new ChunkDecidedOnUnmetPremiseException($"Item {plan.Item.Sequence} ({plan.Item.Reference}) reverses an entry of the chunk, but its key was posted before.");
            byPlan[plan] = new PostResult(PostOutcome.Posted, new EntryId(id));
        }
        return (indexes.Count, indexes.Sum(i => plans[i].Entry!.Postings.Count));
    }

    /// <summary>
    /// The one translation of a deposit decision into the record of an intake item: outcome, reason, the cents that
    /// account for its amount, the entry to post and the hold to write beside it.
    /// </summary>
    public static ItemPlan Plan(IntakeItemRow item, DepositDecision d)
    {
        item.Outcome = d.Outcome switch
        {
            DepositOutcome.Posted => ItemOutcome.Posted.ToCode(),
            DepositOutcome.PartiallyPosted => ItemOutcome.PartiallyPosted.ToCode(),
            DepositOutcome.Returned => ItemOutcome.Returned.ToCode(),
            DepositOutcome.Review => ItemOutcome.InReview.ToCode(),
            _ => throw new InvalidOperationException($"Intake cannot refuse an item that has arrived ({d.Reason}); it returns it or sends it to review."),
        };
        item.ReasonCode = d.Reason?.Code;
        item.Reason = d.Reason?.Text;
        item.CreditedCents = d.Credited.MinorUnits;
        item.RestitutionCents = d.Restitution.MinorUnits;
        item.ReturnedCents = d.Returned.MinorUnits;
        item.InReviewCents = d.InReview.MinorUnits;
        item.FeeCents = d.Outcome is DepositOutcome.Posted or DepositOutcome.PartiallyPosted ? d.Fee.MinorUnits : 0;
        item.FeeRefundedCents = d.FeeRefunded.MinorUnits;
        var hold = d.Hold is { } h
            ? new MoneyOrderHoldRow
            {
                PersonNumber = h.PersonNumber, FacilityCode = h.FacilityCode, AccountKind = h.Target.ToCode(), AmountCents = h.Amount.MinorUnits, ReleaseAt = h.ReleaseAt,
            }
            : null;
        return new ItemPlan(item, d.Entry, hold);
    }

    /// <summary>
    /// The item as the journal's answer makes it. A posted item is the planned one with its entry's id (most items: no copy
    /// of each); any other answer changes cents and texts, so it gets a copy and the plan stays as decided for a retry.
    /// </summary>
    private static IntakeItemRow Settle(IntakeItemRow planned, PostResult result)
    {
        if (result.Outcome == PostOutcome.Posted)
        {
            // Set on every attempt of the batch, so a retry's answer replaces an earlier attempt's.
            planned.EntryId = result.EntryId?.Value;
            return planned;
        }
        var item = Copy(planned);
        item.EntryId = result.EntryId?.Value;
        switch (result.Outcome)
        {
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
