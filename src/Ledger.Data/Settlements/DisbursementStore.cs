using System.Globalization;
using System.Text;
using Ledger.Data.Intake;
using Ledger.Data.Journal;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Deposits;
using Ledger.Domain.Journal;
using Npgsql;

namespace Ledger.Data.Settlements;

public sealed record DisbursementRow(
    long Id, string Kind, string SourceKey, string PayeeName, string? PayeeAddress, string FacilityCode, string? PersonNumber, long AmountCents,
    bool RequiresApproval, string Status, long? CheckNumber, string CreatedBy, DateTimeOffset CreatedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt,
    DateTimeOffset? IssuedAt, long? EntryId, string? VoidedBy, DateTimeOffset? VoidedAt, string? VoidReason, long? VoidEntryId,
    DateOnly? PeriodStart = null, DateOnly? PeriodEnd = null);

/// <summary>What a court remittance pays out of one person's restitution account.</summary>
public sealed record CourtRemittanceLine(string PersonNumber, long AmountCents);

public static class DisbursementKinds
{
    public const string ReleaseBalance = "release_balance";
    public const string RefundCheck = "refund_check";
    public const string CourtRemittance = "court_remittance";
}

/// <summary>A disbursement, or why not: a code (four-eyes, not-found, …) and the words for it.</summary>
public sealed record DisbursementOutcome(DisbursementRow? Row, string? Refusal = null, string? Detail = null);

public static class DisbursementStatus
{
    public const string PendingApproval = "pending_approval";
    public const string Issued = "issued";
    public const string Voided = "voided";
}

/// <summary>Runs inside a disbursement's transaction (e.g. its audit row), so the change and its record commit together.</summary>
public delegate Task DisbursementAlongside(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct);

/// <summary>
/// Money leaving the trust bank account by check. A released person's trust balance is paid to them whole: the check is
/// issued (entry <c>disbursement:&lt;id&gt;</c>: the person's trust → bank, a check number from a sequence) at once when it is at
/// or below the four-eyes threshold, otherwise when another member of staff approves it (the server refuses the creator,
/// and so does the database: CHECK approved_by &lt;&gt; created_by). A voided check is reversed line for line
/// (<c>disbursement-void:&lt;id&gt;</c>), giving the person their balance back. A refund check pays back what a deposited
/// money order's excess put in refunds payable, to the sender on the slip, through the returns desk's refund (the same
/// entry and disposition as the Returns page: <c>refund:&lt;file&gt;:&lt;sequence&gt;</c>, once), with the same four-eyes.
/// The bank's positive-pay file lists the checks.
/// </summary>
public sealed class DisbursementStore(NpgsqlDataSource db, JournalStore journal, ReturnsDesk returns, TimeProvider clock)
{
    private const string Columns = """
        id, kind, source_key, payee_name, payee_address, facility_code, person_number, amount_cents, requires_approval, status, check_number,
        created_by, created_at, approved_by, approved_at, issued_at, entry_id, voided_by, voided_at, void_reason, void_entry_id, period_start, period_end
        """;

    public async Task<DisbursementOutcome> CreateReleaseBalanceAsync(string personNumber, string payeeName, string? payeeAddress, string createdBy,
        long fourEyesAboveCents, DisbursementAlongside? audit, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(payeeName)) return new(null, "invalid-payee", "A check needs a payee name.");
        string facility, status;
        long balance;
        await using (var cmd = db.CreateCommand("""
            SELECT p.facility_code, p.status, coalesce(a.balance_cents, 0) FROM people p
            LEFT JOIN accounts a ON a.owner_type = 'person' AND a.owner_code = p.person_number AND a.kind = 'trust' AND a.currency = 'USD'
            WHERE p.person_number = @p
            """))
        {
            cmd.Parameters.AddWithValue("p", personNumber);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return new(null, "unknown-person", $"No person {personNumber} is on any roster.");
            (facility, status, balance) = (r.GetString(0), r.GetString(1), r.GetInt64(2));
        }
        if (status != "released") return new(null, "person-not-released", $"{personNumber} is {status}: only a released person's trust balance is paid out.");
        if (balance <= 0) return new(null, "nothing-to-pay", $"{personNumber}'s trust account holds nothing.");

