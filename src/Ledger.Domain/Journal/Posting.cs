using Ledger.Domain.Accounts;

namespace Ledger.Domain.Journal;

/// <summary>
/// One line of an entry. Sign convention: a positive amount credits the account (what the company
/// owes its owner grows), a negative amount debits it. An entry's lines sum to zero per currency.
/// </summary>
public readonly record struct Posting(AccountKey Account, Money Amount)
{
    public static Posting Credit(AccountKey account, Money amount) => new(account, amount);
    public static Posting Debit(AccountKey account, Money amount) => new(account, -amount);
}
