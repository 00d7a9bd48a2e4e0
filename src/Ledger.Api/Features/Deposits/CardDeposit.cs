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

public sealed record DepositOutcome(DepositView Deposit, bool Replayed);

public sealed record CreateCardDepositCommand(Actor Actor, string IdempotencyKey, CardDepositRequest Request) : ICommand<Result<DepositOutcome>>;

/// <summary>
/// A card deposit in one transaction: the journal entry under the key <c>card:&lt;family&gt;:&lt;Idempotency-Key&gt;</c>
/// and, alongside it (JournalStore's WriteAlongside), the deposit row, which is also the idempotency record
/// (family + Idempotency-Key, the request's hash, the split worked out once). Both commit or neither does, so a
/// row always means a posted entry. A concurrent request with the same key finds the entry a duplicate, writes no
/// row, and answers from the row that won (or 409 when its body differs).
/// </summary>
public sealed class CreateCardDepositHandler(NpgsqlDataSource db, LedgerDirectory directory, JournalStore journal, CardDepositPosting cards, TimeProvider clock)
    : ICommandHandler<CreateCardDepositCommand, Result<DepositOutcome>>
{
    public async ValueTask<Result<DepositOutcome>> Handle(CreateCardDepositCommand command, CancellationToken ct)
    {
        var (actor, key, request) = command;
        var hash = Idempotency.Hash(request);

        // One round trip: a row under this key (a retry) and the person with their restitution balance.
        var (existing, found) = await LoadAsync(actor.Subject, key, CardDepositRules.NormalizePerson(request.PersonNumber), ct);
        if (existing is not null) return await ReplayAsync(existing, hash, ct);

        var check = await CardDepositRules.CheckAsync(directory, request, found, requireLastName: true, ct);
        if (!check.IsSuccess) return check.Problem!;
        var c = check.Value!;

        var row = new CardDepositRow
        {
            FamilySubject = actor.Subject, IdempotencyKey = key, RequestHash = hash,
            JournalKey = EntryKeys.Card(actor.Subject, key), PersonNumber = c.Person.PersonNumber, FacilityCode = c.Person.FacilityCode,
            Channel = c.Channel.ToCode(), TargetAccount = c.Target.ToCode(), AmountCents = c.Amount.MinorUnits, FeeCents = c.Fee.MinorUnits,
            AuthorizationReference = request.AuthorizationReference, CreatedAt = clock.Now(),
        };
        var inserted = false;
        var posting = await cards.PostAsync(new CardDepositToPost(c.Person, c.Facility, c.Channel, c.Target, c.Amount, c.Fee, row.JournalKey,
                CardDepositRules.Description(row.Channel, row.PersonNumber, row.TargetAccount, row.AuthorizationReference), row.CreatedAt),
            async (conn, tx, decision, posted, token) =>
            {
                // The split is the one decided under the lock on the person.
                row.ToAccountCents = decision.Split!.Value.ToAccount.MinorUnits;
                row.RestitutionCents = decision.Restitution.MinorUnits;
                if (posted.Outcome == PostOutcome.Posted) inserted = await TryInsertAsync(conn, tx, row, token);
            }, ct);
        if (posting.Result is not { } result) return CardDepositRules.Problem(posting.Decision);
        if (result.Outcome == PostOutcome.Posted && inserted) return new DepositOutcome(View(row, result.EntryId!.Value), Replayed: false);
        if (result.Outcome is not (PostOutcome.Posted or PostOutcome.Duplicate))
            throw new InvalidOperationException($"Card deposit {row.JournalKey} was not posted: {result.Outcome} {result.Detail}");

        // A concurrent request with the same key got there first.
        existing = await FindAsync(actor.Subject, key, ct)
            ?? throw new InvalidOperationException($"Entry {row.JournalKey} exists without its deposit row.");
        return await ReplayAsync(existing, hash, ct);
    }

    private async Task<Result<DepositOutcome>> ReplayAsync(CardDepositRow row, string hash, CancellationToken ct)
    {
        if (row.RequestHash != hash) return Problems.IdempotencyMismatch();
        var entryId = await journal.FindIdAsync(row.JournalKey, ct)
            ?? throw new InvalidOperationException($"Deposit row {row.Id} has no journal entry {row.JournalKey}.");
        return new DepositOutcome(View(row, entryId), Replayed: true);
    }

    public static DepositView View(CardDepositRow row, EntryId entryId) => new(
        row.Id, row.PersonNumber, row.FacilityCode, row.Channel, row.TargetAccount, row.AmountCents, row.FeeCents,
        row.AmountCents + row.FeeCents, row.ToAccountCents, row.RestitutionCents, row.AuthorizationReference, entryId.Value, row.CreatedAt);

    private const string Columns = """
        d.id, d.family_subject, d.idempotency_key, d.request_hash, d.journal_key, d.person_number, d.facility_code, d.channel, d.target_account,
        d.amount_cents, d.fee_cents, d.to_account_cents, d.restitution_cents, d.authorization_reference, d.created_at
        """;

    private async Task<CardDepositRow?> FindAsync(string family, string key, CancellationToken ct) => (await LoadAsync(family, key, "", ct)).Existing;

    private async Task<(CardDepositRow? Existing, (Person, Money)? Person)> LoadAsync(string family, string key, string personNumber, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns}, p.person_number, p.facility_code, p.last_name, p.first_name, p.status, p.restitution_owed_cents, coalesce(a.balance_cents, 0)
            FROM (SELECT 1) one
            LEFT JOIN api.card_deposits d ON d.family_subject = @f AND d.idempotency_key = @k
            LEFT JOIN people p ON p.person_number = @n
            LEFT JOIN accounts a ON a.owner_type = 'person' AND a.owner_code = p.person_number AND a.kind = 'restitution' AND a.currency = 'USD'
            """);
        cmd.Parameters.AddWithValue("f", family);
        cmd.Parameters.AddWithValue("k", key);
        cmd.Parameters.AddWithValue("n", personNumber);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        CardDepositRow? row = reader.IsDBNull(0) ? null : new CardDepositRow
        {
            Id = reader.GetInt64(0), FamilySubject = reader.GetString(1), IdempotencyKey = reader.GetString(2), RequestHash = reader.GetString(3),
            JournalKey = reader.GetString(4), PersonNumber = reader.GetString(5), FacilityCode = reader.GetString(6), Channel = reader.GetString(7),
            TargetAccount = reader.GetString(8), AmountCents = reader.GetInt64(9), FeeCents = reader.GetInt64(10), ToAccountCents = reader.GetInt64(11),
            RestitutionCents = reader.GetInt64(12), AuthorizationReference = reader.GetString(13), CreatedAt = reader.GetFieldValue<DateTimeOffset>(14),
        };
        (Person, Money)? person = null;
        if (!reader.IsDBNull(15))
        {
            Person.TryParseStatus(reader.GetString(19), out var status);
            person = (new Person(reader.GetString(15), reader.GetString(16), reader.GetString(17), reader.GetString(18), status, Money.Usd(reader.GetInt64(20))),
                Money.Usd(reader.GetInt64(21)));
        }
        return (row, person);
    }

    private static async Task<bool> TryInsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CardDepositRow row, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO api.card_deposits (family_subject, idempotency_key, request_hash, journal_key, person_number, facility_code, channel,
                target_account, amount_cents, fee_cents, to_account_cents, restitution_cents, authorization_reference, created_at)
            VALUES (@f, @k, @h, @j, @p, @fac, @ch, @t, @a, @fee, @to, @r, @auth, @at)
            ON CONFLICT (family_subject, idempotency_key) DO NOTHING
            RETURNING id
            """, conn, tx);
        cmd.Parameters.AddWithValue("f", row.FamilySubject);
        cmd.Parameters.AddWithValue("k", row.IdempotencyKey);
        cmd.Parameters.AddWithValue("h", row.RequestHash);
        cmd.Parameters.AddWithValue("j", row.JournalKey);
        cmd.Parameters.AddWithValue("p", row.PersonNumber);
        cmd.Parameters.AddWithValue("fac", row.FacilityCode);
        cmd.Parameters.AddWithValue("ch", row.Channel);
        cmd.Parameters.AddWithValue("t", row.TargetAccount);
        cmd.Parameters.AddWithValue("a", row.AmountCents);
        cmd.Parameters.AddWithValue("fee", row.FeeCents);
        cmd.Parameters.AddWithValue("to", row.ToAccountCents);
        cmd.Parameters.AddWithValue("r", row.RestitutionCents);
        cmd.Parameters.AddWithValue("auth", row.AuthorizationReference);
        cmd.Parameters.AddWithValue("at", row.CreatedAt);
        if (await cmd.ExecuteScalarAsync(ct) is not long id) return false;
        row.Id = id;
        return true;
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
