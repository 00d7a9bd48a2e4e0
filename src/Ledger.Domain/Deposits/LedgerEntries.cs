using System.Globalization;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Ledger.Domain.Policies;

namespace Ledger.Domain.Deposits;

/// <summary>The idempotency key of every entry the ledger posts, by what it records. A key posts once, ever.</summary>
public static class EntryKeys
{
    public static string MoneyGram(string reference) => $"mg:{reference}";
    public static string MoneyOrder(string serial) => $"mo:{serial}";
    public static string HoldRelease(string serial) => $"mo-release:{serial}";
    public static string Card(string family, string idempotencyKey) => $"card:{family}:{idempotencyKey}";
    /// <summary>A returned item's refund; a refund paid again after its check was voided (attempt 1, 2, …) has its own key.</summary>
    public static string Refund(long fileId, int sequence, int attempt = 0) => attempt == 0
        ? string.Create(CultureInfo.InvariantCulture, $"refund:{fileId}:{sequence}")
        : string.Create(CultureInfo.InvariantCulture, $"refund:{fileId}:{sequence}:{attempt}");
    public static string StampCharge(long messageId) => string.Create(CultureInfo.InvariantCulture, $"stamps:{messageId}");
    public static string StampRefund(long messageId) => string.Create(CultureInfo.InvariantCulture, $"stamps-refund:{messageId}");
    public static string TrustToMedia(long transferId) => string.Create(CultureInfo.InvariantCulture, $"transfer:{transferId}");
    public static string MediaPurchase(long purchaseId) => string.Create(CultureInfo.InvariantCulture, $"media:{purchaseId}");
    /// <summary>A card payment the processor confirmed (credited, or owed back when the person can no longer receive it).</summary>
    public static string CardPayment(string processorPaymentId) => $"card-payment:{processorPaymentId}";
    /// <summary>A card payment's refund or chargeback.</summary>
    public static string CardReversal(string processorPaymentId) => $"card-reversal:{processorPaymentId}";
    public static string Disbursement(long disbursementId) => string.Create(CultureInfo.InvariantCulture, $"disbursement:{disbursementId}");
    public static string DisbursementVoid(long disbursementId) => string.Create(CultureInfo.InvariantCulture, $"disbursement-void:{disbursementId}");
    /// <summary>What a counterparty's settlement file (card processor, MoneyGram, bank statement) settled, once per file reference.</summary>
    public static string Settlement(string kind, string reference) => $"settlement:{kind}:{reference}";
}

/// <summary>
/// Every journal entry shape the ledger posts, with its accounts, in one place: deposits of each channel (and the
/// keyed resolution of a money order, which is a money-order deposit), returns, hold releases, refunds paid out,
/// reversals, stamp charges and refunds, trust→media transfers and media purchases. Callers supply who, how much
/// and when; which accounts move is decided here.
/// </summary>
public static class LedgerEntries
{
    private static readonly Currency Usd = Currency.USD;
    public static readonly AccountKey RefundsPayable = AccountKey.OfCompany(AccountKind.RefundsPayable, Usd);
    public static readonly AccountKey MoneyGramClearing = AccountKey.OfCompany(AccountKind.MoneyGramClearing, Usd);
    public static readonly AccountKey LockboxClearing = AccountKey.OfCompany(AccountKind.LockboxClearing, Usd);
    public static readonly AccountKey MoneyGramFeeRevenue = AccountKey.OfCompany(AccountKind.FeeRevenue, Usd);
    public static readonly AccountKey Bank = AccountKey.OfCompany(AccountKind.Bank, Usd);

    /// <summary>The entry's source column for each channel.</summary>
    public static string SourceOf(DepositChannel channel) => channel switch
    {
        DepositChannel.MoneyGram => "moneygram",
        DepositChannel.MoneyOrder => "lockbox",
        _ => "card",
    };

    /// <summary>Where a channel's money arrives from: MoneyGram and the lockbox bank per company, card processors per facility.</summary>
    public static AccountKey ClearingOf(DepositChannel channel, string facilityCode) => channel switch
    {
        DepositChannel.MoneyGram => MoneyGramClearing,
        DepositChannel.MoneyOrder => LockboxClearing,
        _ => CardClearing(facilityCode),
    };

