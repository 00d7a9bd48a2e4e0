using Ledger.Domain.Policies;

namespace Ledger.Domain.Deposits;

/// <summary>What happens to money a deposit brings beyond the facility's limit (or for nobody we can credit).</summary>
public enum ExcessPolicy
{
    /// <summary>MoneyGram: the money has arrived; the excess goes to refunds payable and back to the sender.</summary>
    RefundToSender,
    /// <summary>Money order: the excess goes to refunds payable and a check is mailed to the slip's address.</summary>
    MailBack,
    /// <summary>Card: the charge is simply not taken; nothing moves.</summary>
    Refuse,
}

public static class ExcessPolicies
{
    public static ExcessPolicy Of(DepositChannel channel) => channel switch
    {
        DepositChannel.MoneyGram => ExcessPolicy.RefundToSender,
        DepositChannel.MoneyOrder => ExcessPolicy.MailBack,
        _ => ExcessPolicy.Refuse,
    };
}
