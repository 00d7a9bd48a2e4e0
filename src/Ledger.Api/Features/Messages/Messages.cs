using Hangfire;
using Ledger.Api.Auth;
using Ledger.Api.Features.Accounts;
using Ledger.Api.Features.Deposits;
using Ledger.Api.Infrastructure;
using Ledger.Data.Journal;
using Ledger.Data.Services;
using Ledger.Data.Settlements;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Deposits;
using Ledger.Domain.Journal;
using Mediator;
using Npgsql;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Api.Features.Messages;

public static class MessageStatus
{
    public const string PendingPayment = "pending_payment";
    /// <summary>A family's message whose card payment the processor has not confirmed yet: nothing is charged, nothing delivered.</summary>
    public const string AwaitingPayment = "awaiting_payment";
    /// <summary>The processor refused the family's card token (made up, used): never delivered, nothing charged.</summary>
    public const string PaymentRefused = "payment_refused";
    /// <summary>The processor declined the card: never delivered, nothing charged.</summary>
    public const string PaymentDeclined = "payment_declined";
    /// <summary>The stamps' payment was refunded or charged back before delivery: the charge reversed, never delivered.</summary>
    public const string PaymentReversed = "payment_reversed";
    public const string InScreening = "in_screening";
    public const string Approved = "approved";
    public const string Delivered = "delivered";
    public const string Rejected = "rejected";
    public const string RefusedInsufficientFunds = "refused_insufficient_funds";
}

public static class Stamps
{
    public const int CharactersPerStamp = 6_000;
    public const int MaxCharacters = 100_000;

    /// <summary>Characters are Unicode scalar values (an emoji is one, not two UTF-16 units).</summary>
    public static int Characters(string body) => body.EnumerateRunes().Count();

    /// <summary>One stamp per 6,000 characters or part of it.</summary>
    public static int For(int characters) => characters <= 0 ? 0 : (characters + CharactersPerStamp - 1) / CharactersPerStamp;
}

/// <summary>A family writes to a person (personNumber, paid by card); a resident writes to a family (familySubject, paid from media).</summary>
public sealed record SendMessageRequest(string? PersonNumber, string? FamilySubject, string Body, string? AuthorizationReference);

public sealed record MessageView(long Id, string Direction, string FacilityCode, string PersonNumber, string FamilySubject, string Status,
    int Characters, int Stamps, long StampPriceCents, long TotalCents, string PaidBy, string? RejectionReason,
    DateTimeOffset CreatedAt, DateTimeOffset? DeliverAfter, DateTimeOffset? DeliveredAt, DateTimeOffset? ReadAt, string? Body)
{
    public static MessageView Of(MessageRow m, bool withBody) => new(m.Id, m.Direction, m.FacilityCode, m.PersonNumber, m.FamilySubject, m.Status,
        m.Characters, m.Stamps, m.StampPriceCents, m.Stamps * m.StampPriceCents, m.PaidBy, m.RejectionReason, m.CreatedAt, m.DeliverAfter,
        m.DeliveredAt, m.ReadAt, withBody ? m.Body : null);
}

public sealed record SendMessageCommand(Actor Actor, string IdempotencyKey, SendMessageRequest Request) : ICommand<Result<MessageView>>;

