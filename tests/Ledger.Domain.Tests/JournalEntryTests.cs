using FsCheck;
using FsCheck.Xunit;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;

namespace Ledger.Domain.Tests;

[Properties(Arbitrary = [typeof(MoneyArbitraries)])] // amounts up to $10,000, not only up to $1.00
public class JournalEntryTests
{
    private static readonly AccountKey Clearing = AccountKey.OfFacility("FCI-LOR", AccountKind.MoneyGramClearing, Currency.USD);
    private static readonly AccountKey Trust = AccountKey.Personal("12345-678", AccountKind.Trust, Currency.USD);
    private static readonly AccountKey Fees = AccountKey.OfCompany(AccountKind.FeeRevenue, Currency.USD);

    [Fact]
    public void Posting_an_unbalanced_entry_is_rejected()
    {
        var e = Assert.Throws<UnbalancedEntryException>(() => new JournalEntry("mg:1", "moneygram", "deposit", DateTimeOffset.UnixEpoch,
            [Posting.Debit(Clearing, Money.Usd(1000)), Posting.Credit(Trust, Money.Usd(999))]));
        Assert.Contains("-1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_needs_two_lines_and_no_zero_line()
    {
        Assert.Throws<DomainException>(() => new JournalEntry("k", "s", "d", DateTimeOffset.UnixEpoch, [Posting.Credit(Trust, Money.Usd(0))]));
        Assert.Throws<DomainException>(() => new JournalEntry("k", "s", "d", DateTimeOffset.UnixEpoch,
            [Posting.Credit(Trust, Money.Usd(0)), Posting.Debit(Clearing, Money.Usd(0))]));
    }

    [Fact]
    public void A_personal_account_cannot_be_a_system_account()
    {
        Assert.Throws<DomainException>(() => AccountKey.Personal("12345-678", AccountKind.FeeRevenue, Currency.USD));
        Assert.Throws<DomainException>(() => AccountKey.OfFacility("FCI-LOR", AccountKind.Trust, Currency.USD));
    }

    [Property]
    public bool Any_split_of_a_deposit_into_lines_balances(PositiveInt amount, NonNegativeInt fee)
    {
        var deposit = Money.Usd(amount.Get);
        var entry = new JournalEntry("k", "s", "d", DateTimeOffset.UnixEpoch,
            fee.Get == 0
                ? [Posting.Debit(Clearing, deposit), Posting.Credit(Trust, deposit)]
                : [Posting.Debit(Clearing, deposit + Money.Usd(fee.Get)), Posting.Credit(Trust, deposit), Posting.Credit(Fees, Money.Usd(fee.Get))]);
        return entry.Postings.Sum(p => p.Amount.MinorUnits) == 0;
    }

    [Property]
    public bool A_reversal_restores_every_balance(PositiveInt amount, PositiveInt fee)
    {
        var original = new JournalEntry("mg:1", "moneygram", "deposit", DateTimeOffset.UnixEpoch,
            [Posting.Debit(Clearing, Money.Usd(amount.Get + (long)fee.Get)), Posting.Credit(Trust, Money.Usd(amount.Get)), Posting.Credit(Fees, Money.Usd(fee.Get))]);
        var reversal = JournalEntry.Reverse(new EntryId(7), original, "mg:1:reversal", "reversed by MoneyGram", DateTimeOffset.UnixEpoch);
        var net = original.Postings.Concat(reversal.Postings).GroupBy(p => p.Account).Select(g => g.Sum(p => p.Amount.MinorUnits));
        return reversal.Reverses == new EntryId(7) && net.All(n => n == 0);
    }
}
