using FsCheck;
using FsCheck.Xunit;
using Ledger.Domain;

namespace Ledger.Domain.Tests;

[Properties(Arbitrary = [typeof(MoneyArbitraries)])] // amounts up to $10,000, not only up to $1.00
public class MoneyTests
{
    [Fact]
    public void Mixing_currencies_throws()
    {
        var eur = default(Currency);
        Assert.Throws<DomainException>(() => Money.Usd(1) + new Money(1, eur));
    }

    [Theory]
    [InlineData("125.00", 12500)]
    [InlineData("0.01", 1)]
    [InlineData("999.99", 99999)]
    public void Amounts_parse_exactly(string text, long cents)
    {
        Assert.True(Money.TryParseExact(text, Currency.USD, out var money));
        Assert.Equal(Money.Usd(cents), money);
        Assert.Equal(text, money.ToDecimalString());
    }

    [Theory]
    [InlineData("999,99")]
    [InlineData("12.345")]
    [InlineData("12.3")]
    [InlineData("12")]
    [InlineData("-5.00")]
    [InlineData(".50")]
    [InlineData("1 000.00")]
    [InlineData("")]
    public void Malformed_amounts_are_refused(string text) =>
        Assert.False(Money.TryParseExact(text, Currency.USD, out _));

    [Fact]
    public void Allocation_gives_leftover_cents_to_the_largest_remainders()
    {
        var parts = Money.Usd(100).Allocate(1, 1, 1);
        Assert.Equal([Money.Usd(34), Money.Usd(33), Money.Usd(33)], parts);
    }

    [Fact]
    public void Percent_rounds_down_to_the_cent()
    {
        Assert.Equal(Money.Usd(3333), Money.Usd(16667).PercentOf(2000));
        Assert.Equal(Money.Usd(0), Money.Usd(4).PercentOf(2000));
    }

    [Property]
    public bool Allocation_parts_sum_to_the_whole_and_are_never_negative(NonNegativeInt cents, NonEmptyArray<NonNegativeInt> rawWeights)
    {
        var weights = rawWeights.Get.Select(w => (long)w.Get).ToArray();
        if (weights.Sum() == 0) weights[0] = 1;
        var whole = Money.Usd(cents.Get);
        var parts = whole.Allocate(weights);
        return parts.Length == weights.Length
               && parts.Aggregate(0L, (s, p) => s + p.MinorUnits) == whole.MinorUnits
               && parts.All(p => !p.IsNegative);
    }

    [Property]
    public bool Allocation_never_strays_more_than_a_cent_from_the_exact_share(PositiveInt cents, PositiveInt a, PositiveInt b)
    {
        var parts = Money.Usd(cents.Get).Allocate(a.Get, b.Get);
        // The exact share in decimal: cents * weight overflows an int once both are large.
        var total = (decimal)a.Get + b.Get;
        return Math.Abs(parts[0].MinorUnits - (decimal)cents.Get * a.Get / total) < 1
               && Math.Abs(parts[1].MinorUnits - (decimal)cents.Get * b.Get / total) < 1;
    }

    [Property]
    public bool Negative_amounts_allocate_symmetrically(PositiveInt cents, PositiveInt a, PositiveInt b)
    {
        var positive = Money.Usd(cents.Get).Allocate(a.Get, b.Get);
        var negative = Money.Usd(-cents.Get).Allocate(a.Get, b.Get);
        return positive.Zip(negative).All(p => p.First.MinorUnits == -p.Second.MinorUnits);
    }
}
