using Ledger.Data.Intake;
using Ledger.Data.Journal;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;

namespace Ledger.Intake.Lockbox;

/// <summary>What one release run did.</summary>
public sealed record HoldReleaseResult(int Released, long ReleasedCents, int AlreadyReleased);

/// <summary>
/// Ends money-order holds that have come due: each becomes an entry keyed <c>mo-release:&lt;serial&gt;</c>
/// (debit the facility's money_order_holds, credit the person's account), and the hold records which entry
/// released it in the same transaction. Safe to run again and from several workers: the key posts once.
/// </summary>
public sealed class HoldReleaser(MoneyOrderHoldStore holds, JournalStore journal)
{
    private const int Batch = 1_000;

    public async Task<HoldReleaseResult> ReleaseDueAsync(DateTimeOffset asOf, CancellationToken ct = default)
    {
        int released = 0, already = 0;
        long cents = 0;
        while (true)
        {
            var due = await holds.DueAsync(asOf, Batch, ct);
            if (due.Count == 0) break;
            var entries = due.Select(Entry).ToArray();
            var marked = 0;
            var results = await journal.PostBatchAsync(entries, async (conn, tx, posted, token) =>
            {
                var pairs = new List<(long, long)>();
                for (var i = 0; i < due.Count; i++)
                {
                    if (posted[i].EntryId is { } id) pairs.Add((due[i].Hold.EntryId, id.Value));
                }
                marked = pairs.Count;
                await MoneyOrderHoldStore.MarkReleasedAsync(conn, tx, pairs, token);
            }, ct);
            for (var i = 0; i < results.Count; i++)
            {
                if (results[i].Outcome == PostOutcome.Posted)
                {
                    released++;
                    cents += due[i].Hold.AmountCents;
                }
                else if (results[i].Outcome == PostOutcome.Duplicate) already++;
            }
            // A hold the journal would not release stays due; stop rather than try it again forever.
            if (marked < due.Count)
                throw new InvalidOperationException($"{due.Count - marked} due hold(s) could not be released; see `ledger verify` and the journal.");
        }
        return new HoldReleaseResult(released, cents, already);
    }

    private static JournalEntry Entry(DueHold due)
    {
        var h = due.Hold;
        var serial = due.DepositKey.StartsWith("mo:", StringComparison.Ordinal) ? due.DepositKey[3..] : due.DepositKey;
        var amount = Money.Usd(h.AmountCents);
        return Ledger.Domain.Deposits.LedgerEntries.HoldRelease(serial,
            $"Money order {serial}: hold at {h.FacilityCode} ends, released to {h.PersonNumber} {h.AccountKind}", h.ReleaseAt,
            h.FacilityCode, h.PersonNumber, AccountKinds.Parse(h.AccountKind), amount);
    }
}
