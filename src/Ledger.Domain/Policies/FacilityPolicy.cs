namespace Ledger.Domain.Policies;

/// <summary>A facility's posting rules. They come from the agency's facilities file, never from code.</summary>
public sealed record FacilityPolicy
{
    public Money DepositLimit { get; }
    public int MoneyOrderHoldDays { get; }
    /// <summary>Share of each trust deposit taken toward restitution while any is owed, in basis points (2000 = 20%).</summary>
    public int RestitutionBasisPoints { get; }
    public Money StampPrice { get; }
    public int EmailDeliveryFromHour { get; }
    public int EmailDeliveryToHour { get; }
    public FeeSchedule Fees { get; }

    public FacilityPolicy(Money depositLimit, int moneyOrderHoldDays, int restitutionBasisPoints, Money stampPrice,
        int emailDeliveryFromHour, int emailDeliveryToHour, FeeSchedule? fees = null)
    {
        if (!depositLimit.IsPositive) throw new DomainException($"Deposit limit must be positive; got {depositLimit}.");
        if (moneyOrderHoldDays is < 0 or > 365) throw new DomainException($"Hold days {moneyOrderHoldDays} out of 0..365.");
        if (restitutionBasisPoints is < 0 or > 10_000) throw new DomainException($"Restitution share {restitutionBasisPoints} bp out of 0..10000.");
        if (stampPrice.IsNegative) throw new DomainException("Stamp price must not be negative.");
        if (emailDeliveryFromHour is < 0 or > 24 || emailDeliveryToHour is < 0 or > 24 || emailDeliveryFromHour >= emailDeliveryToHour)
            throw new DomainException($"E-mail delivery hours {emailDeliveryFromHour}-{emailDeliveryToHour} are not a window of the day.");
        DepositLimit = depositLimit;
        MoneyOrderHoldDays = moneyOrderHoldDays;
        RestitutionBasisPoints = restitutionBasisPoints;
        StampPrice = stampPrice;
        EmailDeliveryFromHour = emailDeliveryFromHour;
        EmailDeliveryToHour = emailDeliveryToHour;
        Fees = fees ?? FeeSchedule.None;
    }
}
