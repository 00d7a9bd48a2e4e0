using Ledger.Data.Intake;
using Ledger.Domain;
using Ledger.Domain.Deposits;
using Ledger.Domain.People;
using Npgsql;

namespace Ledger.Data.Settlements;

/// <summary>
/// A family's card deposit as a payment at the processor. It credits nobody until the processor confirms it.
/// <see cref="PaymentId"/> is null only while <c>starting</c>: recorded, not confirmed yet (a card deposit's processor id is
/// stored by its confirmation, with the credit; the sweep of unfinished payments stores it for one long unconfirmed).
/// </summary>
public sealed record CardPaymentRow(
    long Id, string Processor, string? PaymentId, string FamilySubject, string IdempotencyKey, string RequestHash,
    string PersonNumber, string FacilityCode, string Channel, string TargetAccount, long AmountCents, long FeeCents,
    string Status, string? StatusReason, long? CreditEntryId, long? ReversalEntryId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    long? MessageId = null)
{
    /// <summary>Target account of a payment for a message's e-mail stamps (no person's account is credited).</summary>
    public const string StampsTarget = "stamps";

    /// <summary>What the card was charged: the deposit and the family's fee.</summary>
    public long ChargedCents => AmountCents + FeeCents;
}

/// <summary>A processor event as it is logged (processor_events): who sent it, which, for which payment, its body.</summary>
public sealed record ProcessorEventRecord(string Processor, string EventId, string Type, string PaymentId, string Payload);

public static class CardPaymentStatus
{
    /// <summary>Recorded before the processor is called: its answer (and payment id) not stored yet.</summary>
    public const string Starting = "starting";
    public const string Pending = "pending";
    public const string Credited = "credited";
    public const string Declined = "declined";
    /// <summary>Confirmed by the processor, but the person could no longer receive it: owed back to the family.</summary>
    public const string Returned = "returned";
    public const string Refunded = "refunded";
    public const string ChargedBack = "charged_back";
}

/// <summary>
/// A person as a card payment's request or confirmation reads them, with what their restitution share depends on: the
/// roster's obligation (<see cref="Person.RestitutionOwed"/>), what the restitution account holds and what issued court
/// remittances paid from it, read at one instant. A write decided on these checks that they are unchanged.
/// </summary>
public sealed record PersonForDeposit(Person Person, Money RestitutionHeld, Money RestitutionRemitted)
{
    public Money RestitutionStillOwed => Restitution.StillOwed(Person.RestitutionOwed, RestitutionHeld, RestitutionRemitted);
}

public sealed class CardPaymentStore(NpgsqlDataSource db)
{
    private const string Columns = """
        id, processor, payment_id, family_subject, idempotency_key, request_hash, person_number, facility_code, channel, target_account,
        amount_cents, fee_cents, status, status_reason, credit_entry_id, reversal_entry_id, created_at, updated_at, message_id
        """;

    /// <summary>
    /// A positional parameter (<c>$1</c>, <c>$2</c>, … in the order they are added). The hot statements of a card deposit take
    /// theirs so: Npgsql then sends the SQL as written, where <c>@name</c> parameters make it parse every command's text
    /// to rewrite them (on each execution, prepared or not).
    /// </summary>
    private static NpgsqlParameter<T> Arg<T>(T value) => new() { TypedValue = value };

    private static NpgsqlParameter<long?> Arg(long? value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint };

    private static NpgsqlParameter<string?> Arg(string? value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };

    private static void AddArgs(NpgsqlParameterCollection parameters, params ReadOnlySpan<NpgsqlParameter> args)
    {
        foreach (var a in args) parameters.Add(a);
    }

    /// <summary>
    /// The starting row's values, as both ways of recording it insert them: <c>$1</c> processor, <c>$2</c> family, <c>$3</c>
    /// key, <c>$4</c> request hash, <c>$5</c> person, <c>$6</c> facility, <c>$7</c> channel, <c>$8</c> target account,
    /// <c>$9</c> amount, <c>$10</c> fee, <c>$11</c> time.
    /// </summary>
    private const string StartingRowValues = "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'starting', $11, $11";

