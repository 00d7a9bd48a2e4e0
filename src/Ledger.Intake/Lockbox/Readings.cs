using Ledger.Domain;
using Ledger.Domain.Accounts;

namespace Ledger.Intake.Lockbox;

/// <summary>
/// One field as read. <see cref="Value"/> is null when the reading did not clear its threshold
/// (never a guess); <see cref="RawText"/> keeps what OCR saw, for the operator who keys the item.
/// </summary>
public sealed record FieldReading<T>(T? Value, double Confidence, string RawText)
{
    public bool IsAccepted => Value is not null;

    /// <summary>
    /// The distinct values the field's reads spelled when they did not settle it (page pass, crop re-reads). Never a
    /// value by themselves: the decider may take one only when an independent source confirms it (the roster).
    /// </summary>
    public IReadOnlyList<T> Alternatives { get; init; } = [];
}

/// <summary>What was read from the front of one money order.</summary>
public sealed record MoneyOrderReading(
    string? Issuer,
    FieldReading<string> Serial,
    FieldReading<Money?> CourtesyAmount,
    FieldReading<Money?> LegalAmount,
    Money? AgreedAmount,
    FieldReading<string> PayTo,
    FieldReading<string> PurchaserName,
    FieldReading<string> PurchaserAddress)
{
    /// <summary>
    /// Positive evidence that no one can read the amount: both the courtesy and the legal amount were located
    /// on the page and their pixels are unreadable (blurred, smeared, torn). Only this sends an order back as
    /// illegible; a field not found, or two readings that disagree, is not evidence and waits for keying.
    /// </summary>
    public bool AmountIllegible { get; init; }
}

/// <summary>What was read from one deposit slip.</summary>
public sealed record DepositSlipReading(
    bool IsDepositSlip,
    FieldReading<string> ResidentName,
    FieldReading<string> ResidentNumber,
    FieldReading<string> Facility,
    FieldReading<AccountKind?> CreditTo,
    FieldReading<string> SenderName,
    FieldReading<string> SenderAddress,
    FieldReading<string> CityStateZip,
    FieldReading<string> Phone)
{
    /// <summary>True when a return could be mailed: sender name, street and city line all read with confidence.</summary>
    public bool AddressReadable => SenderName.IsAccepted && SenderAddress.IsAccepted && CityStateZip.IsAccepted;

    /// <summary>Every read made of the sender's street and city lines (page pass, crop, cut-out line), for <see cref="ReturnAddress"/>.</summary>
    public IReadOnlyList<AddressLineRead> AddressReads { get; init; } = [];
}

/// <summary>Both readings of one lockbox item.</summary>
public sealed record LockboxItemReading(int Sequence, MoneyOrderReading MoneyOrder, DepositSlipReading DepositSlip)
{
    /// <summary>An amount, a serial and a resident number were all accepted: the item can go to the posting decision.</summary>
    public bool IsFullyRead => MoneyOrder.AgreedAmount is not null && MoneyOrder.Serial.IsAccepted && DepositSlip.ResidentNumber.IsAccepted;
}

/// <summary>Thresholds (Tesseract confidences, 0–100): below them a field is null, never guessed.</summary>
public sealed record MoneyOrderReaderOptions
{
    /// <summary>
    /// The stronger of the courtesy and legal amounts must reach this (weakest word) for an agreed amount. Not higher:
    /// Tesseract's confidence in asterisk-fenced words and fill ("***TWO", "$****") sits at 30–79 on print that is read
    /// right, and the two fields fail in unrelated ways (fill read as a digit; a number word lost), so their agreement on
    /// one amount, cents included, is the evidence. 0 wrong postings on the tuning seeds at 50 (README).
    /// </summary>
    public double AmountMinConfidence { get; init; } = 50;

    /// <summary>
    /// When numerals and words agree, the weaker of the two need only reach this: the agreement of two independent
    /// fields is the evidence (a misread that parses to the very amount the other field says is not a risk worth a person).
    /// </summary>
    public double AgreeingAmountMinConfidence { get; init; }

    public double SerialMinConfidence { get; init; } = 80;

    /// <summary>
    /// Round 36: an order's unsettled amount, a slip's unsettled resident name or number, an illegible order's unconfirmed return
    /// address are read once more from the page with its loose specks whitened (Reading/Specks). Off only where a test pins what
    /// the first reading alone settles.
    /// </summary>
    public bool ReadsPageAgain { get; init; } = true;

    public double ResidentNumberMinConfidence { get; init; } = 80;

    /// <summary>Names, addresses, facility, phone.</summary>
    public double TextMinConfidence { get; init; } = 70;

    /// <summary>
    /// A sender address line is where a money order is mailed back: one read of it stands alone only from this confidence;
    /// below it, a second read must spell the same letters and digits (at 70–77 one read gave `HIEL SE` for HILL ST and
    /// 45462 for 45402 on a smeared slip, and the order would have been mailed there).
    /// </summary>
    public double AddressSingleReadMinConfidence { get; init; } = 90;

    /// <summary>Below that, two reads spelling the same address line settle it when the better of them reaches this (at 30, a
    /// smeared `HILL ST` read twice as `HIEL SE` stood).</summary>
    public double AddressAgreeingReadMinConfidence { get; init; } = 60;

    /// <summary>Share of dark pixels inside a CREDIT TO box from which it counts as marked.</summary>
    public double CheckboxMarkedShare { get; init; } = 0.08;

    /// <summary>Share of dark pixels up to which a box counts as empty; between the two it is ambiguous.</summary>
    public double CheckboxEmptyShare { get; init; } = 0.025;

    /// <summary>
    /// Serials and resident numbers are read twice (layout pass and field pass at full resolution
    /// with a digit whitelist) and must read the same both times.
    /// </summary>
    public bool RequireTwoReadsToAgree { get; init; } = true;

    public static MoneyOrderReaderOptions Default { get; } = new();
}