    public static AccountKey CardClearing(string facilityCode) => AccountKey.OfFacility(facilityCode, AccountKind.CardClearing, Usd);

    public static AccountKey FeeRevenueOf(DepositChannel channel, string facilityCode) => channel == DepositChannel.MoneyGram
        ? MoneyGramFeeRevenue
        : AccountKey.OfFacility(facilityCode, AccountKind.FeeRevenue, Usd);

    /// <summary>
    /// A deposit: the channel's clearing is debited with what the sender paid (amount + fee); the person's account
    /// (or the facility's holds account while a money order is held) gets its part, their restitution account the
    /// deduction, fee revenue the fee and refunds payable the excess over the limit.
    /// </summary>
    public static JournalEntry Deposit(DepositChannel channel, string key, string description, DateTimeOffset at,
        string personNumber, string facilityCode, AccountKind target, DepositSplit split, Money fee, bool held)
    {
        var lines = new List<Posting> { Posting.Debit(ClearingOf(channel, facilityCode), split.Credited + split.Excess + fee) };
        Credit(lines, held ? AccountKey.OfFacility(facilityCode, AccountKind.MoneyOrderHolds, Usd) : AccountKey.Personal(personNumber, target, Usd), split.ToAccount);
        Credit(lines, AccountKey.Personal(personNumber, AccountKind.Restitution, Usd), split.RestitutionDeduction);
        Credit(lines, FeeRevenueOf(channel, facilityCode), fee);
        Credit(lines, RefundsPayable, split.Excess);
        return new JournalEntry(key, SourceOf(channel), description, at, lines);
    }

    /// <summary>A MoneyGram that arrived for nobody we can credit: all of it (fee included) is owed back to the sender.</summary>
    public static JournalEntry ReturnWhole(string key, string description, DateTimeOffset at, Money gross) =>
        new(key, SourceOf(DepositChannel.MoneyGram), description, at,
            [Posting.Debit(MoneyGramClearing, gross), Posting.Credit(RefundsPayable, gross)]);

    /// <summary>A held money order's part moves from the facility's holds to the person's account on the day the hold ends.</summary>
    public static JournalEntry HoldRelease(string serial, string description, DateTimeOffset at, string facilityCode, string personNumber, AccountKind target, Money amount) =>
        new(EntryKeys.HoldRelease(serial), SourceOf(DepositChannel.MoneyOrder), description, at,
        [
            Posting.Debit(AccountKey.OfFacility(facilityCode, AccountKind.MoneyOrderHolds, Usd), amount),
            Posting.Credit(AccountKey.Personal(personNumber, target, Usd), amount),
        ]);

    /// <summary>
    /// Who pays a refund out: MoneyGram gives the sender their money back and takes it out of what it settles with
    /// us (MoneyGram clearing); the excess of a deposited money order goes back by a check from our bank account.
    /// </summary>
    public static AccountKey RefundPaidFrom(string source) => source == SourceOf(DepositChannel.MoneyGram) ? MoneyGramClearing : Bank;

    /// <summary>A refund paid out: refunds payable settled by whoever pays the sender.</summary>
    public static JournalEntry Refund(long fileId, int sequence, string source, string description, DateTimeOffset at, Money amount, int attempt = 0) =>
        new(EntryKeys.Refund(fileId, sequence, attempt), "refund", description, at,
            [Posting.Debit(RefundsPayable, amount), Posting.Credit(RefundPaidFrom(source), amount)]);

    /// <summary>The entry that undoes a posted one, line for line (a MoneyGram reversal, a stamp refund).</summary>
    public static JournalEntry Reversal(EntryId originalId, JournalEntry original, string key, string description, DateTimeOffset at) =>
        JournalEntry.Reverse(originalId, original, key, description, at);

    /// <summary>E-mail stamps: paid by a family's card (the facility's card clearing) or from the resident's media account.</summary>
    public static JournalEntry StampCharge(long messageId, string facilityCode, string personNumber, bool paidByFamilyCard, Money total, string description, DateTimeOffset at) =>
        new(EntryKeys.StampCharge(messageId), "email", description, at,
        [
            Posting.Debit(paidByFamilyCard ? CardClearing(facilityCode) : AccountKey.Personal(personNumber, AccountKind.Media, Usd), total),
            Posting.Credit(AccountKey.OfFacility(facilityCode, AccountKind.StampRevenue, Usd), total),
        ]);

