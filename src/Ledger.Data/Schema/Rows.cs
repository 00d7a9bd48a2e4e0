namespace Ledger.Data.Schema;

// Persistence shapes of the ledger's tables. EF Core owns the schema and migrations;
// hot paths (posting, balances, verification) use Npgsql directly against the same tables.

public sealed class FacilityRow
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string State { get; set; }
    public required string Currency { get; set; }
    public long DepositLimitCents { get; set; }
    public int MoneyOrderHoldDays { get; set; }
    public int RestitutionBasisPoints { get; set; }
    public long StampPriceCents { get; set; }
    public int EmailDeliveryFromHour { get; set; }
    public int EmailDeliveryToHour { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class FeeTierRow
{
    public long Id { get; set; }
    public required string FacilityCode { get; set; }
    public required string Channel { get; set; }
    public long FromCents { get; set; }
    public long ToCents { get; set; }
    public long FeeCents { get; set; }
}

public sealed class PersonRow
{
    public long Id { get; set; }
    public required string PersonNumber { get; set; }
    public required string FacilityCode { get; set; }
    public required string LastName { get; set; }
    public required string FirstName { get; set; }
    public required string Status { get; set; }
    public long RestitutionOwedCents { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class AccountRow
{
    public long Id { get; set; }
    public required string OwnerType { get; set; }
    public required string OwnerCode { get; set; }
    public required string Kind { get; set; }
    public required string Currency { get; set; }
    /// <summary>Kept for people's accounts only (to refuse overdrafts atomically); system accounts sum their postings.</summary>
    public long BalanceCents { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class JournalEntryRow
{
    public long Id { get; set; }
    public required string IdempotencyKey { get; set; }
    public required string Source { get; set; }
    public required string Description { get; set; }
    public DateTimeOffset EffectiveAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public long? ReversesEntryId { get; set; }
}

public sealed class PostingRow
{
    public long EntryId { get; set; }
    public short LineNumber { get; set; }
    public long AccountId { get; set; }
    /// <summary>Positive credits the account, negative debits it.</summary>
    public long AmountCents { get; set; }
    public required string Currency { get; set; }
    public DateTimeOffset PostedAt { get; set; }
}
