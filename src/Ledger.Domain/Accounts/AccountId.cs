namespace Ledger.Domain.Accounts;

public readonly record struct AccountId(long Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
