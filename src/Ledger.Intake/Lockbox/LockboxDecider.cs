using System.Globalization;
using System.Text.Json;
using Ledger.Data.Schema;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Facilities;
using Ledger.Domain.Journal;
using Ledger.Domain.People;
using Ledger.Domain.Policies;
using Ledger.Intake.People;
using Ledger.Intake.Pipeline;

namespace Ledger.Intake.Lockbox;

/// <summary>
/// Decides each scanned money order by what OCR could read and by facility policy. Nothing is guessed:
/// a serial seen before, an item whose serial or target account could not be read, or one that cannot be
/// mailed back goes to review; an order whose amount cannot be read, or that names nobody we can credit,
/// goes back to the address on the slip with no ledger entry (it was never deposited); an order over the
/// facility's limit is deposited, the limit credited and the excess returned by mail.
/// </summary>
public sealed class LockboxDecider(IReadOnlyDictionary<string, Facility> facilities, PersonMatcher people, RestitutionTracker restitution,
    DateTimeOffset effectiveAt, string batchPath)
{
    /// <summary>Entries take the batch's deposit date (midnight UTC); holds run from it.</summary>
    public LockboxDecider(IReadOnlyDictionary<string, Facility> facilities, PersonMatcher people, RestitutionTracker restitution,
        LockboxBatchHeader header, string batchPath)
        : this(facilities, people, restitution, new DateTimeOffset(header.DepositDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), batchPath)
    {
    }

    public const string Source = "lockbox";

    public static readonly AccountKey Clearing = AccountKey.OfCompany(AccountKind.LockboxClearing, Currency.USD);
    public static readonly AccountKey RefundsPayable = AccountKey.OfCompany(AccountKind.RefundsPayable, Currency.USD);

    public static string KeyOf(string serial) => $"mo:{serial}";
    public static string ReleaseKeyOf(string serial) => $"mo-release:{serial}";

    /// <summary>The item's reference: its serial when read, else its place in the batch.</summary>
    public static string ReferenceOf(LockboxItemReading r) => r.MoneyOrder.Serial.Value ?? $"item:{r.Sequence.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>When the entries take effect; holds run from it.</summary>
    public DateTimeOffset EffectiveAt { get; } = effectiveAt;

    /// <param name="seenBefore">The serial is carried by an earlier item (any lockbox batch, or earlier in this one) or a journal entry.</param>
    public ItemPlan Decide(long fileId, LockboxItemReading r, LockboxItemEntry entry, bool seenBefore)
    {
        var order = r.MoneyOrder;
        var slip = r.DepositSlip;
        var amount = order.AgreedAmount;
        string WhatOcrSaw() => Details(r, entry);
        var item = new IntakeItemRow
        {
            FileId = fileId,
            Sequence = r.Sequence,
            Reference = ReferenceOf(r),
            Kind = "deposit",
            Outcome = "",
            AmountCents = amount?.MinorUnits ?? 0,
            SenderName = slip.SenderName.Value,
            SenderAddress = slip.AddressReadable ? $"{slip.SenderAddress.Value}, {slip.CityStateZip.Value}" : null,
        };

        if (seenBefore)
            return Review(item, WhatOcrSaw, "serial_seen_before",
                $"Money order {order.Serial.Value} has been received before; a serial is never posted twice. Operations must compare the two.");

        if (amount is not { } known)
        {
            // Never guess an amount, and never mail back an order a person could read: only positive evidence that
            // the amount is illegible sends it back; an amount OCR did not settle waits for a person to key it.
            if (order.AmountIllegible && slip.AddressReadable)
                return Returned(item, WhatOcrSaw, "illegible_amount",
                    "The amount of the money order cannot be read, so it was not deposited. The money order and deposit slip are returned to you.");
            return Review(item, WhatOcrSaw, "unreadable",
                "OCR could not settle the money order's amount; operations must key the item (or return it as illegible).");
        }

        if (!order.Serial.IsAccepted)
            return Review(item, WhatOcrSaw, "unreadable_serial",
                "The money order's serial number could not be read, so we cannot be sure it was not deposited before; operations must key it.");

        var refusal = Refusal(slip, out var person);
        item.PersonNumber = person?.PersonNumber ?? slip.ResidentNumber.Value;
        item.FacilityCode = person?.FacilityCode;
        if (refusal is { } why)
        {
            return slip.AddressReadable
                ? Returned(item, WhatOcrSaw, why.Code, why.Reason + " The money order was not deposited and is returned to you.")
                : Review(item, WhatOcrSaw, why.Code, why.Reason + " The sender's address could not be read either, so it cannot be mailed back; operations must decide.");
        }

        if (slip.CreditTo.Value is not { } target)
            return Review(item, WhatOcrSaw, "credit_to_unclear",
                $"The CREDIT TO boxes on the slip could not be read with certainty ({slip.CreditTo.RawText}); operations must decide which account.");

        return Deposit(item, person!, target, known, order.Serial.Value!, slip.AddressReadable, WhatOcrSaw);
    }

    /// <summary>
    /// The posting of a money order whose amount, serial, person (in custody at a facility with a policy) and account
    /// are settled, read with confidence by OCR or keyed by operations staff: the facility's limit (the excess goes
    /// back by mail, so without an address it waits in review), the restitution deduction and the money-order hold.
    /// Fills <paramref name="item"/>'s outcome and cents; the entry's key is the serial's, so an order posts once.
    /// </summary>
    public ItemPlan Deposit(IntakeItemRow item, Person person, AccountKind target, Money amount, string serial, bool addressReadable, Func<string> details)
    {
        var facility = facilities[person.FacilityCode];
        item.PersonNumber = person.PersonNumber;
        item.FacilityCode = facility.Code;
        var split = DepositSplit.Of(amount, facility.Policy, target, restitution.StillOwed(person));
        if (split.Excess.IsPositive && !addressReadable)
            return Review(item, details, "over_limit_no_address",
                $"${amount.ToDecimalString()} is over {facility.Name}'s limit of ${facility.Policy.DepositLimit.ToDecimalString()}, and the sender's "
                + "address could not be read to mail the excess back; operations must decide.");
        restitution.Reserve(person, split.RestitutionDeduction);

        var held = facility.Policy.MoneyOrderHoldDays > 0 && split.ToAccount.IsPositive;
        var lines = new List<Posting> { Posting.Debit(Clearing, amount) };
        AddCredit(lines, held ? AccountKey.OfFacility(facility.Code, AccountKind.MoneyOrderHolds, Currency.USD) : AccountKey.Personal(person.PersonNumber, target, Currency.USD), split.ToAccount);
        AddCredit(lines, AccountKey.Personal(person.PersonNumber, AccountKind.Restitution, Currency.USD), split.RestitutionDeduction);
        AddCredit(lines, RefundsPayable, split.Excess);

        item.CreditedCents = split.Credited.MinorUnits;
        item.RestitutionCents = split.RestitutionDeduction.MinorUnits;
        item.ReturnedCents = split.Excess.MinorUnits;
        item.InReviewCents = 0;
        if (split.Excess.IsPositive)
        {
            item.Outcome = ItemOutcome.PartiallyPosted.ToCode();
            item.ReasonCode = "over_limit";
            item.Reason = $"{facility.Name} accepts at most ${facility.Policy.DepositLimit.ToDecimalString()} per deposit; "
                          + $"${split.Excess.ToDecimalString()} of the ${amount.ToDecimalString()} money order is returned to you by mail.";
            item.Details = details();
        }
        else
        {
            item.Outcome = ItemOutcome.Posted.ToCode();
        }

        MoneyOrderHoldRow? hold = null;
        if (held)
        {
            hold = new MoneyOrderHoldRow
            {
                PersonNumber = person.PersonNumber, FacilityCode = facility.Code, AccountKind = target.ToCode(),
                AmountCents = split.ToAccount.MinorUnits, ReleaseAt = EffectiveAt.AddDays(facility.Policy.MoneyOrderHoldDays),
            };
        }
        var description = $"Money order {serial} from {item.SenderName ?? "(sender unread)"} to {person.PersonNumber} {target.ToCode()}"
                          + (held ? $", held {facility.Policy.MoneyOrderHoldDays} days" : "");
        return new ItemPlan(item, new JournalEntry(KeyOf(serial), Source, description, EffectiveAt, lines),
            () => restitution.Release(person, split.RestitutionDeduction), hold);
    }

    /// <summary>Why a person on the roster cannot receive a deposit now; null when they can.</summary>
    public (string Code, string Reason)? CannotReceive(Person person) => person switch
    {
        { Status: PersonStatus.Released } => ("person_released", $"Person {person.PersonNumber} has been released and can no longer receive money here."),
        { Status: PersonStatus.Transferred } => ("person_transferred", $"Person {person.PersonNumber} has been transferred; we have no current facility for them."),
        _ when !facilities.ContainsKey(person.FacilityCode) => ("unknown_facility", $"Person {person.PersonNumber} is at facility {person.FacilityCode}, which has no policy loaded."),
        _ => null,
    };

    /// <summary>Why the slip names nobody we can credit; null when it names a person in custody at a known facility.</summary>
    private (string Code, string Reason)? Refusal(DepositSlipReading slip, out Person? person)
    {
        person = null;
        if (slip.ResidentNumber.Value is not { } number)
            return ("unreadable_resident_number", "The resident number on the deposit slip could not be read, so we cannot tell who the money is for.");
        if (slip.ResidentName.Value is not { } name)
        {
            var probe = people.Match(number, "");
            person = probe.Person;
            return probe.Failure == MatchFailure.UnknownPerson
                ? ("unknown_person", $"No one with number {number} is in the custody of a facility we serve.")
                : ("unreadable_name", $"The resident's name on the deposit slip could not be read, so we cannot confirm the money is for person {number}.");
        }

        var match = MatchName(number, name);
        person = match.Person;
        return match.Failure switch
        {
            MatchFailure.UnknownPerson or MatchFailure.Unreadable => ("unknown_person", $"No one with number {number} is in the custody of a facility we serve."),
            MatchFailure.NameMismatch => ("name_mismatch", $"The name on the deposit slip (\"{name}\") is not the name of person {match.Person!.PersonNumber}."),
            _ => CannotReceive(match.Person!),
        };
    }

    /// <summary>
    /// The slip's RESIDENT NAME is written "FIRST LAST" or "LAST, FIRST". The last name must be exactly the
    /// roster's, as whole words: before the comma when there is one; otherwise the words after the first name
    /// (or, if OCR dropped the comma, the words before the first name). Anything else is a mismatch.
    /// </summary>
    public PersonMatch MatchName(string number, string residentName)
    {
        var comma = residentName.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0) return people.Match(number, residentName[..comma]);

        var words = residentName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        PersonMatch first = people.Match(number, "");
        if (first.Failure is MatchFailure.UnknownPerson or MatchFailure.Unreadable) return first;
        for (var k = 1; k < words.Length; k++)
        {
            var trailing = people.Match(number, string.Join(' ', words[k..]));
            if (trailing.Failure == MatchFailure.None) return trailing;
            var leading = people.Match(number, string.Join(' ', words[..^k]));
            if (leading.Failure == MatchFailure.None) return leading;
        }
        return first with { Failure = MatchFailure.NameMismatch };
    }

    private static ItemPlan Returned(IntakeItemRow item, Func<string> details, string code, string reason)
    {
        item.Outcome = ItemOutcome.Returned.ToCode();
        item.ReasonCode = code;
        item.Reason = reason;
        item.ReturnedCents = item.AmountCents;
        item.Details = details();
        return new ItemPlan(item, null);
    }

    private static ItemPlan Review(IntakeItemRow item, Func<string> details, string code, string reason)
    {
        item.Outcome = ItemOutcome.InReview.ToCode();
        item.ReasonCode = code;
        item.Reason = reason;
        item.InReviewCents = item.AmountCents;
        item.Details = details();
        return new ItemPlan(item, null);
    }

    private static void AddCredit(List<Posting> lines, AccountKey account, Money amount)
    {
        if (amount.IsPositive) lines.Add(Posting.Credit(account, amount));
    }

    /// <summary>What OCR saw (value, confidence and raw text of every field) and where the scans are, for the operator.</summary>
    private string Details(LockboxItemReading r, LockboxItemEntry entry)
    {
        static object Field<T>(FieldReading<T> f) => new Dictionary<string, object?>
        {
            ["value"] = f.Value?.ToString(), ["confidence"] = Math.Round(f.Confidence, 1), ["raw"] = f.RawText,
        };
        var o = r.MoneyOrder;
        var s = r.DepositSlip;
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["batch"] = batchPath,
            ["money_order_image"] = entry.MoneyOrderImagePath,
            ["deposit_slip_image"] = entry.DepositSlipImagePath,
            ["issuer"] = o.Issuer,
            ["serial"] = Field(o.Serial),
            ["courtesy_amount"] = Field(o.CourtesyAmount),
            ["legal_amount"] = Field(o.LegalAmount),
            ["agreed_amount"] = o.AgreedAmount?.ToDecimalString(),
            ["pay_to"] = Field(o.PayTo),
            ["purchaser_name"] = Field(o.PurchaserName),
            ["purchaser_address"] = Field(o.PurchaserAddress),
            ["is_deposit_slip"] = s.IsDepositSlip,
            ["resident_name"] = Field(s.ResidentName),
            ["resident_number"] = Field(s.ResidentNumber),
            ["facility"] = Field(s.Facility),
            ["credit_to"] = Field(s.CreditTo),
            ["sender_name"] = Field(s.SenderName),
            ["sender_address"] = Field(s.SenderAddress),
            ["city_state_zip"] = Field(s.CityStateZip),
            ["phone"] = Field(s.Phone),
        });
    }
}
