using Ledger.Data.Schema;
using Ledger.Domain.Journal;

namespace Ledger.Intake.Pipeline;

/// <summary>
/// A decided item: the journal entry to post (none when it only goes to review) and the record of what becomes of it
/// if the entry posts. <see cref="Hold"/> is written beside the entry, with its id, when the entry posts (a money
/// order a facility holds for N days).
/// </summary>
public sealed record ItemPlan(IntakeItemRow Item, JournalEntry? Entry, MoneyOrderHoldRow? Hold = null)
{
    /// <summary>
    /// For a reversal of an entry the same chunk posts (<see cref="Original"/>'s): the plan made once that entry has its
    /// id, in the chunk's transaction, where it posts after the chunk's batch. <see cref="Entry"/> is then its shape
    /// (what it moves), made before the id was known.
    /// </summary>
    public Func<EntryId, ItemPlan>? WithOriginalId { get; init; }

    /// <summary>The plan of this chunk whose entry this one reverses (with <see cref="WithOriginalId"/>).</summary>
    public ItemPlan? Original { get; init; }

    /// <summary>
    /// A later decision of the chunk counted on this entry posting (the restitution a reversal gives back): if it does
    /// not, the chunk fails with <see cref="ChunkDecidedOnUnmetPremiseException"/> and nothing of it is written.
    /// </summary>
    public bool MustPost { get; init; }
}

/// <summary>
/// A chunk was decided on a premise its posting did not meet (an entry it counted on did not post): its transaction
/// rolled back, and the caller decides it again without that premise.
/// </summary>
public sealed class ChunkDecidedOnUnmetPremiseException(string message) : Exception(message);
