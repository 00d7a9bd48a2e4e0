using Ledger.Domain.Policies;

namespace Ledger.Domain.Deposits;

/// <summary>Why a deposit was not (wholly) credited: a stable code for machines and one sentence for people.</summary>
public sealed record DepositReason(string Code, string Text)
{
    public override string ToString() => $"{Code}: {Text}";
}

/// <summary>
/// Every reason a deposit is refused, returned or held back, and its wording, written once. Intake items, API
/// problems, return letters and the keying queue all take their sentence from here.
/// </summary>
public static class DepositReasons
{
    public static DepositReason UnreadableAccount(string account) =>
        new("unreadable_account", $"The account \"{account}\" holds no person number.");

    public static DepositReason UnreadableResidentNumber() =>
        new("unreadable_resident_number", "The resident number on the deposit slip could not be read, so we cannot tell who the money is for.");

    public static DepositReason UnreadableName(string number) =>
        new("unreadable_name", $"The resident's name on the deposit slip could not be read, so we cannot confirm the money is for person {number}.");

    public static DepositReason UnknownPerson(string? number) =>
        new("unknown_person", $"No one with number {number} is in the custody of a facility we serve.");

    public static DepositReason NameMismatch(string given, string number) =>
        new("name_mismatch", $"The name \"{given}\" is not the name of person {number}.");

    public static DepositReason Released(string number) =>
        new("person_released", $"Person {number} has been released and can no longer receive money here.");

    public static DepositReason Transferred(string number) =>
        new("person_transferred", $"Person {number} has been transferred; we have no current facility for them.");

    public static DepositReason UnknownFacility(string number, string facility) =>
        new("unknown_facility", $"Person {number} is at facility {facility}, which has no policy loaded.");

    /// <summary>The one "accepts at most" sentence; what happens to the excess depends on the channel.</summary>
    public static DepositReason OverLimit(string facilityName, Money limit, Money amount, Money excess, ExcessPolicy policy) =>
        new("over_limit", $"{facilityName} accepts at most ${limit.ToDecimalString()} per deposit; " + policy switch
        {
            ExcessPolicy.RefundToSender => $"${excess.ToDecimalString()} of ${amount.ToDecimalString()} is refunded to the sender.",
            ExcessPolicy.MailBack => $"${excess.ToDecimalString()} of the ${amount.ToDecimalString()} money order is returned to you by mail.",
            _ => $"${amount.ToDecimalString()} was refused and nothing was charged.",
        });

    public const string OverLimitAwaitingAddressCode = "over_limit_awaiting_address";

    /// <summary>
    /// A money order over the limit whose sender address is not confirmed: the limit is credited, the excess sits in refunds
    /// payable and is mailed back once operations confirm or key the address (the letter says only what the sender must know).
    /// </summary>
    public static DepositReason OverLimitAwaitingAddress(string facilityName, Money limit, Money amount, Money excess) =>
        OverLimit(facilityName, limit, amount, excess, ExcessPolicy.MailBack) with { Code = OverLimitAwaitingAddressCode };

    /// <summary>A money order is mailed back with the slip; without an address it waits for a person.</summary>
    public static DepositReason MailedBack(DepositReason why) =>
        why with { Text = why.Text + " The money order was not deposited and is returned to you." };

    public static DepositReason CannotMailBack(DepositReason why) =>
        why with { Text = why.Text + " The sender's address could not be read either, so it cannot be mailed back; operations must decide." };
}
