using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Ledger.Data.Journal;
using Ledger.Data.Services;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Deposits;
using Ledger.Domain.Facilities;
using Ledger.Domain.Journal;
using Ledger.Domain.People;
using Ledger.Domain.Policies;
using Ledger.Intake.People;
using Mediator;
using Npgsql;

namespace Ledger.Api.Features.Deposits;

/// <summary>
/// What a family sends: the person's number and last name (matched as MoneyGram and money orders are: the number on a
/// roster, the last name that person's, compared on letters only), and the card network's authorization reference, never
/// a card number.
/// </summary>
public sealed record CardDepositRequest(string PersonNumber, string LastName, string Channel, long AmountCents, string TargetAccount, string AuthorizationReference);

public sealed record DepositView(
    long Id, string PersonNumber, string FacilityCode, string Channel, string TargetAccount,
    long AmountCents, long FeeCents, long ChargedCents, long ToAccountCents, long RestitutionCents,
    string AuthorizationReference, long EntryId, DateTimeOffset CreatedAt);

/// <summary>
/// The card deposit rows (what GET /deposits lists): written in the transaction of the entry that credits a confirmed card
/// payment (<see cref="ConfirmedCardDeposits"/>), so a row always means a posted entry.
/// </summary>
public static class CardDepositRows
{
    public static DepositView View(CardDepositRow row, EntryId entryId) => new(
        row.Id, row.PersonNumber, row.FacilityCode, row.Channel, row.TargetAccount, row.AmountCents, row.FeeCents,
        row.AmountCents + row.FeeCents, row.ToAccountCents, row.RestitutionCents, row.AuthorizationReference, entryId.Value, row.CreatedAt);

    /// <summary>The deposit row, for the batch of the entry that credits it; nothing when the request's row exists.</summary>
    internal static NpgsqlBatchCommand InsertCommand(CardDepositRow row) => InsertCommand(row, onlyWithEntry: false);

    /// <summary>
    /// As <see cref="InsertCommand(CardDepositRow)"/>; with <paramref name="onlyWithEntry"/> the row is written only when its
    /// entry exists (a batch whose entry may not insert, e.g. <see cref="Ledger.Data.Journal.JournalStore.PostInOneRoundTripAsync"/>).
    /// </summary>
    internal static NpgsqlBatchCommand InsertCommand(CardDepositRow row, bool onlyWithEntry)
    {
        // Positional parameters ($1 … $14, in the columns' order): Npgsql sends the text as written, without parsing it.
        var cmd = new NpgsqlBatchCommand($"""
            INSERT INTO api.card_deposits (family_subject, idempotency_key, request_hash, journal_key, person_number, facility_code, channel,
                target_account, amount_cents, fee_cents, to_account_cents, restitution_cents, authorization_reference, created_at)
            {(onlyWithEntry
                ? "SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14 WHERE EXISTS (SELECT 1 FROM journal_entries WHERE idempotency_key = $4)"
                : "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)")}
            ON CONFLICT (family_subject, idempotency_key) DO NOTHING
            """);
        foreach (var text in (ReadOnlySpan<string>)[row.FamilySubject, row.IdempotencyKey, row.RequestHash, row.JournalKey, row.PersonNumber,
                     row.FacilityCode, row.Channel, row.TargetAccount])
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = text });
        foreach (var cents in (ReadOnlySpan<long>)[row.AmountCents, row.FeeCents, row.ToAccountCents, row.RestitutionCents])
            cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = cents });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.AuthorizationReference });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.CreatedAt });
        return cmd;
    }
}

/// <summary>A card deposit checked field by field: who, under which facility, how, how much and the fee.</summary>
public sealed record CardDepositCheck(Person Person, Facility Facility, DepositChannel Channel, AccountKind Target, Money Amount, Money Fee);

/// <summary>
/// What the API checks of a card deposit request before the money decision (channel, account, amount, authorization
/// reference, the person by number and last name), and how a refusal of <see cref="DepositRules"/> reads as a problem.
/// The limit, restitution, fee and entry rules are the domain's (Ledger.Domain/Deposits), shared with every channel.
/// </summary>
public static class CardDepositRules
{
    public static readonly DepositChannel[] CardChannels = [DepositChannel.Phone, DepositChannel.Online, DepositChannel.Mobile];

    public static string NormalizePerson(string? personNumber) => (personNumber ?? "").Trim().ToUpperInvariant();

