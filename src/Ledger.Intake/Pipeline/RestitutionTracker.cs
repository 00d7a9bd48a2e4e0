using Ledger.Domain;
using Ledger.Domain.People;

namespace Ledger.Intake.Pipeline;

/// <summary>
/// How much restitution each person still owes while one chunk is decided: loaded from what was read under the
/// chunk's <see cref="Ledger.Data.Intake.RestitutionLock"/> (so never a stale balance), less what the chunk's
/// earlier items take, plus what its reversals give back. Asking about someone who owes restitution but was not
/// locked is a bug, and fails loudly rather than guessing.
/// </summary>
public sealed class RestitutionTracker
{
    // Obligation less collected, not floored at zero: a give-back then leaves exactly what a fresh read under the lock would.
    private Dictionary<string, long> _owed = new(StringComparer.Ordinal);

    /// <summary>The people whose share must be read under a lock: those the roster says owe restitution.</summary>
    public static bool NeedsLock(Person? person) => person is { RestitutionOwed.IsPositive: true };

    /// <summary>
    /// Starts a chunk with what each locked person owes less what was collected, read under the lock
    /// (<see cref="Ledger.Data.Intake.RestitutionLock.ObligationLessCollectedCents"/>).
    /// </summary>
    public void Load(IReadOnlyDictionary<string, long> obligationLessCollectedUnderLock) =>
        _owed = new(obligationLessCollectedUnderLock, StringComparer.Ordinal);

    public Money StillOwed(Person person)
    {
        if (!NeedsLock(person)) return Money.Usd(0);
        if (!_owed.TryGetValue(person.PersonNumber, out var owed))
            throw new InvalidOperationException($"Restitution still owed by {person.PersonNumber} was asked for without the lock on them.");
        return Money.Usd(Math.Max(owed, 0));
    }

    public void Reserve(Person person, Money amount)
    {
        if (amount.IsZero) return;
        _owed[person.PersonNumber] = StillOwed(person).MinorUnits - amount.MinorUnits;
    }

    /// <summary>
    /// A reversal in the chunk undoes a share: it is owed again, if the reversal posts. Says whether it changed what a
    /// later decision of the chunk reads (the person is locked), i.e. whether the chunk counts on that reversal posting.
    /// </summary>
    public bool GiveBack(string personNumber, Money amount)
    {
        if (amount.IsZero || !_owed.TryGetValue(personNumber, out var owed)) return false;
        _owed[personNumber] = owed + amount.MinorUnits;
        return true;
    }
}