public sealed class SendMessageHandler(ServicesDbContext db, LedgerDirectory directory, JournalStore journal, CardPaidStamps cardStamps, TimeProvider clock)
    : ICommandHandler<SendMessageCommand, Result<MessageView>>
{
    public async ValueTask<Result<MessageView>> Handle(SendMessageCommand command, CancellationToken ct)
    {
        var (actor, key, request) = command;
        var body = request.Body ?? "";
        var characters = Stamps.Characters(body);
        if (characters == 0 || string.IsNullOrWhiteSpace(body)) return Problems.Invalid("empty-message", "A message needs a body.");
        if (characters > Stamps.MaxCharacters) return Problems.Invalid("message-too-long", $"A message has at most {Stamps.MaxCharacters} characters.");

        string personNumber, family, direction, paidBy;
        if (actor.IsFamily)
        {
            personNumber = (request.PersonNumber ?? "").Trim().ToUpperInvariant();
            family = actor.Subject;
            direction = "to_resident";
            paidBy = "family_card";
            var auth = request.AuthorizationReference ?? "";
            if (CardDepositRules.LooksLikeCardNumber(auth))
                return Problems.Invalid("card-number-refused", "authorizationReference looks like a card number; send the card processor's single-use card token.");
            if (auth.Length is 0 or > 64) return Problems.Invalid("invalid-authorization-reference", "Stamps bought by card need the card processor's single-use card token as authorizationReference.");
        }
        else
        {
            personNumber = actor.Subject;
            family = request.FamilySubject ?? "";
            direction = "to_family";
            paidBy = "resident_media";
        }
        if (!await db.Contacts.AnyAsync(c => c.FamilySubject == family && c.PersonNumber == personNumber, ct))
            return Problems.Forbidden("Messages go only between a family and a person it is an approved contact of.");
        var person = await directory.FindPersonAsync(personNumber, ct);
        if (person is null || !person.CanReceiveDeposits) return Problems.Invalid("person-not-in-custody", $"{personNumber} is not in custody.");
        var facility = (await directory.FacilityAsync(person.FacilityCode, ct))!;

        var hash = Idempotency.Hash(request);
        var stamps = Stamps.For(characters);
        // A family's stamps are paid at the card processor: the message waits for its confirmation (CardPaidStamps).
        var byCard = actor.IsFamily && stamps * facility.Policy.StampPrice.MinorUnits > 0;
        var row = await IdempotentRows.InsertOrFindAsync(db, db.Messages, new MessageRow
        {
            FacilityCode = person.FacilityCode, PersonNumber = personNumber, FamilySubject = family, Direction = direction,
            SenderSubject = actor.Subject, IdempotencyKey = key, RequestHash = hash, Body = body, Characters = characters,
            Stamps = stamps, StampPriceCents = facility.Policy.StampPrice.MinorUnits, PaidBy = paidBy,
            Status = byCard ? MessageStatus.AwaitingPayment : MessageStatus.PendingPayment, CreatedAt = clock.Now(),
        }, m => m.SenderSubject == actor.Subject && m.IdempotencyKey == key, ct);
        if (row.RequestHash != hash) return Problems.IdempotencyMismatch();

        // A family's message left unpaid before stamps went through the processor is paid the same way (never from card clearing alone).
        if (row.Status == MessageStatus.PendingPayment && row.PaidBy == "family_card" && row.StampPriceCents > 0)
        {
            await db.Messages.Where(m => m.Id == row.Id && m.Status == MessageStatus.PendingPayment)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.AwaitingPayment), ct);
            await db.Entry(row).ReloadAsync(ct);
        }
        if (row.Status == MessageStatus.AwaitingPayment)
        {
            var started = await cardStamps.StartAsync(row, request.AuthorizationReference!, ct);
            if (!started.IsSuccess) return started.Problem!;
            await db.Entry(row).ReloadAsync(ct);
        }
        if (row.Status == MessageStatus.PaymentRefused) return CardPaidStamps.Refusal(row.Id, "the card token was not accepted");

        if (row.Status == MessageStatus.PendingPayment)
        {
            if (row.StampPriceCents == 0)
            {
                await db.Messages.Where(m => m.Id == row.Id && m.Status == MessageStatus.PendingPayment)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.InScreening), ct);
            }
            else
            {
                var result = await journal.PostAsync(StampCharges.Charge(row), ct);
                if (result.Outcome is PostOutcome.Posted or PostOutcome.Duplicate)
                {
                    var entryId = result.EntryId!.Value.Value;
                    await db.Messages.Where(m => m.Id == row.Id && m.Status == MessageStatus.PendingPayment)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.InScreening).SetProperty(m => m.ChargeEntryId, entryId), ct);
                }
                else if (result.Outcome == PostOutcome.InsufficientFunds)
                {
                    await db.Messages.Where(m => m.Id == row.Id && m.Status == MessageStatus.PendingPayment)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.RefusedInsufficientFunds), ct);
                }
                else throw new InvalidOperationException($"Stamps for message {row.Id}: {result.Outcome} {result.Detail}");
            }
            await db.Entry(row).ReloadAsync(ct);
        }
        if (row.Status == MessageStatus.RefusedInsufficientFunds)
            return Problems.InsufficientFunds($"{row.Stamps} stamp(s) cost {Money.Usd(row.Stamps * row.StampPriceCents).ToDecimalString()}; the media account of {personNumber} holds less.");
        return MessageView.Of(row, withBody: true);
    }
}

