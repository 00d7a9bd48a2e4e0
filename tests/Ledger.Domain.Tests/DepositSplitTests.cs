using FsCheck;
using FsCheck.Xunit;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Policies;

namespace Ledger.Domain.Tests;

[Properties(Arbitrary = [typeof(MoneyArbitraries)])] // amounts up to $10,000, not only up to $1.00
public class DepositSplitTests
{
    private static FacilityPolicy Policy(long limitCents = 99999, int restitutionBasisPoints = 0) =>
        new(Money.Usd(limitCents), 0, restitutionBasisPoints, Money.Usd(35), 8, 20);

    [Fact]
    public void A_deposit_over_the_limit_credits_the_limit_and_returns_the_rest()
    {
        var split = DepositSplit.Of(Money.Usd(120000), Policy(), AccountKind.Trust, Money.Usd(0));
        Assert.Equal(Money.Usd(99999), split.ToAccount);
        Assert.Equal(Money.Usd(20001), split.Excess);
    }

    [Fact]
    public void Restitution_takes_its_share_until_the_obligation_is_paid()
    {
        var split = DepositSplit.Of(Money.Usd(10000), Policy(restitutionBasisPoints: 2000), AccountKind.Trust, Money.Usd(1500));
        Assert.Equal(Money.Usd(1500), split.RestitutionDeduction);
        Assert.Equal(Money.Usd(8500), split.ToAccount);

        var owingMore = DepositSplit.Of(Money.Usd(10000), Policy(restitutionBasisPoints: 2000), AccountKind.Trust, Money.Usd(1_000_000));
        Assert.Equal(Money.Usd(2000), owingMore.RestitutionDeduction);
    }

    [Fact]
    public void Deposits_to_media_take_no_restitution()
    {
        var split = DepositSplit.Of(Money.Usd(10000), Policy(restitutionBasisPoints: 2000), AccountKind.Media, Money.Usd(1500));
        Assert.True(split.RestitutionDeduction.IsZero);
    }

    [Property]
    public bool The_parts_of_a_deposit_always_add_up_to_it(PositiveInt amount, PositiveInt limit, NonNegativeInt bps, NonNegativeInt owed)
    {
        var policy = Policy(limit.Get, bps.Get % 10_001);
        var split = DepositSplit.Of(Money.Usd(amount.Get), policy, AccountKind.Trust, Money.Usd(owed.Get));
        return split.ToAccount + split.RestitutionDeduction + split.Excess == Money.Usd(amount.Get)
               && !split.ToAccount.IsNegative && !split.RestitutionDeduction.IsNegative && !split.Excess.IsNegative
               && split.Credited <= policy.DepositLimit
               && split.RestitutionDeduction.MinorUnits <= owed.Get;
    }
}
