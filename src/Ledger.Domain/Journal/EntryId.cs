namespace Ledger.Domain.Journal;

public readonly record struct EntryId(long Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
