using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;

namespace Ledger.Data.Tests;

/// <summary>Small builders for the entries these tests post.</summary>
internal static class Entries
{
    public static readonly AccountKey Clearing = AccountKey.OfFacility("FCI-LOR", AccountKind.MoneyGramClearing, Currency.USD);
    public static readonly AccountKey Revenue = AccountKey.OfFacility("FCI-LOR", AccountKind.MediaRevenue, Currency.USD);

    public static AccountKey Trust(string person) => AccountKey.Personal(person, AccountKind.Trust, Currency.USD);

    public static JournalEntry Deposit(string key, string person, long cents) =>
        new(key, "test", "deposit", DateTimeOffset.UtcNow, [Posting.Debit(Clearing, Money.Usd(cents)), Posting.Credit(Trust(person), Money.Usd(cents))]);

    public static JournalEntry Purchase(string key, string person, long cents) =>
        new(key, "test", "purchase", DateTimeOffset.UtcNow, [Posting.Debit(Trust(person), Money.Usd(cents)), Posting.Credit(Revenue, Money.Usd(cents))]);
}
