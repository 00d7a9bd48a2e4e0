using System.Globalization;
using Ledger.Data.Intake;
using Ledger.Data.Journal;
using Ledger.Data.ReferenceData;
using Ledger.Data.Schema;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Deposits;
using Ledger.Domain.Journal;
using Ledger.Intake.Lockbox;
using Ledger.Intake.People;
using Ledger.Intake.MoneyGram;
using Ledger.Intake.Pipeline;
using Npgsql;

namespace Ledger.Intake.Keying;

/// <summary>
/// Operations staff settle the lockbox items OCR could not: they key the amount, the person and the account (and
/// the serial when it was unreadable), or return the item with a reason. A keyed item posts through the lockbox
/// decision itself (<see cref="LockboxDecider.Deposit"/>: limit and excess, restitution, holds) under the serial's
/// idempotency key, so a money order never posts twice, however many people key it at once. Keyed amounts above
/// <see cref="KeyingOptions.FourEyesAboveCents"/> wait for a second staff member, and the server refuses the keyer
/// as approver. Every change of a resolution commits in one transaction with its journal entry and hold (and the
/// caller's <see cref="ResolutionAlongside"/> rows, e.g. the audit log), or not at all.
/// </summary>
public sealed class KeyingService(NpgsqlDataSource db, ReviewResolutionStore resolutions, JournalStore journal, FacilityDirectory directory,
    KeyingOptions options, TimeProvider clock)
{
    private const string UniqueViolation = "23505";

    /// <summary>
    /// review_resolutions has no serial column: a serial keyed because OCR could not read it waits for approval in the
    /// resolution's reason, in this form. Once posted, the serial is in the entry's idempotency key.
    /// </summary>
    private const string KeyedSerialNote = "Serial keyed from the scan: ";

    public long FourEyesAboveCents => options.FourEyesAboveCents;

    /// <summary>Keys an item: at or below the threshold it posts now; above it, it waits for another staff member's approval.</summary>
    public async Task<KeyingResult> KeyAsync(KeyedItem keyed, string keyer, ResolutionAlongside? alongside = null, CancellationToken ct = default)
    {
        if (StaffRefusal(keyer) is { } noStaff) return noStaff;
        if (keyed.AmountCents <= 0) return Invalid("invalid-amount", "The amount must be a positive number of cents.");
        if (!AccountKinds.TryParse((keyed.AccountKind ?? "").Trim().ToLowerInvariant(), out var target) || !target.IsPersonal())
            return Invalid("invalid-account", "The account must be one of trust, media, restitution.");
        var personNumber = (keyed.PersonNumber ?? "").Trim().ToUpperInvariant();
        if (personNumber.Length == 0) return Invalid("invalid-person", "Key the person number from the deposit slip.");

        var review = await resolutions.ItemAsync(LockboxIntake.Source, keyed.FileId, keyed.Sequence, ct);
        if (OpenItemRefusal(review, keyed.FileId, keyed.Sequence) is { } closed) return closed;
        var item = review!.Item;
        if (!SerialOf(item, keyed.Serial, out var serial, out var serialRefusal)) return serialRefusal!;

        var now = Now();
        // Restitution is read under the lock on the person and the entry posts before the lock ends.
        await using var held = await RestitutionLock.TakeAsync(db, [personNumber], ct);
        var decision = await DecideAsync(item, personNumber, target, Money.Usd(keyed.AmountCents), serial, now, held, ct);
        if (decision.Refusal is { } refused) return await SeenByAnotherAsync(refused, item.FileId, item.Sequence, waitingId: null, ct);
        var row = new ReviewResolutionRow
        {
            FileId = item.FileId, Sequence = item.Sequence, Action = "post", Status = "awaiting_approval", AmountCents = keyed.AmountCents,
            PersonNumber = personNumber, AccountKind = target.ToCode(), KeyedBy = keyer, KeyedAt = now,
            Reason = serial == KeyingItemSerial(item) ? null : KeyedSerialNote + serial,
        };
        alongside = KeyingAuditTrail.Then(keyer, "keying.key", now, alongside);
        return keyed.AmountCents <= options.FourEyesAboveCents
            ? await PostAsync(row, decision.Plan!, isNew: true, approver: null, now, alongside, ct)
            : await RecordAsync(row, alongside, ct);
    }

    /// <summary>A second staff member approves a keyed item: it posts now, with today's policy and the keyed values.</summary>
    public async Task<KeyingResult> ApproveAsync(long resolutionId, string approver, ResolutionAlongside? alongside = null, CancellationToken ct = default)
    {
        if (StaffRefusal(approver) is { } noStaff) return noStaff;
        var (waiting, refusal) = await WaitingAsync(resolutionId, approver, "approve", ct);
        if (refusal is not null) return refusal;
        var resolution = waiting!;
        alongside = KeyingAuditTrail.Then(approver, "keying.approve", Now(), alongside);
        if (resolution.Action == "reverse")
        {
            var reversal = await resolutions.ItemAsync(MoneyGramDecider.Source, resolution.FileId, resolution.Sequence, ct)
                ?? throw new InvalidOperationException($"Resolution {resolutionId} names item {resolution.FileId}/{resolution.Sequence}, which does not exist.");
            return await ApplyReversalAsync(resolution, reversal.Item, isNew: false, approver, alongside, ct);
        }

        var review = await resolutions.ItemAsync(LockboxIntake.Source, resolution.FileId, resolution.Sequence, ct)
            ?? throw new InvalidOperationException($"Resolution {resolutionId} names item {resolution.FileId}/{resolution.Sequence}, which does not exist.");
        var serial = resolution.Reason is { } note && note.StartsWith(KeyedSerialNote, StringComparison.Ordinal)
            ? note[KeyedSerialNote.Length..]
            : KeyingItemSerial(review.Item) ?? throw new InvalidOperationException($"Resolution {resolutionId} has no serial to post under.");
        var now = Now();
        await using var held = await RestitutionLock.TakeAsync(db, [resolution.PersonNumber!], ct);
        var decision = await DecideAsync(review.Item, resolution.PersonNumber!, AccountKinds.Parse(resolution.AccountKind!),
            Money.Usd(resolution.AmountCents), serial, now, held, ct);
        if (decision.Refusal is { } refused) return await SeenByAnotherAsync(refused, resolution.FileId, resolution.Sequence, resolution.Id, ct);
        return await PostAsync(resolution, decision.Plan!, isNew: false, approver, now, alongside, ct);
    }

    /// <summary>A second staff member refuses what was keyed: the resolution is rejected (kept, with the reason) and the item is back in the queue.</summary>
    public async Task<KeyingResult> RejectAsync(long resolutionId, string approver, string reason, ResolutionAlongside? alongside = null, CancellationToken ct = default)
    {
        if (StaffRefusal(approver) is { } noStaff) return noStaff;
        if (string.IsNullOrWhiteSpace(reason)) return Invalid("reason-required", "Say why the keyed values are rejected.");
        var (waiting, refusal) = await WaitingAsync(resolutionId, approver, "reject", ct);
        if (refusal is not null) return refusal;
        var row = waiting!;
        row.Status = "rejected";
        row.ApprovedBy = approver;
        row.ApprovedAt = Now();
        alongside = KeyingAuditTrail.Then(approver, "keying.reject", row.ApprovedAt.Value, alongside);
        row.Reason = reason.Trim();
        var settled = false;
        await InTransactionAsync(async (conn, tx) =>
        {
            settled = await ReviewResolutionStore.SettleAsync(conn, tx, row, ct);
            if (settled && alongside is not null) await alongside(conn, tx, row, ct);
        }, ct);
        return settled ? KeyingResult.Done(row) : AlreadyResolved(row.FileId, row.Sequence);
    }

    /// <summary>
    /// Returns an item instead of posting it. As lockbox intake returns an order it will not deposit: no entry, no money
    /// moves; the resolution records the amount returned (the keyed amount, else what OCR read, 0 when unread) and the
    /// reason for the letter that goes back with the money order.
    /// </summary>
    public async Task<KeyingResult> ReturnAsync(long fileId, int sequence, string reason, string staff, long? amountCents = null,
        ResolutionAlongside? alongside = null, CancellationToken ct = default)
    {
        if (StaffRefusal(staff) is { } noStaff) return noStaff;
        if (string.IsNullOrWhiteSpace(reason)) return Invalid("reason-required", "Say why the money order goes back: the sender reads it in the letter.");
        if (amountCents is <= 0) return Invalid("invalid-amount", "The amount, when keyed, must be a positive number of cents.");
        var review = await resolutions.ItemAsync(LockboxIntake.Source, fileId, sequence, ct);
        if (OpenItemRefusal(review, fileId, sequence) is { } closed) return closed;

        var amount = amountCents ?? review!.Item.AmountCents;
        var row = new ReviewResolutionRow
        {
            FileId = fileId, Sequence = sequence, Action = "return", Status = "returned", AmountCents = amount, Reason = reason.Trim(),
            KeyedBy = staff, KeyedAt = Now(), Outcome = ItemOutcome.Returned.ToCode(), ReturnedCents = amount,
        };
        return await RecordAsync(row, KeyingAuditTrail.Then(staff, "keying.return", row.KeyedAt, alongside), ct);
    }

    /// <summary>
    /// Applies a MoneyGram reversal that intake left in review: the original send's entry is reversed line for line under
    /// the reversal's own key (<c>mg:&lt;reference&gt;</c>, so it happens once). Above the four-eyes threshold it waits for a
    /// second staff member, as keyed money orders do. Refused when the send was never received or is already reversed,
    /// or when the person no longer holds the money (then only a dismissal settles it).
    /// </summary>
    public async Task<KeyingResult> ReverseAsync(long fileId, int sequence, string staff, ResolutionAlongside? alongside = null, CancellationToken ct = default)
    {
        if (StaffRefusal(staff) is { } noStaff) return noStaff;
        var review = await resolutions.ItemAsync(MoneyGramDecider.Source, fileId, sequence, ct);
        if (OpenReversalRefusal(review, fileId, sequence) is { } closed) return closed;
        var item = review!.Item;
        var row = new ReviewResolutionRow
        {
            FileId = fileId, Sequence = sequence, Action = "reverse", Status = "awaiting_approval", AmountCents = item.AmountCents,
            KeyedBy = staff, KeyedAt = Now(),
        };
        alongside = KeyingAuditTrail.Then(staff, "keying.reverse", row.KeyedAt, alongside);
        return item.AmountCents <= options.FourEyesAboveCents
            ? await ApplyReversalAsync(row, item, isNew: true, approver: null, alongside, ct)
            : await RecordAsync(row, alongside, ct);
    }

    /// <summary>Sets a MoneyGram reversal in review aside with a reason: no money moves, and the item leaves the queue.</summary>
    public async Task<KeyingResult> DismissAsync(long fileId, int sequence, string reason, string staff, ResolutionAlongside? alongside = null, CancellationToken ct = default)
    {
        if (StaffRefusal(staff) is { } noStaff) return noStaff;
        if (string.IsNullOrWhiteSpace(reason)) return Invalid("reason-required", "Say why the reversal is not applied.");
        var review = await resolutions.ItemAsync(MoneyGramDecider.Source, fileId, sequence, ct);
        if (OpenReversalRefusal(review, fileId, sequence) is { } closed) return closed;
        var row = new ReviewResolutionRow
        {
            FileId = fileId, Sequence = sequence, Action = "dismiss", Status = "dismissed", AmountCents = review!.Item.AmountCents, Reason = reason.Trim(),
            KeyedBy = staff, KeyedAt = Now(), Outcome = "dismissed",
        };
        return await RecordAsync(row, KeyingAuditTrail.Then(staff, "keying.dismiss", row.KeyedAt, alongside), ct);
    }

    private async Task<KeyingResult> ApplyReversalAsync(ReviewResolutionRow row, IntakeItemRow item, bool isNew, string? approver,
        ResolutionAlongside? alongside, CancellationToken ct)
    {
        var originalReference = OriginalReferenceOf(item);
        var found = originalReference is null
            ? new Dictionary<string, (EntryId Id, JournalEntry Entry)>()
            : await journal.FindEntriesAsync([MoneyGramDecider.KeyOf(originalReference)], ct);
        if (found.Count == 0)
            return KeyingResult.Refused(KeyingRefusal.CannotPost, "original-not-found",
                $"MoneyGram reversed {originalReference ?? "a send"}, which we have never received: there is nothing to reverse. Dismiss it with a reason.");

        var original = found.Values.First();
        var now = Now();
        var entry = LedgerEntries.Reversal(original.Id, original.Entry, MoneyGramDecider.KeyOf(item.Reference),
            $"MoneyGram {item.Reference} reverses {originalReference} (applied by operations)", now);
        var moved = false;
        PostResult result;
        try
        {
            result = await journal.PostAsync(entry, async (conn, tx, results, token) =>
            {
                if (results[0].Outcome != PostOutcome.Posted) return;
                row.Status = "reversed";
                row.Outcome = "reversed";
                row.EntryId = results[0].EntryId!.Value.Value;
                row.ApprovedBy = approver;
                row.ApprovedAt = approver is null ? null : now;
                if (isNew) await ReviewResolutionStore.InsertAsync(conn, tx, row, token);
                else if (!await ReviewResolutionStore.SettleAsync(conn, tx, row, token))
                {
                    moved = true;
                    throw new ResolutionMovedException();
                }
                if (alongside is not null) await alongside(conn, tx, row, token);
            }, ct);
        }
        catch (ResolutionMovedException) when (moved)
        {
            return AlreadyResolved(row.FileId, row.Sequence);
        }
        catch (PostgresException e) when (IsSecondLiveResolution(e))
        {
            return AlreadyResolved(row.FileId, row.Sequence);
        }

        return result.Outcome switch
        {
            PostOutcome.Posted => KeyingResult.Done(row),
            PostOutcome.Duplicate => AlreadyResolved(row.FileId, row.Sequence),
            PostOutcome.InsufficientFunds => KeyingResult.Refused(KeyingRefusal.CannotPost, "insufficient-funds",
                "The person's account no longer holds the money this reversal takes back; dismiss it with a reason (and recover the money outside the ledger)."),
            _ => KeyingResult.Refused(KeyingRefusal.CannotPost, "already-reversed", result.Detail ?? $"MoneyGram {originalReference} has been reversed already."),
        };
    }

    private static string? OriginalReferenceOf(IntakeItemRow item)
    {
        if (item.Details is null) return null;
        using var json = System.Text.Json.JsonDocument.Parse(item.Details);
        return json.RootElement.TryGetProperty("original_reference", out var r) && r.ValueKind == System.Text.Json.JsonValueKind.String ? r.GetString() : null;
    }

    private static KeyingResult? OpenReversalRefusal(ReviewItem? review, long fileId, int sequence)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{fileId}/{sequence}");
        if (review is null || review.Item.Kind != "reversal") return KeyingResult.Refused(KeyingRefusal.NotFound, "not-found", $"No MoneyGram reversal {name}.");
        if (review.Item.Outcome != ItemOutcome.InReview.ToCode())
            return KeyingResult.Refused(KeyingRefusal.NotInReview, "not-in-review", $"MoneyGram reversal {name} was {review.Item.Outcome} by intake; there is nothing to settle.");
        if (review.Resolution is not null) return AlreadyResolved(fileId, sequence);
        return null;
    }

    /// <summary>Records a resolution that moves no money (keyed and waiting, or returned); the first live one of an item wins.</summary>
    private async Task<KeyingResult> RecordAsync(ReviewResolutionRow row, ResolutionAlongside? alongside, CancellationToken ct)
    {
        try
        {
            await InTransactionAsync(async (conn, tx) =>
            {
                await ReviewResolutionStore.InsertAsync(conn, tx, row, ct);
                if (alongside is not null) await alongside(conn, tx, row, ct);
            }, ct);
        }
        catch (PostgresException e) when (IsSecondLiveResolution(e))
        {
            return AlreadyResolved(row.FileId, row.Sequence);
        }
        return KeyingResult.Done(row);
    }

    /// <summary>
    /// Posts the decided entry and, in its transaction, the resolution (inserted, or moved from awaiting approval) with
    /// the outcome and cents the decision gave, and the hold. When the serial's entry already exists (another keyer,
    /// another batch) nothing is written.
    /// </summary>
    private async Task<KeyingResult> PostAsync(ReviewResolutionRow row, ItemPlan plan, bool isNew, string? approver, DateTimeOffset now,
        ResolutionAlongside? alongside, CancellationToken ct)
    {
        var moved = false;
        PostResult result;
        try
        {
            result = await journal.PostAsync(plan.Entry!, async (conn, tx, results, token) =>
            {
                if (results[0].Outcome != PostOutcome.Posted) return;
                var entryId = results[0].EntryId!.Value.Value;
                row.Status = "posted";
                row.ApprovedBy = approver;
                row.ApprovedAt = approver is null ? null : now;
                row.EntryId = entryId;
                row.Outcome = plan.Item.Outcome;
                row.CreditedCents = plan.Item.CreditedCents;
                row.RestitutionCents = plan.Item.RestitutionCents;
                row.ReturnedCents = plan.Item.ReturnedCents;
                row.FeeCents = plan.Item.FeeCents;
                // The letter for a partly returned order explains the limit; a keyed serial stays readable in the entry's key.
                row.Reason = plan.Item.ReasonCode == "over_limit" ? plan.Item.Reason : row.Reason;
                if (isNew) await ReviewResolutionStore.InsertAsync(conn, tx, row, token);
                else if (!await ReviewResolutionStore.SettleAsync(conn, tx, row, token))
                {
                    moved = true;
                    throw new ResolutionMovedException();
                }
                if (plan.Hold is { } hold)
                {
                    await MoneyOrderHoldStore.WriteAsync(conn, tx, [new MoneyOrderHoldRow
                    {
                        EntryId = entryId, PersonNumber = hold.PersonNumber, FacilityCode = hold.FacilityCode, AccountKind = hold.AccountKind,
                        AmountCents = hold.AmountCents, ReleaseAt = hold.ReleaseAt,
                    }], token);
                }
                if (alongside is not null) await alongside(conn, tx, row, token);
            }, ct);
        }
        catch (ResolutionMovedException) when (moved)
        {
            return AlreadyResolved(row.FileId, row.Sequence);
        }
        catch (PostgresException e) when (IsSecondLiveResolution(e))
        {
            return AlreadyResolved(row.FileId, row.Sequence);
        }

        switch (result.Outcome)
        {
            case PostOutcome.Posted:
                return KeyingResult.Done(row);
            case PostOutcome.Duplicate:
                return await SeenByAnotherAsync(KeyingResult.Refused(KeyingRefusal.SerialAlreadyPosted, "serial-already-posted",
                        $"Money order {plan.Item.Reference} is already posted (entry {result.EntryId}); it is never posted twice. Return or reject this item."),
                    row.FileId, row.Sequence, isNew ? null : row.Id, ct);
            default:
                throw new InvalidOperationException($"Keyed money order {plan.Entry!.IdempotencyKey} was refused by the journal: {result.Outcome} {result.Detail}");
        }
    }

    /// <summary>
    /// A serial found posted may be this very item's, posted a moment ago by another keyer or approver who won the race:
    /// then the answer is "already resolved" (reload), not "posted before". <paramref name="waitingId"/>: the resolution
    /// being approved (null when keying).
    /// </summary>
    private async Task<KeyingResult> SeenByAnotherAsync(KeyingResult refusal, long fileId, int sequence, long? waitingId, CancellationToken ct)
    {
        if (refusal.Refusal != KeyingRefusal.SerialAlreadyPosted) return refusal;
        var live = (await resolutions.ItemAsync(LockboxIntake.Source, fileId, sequence, ct))?.Resolution;
        var moved = waitingId is null ? live is not null : live is null || live.Id != waitingId || live.Status != "awaiting_approval";
        return moved ? AlreadyResolved(fileId, sequence) : refusal;
    }

    private sealed record Decision(ItemPlan? Plan, KeyingResult? Refusal);

    /// <summary>
    /// The keyed values through the lockbox decision, as of <paramref name="at"/>: the person must be on the roster and able
    /// to receive money and the serial not posted yet; an excess over the limit without an address on record posts all the same
    /// and waits in refunds payable for its address (the returns desk).
    /// </summary>
    private async Task<Decision> DecideAsync(IntakeItemRow item, string personNumber, AccountKind target, Money amount, string serial,
        DateTimeOffset at, RestitutionLock held, CancellationToken ct)
    {
        var person = await directory.FindPersonAsync(personNumber, ct);
        if (person is null)
            return new Decision(null, KeyingResult.Refused(KeyingRefusal.CannotPost, "unknown-person", $"No person {personNumber} is on any facility's roster."));
        var restitution = new RestitutionTracker();
        restitution.Load(held.StillOwedCents);
        var decider = new LockboxDecider(await directory.FacilitiesAsync(ct), new PersonMatcher([person]), restitution, at, batchPath: "");
        if (decider.CannotReceive(person) is { } why)
            return new Decision(null, KeyingResult.Refused(KeyingRefusal.CannotPost, why.Code.Replace('_', '-'), why.Text));
        if (await journal.FindIdAsync(LockboxDecider.KeyOf(serial), ct) is { } posted)
            return new Decision(null, KeyingResult.Refused(KeyingRefusal.SerialAlreadyPosted, "serial-already-posted",
                $"Money order {serial} is already posted (entry {posted}); it is never posted twice. Return this item instead."));

        var keyed = new IntakeItemRow
        {
            FileId = item.FileId, Sequence = item.Sequence, Reference = serial, Kind = "deposit", Outcome = "", AmountCents = amount.MinorUnits,
            SenderName = item.SenderName, SenderAddress = item.SenderAddress,
        };
        var plan = decider.Deposit(keyed, person, target, amount, serial, addressReadable: item.SenderAddress is not null, () => item.Details ?? "{}");
        if (plan.Entry is null)
            return new Decision(null, KeyingResult.Refused(KeyingRefusal.CannotPost, plan.Item.ReasonCode!.Replace('_', '-'), plan.Item.Reason!));
        return new Decision(plan, null);
    }

    /// <summary>The resolution, if it waits for approval and <paramref name="staff"/> did not key it.</summary>
    private async Task<(ReviewResolutionRow? Waiting, KeyingResult? Refusal)> WaitingAsync(long id, string staff, string verb, CancellationToken ct)
    {
        var row = await resolutions.GetAsync(id, ct);
        if (row is null) return (null, KeyingResult.Refused(KeyingRefusal.NotFound, "not-found", $"No resolution {id}."));
        if (row.Status != "awaiting_approval")
            return (null, KeyingResult.Refused(KeyingRefusal.AlreadyResolved, "not-awaiting-approval", $"Resolution {id} is {row.Status}, not awaiting approval."));
        if (string.Equals(row.KeyedBy, staff, StringComparison.Ordinal))
            return (null, KeyingResult.Refused(KeyingRefusal.FourEyes, "four-eyes",
                $"{staff} keyed this item and cannot {verb} it: amounts over ${Money.Usd(options.FourEyesAboveCents).ToDecimalString()} need a second staff member."));
        return (row, null);
    }

    private static KeyingResult? OpenItemRefusal(ReviewItem? review, long fileId, int sequence)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{fileId}/{sequence}");
        if (review is null) return KeyingResult.Refused(KeyingRefusal.NotFound, "not-found", $"No lockbox item {name}.");
        if (review.Item.Outcome != ItemOutcome.InReview.ToCode())
            return KeyingResult.Refused(KeyingRefusal.NotInReview, "not-in-review", $"Lockbox item {name} was {review.Item.Outcome} by intake; there is nothing to key.");
        if (review.Resolution is not null) return AlreadyResolved(fileId, sequence);
        return null;
    }

    /// <summary>The serial to post under: the one OCR read with confidence, or the keyed one when OCR could not read it.</summary>
    private static bool SerialOf(IntakeItemRow item, string? keyedSerial, out string serial, out KeyingResult? refusal)
    {
        var read = KeyingItemSerial(item);
        var keyed = new string((keyedSerial ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        refusal = null;
        serial = "";
        if (keyed.Length == 0)
        {
            if (read is null)
            {
                refusal = Invalid("serial-required", "OCR could not read the money order's serial number: key it from the scan.");
                return false;
            }
            serial = read;
            return true;
        }
        if (keyed.Length is < 6 or > 30 || !keyed.All(char.IsAsciiLetterOrDigit))
        {
            refusal = Invalid("invalid-serial", "A serial number is 6 to 30 letters and digits.");
            return false;
        }
        // A serial OCR read twice alike is not overridden: typing another one would step around the check that an order posts once.
        if (read is not null && read != keyed)
        {
            refusal = Invalid("serial-mismatch", $"OCR read serial {read} with confidence; the keyed {keyed} differs. If the scan shows otherwise, return the item.");
            return false;
        }
        serial = keyed;
        return true;
    }

    /// <summary>Now at PostgreSQL's precision (microseconds), so what is returned equals what is stored.</summary>
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % 10, TimeSpan.Zero);
    }

    private static string? KeyingItemSerial(IntakeItemRow item) => item.Reference.StartsWith("item:", StringComparison.Ordinal) ? null : item.Reference;

    private static KeyingResult? StaffRefusal(string staff) =>
        string.IsNullOrWhiteSpace(staff) || staff.Length > 200 ? Invalid("invalid-staff", "Who is acting must be known (the signed-in staff member).") : null;

    private static KeyingResult Invalid(string code, string detail) => KeyingResult.Refused(KeyingRefusal.InvalidInput, code, detail);

    private static KeyingResult AlreadyResolved(long fileId, int sequence) => KeyingResult.Refused(KeyingRefusal.AlreadyResolved, "already-resolved",
        string.Create(CultureInfo.InvariantCulture, $"Lockbox item {fileId}/{sequence} has been resolved by someone else in the meantime; reload the queue."));

    private static bool IsSecondLiveResolution(PostgresException e) => e.SqlState == UniqueViolation && e.ConstraintName == ReviewResolutionStore.OneLivePerItem;

    private async Task InTransactionAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task> work, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await work(conn, tx);
        await tx.CommitAsync(ct);
    }

    /// <summary>Rolls the entry back when the resolution was approved or rejected by someone else while this approval posted.</summary>
    private sealed class ResolutionMovedException : Exception;
}