    public static string Description(string channel, string person, string target, string authorization) =>
        $"Card deposit ({channel}) to {person} {target}, authorization {authorization}";

    public static async Task<Result<CardDepositCheck>> CheckAsync(LedgerDirectory directory, CardDepositRequest request, bool requireLastName, CancellationToken ct) =>
        await CheckAsync(directory, request, await directory.PersonAsync(NormalizePerson(request.PersonNumber), ct), requireLastName, ct);

    public static async Task<Result<CardDepositCheck>> CheckAsync(LedgerDirectory directory, CardDepositRequest request, (Person, Money)? found,
        bool requireLastName, CancellationToken ct)
    {
        if (!DepositChannels.TryParse(request.Channel ?? "", out var channel) || !CardChannels.Contains(channel))
            return Problems.Invalid("invalid-channel", "channel must be one of phone, online, mobile.");
        if (!AccountKinds.TryParse(request.TargetAccount ?? "", out var target) || !target.IsPersonal())
            return Problems.Invalid("invalid-target-account", "targetAccount must be one of trust, media, restitution.");
        if (request.AmountCents <= 0) return Problems.Invalid("invalid-amount", "amountCents must be a positive number of cents.");
        var auth = request.AuthorizationReference ?? "";
        if (LooksLikeCardNumber(auth))
            return Problems.Invalid("card-number-refused", "authorizationReference looks like a card number; send the authorization reference instead. Card numbers are never accepted or stored.");
        if (auth.Length is 0 or > 64 || auth.Any(c => c is < '!' or > '~'))
            return Problems.Invalid("invalid-authorization-reference", "authorizationReference must be the card network's authorization reference (1-64 printable characters).");
        if (requireLastName && PersonMatcher.Normalize(request.LastName ?? "").Length == 0)
            return Problems.Invalid("invalid-last-name", "lastName must be the person's last name, as on the roster.");

        if (found is null) return Refused(DepositReasons.UnknownPerson(request.PersonNumber));
        var (person, _) = found.Value;
        // The number and the last name must name the same person, as for MoneyGram and money orders.
        if (requireLastName && PersonMatcher.Normalize(request.LastName!) != PersonMatcher.Normalize(person.LastName))
            return Refused(DepositReasons.NameMismatch(request.LastName!, person.PersonNumber));
        var facility = await directory.FacilityAsync(person.FacilityCode, ct);
        if (DepositRules.CannotReceive(person, facility) is { } cannot) return Refused(cannot);

        var amount = Money.Usd(request.AmountCents);
        return new CardDepositCheck(person, facility!, channel, target, amount, facility!.Policy.Fees.FeeFor(channel, amount));
    }

    /// <summary>The deposit decision's refusal of a checked card deposit (over the limit), before any money moves; null when it would credit.</summary>
    public static ApiProblem? Refusal(CardDepositCheck c)
    {
        var decision = DepositRules.Decide(new DepositRequest
        {
            Channel = c.Channel, Amount = c.Amount, Fee = c.Fee, Target = c.Target, Person = c.Person, Facility = c.Facility,
            RestitutionStillOwed = Money.Usd(0), Key = "check", Description = "check", At = DateTimeOffset.UnixEpoch,
        });
        return decision.Entry is null ? Problem(decision) : null;
    }

    /// <summary>A refusal of the deposit decision as the API's problem (422); its sentence is the domain's.</summary>
    public static ApiProblem Problem(DepositDecision decision) => Refused(decision.Reason
        ?? throw new InvalidOperationException($"A {decision.Outcome} card deposit has no reason."));

    private static ApiProblem Refused(DepositReason why) => why.Code switch
    {
        "unknown_facility" => throw new InvalidOperationException(why.Text),
        "over_limit" => Problems.Invalid("over-deposit-limit", why.Text),
        "person_released" or "person_transferred" => Problems.Invalid("person-not-in-custody", why.Text),
        _ => Problems.Invalid(why.Code.Replace('_', '-'), why.Text),
    };

    /// <summary>13 to 19 digits (spaces and dashes aside) passing the Luhn check.</summary>
    public static bool LooksLikeCardNumber(string text)
    {
        var digits = text.Where(c => c is not (' ' or '-')).ToArray();
        if (digits.Length is < 13 or > 19 || digits.Any(c => !char.IsAsciiDigit(c))) return false;
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return sum % 10 == 0;
    }
}
