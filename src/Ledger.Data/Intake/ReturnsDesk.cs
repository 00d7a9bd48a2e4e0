using System.Globalization;
using Ledger.Data.Journal;
using Ledger.Data.Schema;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Deposits;
using Ledger.Domain.Journal;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Data.Intake;

/// <summary>A caller's own rows (e.g. an audit record) written in the same transaction as a change.</summary>
public delegate Task WriteInTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct);

public sealed record ReturnDisposition(string Status, string By, DateTimeOffset At, long? EntryId);

/// <summary>
/// Money (or a money order) going back to a sender: an intake item, or an item operations keyed from review (then
/// <see cref="Item"/> carries the resolution's outcome, cents and entry). <see cref="PayableCents"/> is what its entry
/// put in refunds payable: zero for a money order that was never deposited and is simply mailed back.
/// </summary>
public sealed record ReturnItem(string Source, IntakeItemRow Item, bool Keyed, DateTimeOffset DecidedAt, long PayableCents, ReturnDisposition? Disposition,
    AddressKeyed? AddressKeyed = null, AmountKeyed? AmountKeyed = null)
{
    public long ToSendBackCents => Item.ReturnedCents + Item.FeeRefundedCents;

    /// <summary>
    /// A money order going back whose amount nobody has read yet (intake returned it as illegible, or staff returned it from
    /// the keying queue without one): the batch cannot balance against its declared total until operations record the amount
    /// from the mailroom's tape or the paper (<see cref="ReturnsDesk.KeyAmountAsync"/>).
    /// </summary>
    public bool AwaitsAmount => IsUnreadReturn(Source, Item.Kind, Item.Outcome, Item.AmountCents);

    /// <summary>The one definition of a returned money order with no amount, shared with the reconciliation's SQL (<see cref="ReturnsDesk.AwaitsAmountSql"/>).</summary>
    public static bool IsUnreadReturn(string source, string kind, string outcome, long amountCents) =>
        source == "lockbox" && kind == "deposit" && outcome == "returned" && amountCents == 0;

    /// <summary>
    /// A money order's excess sits in refunds payable and no address it may be mailed to is on record (OCR did not confirm
    /// one, and staff have not keyed it yet): no check, refund or letter until there is (<see cref="ReturnsDesk.ConfirmAddressAsync"/>).
    /// </summary>
    public bool AwaitsAddress => Source == "lockbox" && PayableCents > 0 && string.IsNullOrWhiteSpace(Item.SenderAddress);
}

/// <summary>Who confirmed or keyed a return's sender address, and when (the address itself is the item's).</summary>
public sealed record AddressKeyed(string By, DateTimeOffset At);

/// <summary>Who recorded the amount of a money order returned unread, when, and from what (<c>tape</c> or <c>money_order</c>); the amount is the item's.</summary>
public sealed record AmountKeyed(string By, DateTimeOffset At, string ReadFrom);

public enum ReturnAmountOutcome
{
    Recorded,
    NotFound,
    /// <summary>The item is not a money order returned with its amount unread (its amount is known, or it was not returned).</summary>
    NotUnread,
    /// <summary>Someone recorded the amount already (the first one stands; nothing is rewritten).</summary>
    AlreadyKeyed,
    Invalid,
}

public sealed record ReturnAmountResult(ReturnAmountOutcome Outcome, ReturnItem? Return, string? Problem = null);

public enum DispositionOutcome
{
    Recorded,
    NotFound,
    /// <summary>Mailed asked for money that sits in refunds payable: it must be refunded, or the payable never clears.</summary>
    MustBeRefunded,
    /// <summary>Refund asked for an item with nothing in refunds payable (a money order that goes back itself).</summary>
    NothingPayable,
    AlreadyDisposed,
    /// <summary>The money order's excess has no confirmed address yet: nothing can go back until staff confirm or key one.</summary>
    AddressNotConfirmed,
}

public enum AddressOutcome
{
    Recorded,
    NotFound,
    /// <summary>The return does not wait for an address: OCR confirmed one, or it needs none (MoneyGram, nothing payable).</summary>
    NotAwaiting,
    /// <summary>Someone keyed the address already (the first one stands; change nothing twice).</summary>
    AlreadyKeyed,
    Invalid,
}

public sealed record AddressResult(AddressOutcome Outcome, ReturnItem? Return, string? Problem = null);

public sealed record DispositionResult(DispositionOutcome Outcome, ReturnItem? Return, long? EntryId = null);