        DisbursementRow row;
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await using var cmd = new NpgsqlCommand($"""
                INSERT INTO disbursements (kind, source_key, payee_name, payee_address, facility_code, person_number, amount_cents, requires_approval, status, created_by, created_at)
                VALUES ('release_balance', @key, @payee, @address, @fac, @person, @amount, @approval, 'pending_approval', @by, @at)
                ON CONFLICT (source_key) WHERE status <> 'voided' DO NOTHING
                RETURNING {Columns}
                """, conn, tx);
            cmd.Parameters.AddWithValue("key", "release:" + personNumber);
            cmd.Parameters.AddWithValue("payee", payeeName.Trim());
            cmd.Parameters.Add(new NpgsqlParameter<string?>("address", payeeAddress) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            cmd.Parameters.AddWithValue("fac", facility);
            cmd.Parameters.AddWithValue("person", personNumber);
            cmd.Parameters.AddWithValue("amount", balance);
            cmd.Parameters.AddWithValue("approval", balance > fourEyesAboveCents);
            cmd.Parameters.AddWithValue("by", createdBy);
            cmd.Parameters.AddWithValue("at", clock.GetUtcNow());
            var rows = await ReadAsync(cmd, ct);
            if (rows.Count == 0)
                return new(null, "already-disbursed", $"{personNumber}'s release balance has a live disbursement already; void it first to pay again.");
            row = rows[0];
            if (audit is not null) await audit(conn, tx, ct);
            await tx.CommitAsync(ct);
        }
        return row.RequiresApproval ? new(row) : await IssueAsync(row, null, null, ct);
    }

    public async Task<DisbursementOutcome> CreateRefundCheckAsync(long fileId, int sequence, string createdBy, long fourEyesAboveCents,
        DisbursementAlongside? audit, CancellationToken ct)
    {
        var item = await returns.FindAsync(fileId, sequence, ct);
        if (item is null) return new(null, "not-found", $"No returned item {sequence} in file {fileId}.");
        if (item.Source != "lockbox") return new(null, "not-a-check", "MoneyGram pays its senders back itself: refund it on the Returns page.");
        if (item.Disposition is not null) return new(null, "already-disbursed", $"Item {sequence} of file {fileId} is {item.Disposition.Status} already.");
        if (item.PayableCents <= 0) return new(null, "nothing-to-pay", $"Item {sequence} of file {fileId} holds nothing in refunds payable.");
        if (item.AwaitsAddress)
            return new(null, "address-not-confirmed", $"Item {sequence} of file {fileId}: the sender's address was not confirmed by OCR and no one has keyed it; "
                                                      + "confirm or key it on the Returns page first.");
        if (string.IsNullOrWhiteSpace(item.Item.SenderName) || string.IsNullOrWhiteSpace(item.Item.SenderAddress))
            return new(null, "no-payee", "The slip gave no sender name and address to mail a check to.");

        DisbursementRow row;
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await using var cmd = new NpgsqlCommand($"""
                INSERT INTO disbursements (kind, source_key, payee_name, payee_address, facility_code, person_number, amount_cents, requires_approval, status, created_by, created_at)
                VALUES ('refund_check', @key, @payee, @address, @fac, NULL, @amount, @approval, 'pending_approval', @by, @at)
                ON CONFLICT (source_key) WHERE status <> 'voided' DO NOTHING
                RETURNING {Columns}
                """, conn, tx);
            cmd.Parameters.AddWithValue("key", ReturnsDesk.RefundKeyOf(fileId, sequence));
            cmd.Parameters.AddWithValue("payee", item.Item.SenderName!);
            cmd.Parameters.AddWithValue("address", item.Item.SenderAddress!);
            cmd.Parameters.AddWithValue("fac", item.Item.FacilityCode ?? "");
            cmd.Parameters.AddWithValue("amount", item.PayableCents);
            cmd.Parameters.AddWithValue("approval", item.PayableCents > fourEyesAboveCents);
            cmd.Parameters.AddWithValue("by", createdBy);
            cmd.Parameters.AddWithValue("at", clock.GetUtcNow());
            var rows = await ReadAsync(cmd, ct);
            if (rows.Count == 0) return new(null, "already-disbursed", $"Item {sequence} of file {fileId} has a refund check already.");
            row = rows[0];
            if (audit is not null) await audit(conn, tx, ct);
            await tx.CommitAsync(ct);
        }
        return row.RequiresApproval ? new(row) : await IssueAsync(row, null, null, ct);
    }

    /// <summary>
    /// Restitution paid to the court for a facility: for each person held there, what their restitution account collected up
    /// to the end of the period (UTC day <paramref name="periodEnd"/>, or now if that is earlier) and no issued remittance has
    /// paid yet, never more than the account holds. The period starts where the facility's last issued remittance ended.
    /// One check to the court with one line per person, under the same four-eyes as every disbursement; issuing it debits each
    /// person's restitution account, and what it paid still counts as collected toward their obligation (Restitution.StillOwed).
    /// </summary>
    public async Task<DisbursementOutcome> CreateCourtRemittanceAsync(string facilityCode, DateOnly periodEnd, string payeeName, string? payeeAddress,
        string createdBy, long fourEyesAboveCents, DisbursementAlongside? audit, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(payeeName)) return new(null, "invalid-payee", "A check needs a payee name (the court or its clerk).");
        var now = clock.GetUtcNow();
        if (periodEnd > DateOnly.FromDateTime(now.UtcDateTime)) return new(null, "period-not-ended", $"The period ending {periodEnd:yyyy-MM-dd} has not ended.");
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        DateOnly? previousEnd;
        long remittances;
        await using (var cmd = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM facilities WHERE code = @f),
                   (SELECT max(period_end) FROM disbursements WHERE kind = 'court_remittance' AND facility_code = @f AND status = 'issued'),
                   (SELECT count(*) FROM disbursements WHERE kind = 'court_remittance' AND facility_code = @f)
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("f", facilityCode);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            if (!r.GetBoolean(0)) return new(null, "not-found", $"No facility {facilityCode}.");
            previousEnd = r.IsDBNull(1) ? null : r.GetFieldValue<DateOnly>(1);
            remittances = r.GetInt64(2);
        }
        if (previousEnd is { } before && periodEnd < before)
            return new(null, "period-already-remitted", $"{facilityCode}'s restitution was remitted to the court up to {before:yyyy-MM-dd} already.");

        var cutoff = new DateTimeOffset(periodEnd.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (cutoff > now) cutoff = now;
        var lines = new List<CourtRemittanceLine>();
        // Collected before the cutoff, leaving out court remittances and their voids, less what issued remittances paid.
        await using (var cmd = new NpgsqlCommand($$"""
            WITH court AS (
                SELECT entry_id AS id FROM disbursements WHERE kind = 'court_remittance' AND entry_id IS NOT NULL
                UNION ALL SELECT void_entry_id FROM disbursements WHERE kind = 'court_remittance' AND void_entry_id IS NOT NULL
            ), held AS (
                SELECT a.owner_code AS person_number, a.balance_cents,
                       coalesce(sum(p.amount_cents) FILTER (WHERE p.posted_at < @cutoff AND NOT EXISTS (SELECT 1 FROM court c WHERE c.id = p.entry_id)), 0)::bigint AS collected
                FROM people h
                JOIN accounts a ON a.owner_type = 'person' AND a.owner_code = h.person_number AND a.kind = 'restitution' AND a.currency = 'USD'
                LEFT JOIN postings p ON p.account_id = a.id
                WHERE h.facility_code = @f
                GROUP BY a.owner_code, a.balance_cents
            )
            SELECT person_number, least(balance_cents, collected - {{Ledger.Data.Intake.RestitutionLock.RemittedCentsSql("held.person_number")}})::bigint
            FROM held ORDER BY person_number
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("f", facilityCode);
            cmd.Parameters.AddWithValue("cutoff", cutoff);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                if (r.GetInt64(1) > 0) lines.Add(new CourtRemittanceLine(r.GetString(0), r.GetInt64(1)));
        }
        var amount = lines.Sum(l => l.AmountCents);
        if (amount <= 0) return new(null, "nothing-to-pay", $"No restitution collected at {facilityCode} up to {periodEnd:yyyy-MM-dd} is waiting to be remitted.");

        DisbursementRow row;
        await using (var cmd = new NpgsqlCommand($"""
            INSERT INTO disbursements (kind, source_key, payee_name, payee_address, facility_code, person_number, amount_cents, requires_approval, status,
                created_by, created_at, period_start, period_end)
            VALUES ('court_remittance', @key, @payee, @address, @fac, NULL, @amount, @approval, 'pending_approval', @by, @at, @start, @end)
            ON CONFLICT DO NOTHING
            RETURNING {Columns}
            """, conn, tx))
        {
            // Numbered per facility: remittances follow one another (one waits for approval at a time, the index says so).
            cmd.Parameters.AddWithValue("key", string.Create(CultureInfo.InvariantCulture, $"court:{facilityCode}:{periodEnd:yyyy-MM-dd}:{remittances + 1}"));
            cmd.Parameters.AddWithValue("payee", payeeName.Trim());
            cmd.Parameters.Add(new NpgsqlParameter<string?>("address", payeeAddress) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            cmd.Parameters.AddWithValue("fac", facilityCode);
            cmd.Parameters.AddWithValue("amount", amount);
            cmd.Parameters.AddWithValue("approval", amount > fourEyesAboveCents);
            cmd.Parameters.AddWithValue("by", createdBy);
            cmd.Parameters.AddWithValue("at", now);
            cmd.Parameters.Add(new NpgsqlParameter<DateOnly?>("start", previousEnd) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
            cmd.Parameters.AddWithValue("end", periodEnd);
            var rows = await ReadAsync(cmd, ct);
            if (rows.Count == 0)
                return new(null, "already-disbursed", $"{facilityCode} has a court remittance waiting for approval; approve or void it first.");
            row = rows[0];
        }
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO court_remittance_lines (disbursement_id, person_number, amount_cents) SELECT @id, * FROM unnest(@people, @amounts)
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("id", row.Id);
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("people", lines.Select(l => l.PersonNumber).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<long[]>("amounts", lines.Select(l => l.AmountCents).ToArray()));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        if (audit is not null) await audit(conn, tx, ct);
        await tx.CommitAsync(ct);
        return row.RequiresApproval ? new(row) : await IssueAsync(row, null, null, ct);
    }

    /// <summary>The people a court remittance pays for, and how much of each one's restitution.</summary>
    public async Task<IReadOnlyList<CourtRemittanceLine>> LinesAsync(long disbursementId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT person_number, amount_cents FROM court_remittance_lines WHERE disbursement_id = @id ORDER BY person_number");
        cmd.Parameters.AddWithValue("id", disbursementId);
        var lines = new List<CourtRemittanceLine>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) lines.Add(new CourtRemittanceLine(r.GetString(0), r.GetInt64(1)));
        return lines;
    }

    /// <summary>Approves and issues a disbursement that waits for a second person; the creator may not approve it.</summary>
    public async Task<DisbursementOutcome> ApproveAsync(long id, string approver, DisbursementAlongside? audit, CancellationToken ct)
    {
        var row = await FindAsync(id, ct);
        if (row is null) return new(null, "not-found", $"No disbursement {id}.");
        if (row.Status != DisbursementStatus.PendingApproval) return new(row, "not-pending", $"Disbursement {id} is {row.Status}.");
        if (row.CreatedBy == approver) return new(row, "four-eyes", $"Disbursement {id} was created by {approver}: another member of staff must approve it.");
        return await IssueAsync(row, approver, audit, ct);
    }

    private async Task<DisbursementOutcome> IssueAsync(DisbursementRow row, string? approver, DisbursementAlongside? audit, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (row.Kind == DisbursementKinds.RefundCheck) return await IssueRefundCheckAsync(row, approver, audit, now, ct);
        var entry = row.Kind == DisbursementKinds.CourtRemittance
            ? LedgerEntries.CourtRemittance(row.Id, (await LinesAsync(row.Id, ct)).Select(l => (l.PersonNumber, Money.Usd(l.AmountCents))).ToList(),
                $"Check to {row.PayeeName}: restitution collected at {row.FacilityCode} up to {row.PeriodEnd:yyyy-MM-dd}", now)
            : LedgerEntries.ReleaseBalanceCheck(row.Id, row.PersonNumber!, Money.Usd(row.AmountCents), $"Check to {row.PayeeName}: trust balance of released {row.PersonNumber}", now);
        var updated = false;
        var result = await journal.PostAsync(entry, async (conn, tx, results, token) =>
        {
            if (results[0].Outcome != PostOutcome.Posted) return;
            await using var cmd = new NpgsqlCommand("""
                UPDATE disbursements SET status = 'issued', approved_by = @by, approved_at = CASE WHEN @by::text IS NULL THEN NULL ELSE @at END,
                    issued_at = @at, entry_id = @entry, check_number = nextval('disbursement_check_numbers')
                WHERE id = @id AND status = 'pending_approval'
                """, conn, tx);
            cmd.Parameters.AddWithValue("id", row.Id);
            cmd.Parameters.Add(new NpgsqlParameter<string?>("by", approver) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            cmd.Parameters.AddWithValue("at", now);
            cmd.Parameters.AddWithValue("entry", results[0].EntryId!.Value.Value);
            updated = await cmd.ExecuteNonQueryAsync(token) == 1;
            if (!updated) throw new InvalidOperationException($"Disbursement {row.Id} changed while it was issued.");
            if (audit is not null) await audit(conn, tx, token);
        }, ct);
        if (result.Outcome == PostOutcome.InsufficientFunds)
            return new(row, "balance-changed", row.Kind == DisbursementKinds.CourtRemittance
                ? $"A restitution account at {row.FacilityCode} no longer holds what this remittance would pay from it ({result.Detail}); void it and create it again."
                : $"{row.PersonNumber}'s trust account no longer holds {Money.Usd(row.AmountCents).ToDecimalString()}; void nothing, create it again.");
        var current = await FindAsync(row.Id, ct);
        return result.Outcome == PostOutcome.Duplicate ? new(current, "not-pending", $"Disbursement {row.Id} was issued already.") : new(current);
    }

    /// <summary>The returns desk's refund (entry and disposition) and the check, in one transaction.</summary>
    private async Task<DisbursementOutcome> IssueRefundCheckAsync(DisbursementRow row, string? approver, DisbursementAlongside? audit, DateTimeOffset now, CancellationToken ct)
    {
        var parts = row.SourceKey.Split(':');
        var (fileId, sequence) = (long.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
        var refunded = await returns.RefundAsync(fileId, sequence, approver ?? row.CreatedBy, async (conn, tx, token) =>
        {
            await using var cmd = new NpgsqlCommand("""
                UPDATE disbursements SET status = 'issued', approved_by = @by, approved_at = CASE WHEN @by::text IS NULL THEN NULL ELSE @at END,
                    issued_at = @at, entry_id = (SELECT entry_id FROM return_dispositions WHERE file_id = @file AND sequence = @sequence),
                    check_number = nextval('disbursement_check_numbers')
                WHERE id = @id AND status = 'pending_approval' AND amount_cents = @amount
                """, conn, tx);
            cmd.Parameters.AddWithValue("id", row.Id);
            cmd.Parameters.Add(new NpgsqlParameter<string?>("by", approver) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            cmd.Parameters.AddWithValue("at", now);
            cmd.Parameters.AddWithValue("file", fileId);
            cmd.Parameters.AddWithValue("sequence", sequence);
            cmd.Parameters.AddWithValue("amount", row.AmountCents);
            if (await cmd.ExecuteNonQueryAsync(token) != 1) throw new InvalidOperationException($"Disbursement {row.Id} changed while it was issued.");
            if (audit is not null) await audit(conn, tx, token);
        }, ct);
        var current = await FindAsync(row.Id, ct);
        return refunded.Outcome == DispositionOutcome.Recorded ? new(current)
            : new(current, "not-pending", $"Item {sequence} of file {fileId} could not be refunded now ({refunded.Outcome}).");
    }

    /// <summary>
    /// Voids an issued check: its entry is reversed line for line and the bank's positive pay marks it void. A release-balance
    /// check gives the person their balance back; a court remittance gives each person's restitution account what it paid (and
    /// it no longer counts as remitted); a refund check's refund entry is reversed and its return is back to awaiting refund.
    /// One still waiting for approval is cancelled (voided with no entry: it moved no money), so it can be created again.
    /// </summary>
    public async Task<DisbursementOutcome> VoidAsync(long id, string by, string reason, DisbursementAlongside? audit, CancellationToken ct)
    {
        var row = await FindAsync(id, ct);
        if (row is null) return new(null, "not-found", $"No disbursement {id}.");
        if (row.Status == DisbursementStatus.Voided) return new(row, "not-issued", $"Disbursement {id} is voided already.");
        if (string.IsNullOrWhiteSpace(reason)) return new(row, "reason-required", "Say why the check is voided.");
        if (row.Status == DisbursementStatus.PendingApproval) return await CancelAsync(row, by, reason, audit, ct);
        string key;
        await using (var find = db.CreateCommand("SELECT idempotency_key FROM journal_entries WHERE id = @id"))
        {
            find.Parameters.AddWithValue("id", row.EntryId!.Value);
            key = (string)(await find.ExecuteScalarAsync(ct))!;
        }
        var (entryId, original) = (await journal.FindEntriesAsync([key], ct))[key];
        var now = clock.GetUtcNow();
        var result = await journal.PostAsync(LedgerEntries.DisbursementVoid(entryId, original, row.Id, $"Check {row.CheckNumber} voided: {reason}", now),
            async (conn, tx, results, token) =>
            {
                if (results[0].Outcome != PostOutcome.Posted) return;
                await using var cmd = new NpgsqlCommand("""
                    UPDATE disbursements SET status = 'voided', voided_by = @by, voided_at = @at, void_reason = @reason, void_entry_id = @entry
                    WHERE id = @id AND status = 'issued'
                    """, conn, tx);
                cmd.Parameters.AddWithValue("id", row.Id);
                cmd.Parameters.AddWithValue("by", by);
                cmd.Parameters.AddWithValue("at", now);
                cmd.Parameters.AddWithValue("reason", reason.Trim());
                cmd.Parameters.AddWithValue("entry", results[0].EntryId!.Value.Value);
                if (await cmd.ExecuteNonQueryAsync(token) != 1) throw new InvalidOperationException($"Disbursement {row.Id} changed while it was voided.");
                if (row.Kind == DisbursementKinds.RefundCheck)
                {
                    var parts = row.SourceKey.Split(':');
                    await ReturnsDesk.ReopenRefundAsync(conn, tx, long.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture),
                        entryId.Value, token);
                }
                if (audit is not null) await audit(conn, tx, token);
            }, ct);
        var current = await FindAsync(row.Id, ct);
        return result.Outcome == PostOutcome.Posted ? new(current) : new(current, "not-issued", $"Disbursement {row.Id} was voided already.");
    }

    private async Task<DisbursementOutcome> CancelAsync(DisbursementRow row, string by, string reason, DisbursementAlongside? audit, CancellationToken ct)
    {
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await using var cmd = new NpgsqlCommand("""
                UPDATE disbursements SET status = 'voided', voided_by = @by, voided_at = @at, void_reason = @reason
                WHERE id = @id AND status = 'pending_approval'
                """, conn, tx);
            cmd.Parameters.AddWithValue("id", row.Id);
            cmd.Parameters.AddWithValue("by", by);
            cmd.Parameters.AddWithValue("at", clock.GetUtcNow());
            cmd.Parameters.AddWithValue("reason", reason.Trim());
            if (await cmd.ExecuteNonQueryAsync(ct) != 1) return new(await FindAsync(row.Id, ct), "not-pending", $"Disbursement {row.Id} was approved or voided meanwhile.");
            if (audit is not null) await audit(conn, tx, ct);
            await tx.CommitAsync(ct);
        }
        return new(await FindAsync(row.Id, ct));
    }

    public async Task<DisbursementRow?> FindAsync(long id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM disbursements WHERE id = @id");
        cmd.Parameters.AddWithValue("id", id);
        return (await ReadAsync(cmd, ct)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<DisbursementRow>> ListAsync(string? status, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM disbursements WHERE @s::text IS NULL OR status = @s ORDER BY id DESC LIMIT 500");
        cmd.Parameters.Add(new NpgsqlParameter<string?>("s", status) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await ReadAsync(cmd, ct);
    }

    /// <summary>
    /// Positive pay for the bank: every check issued or voided on the UTC day, so the bank pays only checks we wrote, for
    /// the amount and payee we wrote (<c>account,check_number,issue_date,amount,payee,void</c>; void = V).
    /// </summary>
    public async Task<string> PositivePayCsvAsync(DateOnly day, string account, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns} FROM disbursements
            WHERE check_number IS NOT NULL AND ((issued_at >= @from AND issued_at < @to) OR (voided_at >= @from AND voided_at < @to))
            ORDER BY check_number
            """);
        cmd.Parameters.AddWithValue("from", new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        cmd.Parameters.AddWithValue("to", new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var sb = new StringBuilder("account_number,check_number,issue_date,amount,payee,void\n");
        foreach (var r in await ReadAsync(cmd, ct))
        {
            var payee = r.PayeeName.Contains(',', StringComparison.Ordinal) || r.PayeeName.Contains('"', StringComparison.Ordinal)
                ? "\"" + r.PayeeName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : r.PayeeName;
            sb.Append(CultureInfo.InvariantCulture, $"{account},{r.CheckNumber},{r.IssuedAt!.Value.UtcDateTime:yyyy-MM-dd},{SettlementFileReader.D(r.AmountCents)},{payee},{(r.Status == DisbursementStatus.Voided ? "V" : "")}\n");
        }
        return sb.ToString();
    }

    private static async Task<List<DisbursementRow>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var rows = new List<DisbursementRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new DisbursementRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6), r.GetInt64(7), r.GetBoolean(8), r.GetString(9), r.IsDBNull(10) ? null : r.GetInt64(10), r.GetString(11),
                r.GetFieldValue<DateTimeOffset>(12), r.IsDBNull(13) ? null : r.GetString(13), r.IsDBNull(14) ? null : r.GetFieldValue<DateTimeOffset>(14),
                r.IsDBNull(15) ? null : r.GetFieldValue<DateTimeOffset>(15), r.IsDBNull(16) ? null : r.GetInt64(16), r.IsDBNull(17) ? null : r.GetString(17),
                r.IsDBNull(18) ? null : r.GetFieldValue<DateTimeOffset>(18), r.IsDBNull(19) ? null : r.GetString(19), r.IsDBNull(20) ? null : r.GetInt64(20),
                r.IsDBNull(21) ? null : r.GetFieldValue<DateOnly>(21), r.IsDBNull(22) ? null : r.GetFieldValue<DateOnly>(22)));
        return rows;
    }
}
