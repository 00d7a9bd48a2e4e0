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

namespace Ledger.Intake.MoneyGram;

/// <summary>
/// Decides each MoneyGram record by facility policy: credit the person's trust account (less the
/// restitution share while any is owed), refund what exceeds the deposit limit, refund whole when the
/// person is unknown, released, transferred or the name does not match; reverse a send MoneyGram took back.
/// </summary>
public sealed class MoneyGramDecider(IReadOnlyDictionary<string, Facility> facilities, PersonMatcher people, RestitutionTracker restitution)
{
    public const string Source = "moneygram";

    public static readonly AccountKey Clearing = AccountKey.OfCompany(AccountKind.MoneyGramClearing, Currency.USD);
    public static readonly AccountKey FeeRevenue = AccountKey.OfCompany(AccountKind.FeeRevenue, Currency.USD);
    public static readonly AccountKey RefundsPayable = AccountKey.OfCompany(AccountKind.RefundsPayable, Currency.USD);

    public static string KeyOf(string reference) => $"mg:{reference}";

    public ItemPlan DecideSend(long fileId, MoneyGramRecord r)
    {
        var item = NewItem(fileId, r, "deposit");
        var gross = r.Amount + r.Fee;
        var match = people.MatchAccountString(r.AccountNumber);
        item.PersonNumber = match.Person?.PersonNumber ?? match.NumberGiven;
        item.FacilityCode = match.Person?.FacilityCode;

        var refusal = Refusal(match, r);
        if (refusal is { } why)
        {
            // The whole transfer, fee included, goes back: nobody was credited.
            item.Outcome = ItemOutcome.Returned.ToCode();
            (item.ReasonCode, item.Reason) = why;
            item.ReturnedCents = r.Amount.MinorUnits;
            item.FeeRefundedCents = r.Fee.MinorUnits;
            item.Details = Details(r);
            return new ItemPlan(item, Entry(r, $"MoneyGram {r.ReferenceNumber} returned: {why.Code}",
                [Posting.Debit(Clearing, gross), Posting.Credit(RefundsPayable, gross)]));
        }

        var person = match.Person!;
        var facility = facilities[person.FacilityCode];
        var split = DepositSplit.Of(r.Amount, facility.Policy, AccountKind.Trust, restitution.StillOwed(person));
        restitution.Reserve(person, split.RestitutionDeduction);

        var lines = new List<Posting> { Posting.Debit(Clearing, gross) };
        AddCredit(lines, AccountKey.Personal(person.PersonNumber, AccountKind.Trust, Currency.USD), split.ToAccount);
        AddCredit(lines, AccountKey.Personal(person.PersonNumber, AccountKind.Restitution, Currency.USD), split.RestitutionDeduction);
        AddCredit(lines, FeeRevenue, r.Fee);
        AddCredit(lines, RefundsPayable, split.Excess);

        item.CreditedCents = split.Credited.MinorUnits;
        item.RestitutionCents = split.RestitutionDeduction.MinorUnits;
        item.ReturnedCents = split.Excess.MinorUnits;
        item.FeeCents = r.Fee.MinorUnits;
        if (split.Excess.IsPositive)
        {
            item.Outcome = ItemOutcome.PartiallyPosted.ToCode();
            item.ReasonCode = "over_limit";
            item.Reason = $"{facility.Name} accepts at most ${facility.Policy.DepositLimit.ToDecimalString()} per transfer; "
                          + $"${split.Excess.ToDecimalString()} of ${r.Amount.ToDecimalString()} is refunded to the sender.";
        }
        else
        {
            item.Outcome = ItemOutcome.Posted.ToCode();
        }
        return new ItemPlan(item, Entry(r, $"MoneyGram {r.ReferenceNumber} from {r.SenderName} to {person.PersonNumber}", lines),
            () => restitution.Release(person, split.RestitutionDeduction));
    }