public static class StampCharges
{
    /// <summary>
    /// Residents pay from their media account (and messages paid by card before card payments went through the processor,
    /// from card clearing); either way to stamp revenue. A family's card payment is charged by <see cref="CardPaidStamps"/>.
    /// </summary>
    public static JournalEntry Charge(MessageRow m)
    {
        var total = Money.Usd(m.Stamps * m.StampPriceCents);
        return LedgerEntries.StampCharge(m.Id, m.FacilityCode, m.PersonNumber, paidByFamilyCard: m.PaidBy == "family_card", total,
            $"{m.Stamps} e-mail stamp(s) for message {m.Id} ({m.PaidBy})", m.CreatedAt);
    }

    /// <summary>A rejected message's stamps go back the way they came: the charge reversed.</summary>
    public static JournalEntry Refund(MessageRow m, DateTimeOffset at) =>
        LedgerEntries.StampRefund(new EntryId(m.ChargeEntryId!.Value), Charge(m), m.Id, $"Refund of stamps: message {m.Id} rejected in screening", at);
}

public sealed record ListMessagesQuery(Actor Actor) : IQuery<Result<IReadOnlyList<MessageView>>>;

/// <summary>A sender sees what they sent (with status and read receipt); a recipient sees only what was delivered.</summary>
public sealed class ListMessagesHandler(ServicesDbContext db) : IQueryHandler<ListMessagesQuery, Result<IReadOnlyList<MessageView>>>
{
    public async ValueTask<Result<IReadOnlyList<MessageView>>> Handle(ListMessagesQuery query, CancellationToken ct)
    {
        var me = query.Actor.Subject;
        var rows = query.Actor.IsFamily
            ? db.Messages.Where(m => m.FamilySubject == me && (m.Direction == "to_resident" || m.Status == MessageStatus.Delivered))
            : db.Messages.Where(m => m.PersonNumber == me && (m.Direction == "to_family" || m.Status == MessageStatus.Delivered));
        var list = await rows.AsNoTracking().OrderByDescending(m => m.Id).Take(200).ToListAsync(ct);
        return list.Select(m => MessageView.Of(m, withBody: true)).ToList();
    }
}

public sealed record GetMessageQuery(Actor Actor, long Id) : IQuery<Result<MessageView>>;

public sealed class GetMessageHandler(ServicesDbContext db) : IQueryHandler<GetMessageQuery, Result<MessageView>>
{
    public async ValueTask<Result<MessageView>> Handle(GetMessageQuery query, CancellationToken ct)
    {
        var m = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == query.Id, ct);
        return m is not null && MessageAccess.CanSee(query.Actor, m) ? MessageView.Of(m, withBody: true) : Problems.NotFound($"No message {query.Id}.");
    }
}

public static class MessageAccess
{
    public static bool IsSender(Actor a, MessageRow m) => a.Subject == m.SenderSubject && (a.IsFamily ? m.Direction == "to_resident" : m.Direction == "to_family");

    public static bool IsRecipient(Actor a, MessageRow m) =>
        (a.IsFamily && m.Direction == "to_family" && m.FamilySubject == a.Subject) || (a.IsResident && m.Direction == "to_resident" && m.PersonNumber == a.Subject);

