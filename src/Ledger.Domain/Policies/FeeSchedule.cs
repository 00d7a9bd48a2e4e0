namespace Ledger.Domain.Policies;

/// <summary>A fee for deposits on one channel whose amount lies in [From, To] (inclusive).</summary>
public sealed record FeeTier(DepositChannel Channel, Money From, Money To, Money Fee);

/// <summary>Fees the sender pays, by channel and amount tier. No tier for an amount means no fee.</summary>
public sealed record FeeSchedule(IReadOnlyList<FeeTier> Tiers)
{
    public static readonly FeeSchedule None = new([]);

    public Money FeeFor(DepositChannel channel, Money amount) =>
        Tiers.FirstOrDefault(t => t.Channel == channel && amount >= t.From && amount <= t.To)?.Fee
        ?? Money.Zero(amount.Currency);
}
