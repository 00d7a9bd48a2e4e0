using Ledger.Data.Schema;
using Ledger.Domain.Journal;

namespace Ledger.Intake.Pipeline;

/// <summary>
/// A decided item: the journal entry to post (none when it only goes to review) and the record of what becomes of it
/// if the entry posts. <see cref="Hold"/> is written beside the entry, with its id, when the entry posts (a money
/// order a facility holds for N days).
/// </summary>
public sealed record ItemPlan(IntakeItemRow Item, JournalEntry? Entry, MoneyOrderHoldRow? Hold = null);
