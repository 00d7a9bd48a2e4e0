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

/// <summary>One file or batch handed to intake, identified by its content hash (the same bytes twice are one file).</summary>
public sealed class IntakeFileRow
{
    public long Id { get; set; }
    public required string Source { get; set; }
    public required string Name { get; set; }
    public required string Sha256 { get; set; }
    /// <summary>registered, processing, completed or quarantined.</summary>
    public required string Status { get; set; }
    public string? Reason { get; set; }
    public string? StoredPath { get; set; }
    public long? DeclaredCount { get; set; }
    public long? DeclaredAmountCents { get; set; }
    public long? DeclaredFeeCents { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>
/// What became of one item of an intake file. Written in the same transaction as its journal entry,
/// so every item is accounted for exactly once, and a retried job skips what is already here.
/// </summary>
public sealed class IntakeItemRow
{
    public long FileId { get; set; }
    public int Sequence { get; set; }
    public required string Reference { get; set; }
    /// <summary>deposit or reversal.</summary>
    public required string Kind { get; set; }
    /// <summary>posted, partially_posted, returned, in_review, duplicate or reversed.</summary>
    public required string Outcome { get; set; }
    public string? ReasonCode { get; set; }
    public string? Reason { get; set; }
    public string? PersonNumber { get; set; }
    public string? FacilityCode { get; set; }
    public long AmountCents { get; set; }
    /// <summary>To people's accounts: the target account plus any restitution deduction.</summary>
    public long CreditedCents { get; set; }
    /// <summary>The part of <see cref="CreditedCents"/> that went to the person's restitution account.</summary>
    public long RestitutionCents { get; set; }
    public long ReturnedCents { get; set; }
    /// <summary>Fee kept as revenue.</summary>
    public long FeeCents { get; set; }
    /// <summary>Fee given back to the sender with a whole return (not part of the amount's accounting).</summary>
    public long FeeRefundedCents { get; set; }
    public long InReviewCents { get; set; }
    public long ReversedCents { get; set; }
    public long? EntryId { get; set; }
    public string? SenderName { get; set; }
    public string? SenderAddress { get; set; }
    /// <summary>For review: what the reader saw (OCR guesses, raw account string), as JSON.</summary>
    public string? Details { get; set; }
}

/// <summary>
/// Money-order funds a facility holds for N days before the person may spend them (FacilityPolicy.MoneyOrderHoldDays).
/// Written in the same transaction as the deposit's entry; the release entry's id is filled in when the hold ends.
/// </summary>
public sealed class MoneyOrderHoldRow
{
    /// <summary>The deposit entry that credited the facility's money_order_holds account.</summary>
    public long EntryId { get; set; }
    public required string PersonNumber { get; set; }
    public required string FacilityCode { get; set; }
    /// <summary>The person's account the money goes to on release (trust, media or restitution).</summary>
    public required string AccountKind { get; set; }
    public long AmountCents { get; set; }
    public DateTimeOffset ReleaseAt { get; set; }
    public long? ReleasedEntryId { get; set; }
}

/// <summary>
/// What operations staff decided for an intake item left in review (a money order OCR could not settle):
/// post it with the keyed amount and person, or return it. Keyed amounts above the configured threshold
/// wait for a second staff member's approval (four-eyes) before they post. The intake item itself is
/// never changed; this row records how its review ended and which entry (if any) answered it.
/// </summary>
public sealed class ReviewResolutionRow
{
    public long Id { get; set; }
    public long FileId { get; set; }
    public int Sequence { get; set; }
    /// <summary>post or return.</summary>
    public required string Action { get; set; }
    /// <summary>awaiting_approval, posted, returned or rejected (the approver refused; the item is back in the queue).</summary>
    public required string Status { get; set; }
    public long AmountCents { get; set; }
    public string? PersonNumber { get; set; }
    /// <summary>trust, media or restitution: the account the keyer chose.</summary>
    public string? AccountKind { get; set; }
    public string? Reason { get; set; }
    public required string KeyedBy { get; set; }
    public DateTimeOffset KeyedAt { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public long? EntryId { get; set; }
    /// <summary>What the item became once resolved, as the pipeline decided it: posted, partially_posted or returned (null while awaiting approval or rejected).</summary>
    public string? Outcome { get; set; }
    /// <summary>The cents of the resolved item, split as intake_items splits them: amount = credited + returned.</summary>
    public long CreditedCents { get; set; }
    public long RestitutionCents { get; set; }
    public long ReturnedCents { get; set; }
    public long FeeCents { get; set; }
}

/// <summary>What became of a return after intake: the letter and money order were mailed, or the money was refunded (an entry clears refunds payable).</summary>
public sealed class ReturnDispositionRow
{
    public long FileId { get; set; }
    public int Sequence { get; set; }
    /// <summary>mailed or refunded.</summary>
    public required string Status { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The entry that cleared refunds payable, when money was refunded.</summary>
    public long? EntryId { get; set; }
}

/// <summary>A daily reconciliation as it was produced (nightly by the worker, or on request); kept, never rewritten.</summary>
public sealed class ReconciliationReportRow
{
    public long Id { get; set; }
    public DateOnly BusinessDate { get; set; }
    public DateTimeOffset ProducedAt { get; set; }
    public required string ProducedBy { get; set; }
    public bool Balanced { get; set; }
    public required string Report { get; set; }
}
