using System.Buffers;
using System.Globalization;
using System.Text;
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

namespace Ledger.Intake.MoneyGram;

/// <summary>A send a reversal names: its entry and its principal (the amount sent, before the fee).</summary>
public sealed record OriginalSend(EntryId Id, JournalEntry Entry, Money Principal);

/// <summary>
/// The MoneyGram adapter: a record becomes a deposit request (the person its account field names, their facility,
/// the restitution they still owe under the chunk's lock), <see cref="DepositRules"/> decides, and the intake pipeline
/// turns the decision into the item's record. A reversal undoes the send MoneyGram took back.
/// </summary>
public sealed class MoneyGramDecider(IReadOnlyDictionary<string, Facility> facilities, PersonMatcher people, RestitutionTracker restitution)
{
    public const string Source = "moneygram";

    public static readonly AccountKey Clearing = LedgerEntries.MoneyGramClearing;

    public static string KeyOf(string reference) => EntryKeys.MoneyGram(reference);

    // Account field → whom it names. The roster does not change while this decider lives (one run of a file), and a
    // record is matched up to three times (the people to lock, the sends that may take restitution, its decision), in
    // every part of a chunk cut short again: matching was an eighth of the client's CPU (perf, docs/performance-rounds.md Round 5).
    private readonly Dictionary<string, PersonMatch> _matches = new(StringComparer.Ordinal);
    private const int MatchesKept = 200_000;

    private PersonMatch Match(string accountNumber)
    {
        if (_matches.TryGetValue(accountNumber, out var match)) return match;
        if (_matches.Count >= MatchesKept) _matches.Clear();
        return _matches[accountNumber] = people.MatchAccountString(accountNumber);
    }

    /// <summary>What the chunk's restitution comes from; its decisions read it, <see cref="PeopleToLock"/> says whom to lock.</summary>
    public RestitutionTracker Restitution => restitution;

    /// <summary>The people whose restitution these records may take a share of.</summary>
    public IEnumerable<string> PeopleToLock(IEnumerable<MoneyGramRecord> records)
    {
        foreach (var r in records)
        {
            if (r.Type != MoneyGramTransactionType.Send) continue;
            var person = Match(r.AccountNumber).Person;
            if (RestitutionTracker.NeedsLock(person)) yield return person!.PersonNumber;
        }
    }

    /// <summary>Whether deciding this send may take a restitution share: its person is one <see cref="PeopleToLock"/> names.</summary>
    public bool MayTakeRestitution(MoneyGramRecord r) =>
        r.Type == MoneyGramTransactionType.Send && RestitutionTracker.NeedsLock(Match(r.AccountNumber).Person);

    public ItemPlan DecideSend(long fileId, MoneyGramRecord r)
    {
        var item = NewItem(fileId, r, "deposit");
        var match = Match(r.AccountNumber);
        item.PersonNumber = match.Person?.PersonNumber ?? match.NumberGiven;
        item.FacilityCode = match.Person?.FacilityCode;

        var person = match.Failure == MatchFailure.None ? match.Person : null;
        var facility = person is null ? null : facilities.GetValueOrDefault(person.FacilityCode);
        var request = new DepositRequest
        {
            Channel = DepositChannel.MoneyGram, Amount = r.Amount, Fee = r.Fee, Target = AccountKind.Trust,
            Person = person, NotMatched = NotMatched(match, r), Facility = facility,
            RestitutionStillOwed = person is not null && facility is not null && DepositRules.CannotReceive(person, facility) is null
                ? restitution.StillOwed(person) : Money.Usd(0),
            Key = KeyOf(r.ReferenceNumber), At = r.SentAt,
            Description = $"MoneyGram {r.ReferenceNumber} from {r.SenderName} to {person?.PersonNumber ?? match.NumberGiven ?? "(no number)"}",
        };
        var decision = DepositRules.Decide(request);
        if (person is not null) restitution.Reserve(person, decision.Restitution);
        // What the record said is kept for the items people look at (returns, review): not for every credit.
        if (decision.Outcome == DepositOutcome.Returned) item.Details = Details(r);
        return IntakePipeline.Plan(item, decision);
    }

    /// <summary>
    /// A reversal undoes the original send's entry line for line when it takes back the send's principal (its amount);
    /// its fee column is what MoneyGram gives back of the fee, often 0.00, and does not enter the match.
    /// </summary>
    public static ItemPlan DecideReversal(long fileId, MoneyGramRecord r, OriginalSend? original)
    {
        var item = NewItem(fileId, r, "reversal");
        item.Details = Details(r);
        // What MoneyGram gives back of its fee with the principal: what it takes back from what it settles is amount + this.
        item.FeeRefundedCents = r.Fee.MinorUnits;
        if (original is not { } found)
            return Review(item, "original_not_found", $"MoneyGram reversed {r.OriginalReference}, which we have never received; operations must decide.");

        var principal = found.Principal;
        if (principal != r.Amount)
            return Review(item, "reversal_amount_mismatch",
                $"MoneyGram reversed {r.OriginalReference} for ${r.Amount.ToDecimalString()}, but it brought ${principal.ToDecimalString()}; operations must decide.");

        item.Outcome = ItemOutcome.Reversed.ToCode();
        item.ReversedCents = r.Amount.MinorUnits;
        item.PersonNumber = found.Entry.Postings.FirstOrDefault(p => p.Account.IsPersonal).Account.Owner.Code;
        item.Reason = $"Reverses MoneyGram {r.OriginalReference} (entry {found.Id}).";
        return new ItemPlan(item, LedgerEntries.Reversal(found.Id, found.Entry, KeyOf(r.ReferenceNumber),
            $"MoneyGram {r.ReferenceNumber} reverses {r.OriginalReference}", r.SentAt));
    }

    private static ItemPlan Review(IntakeItemRow item, string code, string reason)
    {
        item.Outcome = ItemOutcome.InReview.ToCode();
        item.ReasonCode = code;
        item.Reason = reason;
        return new ItemPlan(item, null);
    }

    private static DepositReason? NotMatched(PersonMatch match, MoneyGramRecord r) => match.Failure switch
    {
        MatchFailure.Unreadable => DepositReasons.UnreadableAccount(r.AccountNumber),
        MatchFailure.UnknownPerson => DepositReasons.UnknownPerson(match.NumberGiven),
        MatchFailure.NameMismatch => DepositReasons.NameMismatch(r.AccountNumber, match.NumberGiven!),
        _ => null,
    };

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
    /// <remarks>
    /// Written field by field with the serializer's own writer and defaults (the same escaping, the same text as serializing
    /// a dictionary of these keys in this order), without building the dictionary.
    /// </remarks>
    private static string Details(MoneyGramRecord r)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("line", r.Line.ToString(CultureInfo.InvariantCulture));
            json.WriteString("account_number", r.AccountNumber);
            json.WriteString("beneficiary_name", r.BeneficiaryName);
            json.WriteString("sent_at", r.SentAt.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("fee", r.Fee.ToDecimalString());
            json.WriteString("agent_id", r.AgentId);
            json.WriteString("agent_state", r.AgentState);
            json.WriteString("sender_phone", r.SenderPhone);
            json.WriteString("original_reference", r.OriginalReference);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
