using FsCheck;
using FsCheck.Xunit;
using Ledger.Domain.Deposits;
using Ledger.Domain.Facilities;
using Ledger.Domain.People;
using Ledger.Domain.Policies;

namespace Ledger.Domain.Tests;

/// <summary>Restitution still owed: the obligation less what was collected (held in the account plus remitted to the court).</summary>
[Properties(Arbitrary = [typeof(MoneyArbitraries)])] // amounts up to $10,000, not only up to $1.00
public class RestitutionTests
{
    private static Money Owed(long obligation, long held, long remitted) =>
        Restitution.StillOwed(Money.Usd(obligation), Money.Usd(held), Money.Usd(remitted));

    [Property(MaxTest = 1000)]
    public bool Paying_the_court_from_the_account_leaves_what_is_still_owed_unchanged(NonNegativeInt obligation, NonNegativeInt held, NonNegativeInt remitted, NonNegativeInt pay)
    {
        var paid = held.Get == 0 ? 0 : pay.Get % (held.Get + 1); // at most what the account holds
        return Owed(obligation.Get, held.Get, remitted.Get) == Owed(obligation.Get, held.Get - paid, (long)remitted.Get + paid);
    }

    [Property(MaxTest = 1000)]
    public bool Still_owed_is_never_negative_never_above_the_obligation_and_zero_once_collected(NonNegativeInt obligation, NonNegativeInt held, NonNegativeInt remitted)
    {
        var owed = Owed(obligation.Get, held.Get, remitted.Get).MinorUnits;
        var collected = (long)held.Get + remitted.Get;
        return owed >= 0 && owed <= obligation.Get && (collected >= obligation.Get ? owed == 0 : owed == obligation.Get - collected);
    }

    [Property(MaxTest = 500)]
    public bool After_a_remittance_deposits_collect_exactly_what_is_left_of_the_obligation(PositiveInt obligation, NonNegativeInt remitted, PositiveInt amount)
    {
        // 20% toward restitution: whatever was remitted earlier, the deduction never exceeds what is still owed.
        var facility = new Facility("F1", "Facility One", "PA", new FacilityPolicy(Money.Usd(1_000_000_000), 0, 2_000, Money.Usd(35), 8, 20));
        var person = new Person("12345-678", "F1", "DOE", "JOHN", PersonStatus.InCustody, Money.Usd(obligation.Get));
        var stillOwed = Restitution.StillOwed(person.RestitutionOwed, Money.Usd(0), Money.Usd(remitted.Get));
        var d = DepositRules.Decide(new DepositRequest
        {
            Channel = DepositChannel.Online, Amount = Money.Usd(amount.Get), Fee = Money.Usd(0), Target = Accounts.AccountKind.Trust, Person = person,
            Facility = facility, RestitutionStillOwed = stillOwed, Key = "k:1", Description = "test", At = DateTimeOffset.UnixEpoch,
        });
        return d.Restitution <= stillOwed && (remitted.Get < obligation.Get || d.Restitution.IsZero);
    }

    [Fact]
    public void A_negative_remittance_is_a_broken_invariant() =>
        Assert.Throws<DomainException>(() => Owed(100, 0, -1));
}
