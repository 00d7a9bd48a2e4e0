using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Ledger.Data.Journal;
using Ledger.Data.Services;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Ledger.Domain.People;
using Ledger.Domain.Policies;
using Mediator;
using Npgsql;

namespace Ledger.Api.Features.Deposits;

/// <summary>What a family sends: the card network's authorization reference, never a card number.</summary>
public sealed record CardDepositRequest(string PersonNumber, string Channel, long AmountCents, string TargetAccount, string AuthorizationReference);

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
public sealed class CreateCardDepositHandler(NpgsqlDataSource db, LedgerDirectory directory, JournalStore journal, TimeProvider clock)
    : ICommandHandler<CreateCardDepositCommand, Result<DepositOutcome>>
{
    public async ValueTask<Result<DepositOutcome>> Handle(CreateCardDepositCommand command, CancellationToken ct)
    {
        var (actor, key, request) = command;
        var hash = Idempotency.Hash(request);

        // One round trip: a row under this key (a retry) and the person with their restitution balance.
        var (existing, found) = await LoadAsync(actor.Subject, key, DepositRules.NormalizePerson(request.PersonNumber), ct);
        if (existing is not null) return await ReplayAsync(existing, hash, ct);

        var plan = await DepositRules.PlanAsync(directory, request, found, ct);
        if (!plan.IsSuccess) return plan.Problem!;
        var p = plan.Value!;

        var row = new CardDepositRow
        {
            FamilySubject = actor.Subject, IdempotencyKey = key, RequestHash = hash,
            JournalKey = $"card:{actor.Subject}:{key}", PersonNumber = p.Person.PersonNumber, FacilityCode = p.Person.FacilityCode,
            Channel = p.Channel.ToCode(), TargetAccount = p.Target.ToCode(), AmountCents = p.Amount.MinorUnits,
            FeeCents = p.Fee.MinorUnits, ToAccountCents = p.Split.ToAccount.MinorUnits, RestitutionCents = p.Split.RestitutionDeduction.MinorUnits,
            AuthorizationReference = request.AuthorizationReference, CreatedAt = clock.Now(),
        };
        var inserted = false;
        var result = await journal.PostAsync(DepositRules.Entry(row),
            async (conn, tx, results, token) =>
            {
                if (results[0].Outcome == PostOutcome.Posted) inserted = await TryInsertAsync(conn, tx, row, token);
            }, ct);
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

    internal static async Task<bool> TryInsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CardDepositRow row, CancellationToken ct)
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

public sealed record DepositPlan(Person Person, DepositChannel Channel, AccountKind Target, Money Amount, Money Fee, DepositSplit Split);

public static class DepositRules
{
    public static readonly DepositChannel[] CardChannels = [DepositChannel.Phone, DepositChannel.Online, DepositChannel.Mobile];

    /// <summary>
    /// Checks a card deposit and works out its split. Over the facility's limit it is refused (422): a card
    /// charge, unlike a mailed money order, can simply not be taken, so there is never an excess to refund.
    /// </summary>
    public static string NormalizePerson(string? personNumber) => (personNumber ?? "").Trim().ToUpperInvariant();

    public static async Task<Result<DepositPlan>> PlanAsync(LedgerDirectory directory, CardDepositRequest request, CancellationToken ct) =>
        await PlanAsync(directory, request, await directory.PersonAsync(NormalizePerson(request.PersonNumber), ct), ct);

    public static async Task<Result<DepositPlan>> PlanAsync(LedgerDirectory directory, CardDepositRequest request, (Person, Money)? found, CancellationToken ct)
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

        if (found is null) return Problems.Invalid("unknown-person", $"No person {request.PersonNumber} is on any roster.");
        var (person, restitutionPaid) = found.Value;
        if (!person.CanReceiveDeposits)
            return Problems.Invalid("person-not-in-custody", $"{person.PersonNumber} is {Person.StatusCode(person.Status)} and cannot receive deposits.");
        var facility = await directory.FacilityAsync(person.FacilityCode, ct)
            ?? throw new InvalidOperationException($"Facility {person.FacilityCode} of {person.PersonNumber} is not loaded.");

        var amount = Money.Usd(request.AmountCents);
        if (amount > facility.Policy.DepositLimit)
            return Problems.Invalid("over-deposit-limit",
                $"{facility.Name} accepts at most {facility.Policy.DepositLimit.ToDecimalString()} per deposit; {amount.ToDecimalString()} was refused and nothing was charged.");
        var stillOwed = Money.Max(person.RestitutionOwed - restitutionPaid, Money.Zero(amount.Currency));
        var split = DepositSplit.Of(amount, facility.Policy, target, stillOwed);
        var fee = facility.Policy.Fees.FeeFor(channel, amount);
        return new DepositPlan(person, channel, target, amount, fee, split);
    }

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

    /// <summary>
    /// Debit the facility's card clearing for what the card was charged (amount + fee); credit the person's
    /// account, their restitution account with the deduction, and fee revenue with the fee.
    /// </summary>
    public static JournalEntry Entry(CardDepositRow row)
    {
        var usd = Currency.USD;
        var person = row.PersonNumber;
        var lines = new List<Posting>
        {
            Posting.Debit(AccountKey.OfFacility(row.FacilityCode, AccountKind.CardClearing, usd), Money.Usd(row.AmountCents + row.FeeCents)),
        };
        if (row.ToAccountCents > 0)
            lines.Add(Posting.Credit(AccountKey.Personal(person, AccountKinds.Parse(row.TargetAccount), usd), Money.Usd(row.ToAccountCents)));
        if (row.RestitutionCents > 0)
            lines.Add(Posting.Credit(AccountKey.Personal(person, AccountKind.Restitution, usd), Money.Usd(row.RestitutionCents)));
        if (row.FeeCents > 0)
            lines.Add(Posting.Credit(AccountKey.OfFacility(row.FacilityCode, AccountKind.FeeRevenue, usd), Money.Usd(row.FeeCents)));
        return new JournalEntry(row.JournalKey, "card", $"Card deposit ({row.Channel}) to {person} {row.TargetAccount}, authorization {row.AuthorizationReference}",
            row.CreatedAt, lines);
    }
}