    /// <summary>A reversal undoes the original send's entry line for line, when it matches the original.</summary>
    public static ItemPlan DecideReversal(long fileId, MoneyGramRecord r, (EntryId Id, JournalEntry Entry)? original)
    {
        var item = NewItem(fileId, r, "reversal");
        item.Details = Details(r);
        if (original is not { } found)
        {
            item.Outcome = ItemOutcome.InReview.ToCode();
            item.ReasonCode = "original_not_found";
            item.Reason = $"MoneyGram reversed {r.OriginalReference}, which we have never received; operations must decide.";
            return new ItemPlan(item, null);
        }

        var originalGross = found.Entry.Postings.Where(p => p.Account == Clearing).Sum(p => -p.Amount.MinorUnits);
        if (originalGross != (r.Amount + r.Fee).MinorUnits)
        {
            item.Outcome = ItemOutcome.InReview.ToCode();
            item.ReasonCode = "reversal_amount_mismatch";
            item.Reason = $"MoneyGram reversed {r.OriginalReference} for ${(r.Amount + r.Fee).ToDecimalString()}, "
                          + $"but it brought ${Money.Usd(originalGross).ToDecimalString()}; operations must decide.";
            return new ItemPlan(item, null);
        }

        item.Outcome = ItemOutcome.Reversed.ToCode();
        item.ReversedCents = r.Amount.MinorUnits;
        item.PersonNumber = found.Entry.Postings.FirstOrDefault(p => p.Account.IsPersonal).Account.Owner.Code;
        item.Reason = $"Reverses MoneyGram {r.OriginalReference} (entry {found.Id}).";
        return new ItemPlan(item, JournalEntry.Reverse(found.Id, found.Entry, KeyOf(r.ReferenceNumber),
            $"MoneyGram {r.ReferenceNumber} reverses {r.OriginalReference}", r.SentAt));
    }

    private (string Code, string Reason)? Refusal(PersonMatch match, MoneyGramRecord r) => match.Failure switch
    {
        MatchFailure.Unreadable => ("unreadable_account", $"The account \"{r.AccountNumber}\" holds no person number."),
        MatchFailure.UnknownPerson => ("unknown_person", $"No one with number {match.NumberGiven} is in the custody of a facility we serve."),
        MatchFailure.NameMismatch => ("name_mismatch", $"The name in \"{r.AccountNumber}\" is not the name of person {match.NumberGiven}."),
        _ when match.Person!.Status == PersonStatus.Released => ("person_released", $"Person {match.Person.PersonNumber} has been released and can no longer receive money here."),
        _ when match.Person!.Status == PersonStatus.Transferred => ("person_transferred", $"Person {match.Person.PersonNumber} has been transferred; we have no current facility for them."),
        _ when !facilities.ContainsKey(match.Person!.FacilityCode) => ("unknown_facility", $"Person {match.Person.PersonNumber} is at facility {match.Person.FacilityCode}, which has no policy loaded."),
        _ => null,
    };

    private static void AddCredit(List<Posting> lines, AccountKey account, Money amount)
    {
        if (amount.IsPositive) lines.Add(Posting.Credit(account, amount));
    }

    private static JournalEntry Entry(MoneyGramRecord r, string description, IReadOnlyList<Posting> lines) =>
        new(KeyOf(r.ReferenceNumber), Source, description, r.SentAt, lines);

    private static IntakeItemRow NewItem(long fileId, MoneyGramRecord r, string kind) => new()
    {
        FileId = fileId,
        Sequence = r.Sequence,
        Reference = r.ReferenceNumber,
        Kind = kind,
        Outcome = "",
        AmountCents = r.Amount.MinorUnits,
        SenderName = r.SenderName,
        SenderAddress = r.SenderFullAddress,
    };

    /// <summary>What the record said, kept for the items people look at (returns, reversals, review): not for every credit.</summary>
    private static string Details(MoneyGramRecord r) => JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["line"] = r.Line.ToString(CultureInfo.InvariantCulture),
            ["account_number"] = r.AccountNumber,
            ["beneficiary_name"] = r.BeneficiaryName,
            ["sent_at"] = r.SentAt.ToString("O", CultureInfo.InvariantCulture),
            ["fee"] = r.Fee.ToDecimalString(),
            ["agent_id"] = r.AgentId,
            ["agent_state"] = r.AgentState,
            ["sender_phone"] = r.SenderPhone,
            ["original_reference"] = r.OriginalReference,
        });
}
