namespace Ledger.Domain.Accounts;

/// <summary>What an account is for. The first three belong to people; the rest are system accounts.</summary>
public enum AccountKind
{
    Trust,
    Media,
    Restitution,

    MoneyGramClearing,
    LockboxClearing,
    CardClearing,
    FeeRevenue,
    RefundsPayable,
    Suspense,
    MediaRevenue,
    StampRevenue,
    RestitutionPayable,
    MoneyOrderHolds,
    Bank,
    /// <summary>What the card processor keeps of each payment (its fee): an expense of ours, not the family's fee.</summary>
    ProcessorFees,
    /// <summary>A charged-back card payment whose money was already spent: owed to us by the family, never by the person.</summary>
    ChargebackReceivable,
}

public static class AccountKinds
{
    public static bool IsPersonal(this AccountKind kind) => kind is AccountKind.Trust or AccountKind.Media or AccountKind.Restitution;

    /// <summary>The snake_case name used in the database, files and the API.</summary>
    public static string ToCode(this AccountKind kind) => kind switch
    {
        AccountKind.Trust => "trust",
        AccountKind.Media => "media",
        AccountKind.Restitution => "restitution",
        AccountKind.MoneyGramClearing => "moneygram_clearing",
        AccountKind.LockboxClearing => "lockbox_clearing",
        AccountKind.CardClearing => "card_clearing",
        AccountKind.FeeRevenue => "fee_revenue",
        AccountKind.RefundsPayable => "refunds_payable",
        AccountKind.Suspense => "suspense",
        AccountKind.MediaRevenue => "media_revenue",
        AccountKind.StampRevenue => "stamp_revenue",
        AccountKind.RestitutionPayable => "restitution_payable",
        AccountKind.MoneyOrderHolds => "money_order_holds",
        AccountKind.Bank => "bank",
        AccountKind.ProcessorFees => "processor_fees",
        AccountKind.ChargebackReceivable => "chargeback_receivable",
        _ => throw new DomainException($"Unknown account kind {kind}."),
    };

    private static readonly Dictionary<string, AccountKind> ByCode =
        Enum.GetValues<AccountKind>().ToDictionary(k => k.ToCode(), StringComparer.Ordinal);

    public static bool TryParse(string code, out AccountKind kind) => ByCode.TryGetValue(code, out kind);

    public static AccountKind Parse(string code) =>
        TryParse(code, out var kind) ? kind : throw new DomainException($"Unknown account kind '{code}'.");
}
