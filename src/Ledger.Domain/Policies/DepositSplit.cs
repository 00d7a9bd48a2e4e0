using Ledger.Domain.Accounts;

namespace Ledger.Domain.Policies;

/// <summary>
/// How one deposit divides under a facility's policy: what the person's account receives, what goes
/// toward restitution, and what exceeds the deposit limit and must go back to the sender.
/// The three parts always add up to the amount deposited.
/// </summary>
public readonly record struct DepositSplit(Money ToAccount, Money RestitutionDeduction, Money Excess)
{
    public Money Credited => ToAccount + RestitutionDeduction;

    public static DepositSplit Of(Money amount, FacilityPolicy policy, AccountKind target, Money restitutionStillOwed)
    {
        if (!amount.IsPositive) throw new DomainException($"A deposit must be positive; got {amount}.");
        if (!target.IsPersonal()) throw new DomainException($"Deposits go to a person's account, not {target}.");

        var credited = Money.Min(amount, policy.DepositLimit);
        var excess = amount - credited;
        var deduction = Money.Zero(amount.Currency);
        if (target == AccountKind.Trust && restitutionStillOwed.IsPositive && policy.RestitutionBasisPoints > 0)
            deduction = Money.Min(credited.PercentOf(policy.RestitutionBasisPoints), restitutionStillOwed);
        return new DepositSplit(credited - deduction, deduction, excess);
    }
}