    private static void AddStartingRow(NpgsqlCommand cmd, CardPaymentRow row) => AddArgs(cmd.Parameters,
        Arg(row.Processor), Arg(row.FamilySubject), Arg(row.IdempotencyKey), Arg(row.RequestHash), Arg(row.PersonNumber), Arg(row.FacilityCode),
        Arg(row.Channel), Arg(row.TargetAccount), Arg(row.AmountCents), Arg(row.FeeCents), Arg(row.CreatedAt));

    /// <summary>
    /// Records a card payment before the processor is called (status <c>starting</c>, no processor id): a confirmation
    /// that overtakes the processor's answer then finds it by its id (the reference the processor echoes). A repeated
    /// or concurrent start of the same request (family, key) finds the first row instead.
    /// </summary>
    public async Task<(CardPaymentRow Row, bool Inserted)> StartAsync(CardPaymentRow row, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            INSERT INTO card_payments (processor, family_subject, idempotency_key, request_hash, person_number, facility_code,
                channel, target_account, amount_cents, fee_cents, status, created_at, updated_at, message_id)
            VALUES ({StartingRowValues}, $12)
            ON CONFLICT (family_subject, idempotency_key) DO NOTHING
            RETURNING {Columns}
            """);
        AddStartingRow(cmd, row);
        cmd.Parameters.Add(Arg(row.MessageId));
        var inserted = await ReadAsync(cmd, ct);
        if (inserted.Count == 1) return (inserted[0], true);
        return (await FindByRequestAsync(row.FamilySubject, row.IdempotencyKey, ct)
            ?? throw new InvalidOperationException($"Card payment {row.FamilySubject}:{row.IdempotencyKey} conflicted with a row that cannot be found."), false);
    }

    /// <summary>
    /// The processor accepted a started payment: its id is stored and a <c>starting</c> row becomes <c>pending</c>; a row
    /// its confirmation already moved on (credited, declined) keeps its status. Null when the row carries another payment id.
    /// </summary>
    public async Task<CardPaymentRow?> AcceptedAsync(long id, string paymentId, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            UPDATE card_payments SET payment_id = @pid, updated_at = CASE WHEN status = 'starting' THEN @at ELSE updated_at END,
                status = CASE WHEN status = 'starting' THEN 'pending' ELSE status END
            WHERE id = @id AND (payment_id IS NULL OR payment_id = @pid)
            RETURNING {Columns}
            """);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("pid", paymentId);
        cmd.Parameters.AddWithValue("at", at);
        return (await ReadAsync(cmd, ct)).SingleOrDefault();
    }

    /// <summary>The processor refused a started payment (nothing was charged): the row goes, as if never started.</summary>
    public async Task AbandonAsync(long id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("DELETE FROM card_payments WHERE id = @id AND status = 'starting'");
        cmd.Parameters.AddWithValue("id", id);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Payments still <c>starting</c> and untouched since <paramref name="before"/>: no confirmation has found it (the API
    /// stopped around the processor call, or the confirmation has not got through), and no retry has taken it over.
    /// </summary>
    public async Task<IReadOnlyList<CardPaymentRow>> ListUnfinishedAsync(DateTimeOffset before, int limit, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns} FROM card_payments WHERE status = 'starting' AND updated_at < @before ORDER BY updated_at LIMIT @n
            """);
        cmd.Parameters.AddWithValue("before", before);
        cmd.Parameters.AddWithValue("n", limit);
        return await ReadAsync(cmd, ct);
    }

    /// <summary>
    /// A retried request takes a <c>starting</c> payment over before it asks the processor again: its time moves on, so the
    /// sweep of unfinished payments leaves it alone. False when it is starting no more (confirmed meanwhile, or removed by that sweep).
    /// </summary>
    public async Task<bool> ResumeAsync(long id, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("UPDATE card_payments SET updated_at = @at WHERE id = @id AND status = 'starting'");
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("at", at);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// Removes an unfinished payment that the processor made nothing of, with <paramref name="alongside"/> (its audit row)
    /// in the same transaction: only while it is as it was seen, still starting and untouched since
    /// <paramref name="seenUpdatedAt"/> (a retry that took it over, or a confirmation, keeps it). False when it was kept.
    /// </summary>
    public async Task<bool> AbandonUnfinishedAsync(long id, DateTimeOffset seenUpdatedAt, WriteInTransaction alongside, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            DELETE FROM card_payments WHERE id = @id AND status = 'starting' AND payment_id IS NULL AND updated_at = @seen
            """, conn, tx);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("seen", seenUpdatedAt);
        if (await cmd.ExecuteNonQueryAsync(ct) != 1) return false;
        await alongside(conn, tx, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// The payment with our id <c>@ref</c> while its row holds no processor id. By its primary key: written as
    /// <c>id = @ref AND payment_id IS NULL</c> the planner may walk the (processor, payment_id) index over every row whose id is
    /// not stored (every payment between its start and its confirmation, and each one's dead entry until vacuum) and filter
    /// by id; the OFFSET 0 keeps the look-up by id apart from the test on the processor id.
    /// </summary>
    /// <remarks>Positional: <c>$1</c> the processor, <c>$3</c> our reference (<c>$2</c>, the processor's id, is the caller's).</remarks>
    private const string ByReference = $"""
        SELECT * FROM (SELECT {Columns} FROM card_payments WHERE $3::bigint IS NOT NULL AND id = $3 AND processor = $1 OFFSET 0) r
        WHERE r.payment_id IS NULL
        """;

    private static void AddPaymentLookup(NpgsqlCommand cmd, string processor, string paymentId, long? reference) =>
        AddArgs(cmd.Parameters, Arg(processor), Arg(paymentId), Arg(reference));

    /// <summary>
    /// The payment a processor event names: by the processor's payment id, or (when the event overtook the processor's
    /// answer to us) by our own id, which the processor echoes as the event's reference, while that row has no processor id yet.
    /// </summary>
    public async Task<CardPaymentRow?> FindForEventAsync(string processor, string paymentId, long? reference, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns} FROM card_payments WHERE processor = $1 AND payment_id = $2
            UNION ALL
            {ByReference}
            LIMIT 1
            """);
        AddPaymentLookup(cmd, processor, paymentId, reference);
        var row = (await ReadAsync(cmd, ct)).SingleOrDefault();
        return row is { PaymentId: null } ? row with { PaymentId = paymentId } : row;
    }

    /// <summary>The person's columns and restitution state (<see cref="PersonForDeposit"/>), joined to a row source aliased <c>src</c>.</summary>
    private static string PersonJoin(string personNumber) => $"""
        LEFT JOIN people p ON p.person_number = {personNumber}
        LEFT JOIN accounts a ON a.owner_type = 'person' AND a.owner_code = p.person_number AND a.kind = 'restitution' AND a.currency = 'USD'
        """;

    private const string PersonColumns = "p.person_number, p.facility_code, p.last_name, p.first_name, p.status, p.restitution_owed_cents, coalesce(a.balance_cents, 0)";

    private static PersonForDeposit? ReadPerson(NpgsqlDataReader r, int at)
    {
        if (r.IsDBNull(at)) return null;
        Person.TryParseStatus(r.GetString(at + 4), out var status);
        return new PersonForDeposit(new Person(r.GetString(at), r.GetString(at + 1), r.GetString(at + 2), r.GetString(at + 3), status,
            Money.Usd(r.GetInt64(at + 5))), Money.Usd(r.GetInt64(at + 6)), Money.Usd(r.GetInt64(at + 7)));
    }

    /// <summary>
    /// <see cref="FindForEventAsync"/> and the payment's person (<see cref="PersonForDeposit"/>) in one round trip: what a
    /// confirmation needs to decide its credit. The person is null when they are not on the roster.
    /// </summary>
    public async Task<(CardPaymentRow Payment, PersonForDeposit? Person)?> FindForCreditAsync(string processor, string paymentId, long? reference,
        CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            WITH src AS (
                SELECT {Columns} FROM card_payments WHERE processor = $1 AND payment_id = $2
                UNION ALL
                {ByReference}
                LIMIT 1
            )
            SELECT src.*, {PersonColumns}, CASE WHEN p.person_number IS NULL THEN 0 ELSE {RestitutionLock.RemittedCentsSql("p.person_number")} END
            FROM src
            {PersonJoin("src.person_number")}
            """);
        AddPaymentLookup(cmd, processor, paymentId, reference);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var row = Read(r);
        return (row is { PaymentId: null } ? row with { PaymentId = paymentId } : row, ReadPerson(r, ColumnCount));
    }

    /// <summary>
    /// <see cref="FindByRequestAsync"/> and the person a new request names, in one round trip (the person is read whether
    /// or not the request's row exists; null when not on the roster). The restitution columns are not read: nothing is
    /// decided on them before the payment is confirmed.
    /// </summary>
    public async Task<(CardPaymentRow? Existing, PersonForDeposit? Person)> FindRequestAndPersonAsync(string family, string key, string personNumber,
        CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT src.*, p.person_number, p.facility_code, p.last_name, p.first_name, p.status, p.restitution_owed_cents, 0::bigint, 0::bigint
            FROM (SELECT 1) one
            LEFT JOIN (SELECT {Columns} FROM card_payments WHERE family_subject = @f AND idempotency_key = @k) src ON true
            LEFT JOIN people p ON p.person_number = @n
            """);
        cmd.Parameters.AddWithValue("f", family);
        cmd.Parameters.AddWithValue("k", key);
        cmd.Parameters.AddWithValue("n", personNumber);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.IsDBNull(0) ? null : Read(r), ReadPerson(r, ColumnCount));
    }

    /// <summary>
    /// <see cref="FindRequestAndPersonAsync"/> and, when the request has no row yet, <see cref="StartAsync"/> of
    /// <paramref name="row"/> in the same statement: the row was decided on <paramref name="decidedOn"/> (the person as seen
    /// before), so it inserts only while the roster's row of that person is still exactly that (number, facility, names,
    /// status, obligation). Otherwise nothing is inserted, and the caller decides on <see cref="Person"/> as read now.
    /// </summary>
    public async Task<(CardPaymentRow? Existing, CardPaymentRow? Inserted, PersonForDeposit? Person)> StartIfUnchangedAsync(CardPaymentRow row, Person decidedOn,
        CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            WITH existing AS (
                SELECT {Columns} FROM card_payments WHERE family_subject = $2 AND idempotency_key = $3
            ), p AS (
                SELECT person_number, facility_code, last_name, first_name, status, restitution_owed_cents FROM people WHERE person_number = $5
            ), inserted AS (
                INSERT INTO card_payments (processor, family_subject, idempotency_key, request_hash, person_number, facility_code,
                    channel, target_account, amount_cents, fee_cents, status, created_at, updated_at)
                SELECT {StartingRowValues}
                FROM p
                WHERE NOT EXISTS (SELECT 1 FROM existing) AND p.facility_code = $6 AND p.last_name = $12 AND p.first_name = $13
                  AND p.status = $14 AND p.restitution_owed_cents = $15
                ON CONFLICT (family_subject, idempotency_key) DO NOTHING
                RETURNING {Columns}
            )
            SELECT src.*, p.person_number, p.facility_code, p.last_name, p.first_name, p.status, p.restitution_owed_cents, 0::bigint, 0::bigint
            FROM (SELECT 1) one
            LEFT JOIN (SELECT *, true AS fresh FROM inserted UNION ALL SELECT *, false FROM existing) src ON true
            LEFT JOIN p ON true
            """);
        AddStartingRow(cmd, row);
        AddArgs(cmd.Parameters, Arg(decidedOn.LastName), Arg(decidedOn.FirstName), Arg(Person.StatusCode(decidedOn.Status)),
            Arg(decidedOn.RestitutionOwed.MinorUnits));
        if (decidedOn.PersonNumber != row.PersonNumber || decidedOn.FacilityCode != row.FacilityCode)
            throw new ArgumentException("A payment's row names the person and facility it was decided on.", nameof(decidedOn));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var found = r.IsDBNull(0) ? null : Read(r);
        var fresh = found is not null && r.GetBoolean(ColumnCount);
        return (fresh ? null : found, fresh ? found : null, ReadPerson(r, ColumnCount + 1));
    }

    public async Task<CardPaymentRow?> FindByRequestAsync(string family, string key, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM card_payments WHERE family_subject = @f AND idempotency_key = @k");
        cmd.Parameters.AddWithValue("f", family);
        cmd.Parameters.AddWithValue("k", key);
        return (await ReadAsync(cmd, ct)).SingleOrDefault();
    }

    /// <summary>The card payment for a message's e-mail stamps, if one was taken.</summary>
    public async Task<CardPaymentRow?> FindByMessageAsync(long messageId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM card_payments WHERE message_id = @m");
        cmd.Parameters.AddWithValue("m", messageId);
        return (await ReadAsync(cmd, ct)).SingleOrDefault();
    }

    public async Task<CardPaymentRow?> FindAsync(long id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM card_payments WHERE id = $1");
        cmd.Parameters.Add(Arg(id));
        return (await ReadAsync(cmd, ct)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<CardPaymentRow>> ListAsync(string? family, DateOnly? day, int limit, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns} FROM card_payments
            WHERE (@f::text IS NULL OR family_subject = @f)
              AND (@d::date IS NULL OR (created_at >= @d::date::timestamp AT TIME ZONE 'UTC' AND created_at < (@d::date + 1)::timestamp AT TIME ZONE 'UTC'))
            ORDER BY id DESC LIMIT @n
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string?>("f", family) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly?>("d", day) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
        cmd.Parameters.AddWithValue("n", limit);
        return await ReadAsync(cmd, ct);
    }

    /// <summary>
    /// Moves a payment from one status to the next inside the caller's transaction, only from <paramref name="from"/>:
    /// false when another delivery moved it first. Starting and pending count as one (not confirmed yet): the API stores the
    /// processor's answer (starting → pending) while a confirmation that overtook it may be moving the same row.
    /// </summary>
    public static async Task<bool> TransitionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, string from, string to, string? reason,
        long? creditEntryId, long? reversalEntryId, DateTimeOffset at, CancellationToken ct, string? paymentId = null)
    {
        await using var cmd = new NpgsqlCommand("""
            UPDATE card_payments SET status = @to, status_reason = coalesce(@reason, status_reason), payment_id = coalesce(payment_id, @pid),
                credit_entry_id = coalesce(@credit, credit_entry_id), reversal_entry_id = coalesce(@reversal, reversal_entry_id), updated_at = @at
            WHERE id = @id AND (status = @from OR (@from IN ('starting', 'pending') AND status IN ('starting', 'pending')))
            """, conn, tx);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("from", from);
        cmd.Parameters.AddWithValue("to", to);
        cmd.Parameters.Add(new NpgsqlParameter<string?>("reason", reason) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter<long?>("credit", creditEntryId) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter<long?>("reversal", reversalEntryId) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        cmd.Parameters.AddWithValue("at", at);
        cmd.Parameters.Add(new NpgsqlParameter<string?>("pid", paymentId) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// For the batch of a confirmed payment's credit entry (after it): the payment moves to <c>credited</c> with that entry
    /// (found by its key; written earlier in the same transaction) unless another delivery moved it first, and the event is
    /// logged (<c>credited</c>, or <c>duplicate</c> when it moved nothing; a repeat counted). One statement; it returns
    /// how many payments it moved (0 or 1).
    /// </summary>
    public static NpgsqlBatchCommand CreditCommand(long id, string journalKey, DateTimeOffset at, ProcessorEventRecord e)
    {
        var cmd = new NpgsqlBatchCommand("""
            WITH moved AS (
                UPDATE card_payments SET status = 'credited', payment_id = coalesce(payment_id, $7), updated_at = $3,
                    credit_entry_id = (SELECT id FROM journal_entries WHERE idempotency_key = $2)
                WHERE id = $1 AND status IN ('starting', 'pending')
                RETURNING id
            ), logged AS (
                INSERT INTO processor_events (processor, event_id, event_type, payment_id, outcome, payload)
                SELECT $4, $5, $6, $7, CASE WHEN EXISTS (SELECT 1 FROM moved) THEN 'credited' ELSE 'duplicate' END, $8::jsonb
                ON CONFLICT (processor, event_id) DO UPDATE SET deliveries = processor_events.deliveries + 1
            )
            SELECT count(*) FROM moved
            """);
        return WithCreditParameters(cmd, id, journalKey, at, e);
    }

    /// <summary>
    /// The condition under which a confirmation's credit entry inserts in its one-round-trip batch: the payment is not
    /// confirmed yet, and it is locked (FOR NO KEY UPDATE, until the batch commits; a concurrent delivery waits, then finds
    /// it credited and inserts nothing); and, when <paramref name="decidedOn"/> is given, the person's restitution state is
    /// still the one the decision read (under the lock on the person, taken by an earlier statement of the batch). Else
    /// nothing posts, and the caller reads again and decides again.
    /// </summary>
    public static (string Sql, NpgsqlParameter[] Parameters) CreditGuard(long id, PersonForDeposit? decidedOn)
    {
        var payment = "EXISTS (SELECT 1 FROM card_payments WHERE id = @g_id AND status IN ('starting', 'pending') FOR NO KEY UPDATE)";
        if (decidedOn is null) return (payment, [new NpgsqlParameter<long>("g_id", id)]);
        return ($"""
            {payment} AND EXISTS (SELECT 1 FROM people p
                LEFT JOIN accounts a ON a.owner_type = 'person' AND a.owner_code = p.person_number AND a.kind = 'restitution' AND a.currency = 'USD'
                WHERE p.person_number = @g_person AND p.restitution_owed_cents = @g_owed AND coalesce(a.balance_cents, 0) = @g_held
                  AND {RestitutionLock.RemittedCentsSql("p.person_number")} = @g_remitted)
            """,
            [
                new NpgsqlParameter<long>("g_id", id), new NpgsqlParameter<string>("g_person", decidedOn.Person.PersonNumber),
                new NpgsqlParameter<long>("g_owed", decidedOn.Person.RestitutionOwed.MinorUnits),
                new NpgsqlParameter<long>("g_held", decidedOn.RestitutionHeld.MinorUnits),
                new NpgsqlParameter<long>("g_remitted", decidedOn.RestitutionRemitted.MinorUnits),
            ]);
    }

    /// <summary>
    /// The last statement of the one-round-trip credit: the payment moves to <c>credited</c> with the entry (only while not
    /// confirmed yet, and only when the entry exists), and the event is logged (<c>credited</c>; <c>duplicate</c> when this
    /// delivery moved nothing but the entry exists; a repeat counted). When there is no entry (the guard refused) nothing
    /// moves and nothing is logged: the caller reads again. Returns (payments moved, events logged), each 0 or 1.
    /// </summary>
    public static NpgsqlBatchCommand CreditedEntryCommand(long id, string journalKey, DateTimeOffset at, ProcessorEventRecord e)
    {
        var cmd = new NpgsqlBatchCommand("""
            WITH entry AS (
                SELECT id FROM journal_entries WHERE idempotency_key = $2
            ), moved AS (
                UPDATE card_payments SET status = 'credited', payment_id = coalesce(payment_id, $7), updated_at = $3,
                    credit_entry_id = (SELECT id FROM entry)
                WHERE id = $1 AND status IN ('starting', 'pending') AND EXISTS (SELECT 1 FROM entry)
                RETURNING id
            ), logged AS (
                INSERT INTO processor_events (processor, event_id, event_type, payment_id, outcome, payload)
                SELECT $4, $5, $6, $7, CASE WHEN EXISTS (SELECT 1 FROM moved) THEN 'credited' ELSE 'duplicate' END, $8::jsonb
                WHERE EXISTS (SELECT 1 FROM entry)
                ON CONFLICT (processor, event_id) DO UPDATE SET deliveries = processor_events.deliveries + 1
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM moved), (SELECT count(*) FROM logged)
            """);
        return WithCreditParameters(cmd, id, journalKey, at, e);
    }

    /// <summary>
    /// The payment, its entry's key, the time and the processor's event, as both credit statements take them: <c>$1</c> the
    /// payment, <c>$2</c> the entry's key, <c>$3</c> the time, <c>$4</c> processor, <c>$5</c> event id, <c>$6</c> its type,
    /// <c>$7</c> the processor's payment id, <c>$8</c> the event's body.
    /// </summary>
    private static NpgsqlBatchCommand WithCreditParameters(NpgsqlBatchCommand cmd, long id, string journalKey, DateTimeOffset at, ProcessorEventRecord e)
    {
        AddArgs(cmd.Parameters, Arg(id), Arg(journalKey), Arg(at), Arg(e.Processor), Arg(e.EventId), Arg(e.Type), Arg(e.PaymentId), Arg(e.Payload));
        return cmd;
    }

    /// <summary>A transition that posts nothing (a decline); <paramref name="alongside"/> commits with it when it happened.</summary>
    public async Task TransitionAsync(long id, string from, string to, string? reason, DateTimeOffset at, CancellationToken ct,
        Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task>? alongside = null, string? paymentId = null)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await TransitionAsync(conn, tx, id, from, to, reason, null, null, at, ct, paymentId) && alongside is not null) await alongside(conn, tx, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Every delivery of an event is recorded (the first with its outcome; repeats counted), for the audit trail.</summary>
    public async Task RecordEventAsync(string processor, string eventId, string type, string paymentId, string outcome, string payload, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO processor_events (processor, event_id, event_type, payment_id, outcome, payload)
            VALUES (@p, @e, @t, @pid, @o, @payload::jsonb)
            ON CONFLICT (processor, event_id) DO UPDATE SET deliveries = processor_events.deliveries + 1
            """);
        cmd.Parameters.AddWithValue("p", processor);
        cmd.Parameters.AddWithValue("e", eventId);
        cmd.Parameters.AddWithValue("t", type);
        cmd.Parameters.AddWithValue("pid", paymentId);
        cmd.Parameters.AddWithValue("o", outcome);
        cmd.Parameters.AddWithValue("payload", payload);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private const int ColumnCount = 19;

    private static async Task<List<CardPaymentRow>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var rows = new List<CardPaymentRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) rows.Add(Read(r));
        return rows;
    }

    private static CardPaymentRow Read(NpgsqlDataReader r) =>
            new CardPaymentRow(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                r.GetString(7), r.GetString(8), r.GetString(9), r.GetInt64(10), r.GetInt64(11), r.GetString(12), r.IsDBNull(13) ? null : r.GetString(13),
                r.IsDBNull(14) ? null : r.GetInt64(14), r.IsDBNull(15) ? null : r.GetInt64(15), r.GetFieldValue<DateTimeOffset>(16), r.GetFieldValue<DateTimeOffset>(17),
                r.IsDBNull(18) ? null : r.GetInt64(18));
}
