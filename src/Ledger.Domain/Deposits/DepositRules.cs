using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Ledger.Domain.People;
using Ledger.Domain.Policies;

namespace Ledger.Domain.Deposits;

/// <summary>
/// The deposit decision, for every channel, in one place: who can receive, the facility's limit and what happens
/// to the excess (the channel's <see cref="ExcessPolicy"/>), the restitution share, the fee, the money-order hold
/// and the journal entry. Plain C#: no database, so each rule is tested directly (DepositRulesTests).
/// </summary>
public static class DepositRules
{
    public static DepositDecision Decide(DepositRequest r)
    {
        if (!r.Amount.IsPositive) throw new DomainException($"A deposit must be positive; got {r.Amount}.");
        if (r.Fee.IsNegative) throw new DomainException($"A fee must not be negative; got {r.Fee}.");
        var policy = ExcessPolicies.Of(r.Channel);

        if (WhyNobody(r) is { } nobody) return NobodyToCredit(r, policy, nobody);

        var person = r.Person!;
        var facility = r.Facility!;
        var split = DepositSplit.Of(r.Amount, facility.Policy, r.Target, r.RestitutionStillOwed);
        var reason = (DepositReason?)null;
        if (split.Excess.IsPositive)
        {
            if (policy == ExcessPolicy.Refuse)
                return Nothing(r, DepositOutcome.Refused, DepositReasons.OverLimit(facility.Name, facility.Policy.DepositLimit, r.Amount, split.Excess, policy));
            // The order has been deposited whatever the address: the limit is credited now and the excess goes to refunds
            // payable like any excess; only its mailing waits until staff confirm or key where it goes (ReturnsDesk).
            reason = policy == ExcessPolicy.MailBack && !r.CanMailBack
                ? DepositReasons.OverLimitAwaitingAddress(facility.Name, facility.Policy.DepositLimit, r.Amount, split.Excess)
                : DepositReasons.OverLimit(facility.Name, facility.Policy.DepositLimit, r.Amount, split.Excess, policy);
        }

        // A facility holding money orders N days keeps the person's part in its holds account until then.
        var hold = r.Channel == DepositChannel.MoneyOrder && facility.Policy.MoneyOrderHoldDays > 0 && split.ToAccount.IsPositive
            ? new DepositHold(person.PersonNumber, facility.Code, r.Target, split.ToAccount, r.At.AddDays(facility.Policy.MoneyOrderHoldDays))
            : null;
        var entry = LedgerEntries.Deposit(r.Channel, r.Key, r.Description, r.At, person.PersonNumber, facility.Code, r.Target, split, r.Fee, held: hold is not null);
        return new DepositDecision(split.Excess.IsPositive ? DepositOutcome.PartiallyPosted : DepositOutcome.Posted, reason, split,
            r.Amount, r.Fee, Money.Zero(r.Amount.Currency), entry, hold);
    }

    /// <summary>Why nobody can be credited (the reader found nobody, or the person cannot receive); null when someone can.</summary>
    public static DepositReason? WhyNobody(DepositRequest r)
    {
        if (r.NotMatched is { } why) return why;
        if (r.Person is not { } person) throw new DomainException("A deposit request names a person or says why it does not.");
        return CannotReceive(person, r.Facility);
    }

    /// <summary>Why a person on the roster cannot receive a deposit now; null when they can.</summary>
    public static DepositReason? CannotReceive(Person person, Facilities.Facility? facility) => person.Status switch
    {
        PersonStatus.Released => DepositReasons.Released(person.PersonNumber),
        PersonStatus.Transferred => DepositReasons.Transferred(person.PersonNumber),
        _ when facility is null || facility.Code != person.FacilityCode => DepositReasons.UnknownFacility(person.PersonNumber, person.FacilityCode),
        _ => null,
    };

    private static DepositDecision NobodyToCredit(DepositRequest r, ExcessPolicy policy, DepositReason why) => policy switch
    {
        // The transfer has arrived: all of it, fee included, goes back to the sender through refunds payable.
        ExcessPolicy.RefundToSender => new DepositDecision(DepositOutcome.Returned, why, null, r.Amount, r.Fee, r.Fee,
            LedgerEntries.ReturnWhole(r.Key, $"{r.Description}: returned, {why.Code}", r.At, r.Amount + r.Fee), null),
        // The order was never deposited: it goes back in the mail, if we know where to.
        ExcessPolicy.MailBack => r.CanMailBack
            ? Nothing(r, DepositOutcome.Returned, DepositReasons.MailedBack(why))
            : Nothing(r, DepositOutcome.Review, DepositReasons.CannotMailBack(why)),
        _ => Nothing(r, DepositOutcome.Refused, why),
    };

    private static DepositDecision Nothing(DepositRequest r, DepositOutcome outcome, DepositReason why) =>
        new(outcome, why, null, r.Amount, r.Fee, Money.Zero(r.Amount.Currency), null, null);
}