    /// <summary>
    /// E-mail stamps a family paid by card, posted on the processor's confirmation of the payment: keyed by the processor's
    /// payment id like a card deposit (once per payment; the processor's settlement and its refund or chargeback match it).
    /// </summary>
    public static JournalEntry CardStampCharge(string processorPaymentId, string facilityCode, Money total, string description, DateTimeOffset at) =>
        new(EntryKeys.CardPayment(processorPaymentId), "email", description, at,
        [
            Posting.Debit(CardClearing(facilityCode), total),
            Posting.Credit(AccountKey.OfFacility(facilityCode, AccountKind.StampRevenue, Usd), total),
        ]);

    /// <summary>A rejected message's stamps go back the way they came: the charge reversed.</summary>
    public static JournalEntry StampRefund(EntryId chargeId, JournalEntry charge, long messageId, string description, DateTimeOffset at) =>
        Reversal(chargeId, charge, EntryKeys.StampRefund(messageId), description, at);

    public static JournalEntry TrustToMedia(long transferId, string personNumber, Money amount, string description, DateTimeOffset at) =>
        new(EntryKeys.TrustToMedia(transferId), "kiosk", description, at,
        [
            Posting.Debit(AccountKey.Personal(personNumber, AccountKind.Trust, Usd), amount),
            Posting.Credit(AccountKey.Personal(personNumber, AccountKind.Media, Usd), amount),
        ]);

    public static JournalEntry MediaPurchase(long purchaseId, string personNumber, string facilityCode, Money price, string description, DateTimeOffset at) =>
        new(EntryKeys.MediaPurchase(purchaseId), "media", description, at,
        [
            Posting.Debit(AccountKey.Personal(personNumber, AccountKind.Media, Usd), price),
            Posting.Credit(AccountKey.OfFacility(facilityCode, AccountKind.MediaRevenue, Usd), price),
        ]);

    /// <summary>
    /// A card payment the processor confirmed for someone who can no longer receive it: nothing reaches the person, the whole
    /// charge is owed back to the family (card clearing → the facility's refunds payable). Keyed as the credit would have been.
    /// </summary>
    public static JournalEntry CardPaymentOwedBack(string processorPaymentId, string facilityCode, Money charged, string description, DateTimeOffset at) =>
        new(EntryKeys.CardPayment(processorPaymentId), SourceOf(DepositChannel.Online), description, at,
        [
            Posting.Debit(CardClearing(facilityCode), charged),
            Posting.Credit(AccountKey.OfFacility(facilityCode, AccountKind.RefundsPayable, Usd), charged),
        ]);

