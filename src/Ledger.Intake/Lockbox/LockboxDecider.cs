using System.Globalization;
using System.Text.Json;
using Ledger.Data.Schema;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Deposits;
using Ledger.Domain.Facilities;
using Ledger.Domain.Journal;
using Ledger.Domain.People;
using Ledger.Domain.Policies;
using Ledger.Intake.People;
using Ledger.Intake.Pipeline;

namespace Ledger.Intake.Lockbox;

/// <summary>
/// The lockbox adapter: what OCR read of a money order and its slip becomes a deposit request, decided by
/// <see cref="DepositRules"/> (limit and excess mailed back, restitution, hold) and turned into the item's record by
/// the intake pipeline. Nothing is guessed: a serial seen before, an item whose serial, person or target account could
/// not be read, or one that cannot be mailed back goes to review; an order whose amount is positively illegible, or
/// that names nobody we can credit, goes back to the address on the slip with no ledger entry (it was never deposited).
/// A return rests only on fields that were read: an unread resident number or name waits for a person.
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

    public static readonly AccountKey Clearing = LedgerEntries.LockboxClearing;
    public static readonly AccountKey RefundsPayable = LedgerEntries.RefundsPayable;

    public static string KeyOf(string serial) => EntryKeys.MoneyOrder(serial);
    public static string ReleaseKeyOf(string serial) => EntryKeys.HoldRelease(serial);

    /// <summary>What the chunk's restitution comes from, loaded under the lock on <see cref="PeopleToLock"/>.</summary>
    public RestitutionTracker Restitution => restitution;

    /// <summary>The people these readings may credit and who owe restitution: the chunk locks them before deciding.</summary>
    public IEnumerable<string> PeopleToLock(IEnumerable<LockboxItemReading> readings) => readings
        .Select(r => ConfirmedByRoster(r.DepositSlip, RosterName).ResidentNumber.Value).OfType<string>()
        .Select(n => people.Match(n, "").Person).Where(RestitutionTracker.NeedsLock).Select(p => p!.PersonNumber);

    /// <summary>The item's reference: its serial when read, else its place in the batch.</summary>
    public static string ReferenceOf(LockboxItemReading r) => r.MoneyOrder.Serial.Value ?? $"item:{r.Sequence.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>When the entries take effect; holds run from it.</summary>
    public DateTimeOffset EffectiveAt { get; } = effectiveAt;

    /// <param name="seenBefore">The serial is carried by an earlier item (any lockbox batch, or earlier in this one) or a journal entry.</param>
    public ItemPlan Decide(long fileId, LockboxItemReading r, LockboxItemEntry entry, bool seenBefore)
    {
        r = r with { DepositSlip = ConfirmedByRoster(r.DepositSlip, RosterName) };
        var order = r.MoneyOrder;
        var slip = r.DepositSlip;
        var amount = order.AgreedAmount;
        string WhatOcrSaw() => Details(r, entry);
        // Where a return may be mailed without a person: the slip's address confirmed by the order's purchaser block or by two
        // clear reads of different kinds (ReturnAddress). A readable but unconfirmed address is still shown to the keyer.
        var returnAddress = ReturnAddress.Confirmed(order, slip);
        var canMailBack = returnAddress is not null;
        var item = new IntakeItemRow
        {
            FileId = fileId,
            Sequence = r.Sequence,
            Reference = ReferenceOf(r),
            Kind = "deposit",
            Outcome = "",
            AmountCents = amount?.MinorUnits ?? 0,
            // An unread name spelled as the order's purchaser (ReturnAddress.ConfirmedName) is the addressee of a return.
            SenderName = slip.SenderName.Value ?? (canMailBack ? ReturnAddress.ConfirmedName(order, slip) : null),
            SenderAddress = returnAddress ?? (slip.AddressReadable ? $"{slip.SenderAddress.Value}, {slip.CityStateZip.Value}" : null),
        };

        if (seenBefore)
            return Review(item, WhatOcrSaw, "serial_seen_before",
                $"Money order {order.Serial.Value} has been received before; a serial is never posted twice. Operations must compare the two.");

        if (amount is not { } known)
        {
            // Never guess an amount, and never mail back an order a person could read: only positive evidence that
            // the amount is illegible sends it back; an amount OCR did not settle waits for a person to key it.
            if (order.AmountIllegible && canMailBack)
            {
                // Whose it was, when the slip's number and name were read and agree with the roster at a known facility: the
                // day's reconciliation counts the return under that facility (nothing is credited, so nothing rests on it).
                if (SlipPerson(slip) is { } named) (item.PersonNumber, item.FacilityCode) = (named.PersonNumber, named.FacilityCode);
                return Returned(item, WhatOcrSaw, "illegible_amount",
                    "The amount of the money order cannot be read, so it was not deposited. The money order and deposit slip are returned to you.");
            }
            if (order.AmountIllegible && slip.AddressReadable)
                return Review(item, WhatOcrSaw, "illegible_address_unconfirmed",
                    "The amount of the money order cannot be read, and the sender's address as read is not confirmed by the money order or a second clear read; operations must check the address and return the item.");
            return Review(item, WhatOcrSaw, "unreadable",
                "OCR could not settle the money order's amount; operations must key the item (or return it as illegible).");
        }

        if (!order.Serial.IsAccepted)
            return Review(item, WhatOcrSaw, "unreadable_serial",
                "The money order's serial number could not be read, so we cannot be sure it was not deposited before; operations must key it.");

        var refusal = Refusal(slip, out var person, out var unread);
        item.PersonNumber = person?.PersonNumber ?? slip.ResidentNumber.Value;
        item.FacilityCode = person?.FacilityCode;
        if (refusal is { } why)
        {
            // A field we could not read is no ground to mail money back: a person reads it.
            if (unread) return Review(item, WhatOcrSaw, why.Code, why.Text + " Operations must read the slip.");
            var decision = DepositRules.Decide(new DepositRequest
            {
                Channel = DepositChannel.MoneyOrder, Amount = known, Person = person, NotMatched = why, CanMailBack = canMailBack,
                Key = KeyOf(order.Serial.Value!), Description = "", At = EffectiveAt,
            });
            item.Details = WhatOcrSaw();
            return IntakePipeline.Plan(item, decision);
        }

        if (slip.CreditTo.Value is not { } target)
            return Review(item, WhatOcrSaw, "credit_to_unclear",
                $"The CREDIT TO boxes on the slip could not be read with certainty ({slip.CreditTo.RawText}); operations must decide which account.");

        return Deposit(item, person!, target, known, order.Serial.Value!, canMailBack, WhatOcrSaw);
    }

    /// <summary>
    /// The posting of a money order whose amount, serial, person (in custody at a facility with a policy) and account
    /// are settled, read with confidence by OCR or keyed by operations staff: the facility's limit (the excess goes
    /// back by mail; without a confirmed address it waits in refunds payable for staff to confirm one), the restitution
    /// deduction and the money-order hold.
    /// Fills <paramref name="item"/>'s outcome and cents; the entry's key is the serial's, so an order posts once.
    /// </summary>
    public ItemPlan Deposit(IntakeItemRow item, Person person, AccountKind target, Money amount, string serial, bool addressReadable, Func<string> details)
    {
        var facility = facilities[person.FacilityCode];
        item.PersonNumber = person.PersonNumber;
        item.FacilityCode = facility.Code;
        var decision = DepositRules.Decide(new DepositRequest
        {
            Channel = DepositChannel.MoneyOrder, Amount = amount, Target = target, Person = person, Facility = facility,
            RestitutionStillOwed = restitution.StillOwed(person), CanMailBack = addressReadable,
            Key = KeyOf(serial), At = EffectiveAt,
            Description = $"Money order {serial} from {item.SenderName ?? "(sender unread)"} to {person.PersonNumber} {target.ToCode()}"
                          + (facility.Policy.MoneyOrderHoldDays > 0 ? $", held {facility.Policy.MoneyOrderHoldDays} days" : ""),
        });
        restitution.Reserve(person, decision.Restitution);
        // An address on record is one a return may be mailed to: an unconfirmed read stays only in what OCR saw (the details),
        // shown on the returns desk, where staff confirm or key it (ReturnsDesk.ConfirmAddressAsync).
        if (decision.ExcessAwaitsAddress) item.SenderAddress = null;
        // What OCR saw stays with the items people look at (review, a part going back), not with every credit.
        if (decision.Outcome != DepositOutcome.Posted) item.Details = details();
        return IntakePipeline.Plan(item, decision);
    }

    /// <summary>Why a person on the roster cannot receive a deposit now; null when they can.</summary>
    public DepositReason? CannotReceive(Person person) => DepositRules.CannotReceive(person, facilities.GetValueOrDefault(person.FacilityCode));

    /// <summary>
    /// Why the slip names nobody we can credit; null when it names a person in custody at a known facility.
    /// <paramref name="unread"/> when the reason is a field OCR could not read.
    /// </summary>
    private DepositReason? Refusal(DepositSlipReading slip, out Person? person, out bool unread)
    {
        person = null;
        unread = false;
        if (slip.ResidentNumber.Value is not { } number)
        {
            unread = true;
            return DepositReasons.UnreadableResidentNumber();
        }
        if (slip.ResidentName.Value is not { } name)
        {
            var probe = people.Match(number, "");
            person = probe.Person;
            if (probe.Failure == MatchFailure.UnknownPerson)
            {
                unread = OcrMayHaveMisreadTheNumber(number, RosterName);
                return unread ? DepositReasons.UnreadableResidentNumber() : DepositReasons.UnknownPerson(number);
            }
            unread = true;
            return DepositReasons.UnreadableName(number);
        }

        var match = MatchName(number, name);
        person = match.Person;
        if (match.Failure is MatchFailure.UnknownPerson or MatchFailure.Unreadable && NumberOffTheRosterMayBeMisread(number, name, RosterName, SomeonesWholeName))
        {
            unread = true;
            return DepositReasons.UnreadableResidentNumber();
        }
        if (match.Failure == MatchFailure.NameMismatch && OcrMayHaveMisreadTheName(name, match.Person!.LastName))
        {
            unread = true;
            return DepositReasons.UnreadableName(number);
        }
        return match.Failure switch
        {
            MatchFailure.UnknownPerson or MatchFailure.Unreadable => DepositReasons.UnknownPerson(number),
            MatchFailure.NameMismatch => DepositReasons.NameMismatch(name, match.Person!.PersonNumber),
            _ => CannotReceive(match.Person!),
        };
    }

    /// <summary>The person the slip names, when its resident number and name were both read and agree with the roster, at a facility we know; else null.</summary>
    private Person? SlipPerson(DepositSlipReading slip) =>
        slip.ResidentNumber.Value is { } number && slip.ResidentName.Value is { } name
        && MatchName(number, name) is { Failure: MatchFailure.None, Person: { } person } && facilities.ContainsKey(person.FacilityCode)
            ? person : null;

    /// <summary>Whether a name as read is the whole name (<see cref="IsWholeName"/>) of someone on the roster.</summary>
    private bool SomeonesWholeName(string name) => people.People.Any(p => IsWholeName(name, p.LastName, p.FirstName));

    private (string Last, string First)? RosterName(string number) => people.Match(number, "").Person is { } p ? (p.LastName, p.FirstName) : null;

    /// <summary>
    /// A resident number or name the reads did not settle (two reads of different kinds that disagree) is settled by the
    /// roster when one number some read spelled is on it under the whole name (first and last) some read of the name
    /// spelled, and no other pair of reads names another person. Two fields read independently meeting in one roster
    /// entry is the second reading: a misread number that is another person's, read beside that person's whole name,
    /// does not happen by chance. A settled number is never replaced, nor a settled name that is the roster's whole name; a
    /// name settled from reads that disagreed gives way to one of those reads that the roster confirms with the number (round
    /// 7). A number off the roster stays unread (a return never rests on it).
    /// </summary>
    /// <param name="roster">The roster's last and first name for a person number, or null.</param>
    public static DepositSlipReading ConfirmedByRoster(DepositSlipReading slip, Func<string, (string Last, string First)?> roster)
    {
        if (slip.ResidentNumber.IsAccepted && slip.ResidentName.IsAccepted && slip.ResidentName.Alternatives.Count == 0) return slip;
        IReadOnlyList<string> numbers = slip.ResidentNumber.Value is { } n ? [n] : slip.ResidentNumber.Alternatives;
        // A name settled from reads that disagreed keeps them (MoneyOrderReader.NameField): with the number unread, each is a
        // reading of the name on the slip as much as the settled one (`KETSHA ANDERSON` settled, `KEISHA ANDERSON` the crop's).
        IReadOnlyList<string> names = slip.ResidentName.Value is { } m ? [m, .. slip.ResidentName.Alternatives] : slip.ResidentName.Alternatives;
        var pairs = (from number in numbers.Distinct()
                     let person = roster(number)
                     where person is not null
                     from name in names
                     where IsWholeName(name, person.Value.Last, person.Value.First)
                     select (Number: number, Name: name)).ToList();
        if (pairs.Count == 0) return WithLastNameAllReadsAgreeOn(slip, roster) ?? slip;
        if (pairs.Select(p => PersonMatcher.Normalize(p.Number)).Distinct().Count() != 1) return slip;
        var (number1, name1) = pairs[0];
        // The read spells the roster's letters; written as the roster writes them, so that a read whose space OCR lost
        // (`DAVIDSANCHEZ`) is still FIRST LAST (or LAST, FIRST) to the name matching after this.
        // A settled name that is not the roster's whole name gives way to the read that is (the pair above is the evidence).
        var keepName = slip.ResidentName.Value is { } settled && roster(number1) is { } r && IsWholeName(settled, r.Last, r.First);
        if (!keepName && roster(number1) is { } named)
            name1 = Letters(name1) == Letters(named.First) + Letters(named.Last) ? $"{named.First} {named.Last}" : $"{named.Last}, {named.First}";
        return slip with
        {
            ResidentNumber = slip.ResidentNumber.IsAccepted ? slip.ResidentNumber
                : slip.ResidentNumber with { Value = number1, RawText = slip.ResidentNumber.RawText + " (settled by the roster's name)" },
            ResidentName = keepName ? slip.ResidentName
                : slip.ResidentName with { Value = name1, RawText = slip.ResidentName.RawText + " (settled by the roster's number)" },
        };
    }

    /// <summary>
    /// Round 20: a name the reads did not settle because they disagree on the first name (`HERNANDEZ, SEEN | HERNANDEZ, J |
    /// IE HERNANDEZ, JC` for HERNANDEZ, JOSE, outside tuning 560 #191), beside an accepted number on the roster, is settled
    /// when every read holds the roster's last name (<see cref="NameHolds"/>; a read may carry a mark before it,
    /// SlipNames.WithoutLeadingMark) and two reads hold it as read: the last name, all an accepted name is checked on, is then
    /// read as surely as two agreeing reads settle a name. Takes the first read that holds it as read; else null.
    /// </summary>
    private static DepositSlipReading? WithLastNameAllReadsAgreeOn(DepositSlipReading slip, Func<string, (string Last, string First)?> roster)
    {
        if (!slip.ResidentNumber.IsAccepted || slip.ResidentNumber.Value is not { } number || slip.ResidentName.Value is not null
            || roster(number) is not { } person) return null;
        // A read's form without a leading mark is kept beside it (MoneyOrderReader.NameField): one read, not two.
        var bare = slip.ResidentName.Alternatives.Select(Reading.SlipNames.WithoutLeadingMark).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var reads = slip.ResidentName.Alternatives.Where(a => !bare.Contains(a)).ToList();
        bool Holds(string read) => NameHolds(read, person.Last, person.First);
        var asRead = reads.Where(Holds).ToList();
        if (asRead.Count < 2 || !reads.All(r => Holds(r) || Reading.SlipNames.WithoutLeadingMark(r) is { } b && Holds(b))) return null;
        return slip with
        {
            ResidentName = slip.ResidentName with { Value = asRead[0], RawText = slip.ResidentName.RawText + " (every read holds the roster's last name)" },
        };
    }

    private static string Letters(string s) => string.Concat(s.Where(char.IsAsciiLetter)).ToUpperInvariant();

    /// <summary>
    /// A number off the roster that is one character away from a number on it is more likely that person's number misread
    /// (seen on held-back seed 900002: the page pass and the crop both read 77235-579 as 17235-579) than a stranger's: a
    /// person looks instead of mailing the order back. A random number lands next to one of ~500 roster numbers about once in
    /// 3,000, so orders for someone truly unknown still go back. A letter read where a digit stood is the same misread
    /// (round 14, tuning seed 9600 #98: `11720-742` read `A1720-742` by the page pass and the crop alike, well-formed since an
    /// agency's own numbers may hold letters, and mailed back as a stranger's): any letter or digit may have been any other
    /// (a federal number on the roster is all digits, so a letter tried in its place never finds anyone).
    /// </summary>
    /// <summary>
    /// A number off the roster read beside a name: misread, rather than a stranger's, when it is one character from a number on
    /// the roster (<see cref="OcrMayHaveMisreadTheNumber"/>) or when the name is the whole name of someone on the roster (round
    /// 42: `17793-205` read at 80 for 77753-265 beside SARAH MILLER read at 96, three digits of a dot-matrix slip misread, and
    /// the order was mailed back as a stranger's: third generator's grocery tuning 20 #627). A person looks instead.
    /// </summary>
    public static bool NumberOffTheRosterMayBeMisread(string readNumber, string name, Func<string, (string Last, string First)?> roster,
        Func<string, bool> someonesWholeName) =>
        OcrMayHaveMisreadTheNumber(readNumber, roster) || someonesWholeName(name);

    public static bool OcrMayHaveMisreadTheNumber(string readNumber, Func<string, (string Last, string First)?> roster)
    {
        var chars = readNumber.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var kept = chars[i];
            if (!char.IsAsciiLetterOrDigit(kept)) continue;
            foreach (var d in DigitsAndLetters)
            {
                if (d == char.ToUpperInvariant(kept)) continue;
                chars[i] = d;
                if (roster(new string(chars)) is not null) return true;
            }
            chars[i] = kept;
        }
        return false;
    }

    private const string DigitsAndLetters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>The read spells the person's first and last name, in either order (letters only: commas, periods and spaces aside).</summary>
    public static bool IsWholeName(string read, string lastName, string firstName)
    {
        var (last, first, letters) = (Letters(lastName), Letters(firstName), Letters(read));
        return last.Length > 0 && first.Length > 0 && (letters == first + last || letters == last + first);
    }

    /// <summary>
    /// A name OCR read that is not the roster's, yet carries the roster's last name (all its letters, or one of its words),
    /// is more likely a misreading ("ANDRE ST, JOHN" for ANDRE ST. JOHN, "ANA DE LA CRUZE") than another person, as is one
    /// a letter or two from it ("OPEZ" for LOPEZ): a person looks at it. Only a last name with nothing of the roster's is a mismatch that mails the order back ("JOHN SMITH"
    /// for JOHN DOE).
    /// </summary>
    public static bool OcrMayHaveMisreadTheName(string readName, string lastName)
    {
        var read = Letters(readName);
        var words = readName.Split([' ', ',', '.', '-'], StringSplitOptions.RemoveEmptyEntries).Select(Letters).ToHashSet(StringComparer.Ordinal);
        var last = Letters(lastName);
        var lastWords = lastName.Split([' ', '.', '-', '\''], StringSplitOptions.RemoveEmptyEntries).Select(Letters).Where(w => w.Length >= 3).Append(last);
        return (last.Length >= 2 && read.Contains(last, StringComparison.Ordinal))
            || lastWords.Any(w => words.Contains(w))
            // A letter or two lost at the paper's edge or misread (`OPEZ` for LOPEZ, `HERNANDE` for HERNANDEZ): a person looks.
            // Short last names too (`LFE` for LEE): the cost of doubt is a person's look, never a return.
            // A word shorter than the last name may be two edits from it, a letter lost and one misread (`| FE, MARY` for
            // LEE, MARY under a stamp, outside tuning 539 #128, mailed back as another person's): too little left to say the
            // slip names someone else.
            || lastWords.Any(l => l.Length >= 3 && words.Any(w => w.Length >= 2
                && Reading.PageLayout.Levenshtein(w, l) <= (l.Length >= 7 || w.Length < l.Length ? 2 : 1)))
            // Cut short at the paper's edge or under a stamp: the read ends with the start of the last name (`DAVID DE LA` for
            // DE LA CRUZ, outside tuning seed 4, mailed back once its address was confirmed).
            || EndsWithStartOf(readName, last);
    }

    private static bool EndsWithStartOf(string readName, string last)
    {
        var words = readName.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        for (var j = 1; j < words.Length; j++)
        {
            var tail = Letters(string.Join(' ', words[j..]));
            // Two letters are enough: `KEISHA LE` for KEISHA LEE (held-back 900033 #143, mailed back by round 14's reader).
            if (tail.Length >= 2 && tail.Length < last.Length && last.StartsWith(tail, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>
    /// The slip's RESIDENT NAME against the roster's person for the number: the person, matched when the name holds theirs
    /// (<see cref="NameHolds"/>), else a mismatch; an unknown number stays unknown.
    /// </summary>
    public PersonMatch MatchName(string number, string residentName)
    {
        var probe = people.Match(number, "");
        if (probe.Person is not { } person) return probe;
        return probe with { Failure = NameHolds(residentName, person.LastName, person.FirstName) ? MatchFailure.None : MatchFailure.NameMismatch };
    }

    /// <summary>
    /// The one rule for a slip's RESIDENT NAME naming a roster person (the decider's and the sample evaluation's). The name is
    /// the number's second reading: it confirms the person only when a misread number that is someone else's would not match
    /// by chance. Written "FIRST LAST" or "LAST, FIRST", the last name must be exactly the roster's, as whole words: before
    /// the comma when there is one; otherwise the words after the first name (or, if OCR dropped the comma, the words before
    /// it). Round 20: a read whose words (split on spaces, commas and periods) are exactly the roster's whole name, last and
    /// first in either order, holds it too (`ST, JOHN, LINDA` for ST. JOHN, LINDA, the period read as a comma; `MICHAEL,
    /// THOMAS` for THOMAS, MICHAEL, a comma after the first name): both names must be the person's, more than the comma-less
    /// rule asks. A first name alone is never a last name (`THOMAS, JAMES` does not hold JAMES, ROBERT).
    /// </summary>
    public static bool NameHolds(string read, string lastName, string firstName)
    {
        var last = PersonMatcher.Normalize(lastName);
        if (last.Length == 0) return false;
        if (IsWholeNameInWords(read, lastName, firstName)) return true;
        var comma = read.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0) return PersonMatcher.Normalize(read[..comma]) == last;
        var words = read.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var k = 1; k < words.Length; k++)
        {
            if (PersonMatcher.Normalize(string.Join(' ', words[k..])) == last || PersonMatcher.Normalize(string.Join(' ', words[..^k])) == last)
                return true;
        }
        return false;
    }

    /// <summary>The read's words (spaces, commas, periods apart; letters and digits only) are the roster's last and first names' words, in either order.</summary>
    private static bool IsWholeNameInWords(string read, string lastName, string firstName)
    {
        static string[] Words(string s) => s.Split([' ', ',', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Select(PersonMatcher.Normalize).Where(w => w.Length > 0).ToArray();
        var (words, last, first) = (Words(read), Words(lastName), Words(firstName));
        return last.Length > 0 && first.Length > 0 && (words.SequenceEqual(last.Concat(first)) || words.SequenceEqual(first.Concat(last)));
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
            // Every read of the slip's street and city lines (page, crop, cleaned line), for staff confirming a return's address.
            ["address_reads"] = s.AddressReads.Select(a => new Dictionary<string, object?>
            {
                ["line"] = a.Line.ToString().ToLowerInvariant(), ["kind"] = a.Kind.ToString().ToLowerInvariant(), ["text"] = a.Text,
                ["confidence"] = Math.Round(a.Confidence, 1),
            }).ToArray(),
        });
    }
}
