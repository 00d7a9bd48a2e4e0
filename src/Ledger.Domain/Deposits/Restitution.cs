namespace Ledger.Domain.Deposits;

/// <summary>
/// What a person still owes toward their restitution obligation: the one computation every deposit path uses (card, MoneyGram,
/// lockbox, keying, the quote). Collected is what their restitution account holds plus what was remitted from it to the
/// court: paying the court moves money out of the account but does not un-pay the obligation, so the rules never collect it twice.
/// </summary>
public static class Restitution
{
    public static Money Collected(Money held, Money remitted) => held + remitted;

    /// <summary>The obligation less what was collected toward it; never below zero.</summary>
    public static Money StillOwed(Money obligation, Money held, Money remitted)
    {
        if (remitted.IsNegative) throw new DomainException($"Remitted restitution cannot be negative; got {remitted}.");
        return Money.Max(obligation - Collected(held, remitted), Money.Zero(obligation.Currency));
    }
}