/// <summary>
/// The day's returns and what became of them: mailed back, or refunded. A refund posts one entry that clears the
/// item's refunds payable, in the same transaction as the disposition row, under the key <c>refund:{file}:{sequence}</c>;
/// an item has at most one disposition, so its payable is cleared exactly once.
/// </summary>
public sealed class ReturnsDesk(NpgsqlDataSource db, JournalStore journal, TimeProvider clock)
{
    public static string RefundKeyOf(long fileId, int sequence) => EntryKeys.Refund(fileId, sequence);

    /// <summary>
    /// SQL for what an entry credited to refunds payable (cents), given an expression for its id, less what a reversal
    /// of it took back (MoneyGram reversing a send it then refunds itself leaves nothing for us to pay).
    /// </summary>
    public static string PayableSql(string entryId) => $"""
        (SELECT coalesce(sum(pp.amount_cents), 0)::bigint FROM postings pp JOIN accounts pa ON pa.id = pp.account_id
         WHERE pa.kind = 'refunds_payable'
           AND pp.entry_id IN (SELECT je.id FROM journal_entries je WHERE je.id = {entryId} OR je.reverses_entry_id = {entryId}))
        """;

    /// <summary>
    /// Who pays the refund out: MoneyGram gives the sender their money back and takes it out of what it settles with
    /// us, so a MoneyGram refund credits MoneyGram clearing; the excess of a deposited money order goes back by a
    /// check from our bank account, so a lockbox refund credits the bank.
    /// </summary>
    public static AccountKey SettlementAccount(string source) => LedgerEntries.RefundPaidFrom(source);

    public static readonly AccountKey RefundsPayable = LedgerEntries.RefundsPayable;