    public static bool CanSee(Actor a, MessageRow m) => IsSender(a, m) || (IsRecipient(a, m) && m.Status == MessageStatus.Delivered);
}

public sealed record MarkReadCommand(Actor Actor, long Id) : ICommand<Result<MessageView>>;

public sealed class MarkReadHandler(ServicesDbContext db, TimeProvider clock) : ICommandHandler<MarkReadCommand, Result<MessageView>>
{
    public async ValueTask<Result<MessageView>> Handle(MarkReadCommand command, CancellationToken ct)
    {
        var m = await db.Messages.FirstOrDefaultAsync(m => m.Id == command.Id, ct);
        if (m is null || !MessageAccess.IsRecipient(command.Actor, m) || m.Status != MessageStatus.Delivered)
            return Problems.NotFound($"No delivered message {command.Id} for you.");
        if (m.ReadAt is null)
        {
            m.ReadAt = clock.Now();
            await db.SaveChangesAsync(ct);
        }
        return MessageView.Of(m, withBody: true);
    }
}

public sealed record ScreeningQueueQuery(Actor Actor, string? Facility) : IQuery<Result<IReadOnlyList<MessageView>>>;

public sealed class ScreeningQueueHandler(ServicesDbContext db) : IQueryHandler<ScreeningQueueQuery, Result<IReadOnlyList<MessageView>>>
{
    public async ValueTask<Result<IReadOnlyList<MessageView>>> Handle(ScreeningQueueQuery query, CancellationToken ct)
    {
        if (query.Facility is not null && !query.Actor.ServesFacility(query.Facility)) return Problems.Forbidden($"You do not serve {query.Facility}.");
        var facilities = query.Facility is not null ? [query.Facility] : query.Actor.Facilities.ToArray();
        var rows = await db.Messages.AsNoTracking().Where(m => m.Status == MessageStatus.InScreening && facilities.Contains(m.FacilityCode))
            .OrderBy(m => m.Id).Take(500).ToListAsync(ct);
        return rows.Select(m => MessageView.Of(m, withBody: true)).ToList();
    }
}

public sealed record RejectRequest(string Reason);

public sealed record ScreenMessageCommand(Actor Actor, long Id, bool Approve, string? Reason) : ICommand<Result<MessageView>>;

