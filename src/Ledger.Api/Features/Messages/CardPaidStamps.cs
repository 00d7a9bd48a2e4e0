using System.Globalization;
using Ledger.Api.Features.CardPayments;
using Ledger.Api.Infrastructure;
using Ledger.Data.Services;
using Ledger.Data.Settlements;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ledger.Api.Features.Messages;

/// <summary>
/// A family's e-mail stamps are a card payment at the processor, like a card deposit: the message waits
/// (<c>awaiting_payment</c>) and nothing posts until the processor's signed <c>payment.succeeded</c> arrives
/// (<see cref="ProcessorEventHandler"/>); then the charge (card clearing → stamp revenue, keyed by the payment id) posts
/// once and the message goes to screening. A declined card leaves the message undelivered; a refund or chargeback
/// reverses the charge and stops a message not yet delivered; a message rejected in screening is refunded at the processor.
/// </summary>
public sealed class CardPaidStamps(ServicesDbContext db, CardPaymentStore store, CardProcessorClient processor, TimeProvider clock)
{
    /// <summary>
    /// Takes the payment for a message waiting for one: the processor charges the family's single-use card token the
    /// message's stamps. The processor's idempotency key is the message's, so a retried send never charges twice.
    /// A token the processor refuses (made up, used) leaves the message refused and never delivered: nothing is charged or posted.
    /// </summary>
    public async Task<Result<MessageRow>> StartAsync(MessageRow message, string token, CancellationToken ct)
    {
        var row = await store.FindByMessageAsync(message.Id, ct);
        if (row is not null && row.Status != CardPaymentStatus.Starting) return message;
        var total = message.Stamps * message.StampPriceCents;
        if (row is null)
        {
            // Recorded before the processor is called, as a card deposit is: the processor's confirmation may overtake its
            // answer, and then finds the payment by our id (the reference it echoes) instead of being answered 409.
            var now = clock.Now();
            (row, var inserted) = await store.StartAsync(new CardPaymentRow(0, processor.Name, null, message.SenderSubject, $"message:{message.Id}",
                message.RequestHash, message.PersonNumber, message.FacilityCode, "online", CardPaymentRow.StampsTarget, total, 0, CardPaymentStatus.Starting,
                null, null, null, now, now, message.Id), ct);
            if (!inserted && row.Status != CardPaymentStatus.Starting) return message;
        }
        // A retry takes an unfinished row over (see StartCardPaymentHandler). When it is starting no more, it was confirmed
        // meanwhile (the message moved on with it) or removed by the sweep of unfinished payments, which refused the message.
        else if (!await store.ResumeAsync(row.Id, clock.Now(), ct))
            return await store.FindByMessageAsync(message.Id, ct) is null ? Refusal(message.Id, "its payment was never finished with the processor") : message;

        // Once recorded, the exchange with the processor is finished even if the caller hangs up (see StartCardPaymentHandler).
        var exchange = CancellationToken.None;
        ProcessorAnswer answer;
        try
        {
            answer = await processor.CreatePaymentAsync(token, total, $"{message.Stamps} e-mail stamp(s) for message {message.Id} to {message.PersonNumber}",
                $"{message.SenderSubject}:message:{message.Id}", exchange, reference: row.Id.ToString(CultureInfo.InvariantCulture));
        }
        catch (HttpRequestException e)
        {
            return new ApiProblem(StatusCodes.Status503ServiceUnavailable, "processor-unavailable", "Card processor unavailable",
                $"The card processor could not be reached ({e.Message}); nothing was charged and message {message.Id} was not sent. Retry with the same Idempotency-Key.");
        }
        if (answer is ProcessorAnswer.Refused refused)
        {
            await store.AbandonAsync(row.Id, exchange);
            await db.Messages.Where(m => m.Id == message.Id && m.Status == MessageStatus.AwaitingPayment)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.PaymentRefused), exchange);
            return Refusal(message.Id, $"{refused.Code}: {refused.Message}");
        }
        var accepted = (ProcessorAnswer.Accepted)answer;
        // Pending now, unless the processor's confirmation got here first (then the stamps are charged or declined already).
        _ = await store.AcceptedAsync(row.Id, accepted.PaymentId, clock.Now(), exchange)
            ?? throw new InvalidOperationException($"The card payment for message {message.Id} is recorded with another processor payment than {accepted.PaymentId}.");
        await db.Messages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.AuthorizationReference, accepted.PaymentId), exchange);
        return message;
    }

    public static ApiProblem Refusal(long messageId, string why) =>
        Problems.Invalid("card-not-accepted", $"The card processor refused the payment for the stamps ({why}). Message {messageId} will not be sent; nothing was charged.");

    /// <summary>The processor confirmed the payment: the message goes to screening with its charge (in the charge's transaction).</summary>
    public static async Task PaidAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long messageId, long chargeEntryId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            UPDATE api.messages SET status = @screening, charge_entry_id = @entry WHERE id = @id AND status = @awaiting
            """, conn, tx);
        cmd.Parameters.AddWithValue("screening", MessageStatus.InScreening);
        cmd.Parameters.AddWithValue("awaiting", MessageStatus.AwaitingPayment);
        cmd.Parameters.AddWithValue("entry", chargeEntryId);
        cmd.Parameters.AddWithValue("id", messageId);
        // Only a message waiting for its payment is paid for; anything else rolls the charge back with it.
        if (await cmd.ExecuteNonQueryAsync(ct) != 1)
            throw new InvalidOperationException($"Message {messageId} is not waiting for its payment; its stamps were not charged.");
    }

    /// <summary>The card was declined: the message is never delivered.</summary>
    public static async Task DeclinedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long messageId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("UPDATE api.messages SET status = @declined WHERE id = @id AND status = @awaiting", conn, tx);
        cmd.Parameters.AddWithValue("declined", MessageStatus.PaymentDeclined);
        cmd.Parameters.AddWithValue("awaiting", MessageStatus.AwaitingPayment);
        cmd.Parameters.AddWithValue("id", messageId);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The payment was refunded or charged back: a message not delivered yet is stopped (a rejected one stays rejected).</summary>
    public static async Task ReversedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long messageId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            UPDATE api.messages SET status = @reversed WHERE id = @id AND status IN (@screening, @approved)
            """, conn, tx);
        cmd.Parameters.AddWithValue("reversed", MessageStatus.PaymentReversed);
        cmd.Parameters.AddWithValue("screening", MessageStatus.InScreening);
        cmd.Parameters.AddWithValue("approved", MessageStatus.Approved);
        cmd.Parameters.AddWithValue("id", messageId);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// A rejected message's stamps go back through the processor: the refund is asked for here (idempotent per message), and
    /// its <c>payment.refunded</c> event reverses the charge. Null when the processor took the refund.
    /// </summary>
    public async Task<ApiProblem?> RefundAsync(CardPaymentRow payment, CancellationToken ct)
    {
        ProcessorAnswer answer;
        try
        {
            answer = await processor.RefundAsync(payment.PaymentId!, $"message-reject:{payment.MessageId}", ct);
        }
        catch (HttpRequestException e)
        {
            return new ApiProblem(StatusCodes.Status503ServiceUnavailable, "processor-unavailable", "Card processor unavailable",
                $"The card processor could not be reached ({e.Message}); message {payment.MessageId} is still in screening. Try again.");
        }
        return answer is ProcessorAnswer.Refused refused
            ? Problems.Conflict("refund-refused", "Refund refused", $"The card processor refused to refund payment {payment.PaymentId} ({refused.Code}: {refused.Message}); message {payment.MessageId} is still in screening.")
            : null;
    }
}