    /// <summary>Returns decided on a UTC day (intake: the file's receipt; keyed: the resolution), or all of them; optionally of one file.</summary>
    public async Task<IReadOnlyList<ReturnItem>> ListAsync(DateOnly? day, long? fileId = null, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand(Select("(@from::timestamptz IS NULL OR @decided >= @from AND @decided < @to) AND (@file::bigint IS NULL OR f.id = @file)"));
        var bounds = day is { } d ? Reconciliation.Bounds(d) : ((DateTimeOffset, DateTimeOffset)?)null;
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("from", bounds?.Item1) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("to", bounds?.Item2) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter<long?>("file", fileId) { NpgsqlDbType = NpgsqlDbType.Bigint });
        return await ReadAsync(cmd, ct);
    }

    public async Task<ReturnItem?> FindAsync(long fileId, int sequence, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand(Select("i.file_id = @file AND i.sequence = @sequence"));
        cmd.Parameters.AddWithValue("file", fileId);
        cmd.Parameters.AddWithValue("sequence", sequence);
        return (await ReadAsync(cmd, ct)).SingleOrDefault();
    }

    /// <summary>The letter and the money order (or the notice of a refund that needs no money) went out by mail.</summary>
    public async Task<DispositionResult> MarkMailedAsync(long fileId, int sequence, string by, WriteInTransaction? alongside = null, CancellationToken ct = default)
    {
        var item = await FindAsync(fileId, sequence, ct);
        if (item is null) return new DispositionResult(DispositionOutcome.NotFound, null);
        if (item.Disposition is not null) return new DispositionResult(DispositionOutcome.AlreadyDisposed, item);
        if (item.AwaitsAddress) return new DispositionResult(DispositionOutcome.AddressNotConfirmed, item);
        if (item.PayableCents > 0) return new DispositionResult(DispositionOutcome.MustBeRefunded, item);

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await InsertDispositionAsync(conn, tx, fileId, sequence, "mailed", by, null, ct))
            return new DispositionResult(DispositionOutcome.AlreadyDisposed, await FindAsync(fileId, sequence, ct));
        if (alongside is not null) await alongside(conn, tx, ct);
        await tx.CommitAsync(ct);
        return new DispositionResult(DispositionOutcome.Recorded, await FindAsync(fileId, sequence, ct));
    }

    /// <summary>
    /// Pays back what the item's entry put in refunds payable: one entry, debit refunds payable, credit the account
    /// the money leaves by (<see cref="SettlementAccount"/>), with the disposition row in the same transaction.
    /// A second refund of the same item finds the key posted or the disposition there and changes nothing.
    /// </summary>
    public async Task<DispositionResult> RefundAsync(long fileId, int sequence, string by, WriteInTransaction? alongside = null, CancellationToken ct = default)
    {
        var item = await FindAsync(fileId, sequence, ct);
        if (item is null) return new DispositionResult(DispositionOutcome.NotFound, null);
        if (item.Disposition is not null) return new DispositionResult(DispositionOutcome.AlreadyDisposed, item);
        if (item.AwaitsAddress) return new DispositionResult(DispositionOutcome.AddressNotConfirmed, item);
        if (item.PayableCents <= 0) return new DispositionResult(DispositionOutcome.NothingPayable, item);

        var amount = Money.Usd(item.PayableCents);
        var entry = LedgerEntries.Refund(fileId, sequence, item.Source,
            $"Refund to {item.Item.SenderName ?? "the sender"} of {item.Source} {item.Item.Reference} (file {fileId}, item {sequence})",
            clock.GetUtcNow(), amount, await VoidedRefundsAsync(fileId, sequence, ct));
        try
        {
            var result = await journal.PostAsync(entry, async (conn, tx, results, token) =>
            {
                if (results[0].Outcome != PostOutcome.Posted) return;
                // Throwing rolls the entry back with the transaction: a mailed disposition got there first.
                if (!await InsertDispositionAsync(conn, tx, fileId, sequence, "refunded", by, results[0].EntryId!.Value.Value, token))
                    throw new DispositionTakenException();
                if (alongside is not null) await alongside(conn, tx, token);
            }, ct);
            if (result.Outcome != PostOutcome.Posted)
                return new DispositionResult(DispositionOutcome.AlreadyDisposed, await FindAsync(fileId, sequence, ct), result.EntryId?.Value);
            return new DispositionResult(DispositionOutcome.Recorded, await FindAsync(fileId, sequence, ct), result.EntryId!.Value.Value);
        }
        catch (DispositionTakenException)
        {
            return new DispositionResult(DispositionOutcome.AlreadyDisposed, await FindAsync(fileId, sequence, ct));
        }
    }

    private sealed class DispositionTakenException : Exception;

    /// <summary>
    /// Staff confirm the sender's address OCR read (or key it from the scans) for a return that waits for one; the first one
    /// recorded stands (a second keying, or two staff at once, changes nothing), with who and when, and the caller's audit
    /// row in the same transaction. From then on the excess goes back as any other: refund check, letter, manifest.
    /// </summary>
    public async Task<AddressResult> ConfirmAddressAsync(long fileId, int sequence, string name, string street, string cityStateZip, string by,
        WriteInTransaction? alongside = null, CancellationToken ct = default)
    {
        var item = await FindAsync(fileId, sequence, ct);
        if (item is null) return new AddressResult(AddressOutcome.NotFound, null);
        if (item.AddressKeyed is { } keyed)
            return new AddressResult(AddressOutcome.AlreadyKeyed, item, AlreadyKeyed(keyed));
        if (!item.AwaitsAddress) return new AddressResult(AddressOutcome.NotAwaiting, item);
        if (SenderAddresses.Invalid(name, street, cityStateZip) is { } problem) return new AddressResult(AddressOutcome.Invalid, item, problem);

        var recorded = await RecordFirstAsync("""
            INSERT INTO return_addresses (file_id, sequence, sender_name, sender_address, keyed_by, keyed_at)
            VALUES (@file, @sequence, @name, @address, @by, @at)
            """, fileId, sequence, by, clock.GetUtcNow(), values =>
        {
            values.AddWithValue("name", SenderAddresses.Clean(name));
            values.AddWithValue("address", SenderAddresses.Join(street, cityStateZip));
        }, alongside, ct);
        var now = await FindAsync(fileId, sequence, ct);
        return recorded
            ? new AddressResult(AddressOutcome.Recorded, now)
            : new AddressResult(AddressOutcome.AlreadyKeyed, now, now?.AddressKeyed is { } k ? AlreadyKeyed(k) : "The address was keyed by someone else.");
    }

    /// <summary>
    /// Inserts a fact staff keyed for a return (a table keyed by file_id and sequence, with @file, @sequence, @by and @at) and the
    /// caller's audit row in one transaction. False when another member of staff's is there already: theirs stands, nothing is written.
    /// </summary>
    private async Task<bool> RecordFirstAsync(string insert, long fileId, int sequence, string by, DateTimeOffset at,
        Action<NpgsqlParameterCollection> values, WriteInTransaction? alongside, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand(insert + " ON CONFLICT (file_id, sequence) DO NOTHING", conn, tx);
        cmd.Parameters.AddWithValue("file", fileId);
        cmd.Parameters.AddWithValue("sequence", sequence);
        cmd.Parameters.AddWithValue("by", by);
        cmd.Parameters.AddWithValue("at", at);
        values(cmd.Parameters);
        if (await cmd.ExecuteNonQueryAsync(ct) != 1)
        {
            await tx.RollbackAsync(ct);
            return false;
        }
        if (alongside is not null) await alongside(conn, tx, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>The audit row of a keyed address (`return.address`), the same from the API and from `ledger returns address`.</summary>
    public static WriteInTransaction AddressAudit(string subject, string role, long fileId, int sequence, string? facility,
        string? name, string? street, string? cityStateZip, DateTimeOffset at) =>
        AuditRows.Write(subject, role, "return.address", "return", string.Create(CultureInfo.InvariantCulture, $"{fileId}/{sequence}"), facility,
            new { senderAddress = (string?)null }, new { senderName = name, senderAddress = SenderAddresses.Join(street ?? "", cityStateZip ?? "") }, at);

    /// <summary>Where an unread return's amount may be read from: the mailroom's adding-machine tape, or the money order itself before it goes back.</summary>
    public static readonly IReadOnlyList<string> AmountSources = ["tape", "money_order"];

    /// <summary>
    /// Records the amount of a money order that goes back with its amount unread (<see cref="ReturnItem.AwaitsAmount"/>), as staff
    /// read it from the mailroom's tape or the paper before it is mailed. No entry, no money moves: the order is going back; the
    /// reconciliation counts the amount as in and returned, and the manifest and letter show it. Once per item (the first stands,
    /// two staff at once included), audited (<c>return.amount</c>) in the same transaction. No second staff member: as a keyed
    /// return's amount (KeyingService.ReturnAsync), it moves no money, and the four-eyes threshold guards what posts.
    /// </summary>
    public async Task<ReturnAmountResult> KeyAmountAsync(long fileId, int sequence, long amountCents, string readFrom, string by, string role,
        CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(by)) return new ReturnAmountResult(ReturnAmountOutcome.Invalid, null, "Who is keying must be known (the signed-in staff member).");
        if (amountCents <= 0) return new ReturnAmountResult(ReturnAmountOutcome.Invalid, null, "The amount must be a positive number of cents.");
        if (!AmountSources.Contains(readFrom))
            return new ReturnAmountResult(ReturnAmountOutcome.Invalid, null, $"Say where the amount was read: {string.Join(" or ", AmountSources)}.");
        var item = await FindAsync(fileId, sequence, ct);
        if (item is null) return new ReturnAmountResult(ReturnAmountOutcome.NotFound, null);
        if (item.AmountKeyed is { } keyed) return new ReturnAmountResult(ReturnAmountOutcome.AlreadyKeyed, item, AlreadyKeyed(keyed, item));
        if (!item.AwaitsAmount)
            return new ReturnAmountResult(ReturnAmountOutcome.NotUnread, item, item.Item.Outcome == "returned"
                ? $"The amount of this return is known (${Money.Usd(item.Item.AmountCents).ToDecimalString()}); only a money order returned unread takes one."
                : $"This item was {item.Item.Outcome.Replace('_', ' ')}, its amount known; only a money order returned whole with its amount unread takes one.");

        var at = clock.GetUtcNow();
        var audit = AuditRows.Write(by, role, "return.amount", "return", string.Create(CultureInfo.InvariantCulture, $"{fileId}/{sequence}"),
            item.Item.FacilityCode, new { amountCents = 0L }, new { amountCents, readFrom }, at);
        var recorded = await RecordFirstAsync("""
            INSERT INTO return_amounts (file_id, sequence, amount_cents, read_from, keyed_by, keyed_at)
            VALUES (@file, @sequence, @amount, @from, @by, @at)
            """, fileId, sequence, by, at, values =>
        {
            values.AddWithValue("amount", amountCents);
            values.AddWithValue("from", readFrom);
        }, audit, ct);
        var now = await FindAsync(fileId, sequence, ct);
        return recorded
            ? new ReturnAmountResult(ReturnAmountOutcome.Recorded, now)
            : new ReturnAmountResult(ReturnAmountOutcome.AlreadyKeyed, now, now?.AmountKeyed is { } k ? AlreadyKeyed(k, now) : "The amount was keyed by someone else.");
    }

    /// <summary>
    /// SQL true for a returned money order whose amount nobody has read (<see cref="ReturnItem.IsUnreadReturn"/>), given the
    /// expressions of its source, kind, outcome and amount as they stand (keyed resolutions and recorded amounts applied).
    /// </summary>
    public static string AwaitsAmountSql(string source, string kind, string outcome, string amountCents) =>
        $"({source} = 'lockbox' AND {kind} = 'deposit' AND {outcome} = 'returned' AND {amountCents} = 0)";

    private static string AlreadyKeyed(AmountKeyed k, ReturnItem item) => string.Create(CultureInfo.InvariantCulture,
        $"{k.By} recorded this return's amount (${Money.Usd(item.Item.AmountCents).ToDecimalString()}, from the {k.ReadFrom.Replace('_', ' ')}) at {k.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC; nothing changed.");

    private static string AlreadyKeyed(AddressKeyed k) =>
        string.Create(CultureInfo.InvariantCulture, $"{k.By} keyed this return's address at {k.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC; nothing changed.");

    /// <summary>How many refund checks of the item were voided (each reversed its refund entry): the next refund is a new entry.</summary>
    private async Task<int> VoidedRefundsAsync(long fileId, int sequence, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT count(*)::int FROM disbursements WHERE source_key = @key AND status = 'voided'");
        cmd.Parameters.AddWithValue("key", RefundKeyOf(fileId, sequence));
        return (int)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// A refund check was voided: its refund entry is reversed by the caller in this transaction, and the item is back to
    /// awaiting its refund (the disposition that recorded the refund is removed; the disbursement keeps the history).
    /// </summary>
    public static async Task ReopenRefundAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long fileId, int sequence, long refundEntryId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            DELETE FROM return_dispositions WHERE file_id = @file AND sequence = @sequence AND status = 'refunded' AND entry_id = @entry
            """, conn, tx);
        cmd.Parameters.AddWithValue("file", fileId);
        cmd.Parameters.AddWithValue("sequence", sequence);
        cmd.Parameters.AddWithValue("entry", refundEntryId);
        if (await cmd.ExecuteNonQueryAsync(ct) != 1)
            throw new InvalidOperationException($"Item {sequence} of file {fileId} is not refunded by entry {refundEntryId}; the check was not voided.");
    }

    private static async Task<bool> InsertDispositionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long fileId, int sequence, string status, string by,
        long? entryId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO return_dispositions (file_id, sequence, status, by, at, entry_id) VALUES (@file, @sequence, @status, @by, now(), @entry)
            ON CONFLICT (file_id, sequence) DO NOTHING
            """, conn, tx);
        cmd.Parameters.AddWithValue("file", fileId);
        cmd.Parameters.AddWithValue("sequence", sequence);
        cmd.Parameters.AddWithValue("status", status);
        cmd.Parameters.AddWithValue("by", by);
        cmd.Parameters.Add(new NpgsqlParameter<long?>("entry", entryId) { NpgsqlDbType = NpgsqlDbType.Bigint });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// Intake items that send something back, and in-review items whose keyed resolution does, as one shape. Each arm
    /// takes its own filter so that a day's look-up reads that day's files and resolutions, not every item ever.
    /// </summary>
    private static string Select(string filter) => $"""
        SELECT x.*, {PayableSql("x.entry_id")} AS payable FROM (
            SELECT f.source, i.file_id, i.sequence, i.reference, i.kind, false AS keyed, i.outcome, i.reason_code, i.reason,
                   i.person_number, i.facility_code, coalesce(m.amount_cents, i.amount_cents) AS amount_cents, i.credited_cents, i.restitution_cents,
                   coalesce(m.amount_cents, i.returned_cents) AS returned_cents, i.fee_cents,
                   i.fee_refunded_cents, i.entry_id, coalesce(a.sender_name, i.sender_name) AS sender_name,
                   coalesce(a.sender_address, i.sender_address) AS sender_address, f.received_at AS decided_at,
                   d.status AS disposition, d.by AS disposed_by, d.at AS disposed_at, d.entry_id AS disposition_entry_id,
                   a.keyed_by AS address_keyed_by, a.keyed_at AS address_keyed_at,
                   m.keyed_by AS amount_keyed_by, m.keyed_at AS amount_keyed_at, m.read_from AS amount_read_from, i.details
            FROM intake_files f
            JOIN intake_items i ON i.file_id = f.id
            LEFT JOIN return_dispositions d ON d.file_id = i.file_id AND d.sequence = i.sequence
            LEFT JOIN return_addresses a ON a.file_id = i.file_id AND a.sequence = i.sequence
            LEFT JOIN return_amounts m ON m.file_id = i.file_id AND m.sequence = i.sequence
            WHERE i.kind = 'deposit' AND (i.outcome = 'returned' OR i.returned_cents > 0)
              AND {filter.Replace("@decided", "f.received_at", StringComparison.Ordinal)}
            UNION ALL
            SELECT f.source, i.file_id, i.sequence, i.reference, i.kind, true, coalesce(r.outcome, r.status), 'keyed_' || r.action, r.reason,
                   coalesce(r.person_number, i.person_number), coalesce(rp.facility_code, i.facility_code), coalesce(m.amount_cents, r.amount_cents),
                   r.credited_cents, r.restitution_cents, coalesce(m.amount_cents, r.returned_cents), r.fee_cents, 0, r.entry_id,
                   coalesce(a.sender_name, i.sender_name), coalesce(a.sender_address, i.sender_address), coalesce(r.approved_at, r.keyed_at),
                   d.status, d.by, d.at, d.entry_id, a.keyed_by, a.keyed_at, m.keyed_by, m.keyed_at, m.read_from, i.details
            FROM review_resolutions r
            JOIN intake_items i ON i.file_id = r.file_id AND i.sequence = r.sequence AND i.outcome = 'in_review'
            JOIN intake_files f ON f.id = i.file_id
            LEFT JOIN people rp ON rp.person_number = r.person_number
            LEFT JOIN return_dispositions d ON d.file_id = i.file_id AND d.sequence = i.sequence
            LEFT JOIN return_addresses a ON a.file_id = i.file_id AND a.sequence = i.sequence
            LEFT JOIN return_amounts m ON m.file_id = i.file_id AND m.sequence = i.sequence
            WHERE r.status IN ('posted', 'returned') AND (coalesce(r.outcome, r.status) = 'returned' OR r.returned_cents > 0)
              AND {filter.Replace("@decided", "coalesce(r.approved_at, r.keyed_at)", StringComparison.Ordinal)}
        ) x
        ORDER BY x.file_id, x.sequence
        """;

    private static async Task<IReadOnlyList<ReturnItem>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var items = new List<ReturnItem>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            string? Text(string column) => r.IsDBNull(r.GetOrdinal(column)) ? null : r.GetString(r.GetOrdinal(column));
            long Cents(string column) => r.GetInt64(r.GetOrdinal(column));
            var keyed = r.GetBoolean(r.GetOrdinal("keyed"));
            var item = new IntakeItemRow
            {
                FileId = Cents("file_id"), Sequence = r.GetInt32(r.GetOrdinal("sequence")), Reference = Text("reference")!, Kind = Text("kind")!,
                Outcome = Text("outcome")!, ReasonCode = Text("reason_code"), Reason = Text("reason"), PersonNumber = Text("person_number"),
                FacilityCode = Text("facility_code"), AmountCents = Cents("amount_cents"), CreditedCents = Cents("credited_cents"),
                RestitutionCents = Cents("restitution_cents"), ReturnedCents = Cents("returned_cents"), FeeCents = Cents("fee_cents"),
                FeeRefundedCents = Cents("fee_refunded_cents"),
                EntryId = r.IsDBNull(r.GetOrdinal("entry_id")) ? null : Cents("entry_id"),
                SenderName = Text("sender_name"), SenderAddress = Text("sender_address"), Details = Text("details"),
            };
            if (keyed && item.Reason is null && item.ReturnedCents > 0)
                item.Reason = $"${Money.Usd(item.ReturnedCents).ToDecimalString()} of the ${Money.Usd(item.AmountCents).ToDecimalString()} money order is over what "
                              + "the facility accepts per deposit and is returned to you.";
            var disposition = Text("disposition") is { } status
                ? new ReturnDisposition(status, Text("disposed_by")!, r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("disposed_at")),
                    r.IsDBNull(r.GetOrdinal("disposition_entry_id")) ? null : Cents("disposition_entry_id"))
                : null;
            var addressKeyed = Text("address_keyed_by") is { } keyer
                ? new AddressKeyed(keyer, r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("address_keyed_at")))
                : null;
            var amountKeyed = Text("amount_keyed_by") is { } amountKeyer
                ? new AmountKeyed(amountKeyer, r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("amount_keyed_at")), Text("amount_read_from")!)
                : null;
            items.Add(new ReturnItem(Text("source")!, item, keyed, r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("decided_at")), Cents("payable"), disposition,
                addressKeyed, amountKeyed));
        }
        return items;
    }
}
