using Ledger.Domain;
using Ledger.Domain.People;

namespace Ledger.Intake.Pipeline;

/// <summary>
/// How much restitution each person still owes while a file is processed: the roster's obligation,
/// less what their restitution account already holds, less what this run has taken so far. A share is
/// reserved when an item is decided and given back if its entry does not post, so two deposits in one
/// chunk never take more than is owed.
/// </summary>
public sealed class RestitutionTracker(IReadOnlyDictionary<string, long> restitutionBalances)
{
    private readonly Dictionary<string, long> _reserved = new(StringComparer.Ordinal);

    public Money StillOwed(Person person)
    {
        var held = restitutionBalances.GetValueOrDefault(person.PersonNumber) + _reserved.GetValueOrDefault(person.PersonNumber);
        return Money.Usd(Math.Max(0, person.RestitutionOwed.MinorUnits - held));
    }

    public void Reserve(Person person, Money amount) =>
        _reserved[person.PersonNumber] = _reserved.GetValueOrDefault(person.PersonNumber) + amount.MinorUnits;

    public void Release(Person person, Money amount) => Reserve(person, -amount);
}