    /// <summary>
    /// A card payment refunded or charged back: the exact reversal of its credit while the person still holds what each of
    /// their accounts got (<paramref name="personalBalances"/>). Otherwise no balance goes negative: each personal account
    /// gives back what it holds (up to what it got), the shortfall is owed by the family who disputed (the facility's
    /// chargeback receivable), and every other line (card clearing, fee revenue, refunds payable, stamp revenue) turns in
    /// full, since the processor takes the whole charge back.
    /// </summary>
    public static JournalEntry CardReversal(EntryId creditId, JournalEntry credit, string processorPaymentId, IReadOnlyDictionary<AccountKey, long> personalBalances,
        string description, DateTimeOffset at)
    {
        var key = EntryKeys.CardReversal(processorPaymentId);
        var personal = credit.Postings.Where(p => p.Account.Owner.Type == OwnerType.Person).GroupBy(p => p.Account)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Amount.MinorUnits));
        if (personal.All(p => personalBalances.GetValueOrDefault(p.Key) >= p.Value))
            return JournalEntry.Reverse(creditId, credit, key, description, at);

        var lines = credit.Postings.Where(p => p.Account.Owner.Type != OwnerType.Person).Select(p => p with { Amount = -p.Amount }).ToList();
        long shortfall = 0;
        foreach (var (account, credited) in personal)
        {
            var take = Math.Min(credited, Math.Max(0, personalBalances.GetValueOrDefault(account)));
            if (take > 0) lines.Add(Posting.Debit(account, Money.Usd(take)));
            shortfall += credited - take;
        }
        var facility = credit.Postings.First(p => p.Account.Kind == AccountKind.CardClearing).Account.Owner.Code;
        lines.Add(Posting.Debit(AccountKey.OfFacility(facility, AccountKind.ChargebackReceivable, Usd), Money.Usd(shortfall)));
        return new JournalEntry(key, credit.Source,
            $"{description}: reverses entry {creditId.Value} in part, {Money.Usd(shortfall).ToDecimalString()} already spent is owed by the family", at, lines);
    }

    /// <summary>
    /// What a settlement file matched, as one entry: each clearing account credited with its items' gross, the processor's
    /// fees debited to the facility's processor fees (per facility of the card clearing they came from), the net debited to the
    /// bank. Null when nothing moves (e.g. a bank statement whose lines settle payouts already posted).
    /// </summary>
    public static JournalEntry? Settlement(string kind, string reference, IEnumerable<(AccountKey Clearing, Money Gross, Money Fee)> byClearing, Money net,
        string description, DateTimeOffset at)
    {
        var lines = new List<Posting>();
        foreach (var (clearing, gross, fee) in byClearing)
        {
            if (!gross.IsZero) lines.Add(Posting.Credit(clearing, gross));
            if (!fee.IsZero) lines.Add(Posting.Debit(AccountKey.OfFacility(clearing.Owner.Code, AccountKind.ProcessorFees, Usd), fee));
        }
        if (!net.IsZero) lines.Add(Posting.Debit(Bank, net));
        return lines.Count < 2 ? null : new JournalEntry(EntryKeys.Settlement(kind, reference), "settlement", description, at, lines);
    }

    /// <summary>A check paying a released person's trust balance out of the bank account.</summary>
    public static JournalEntry ReleaseBalanceCheck(long disbursementId, string personNumber, Money amount, string description, DateTimeOffset at) =>
        new(EntryKeys.Disbursement(disbursementId), "disbursement", description, at,
        [
            Posting.Debit(AccountKey.Personal(personNumber, AccountKind.Trust, Usd), amount),
            Posting.Credit(Bank, amount),
        ]);

    /// <summary>
    /// Restitution paid to the court: one check out of the bank account, each person's restitution account debited with what
    /// it pays (what was remitted still counts as collected toward the obligation: <see cref="Restitution.StillOwed"/>).
    /// </summary>
    public static JournalEntry CourtRemittance(long disbursementId, IReadOnlyList<(string PersonNumber, Money Amount)> lines, string description, DateTimeOffset at)
    {
        if (lines.Count == 0 || lines.Any(l => !l.Amount.IsPositive)) throw new DomainException("A court remittance pays a positive amount for at least one person.");
        var postings = lines.Select(l => Posting.Debit(AccountKey.Personal(l.PersonNumber, AccountKind.Restitution, Usd), l.Amount)).ToList();
        postings.Add(Posting.Credit(Bank, lines.Select(l => l.Amount).Aggregate((a, b) => a + b)));
        return new JournalEntry(EntryKeys.Disbursement(disbursementId), "disbursement", description, at, postings);
    }

    /// <summary>A voided check: its entry reversed line for line, the money back where it came from.</summary>
    public static JournalEntry DisbursementVoid(EntryId originalId, JournalEntry original, long disbursementId, string description, DateTimeOffset at) =>
        Reversal(originalId, original, EntryKeys.DisbursementVoid(disbursementId), description, at);

    /// <summary>What a MoneyGram send brought before its fee: clearing debited less the fee credited to revenue.</summary>
    public static Money PrincipalOf(JournalEntry send) =>
        Money.Usd(send.Postings.Where(p => p.Account == MoneyGramClearing).Sum(p => -p.Amount.MinorUnits)
                  - send.Postings.Where(p => p.Account == MoneyGramFeeRevenue).Sum(p => p.Amount.MinorUnits));

    /// <summary>The restitution share an entry moved (what its reversal gives back), per person.</summary>
    public static Money RestitutionOf(JournalEntry entry) =>
        Money.Usd(entry.Postings.Where(p => p.Account.IsPersonal && p.Account.Kind == AccountKind.Restitution).Sum(p => p.Amount.MinorUnits));

    private static void Credit(List<Posting> lines, AccountKey account, Money amount)
    {
        if (amount.IsPositive) lines.Add(Posting.Credit(account, amount));
    }
}
