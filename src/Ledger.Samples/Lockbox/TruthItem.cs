using Ledger.Domain.Accounts;

namespace Ledger.Samples.Lockbox;

/// <summary>How a scan was spoiled, for reporting results per category.</summary>
public enum ScanCondition
{
    Clean,
    Skewed,
    Noisy,
    Stamped,
    Illegible,
}

/// <summary>What was really printed on one item: written to truth.csv, never read by the product.</summary>
public sealed record TruthItem(
    int Sequence,
    ScanCondition Condition,
    string IssuerCode,
    string Serial,
    long AmountCents,
    string CourtesyText,
    string PayTo,
    string PurchaserName,
    string PurchaserAddress,
    string ResidentNumber,
    string ResidentName,
    string Facility,
    AccountKind? CreditToMarked,
    string SenderName,
    string SenderAddress,
    string SenderCityStateZip,
    string Phone,
    bool OrderIllegible,
    bool SlipAddressIllegible,
    bool UnknownPerson,
    string MoneyOrderImage,
    string DepositSlipImage,
    string Layout = "")
{
    public bool OverLimit => AmountCents > 999_99;

    /// <summary>What the slip means: no box marked is trust.</summary>
    public AccountKind CreditTo => CreditToMarked ?? AccountKind.Trust;
}

/// <summary>A batch folder written by the generator, and what is really in it.</summary>
public sealed record GeneratedBatch(string Folder, IReadOnlyList<TruthItem> Items, long DeclaredTotalCents);
