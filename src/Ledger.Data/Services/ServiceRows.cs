namespace Ledger.Data.Services;

// Persistence shapes of the API's own tables (schema "api"). Money never moves through these
// tables: they record what was asked and which journal entry answered it.

/// <summary>A card deposit (phone, online, mobile). Also the idempotency record of its request.</summary>
public sealed class CardDepositRow
{
    public long Id { get; set; }
    public required string FamilySubject { get; set; }
    public required string IdempotencyKey { get; set; }
    /// <summary>SHA-256 of the canonical request: the same key with another body is refused.</summary>
    public required string RequestHash { get; set; }
    public required string JournalKey { get; set; }
    public required string PersonNumber { get; set; }
    public required string FacilityCode { get; set; }
    public required string Channel { get; set; }
    public required string TargetAccount { get; set; }
    public long AmountCents { get; set; }
    public long FeeCents { get; set; }
    public long ToAccountCents { get; set; }
    public long RestitutionCents { get; set; }
    public required string AuthorizationReference { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Who did what to which record, and how it looked before and after (JSON).</summary>
public sealed class AuditEntryRow
{
    public long Id { get; set; }
    public required string ActorSubject { get; set; }
    public required string ActorRole { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public string? FacilityCode { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public DateTimeOffset At { get; set; }
}

public sealed class FamilyRow
{
    public required string Subject { get; set; }
    public required string DisplayName { get; set; }
    public string? Email { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A person in custody a family may write to and visit.</summary>
public sealed class ContactRow
{
    public long Id { get; set; }
    public required string FamilySubject { get; set; }
    public required string PersonNumber { get; set; }
    public required string ApprovedBy { get; set; }
    public DateTimeOffset ApprovedAt { get; set; }
}

public sealed class MessageRow
{
    public long Id { get; set; }
    public required string FacilityCode { get; set; }
    public required string PersonNumber { get; set; }
    public required string FamilySubject { get; set; }
    /// <summary>to_resident or to_family.</summary>
    public required string Direction { get; set; }
    public required string SenderSubject { get; set; }
    public required string IdempotencyKey { get; set; }
    public required string RequestHash { get; set; }
    public required string Body { get; set; }
    public int Characters { get; set; }
    public int Stamps { get; set; }
    public long StampPriceCents { get; set; }
    /// <summary>family_card or resident_media.</summary>
    public required string PaidBy { get; set; }
    public string? AuthorizationReference { get; set; }
    /// <summary>pending_payment, in_screening, approved, delivered, rejected, refused_insufficient_funds.</summary>
    public required string Status { get; set; }
    public long? ChargeEntryId { get; set; }
    public long? RefundEntryId { get; set; }
    public string? RejectionReason { get; set; }
    public string? ScreenedBy { get; set; }
    public DateTimeOffset? ScreenedAt { get; set; }
    public DateTimeOffset? DeliverAfter { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class MediaItemRow
{
    public long Id { get; set; }
    public required string FacilityCode { get; set; }
    /// <summary>song, album, game, movie_rental, ebook, course, news.</summary>
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public long PriceCents { get; set; }
    /// <summary>Rentals only: how long the item plays after purchase.</summary>
    public int? RentalHours { get; set; }
    public bool Active { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A purchase; completed ones form the resident's library.</summary>
public sealed class MediaPurchaseRow
{
    public long Id { get; set; }
    public required string PersonNumber { get; set; }
    public long MediaItemId { get; set; }
    public required string IdempotencyKey { get; set; }
    public required string RequestHash { get; set; }
    public long PriceCents { get; set; }
    /// <summary>pending, completed, refused_insufficient_funds.</summary>
    public required string Status { get; set; }
    public long? EntryId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>A resident moving money from trust to media (kiosk credit).</summary>
public sealed class TransferRow
{
    public long Id { get; set; }
    public required string PersonNumber { get; set; }
    public required string IdempotencyKey { get; set; }
    public required string RequestHash { get; set; }
    public long AmountCents { get; set; }
    /// <summary>pending, completed, refused_insufficient_funds.</summary>
    public required string Status { get; set; }
    public long? EntryId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class RequestDeadlineRow
{
    public required string FacilityCode { get; set; }
    public required string Kind { get; set; }
    public int Hours { get; set; }
}

public sealed class ResidentRequestRow
{
    public long Id { get; set; }
    public required string FacilityCode { get; set; }
    public required string PersonNumber { get; set; }
    /// <summary>medical, grievance, classification, support.</summary>
    public required string Kind { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    /// <summary>open, assigned, answered, closed.</summary>
    public required string Status { get; set; }
    public string? AssignedTo { get; set; }
    public string? Answer { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

public sealed class RequestEventRow
{
    public long Id { get; set; }
    public long RequestId { get; set; }
    public required string ActorSubject { get; set; }
    public required string ActorRole { get; set; }
    public required string Action { get; set; }
    public string? Text { get; set; }
    public DateTimeOffset At { get; set; }
}

public sealed class VisitSlotRow
{
    public long Id { get; set; }
    public required string FacilityCode { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public int Capacity { get; set; }
    /// <summary>Active bookings; a CHECK keeps it within 0..capacity, so over-booking fails in the database.</summary>
    public int Booked { get; set; }
}

public sealed class VisitBookingRow
{
    public long Id { get; set; }
    public long SlotId { get; set; }
    public required string FamilySubject { get; set; }
    public required string PersonNumber { get; set; }
    /// <summary>booked or cancelled.</summary>
    public required string Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class NotificationRow
{
    public long Id { get; set; }
    public required string PersonNumber { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// One row per person who signs in, whoever they are (one identity system): facility staff, accountants and
/// operations (<c>kind = 'staff'</c>, login = user name), families (login = e-mail) and residents (login = person
/// number, secret = a PIN set by staff). Lockout, the security stamp and the TOTP second factor work the same for all.
/// </summary>
public sealed class SignInAccountRow
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string Login { get; set; }
    /// <summary>The API's subject for this account: the user name, the family's subject or the person number.</summary>
    public required string Subject { get; set; }
    public required string Role { get; set; }
    public required string DisplayName { get; set; }
    /// <summary>For accountants and facility staff: the facilities they serve (operations serve all); a resident's facility.</summary>
    public List<string> Facilities { get; set; } = [];
    public required string SecretHash { get; set; }
    public int FailedCount { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    /// <summary>Changes whenever role, facilities or secret change: tokens and cookies carrying an older one stop working.</summary>
    public required string SecurityStamp { get; set; }
    public string? TotpSecret { get; set; }
    /// <summary>The last TOTP time step accepted: a code is good once.</summary>
    public long? TotpLastStep { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}
