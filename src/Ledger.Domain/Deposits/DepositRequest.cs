using Ledger.Domain.Accounts;
using Ledger.Domain.Facilities;
using Ledger.Domain.Journal;
using Ledger.Domain.People;
using Ledger.Domain.Policies;

namespace Ledger.Domain.Deposits;

/// <summary>
/// One deposit as every channel describes it once its reader has done its part: how it came, how much (and the
/// sender's fee), for which account of whom, under which facility's policy, and how much restitution the person
/// still owes (read under the lock on the person, see RestitutionLock). <see cref="NotMatched"/> says why the
/// reader found nobody (<see cref="Person"/> is then null or the person the number named).
/// </summary>
public sealed record DepositRequest
{
    public required DepositChannel Channel { get; init; }
    public required Money Amount { get; init; }
    public Money Fee { get; init; } = Money.Usd(0);
    public AccountKind Target { get; init; } = AccountKind.Trust;
    public Person? Person { get; init; }
    public DepositReason? NotMatched { get; init; }
    /// <summary>The person's facility; null when its policy is not loaded.</summary>
    public Facility? Facility { get; init; }
    public Money RestitutionStillOwed { get; init; } = Money.Usd(0);
    /// <summary>
    /// Money orders: whether the sender's address is confirmed, so something can be mailed back. Without it a whole return
    /// waits in review, and an excess over the limit waits in refunds payable for staff to confirm the address.
    /// </summary>
    public bool CanMailBack { get; init; } = true;

    /// <summary>The entry's idempotency key (see <see cref="EntryKeys"/>), description and effective instant.</summary>
    public required string Key { get; init; }
    public required string Description { get; init; }
    public required DateTimeOffset At { get; init; }
}

public enum DepositOutcome
{
    Posted,
    /// <summary>The limit credited; the excess goes back by the channel's way.</summary>
    PartiallyPosted,
    /// <summary>Nobody can be credited: the money (MoneyGram) or the order itself (money order) goes back.</summary>
    Returned,
    /// <summary>Not taken at all (a card charge over the limit or for nobody): nothing moved.</summary>
    Refused,
    /// <summary>Waits for a person in operations: nothing moved.</summary>
    Review,
}

/// <summary>A money-order hold: the person's part waits in the facility's holds account until <see cref="ReleaseAt"/>.</summary>
public sealed record DepositHold(string PersonNumber, string FacilityCode, AccountKind Target, Money Amount, DateTimeOffset ReleaseAt);

/// <summary>
/// What becomes of a deposit. The cents always account for the amount: Credited (restitution included) + Returned
/// + InReview = Amount for every outcome but Refused (nothing taken). FeeRefunded is the sender's fee going back with a return.
/// </summary>
public sealed record DepositDecision(
    DepositOutcome Outcome,
    DepositReason? Reason,
    DepositSplit? Split,
    Money Amount,
    Money Fee,
    Money FeeRefunded,
    JournalEntry? Entry,
    DepositHold? Hold)
{
    public Money Credited => Split?.Credited ?? Money.Zero(Amount.Currency);
    public Money Restitution => Split?.RestitutionDeduction ?? Money.Zero(Amount.Currency);
    public Money Returned => Outcome == DepositOutcome.Returned ? Amount : Split?.Excess ?? Money.Zero(Amount.Currency);
    public Money InReview => Outcome == DepositOutcome.Review ? Amount : Money.Zero(Amount.Currency);
    public bool MovesMoney => Entry is not null;
    /// <summary>The excess is in refunds payable but not mailed until staff confirm or key the sender's address.</summary>
    public bool ExcessAwaitsAddress => Reason?.Code == DepositReasons.OverLimitAwaitingAddressCode;
}
