using FsCheck;
using FsCheck.Fluent;

namespace Ledger.Domain.Tests;

/// <summary>
/// Cents for the money properties. FsCheck draws a PositiveInt or NonNegativeInt no larger than its size, which ends at 100:
/// amounts up to $1.00 and basis points up to 1 %, far below any facility's limit. Here half the draws are those (zeros and
/// edges included) and half anywhere up to $10,000.00, so every run also tries the amounts families send.
/// </summary>
public static class MoneyArbitraries
{
    private const int UpTo = 1_000_000;

    private static Gen<int> SmallOrLarge(int least) =>
        Gen.Frequency((1, Gen.Sized(size => Gen.Choose(least, Math.Max(least, size)))), (1, Gen.Choose(least, UpTo)));

    public static Arbitrary<PositiveInt> PositiveInt() =>
        Arb.From(SmallOrLarge(1).Select(i => FsCheck.PositiveInt.NewPositiveInt(i)), ArbMap.Default.ArbFor<PositiveInt>().Shrinker);

    public static Arbitrary<NonNegativeInt> NonNegativeInt() =>
        Arb.From(SmallOrLarge(0).Select(i => FsCheck.NonNegativeInt.NewNonNegativeInt(i)), ArbMap.Default.ArbFor<NonNegativeInt>().Shrinker);
}