/// <summary>
/// Staff of the message's facility approve it (delivery is scheduled for the facility's next delivery hour, a
/// Hangfire job) or reject it with a reason (its stamps are refunded by reversing the charge). The message row is
/// locked for the decision, so approve and reject cannot both win.
/// </summary>
public sealed class ScreenMessageHandler(ServicesDbContext db, LedgerDirectory directory, JournalStore journal, IBackgroundJobClient jobs,
    CardPaymentStore cardPayments, CardPaidStamps cardStamps, TimeProvider clock)
    : ICommandHandler<ScreenMessageCommand, Result<MessageView>>
{
    public async ValueTask<Result<MessageView>> Handle(ScreenMessageCommand command, CancellationToken ct)
    {
        if (!command.Approve && string.IsNullOrWhiteSpace(command.Reason)) return Problems.Invalid("reason-required", "A rejection needs a reason.");
        if (!command.Approve && await RefundedRejectionAsync(command, ct) is { } refunded) return refunded;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var m = await db.Messages.FromSqlInterpolated($"SELECT * FROM api.messages WHERE id = {command.Id} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (m is null || !command.Actor.ServesFacility(m.FacilityCode)) return Problems.NotFound($"No message {command.Id} at a facility you serve.");
        if (m.Status != MessageStatus.InScreening)
            return Problems.Conflict("already-screened", "Already screened", $"Message {m.Id} is {m.Status}.");

        var before = new { m.Status };
        var now = clock.Now();
        m.ScreenedBy = command.Actor.Subject;
        m.ScreenedAt = now;
        if (command.Approve)
        {
            var facility = (await directory.FacilityAsync(m.FacilityCode, ct))!;
            m.Status = MessageStatus.Approved;
            m.DeliverAfter = FacilityClock.NextDeliveryInstant(facility, now);
        }
        else
        {
            if (m.ChargeEntryId is not null)
            {
                var refund = await journal.PostAsync(StampCharges.Refund(m, now), ct);
                if (refund.Outcome is not (PostOutcome.Posted or PostOutcome.Duplicate))
                    throw new InvalidOperationException($"Refund of message {m.Id}: {refund.Outcome} {refund.Detail}");
                m.RefundEntryId = refund.EntryId!.Value.Value;
            }
            m.Status = MessageStatus.Rejected;
            m.RejectionReason = command.Reason!.Trim();
        }
        Audit.Record(db, command.Actor, command.Approve ? "message.approve" : "message.reject", "message", m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            m.FacilityCode, before, new { m.Status, m.RejectionReason, m.DeliverAfter, m.RefundEntryId }, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        if (command.Approve) MessageDeliveryJob.Schedule(jobs, m.Id, m.DeliverAfter!.Value, now);
        return MessageView.Of(m, withBody: true);
    }

    /// <summary>
    /// Rejects a charged message in the refund's own transaction: the stamp refund entry, the message's move to rejected
    /// and the audit entry commit together or not at all, so a message is never left in screening with its stamps refunded
    /// (then approved and delivered for free). Null when the message has no charge (the plain path then rejects it).
    /// </summary>
    private async Task<Result<MessageView>?> RefundedRejectionAsync(ScreenMessageCommand command, CancellationToken ct)
    {
        var m = await db.Messages.AsNoTracking().FirstOrDefaultAsync(x => x.Id == command.Id, ct);
        if (m is null || !command.Actor.ServesFacility(m.FacilityCode)) return Problems.NotFound($"No message {command.Id} at a facility you serve.");
        if (m.Status != MessageStatus.InScreening) return Problems.Conflict("already-screened", "Already screened", $"Message {m.Id} is {m.Status}.");
        if (m.ChargeEntryId is null) return null;
        if (m.PaidBy == "family_card" && await cardPayments.FindByMessageAsync(m.Id, ct) is { } payment) return await RejectCardPaidAsync(command, payment, ct);

        var now = clock.Now();
        var reason = command.Reason!.Trim();
        try
        {
            await journal.PostAsync(StampCharges.Refund(m, now), async (conn, tx, results, token) =>
            {
                var result = results[0];
                if (result.Outcome is not (PostOutcome.Posted or PostOutcome.Duplicate))
                    throw new InvalidOperationException($"Refund of message {m.Id}: {result.Outcome} {result.Detail}");
                await using (var update = new NpgsqlCommand("""
                    UPDATE api.messages SET status = @rejected, rejection_reason = @reason, screened_by = @by, screened_at = @at, refund_entry_id = @entry
                    WHERE id = @id AND status = @screening
                    """, conn, tx))
                {
                    update.Parameters.AddWithValue("rejected", MessageStatus.Rejected);
                    update.Parameters.AddWithValue("screening", MessageStatus.InScreening);
                    update.Parameters.AddWithValue("reason", reason);
                    update.Parameters.AddWithValue("by", command.Actor.Subject);
                    update.Parameters.AddWithValue("at", now);
                    update.Parameters.AddWithValue("entry", result.EntryId!.Value.Value);
                    update.Parameters.AddWithValue("id", m.Id);
                    // Approved or rejected by someone else meanwhile: roll the refund back with the rest.
                    if (await update.ExecuteNonQueryAsync(token) != 1) throw new ScreenedMeanwhileException();
                }
                await AuditInTransaction.Write(command.Actor, "message.reject", "message", m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    m.FacilityCode, new { m.Status }, new { Status = MessageStatus.Rejected, RejectionReason = reason, m.DeliverAfter, RefundEntryId = result.EntryId!.Value.Value }, now)(conn, tx, token);
            }, ct);
        }
        catch (ScreenedMeanwhileException)
        {
            return Problems.Conflict("already-screened", "Already screened", $"Message {m.Id} was screened by someone else meanwhile.");
        }

        var rejected = await db.Messages.AsNoTracking().FirstAsync(x => x.Id == m.Id, ct);
        return MessageView.Of(rejected, withBody: true);
    }

    /// <summary>
    /// Rejects a message whose stamps a family paid at the card processor: under the lock on the message, the refund is
    /// asked of the processor (nothing changes when it cannot be), then the message is rejected with its audit entry. The
    /// charge is reversed when the processor's <c>payment.refunded</c> event arrives, as for any card refund, so the
    /// processor's settlement and the ledger agree on it.
    /// </summary>
    private async Task<Result<MessageView>> RejectCardPaidAsync(ScreenMessageCommand command, CardPaymentRow payment, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var m = await db.Messages.FromSqlInterpolated($"SELECT * FROM api.messages WHERE id = {command.Id} FOR UPDATE").FirstAsync(ct);
        if (m.Status != MessageStatus.InScreening) return Problems.Conflict("already-screened", "Already screened", $"Message {m.Id} is {m.Status}.");
        if (await cardStamps.RefundAsync(payment, ct) is { } refused) return refused;

        var now = clock.Now();
        var before = new { m.Status };
        m.Status = MessageStatus.Rejected;
        m.RejectionReason = command.Reason!.Trim();
        m.ScreenedBy = command.Actor.Subject;
        m.ScreenedAt = now;
        Audit.Record(db, command.Actor, "message.reject", "message", m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), m.FacilityCode, before,
            new { m.Status, m.RejectionReason, RefundedAt = payment.Processor + ":" + payment.PaymentId }, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return MessageView.Of(m, withBody: true);
    }

    private sealed class ScreenedMeanwhileException : Exception;
}

/// <summary>
/// Delivers an approved message inside its facility's delivery hours. Takes an id, and is safe to run twice
/// (Hangfire retries): only an approved message is delivered, once; outside the hours it reschedules itself.
/// </summary>
public sealed class MessageDeliveryJob(ServicesDbContext db, LedgerDirectory directory, IBackgroundJobClient jobs, TimeProvider clock)
{
    public static void Schedule(IBackgroundJobClient jobs, long messageId, DateTimeOffset at, DateTimeOffset now)
    {
        if (at <= now) jobs.Enqueue<MessageDeliveryJob>(j => j.DeliverAsync(messageId));
        else jobs.Schedule<MessageDeliveryJob>(j => j.DeliverAsync(messageId), at);
    }

    [AutomaticRetry(Attempts = 10)]
    public Task DeliverAsync(long messageId) => DeliverAtAsync(messageId, clock.Now());

    /// <returns>True when the message was delivered by this call.</returns>
    public async Task<bool> DeliverAtAsync(long messageId, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        var m = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId);
        if (m is null || m.Status != MessageStatus.Approved) return false;
        var facility = (await directory.FacilityAsync(m.FacilityCode, CancellationToken.None))!;
        if (now < m.DeliverAfter || !FacilityClock.InDeliveryHours(facility, now))
        {
            var next = FacilityClock.NextDeliveryInstant(facility, Max(now, m.DeliverAfter!.Value));
            jobs.Schedule<MessageDeliveryJob>(j => j.DeliverAsync(messageId), next);
            return false;
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        var delivered = await db.Messages.Where(x => x.Id == messageId && x.Status == MessageStatus.Approved)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, MessageStatus.Delivered).SetProperty(x => x.DeliveredAt, now));
        if (delivered == 1 && m.Direction == "to_resident")
        {
            db.Notifications.Add(new NotificationRow { PersonNumber = m.PersonNumber, Text = $"New e-mail (message {m.Id}).", CreatedAt = now });
            await db.SaveChangesAsync();
        }
        await tx.CommitAsync();
        return delivered == 1;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
