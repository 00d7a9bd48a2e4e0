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
    private Dictionary<string, long> _stillOwed = new(StringComparer.Ordinal);

    /// <summary>The people whose share must be read under a lock: those the roster says owe restitution.</summary>
    public static bool NeedsLock(Person? person) => person is { RestitutionOwed.IsPositive: true };

    /// <summary>Starts a chunk with what each locked person still owes.</summary>
    public void Load(IReadOnlyDictionary<string, long> stillOwedUnderLock) => _stillOwed = new(stillOwedUnderLock, StringComparer.Ordinal);

    public Money StillOwed(Person person)
    {
        if (!NeedsLock(person)) return Money.Usd(0);
        if (!_stillOwed.TryGetValue(person.PersonNumber, out var owed))
            throw new InvalidOperationException($"Restitution still owed by {person.PersonNumber} was asked for without the lock on them.");
        return Money.Usd(owed);
    }

    public void Reserve(Person person, Money amount)
    {
        if (amount.IsZero) return;
        _stillOwed[person.PersonNumber] = StillOwed(person).MinorUnits - amount.MinorUnits;
    }

    /// <summary>A reversal in the chunk undoes a share: it is owed again.</summary>
    public void GiveBack(string personNumber, Money amount)
    {
        if (amount.IsZero || !_stillOwed.TryGetValue(personNumber, out var owed)) return;
        _stillOwed[personNumber] = owed + amount.MinorUnits;
    }
}
