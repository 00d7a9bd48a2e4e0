using FsCheck;
using FsCheck.Xunit;
using Ledger.Domain.Accounts;
using Ledger.Domain.Deposits;
using Ledger.Domain.Journal;

namespace Ledger.Domain.Tests;

/// <summary>A card refund or chargeback: balanced, the processor's whole charge back to card clearing, no person's balance below zero.</summary>
[Properties(Arbitrary = [typeof(MoneyArbitraries)])] // amounts up to $10,000, not only up to $1.00
public class CardReversalTests
{
    private static readonly AccountKey Trust = AccountKey.Personal("12345-678", AccountKind.Trust, Currency.USD);
    private static readonly AccountKey Restitution = AccountKey.Personal("12345-678", AccountKind.Restitution, Currency.USD);

    private static JournalEntry Credit(long toTrust, long toRestitution, long fee) => new("card-payment:pay_1", "card", "credit", DateTimeOffset.UnixEpoch,
    [
        Posting.Debit(LedgerEntries.CardClearing("F1"), Money.Usd(toTrust + toRestitution + fee)),
        Posting.Credit(Trust, Money.Usd(toTrust)),
        Posting.Credit(Restitution, Money.Usd(toRestitution)),
        Posting.Credit(AccountKey.OfFacility("F1", AccountKind.FeeRevenue, Currency.USD), Money.Usd(fee)),
    ]);

    [Property(MaxTest = 500)]
    public bool Balanced_whole_charge_back_and_never_more_than_a_person_holds(PositiveInt toTrust, PositiveInt toRestitution, PositiveInt fee, NonNegativeInt trustHeld, NonNegativeInt restitutionHeld)
    {
        var credit = Credit(toTrust.Get, toRestitution.Get, fee.Get);
        var held = new Dictionary<AccountKey, long> { [Trust] = trustHeld.Get, [Restitution] = restitutionHeld.Get };
        var r = LedgerEntries.CardReversal(new EntryId(7), credit, "pay_1", held, "chargeback", DateTimeOffset.UnixEpoch);
        long Net(Func<AccountKey, bool> which) => r.Postings.Where(p => which(p.Account)).Sum(p => p.Amount.MinorUnits);
        var exact = trustHeld.Get >= toTrust.Get && restitutionHeld.Get >= toRestitution.Get;
        long takenTrust = -Net(k => k == Trust), takenRestitution = -Net(k => k == Restitution), owedByFamily = -Net(k => k.Kind == AccountKind.ChargebackReceivable);
        var takes = exact
            ? takenTrust == toTrust.Get && takenRestitution == toRestitution.Get && owedByFamily == 0 && r.Reverses == new EntryId(7)
            : takenTrust == Math.Min(trustHeld.Get, toTrust.Get) && takenRestitution == Math.Min(restitutionHeld.Get, toRestitution.Get)
              && owedByFamily == (long)toTrust.Get + toRestitution.Get - takenTrust - takenRestitution;
        return takes
               && r.IdempotencyKey == "card-reversal:pay_1"
               && r.Postings.Sum(p => p.Amount.MinorUnits) == 0
               && Net(k => k.Kind == AccountKind.CardClearing) == (long)toTrust.Get + toRestitution.Get + fee.Get;
    }
}
