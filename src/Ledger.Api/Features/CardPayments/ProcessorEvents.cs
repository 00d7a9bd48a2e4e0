using System.Text;
using System.Text.Json;
using Ledger.Api.Features.Deposits;
using Ledger.Api.Features.Messages;
using Ledger.Api.Infrastructure;
using Ledger.Data.Journal;
using Ledger.Data.Settlements;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Deposits;
using Ledger.Domain.Journal;
using Mediator;
using Npgsql;

namespace Ledger.Api.Features.CardPayments;

public sealed record ProcessorEventOutcome(string EventId, string Type, string PaymentId, string Outcome, long? EntryId);

public sealed record ProcessorEventCommand(string? SignatureHeader, byte[] Body) : ICommand<Result<ProcessorEventOutcome>>;

/// <summary>
/// A processor event (webhook). Its signature is checked before anything is read or written: a bad one changes
/// nothing. Then, per type, for the payment it names (ours, by processor payment id):
/// <list type="bullet">
/// <item><c>payment.succeeded</c>: credits once through <see cref="ConfirmedCardDeposits"/> (the journal key and the
/// payment row are both unique per payment id); a person who can no longer receive it gets nothing and the charge is
/// owed back to the family (card clearing → refunds payable).</item>
/// <item><c>payment.failed</c>: the payment is declined; nothing posts.</item>
/// <item><c>payment.refunded</c>, <c>payment.disputed</c> (chargeback): the credit is reversed, once. What was spent
/// since is not taken from the person (no balance goes negative): the shortfall is booked as owed by the family
/// (<c>chargeback_receivable</c>) and the processor still takes the whole charge back from card clearing.</item>
/// </list>
/// An event for a payment we do not know yet answers 409 so the processor delivers it again later (its confirmation can
/// overtake our own record of the payment), and so does a refund or chargeback of a payment whose confirmation has not been
/// taken yet; a repeated event answers 200 with outcome <c>duplicate</c>.
/// </summary>
public sealed class ProcessorEventHandler(
    CardProcessorOptions options, CardPaymentStore store, ConfirmedCardDeposits deposits, JournalStore journal, NpgsqlDataSource db, TimeProvider clock,
    CardProcessorClient processor)
    : ICommandHandler<ProcessorEventCommand, Result<ProcessorEventOutcome>>
{
    public async ValueTask<Result<ProcessorEventOutcome>> Handle(ProcessorEventCommand command, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(options.WebhookSecret))
            throw new InvalidOperationException("No CardProcessor:WebhookSecret configured: processor events cannot be verified.");
        var why = ProcessorSignature.Verify(options.WebhookSecret, command.SignatureHeader, command.Body, clock.GetUtcNow(),
            TimeSpan.FromSeconds(options.ToleranceSeconds));
        if (why is not null) return Problems.BadRequest("invalid-signature", $"The event's signature was refused ({why}); nothing was changed.");

        string eventId, type, paymentId;
        long amount;
        long? reference = null;
        string? reason;
        try
        {
            using var doc = JsonDocument.Parse(command.Body);
            var root = doc.RootElement;
            var data = root.GetProperty("data");
            eventId = root.GetProperty("id").GetString() ?? throw new FormatException("id");
            type = root.GetProperty("type").GetString() ?? throw new FormatException("type");
            paymentId = data.GetProperty("paymentId").GetString() ?? throw new FormatException("paymentId");
            amount = data.GetProperty("amount").GetInt64();
            if (!string.Equals(data.GetProperty("currency").GetString(), "usd", StringComparison.OrdinalIgnoreCase))
                return Problems.Invalid("unsupported-currency", "Only USD card payments are taken.");
            reason = data.TryGetProperty("reason", out var r) ? r.GetString() : null;
            // Our id of the payment, echoed by the processor: finds a payment whose processor id is not stored yet.
            if (data.TryGetProperty("reference", out var f) && f.ValueKind == JsonValueKind.String
                && long.TryParse(f.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                reference = id;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return Problems.BadRequest("invalid-event", $"The event is not a processor event this API reads ({e.Message}).");
        }

        // The payment and its person in one read: what a confirmation's credit is decided on.
        var found = await store.FindForCreditAsync(options.Name, paymentId, reference, ct);
        if (found is null && reference is null && await ReferenceAtProcessorAsync(paymentId, ct) is { } asked)
        {
            // The processor's id is stored only with the credit (POST /deposits does not write it): an event that does not
            // carry our reference, for a payment not confirmed yet, is placed by asking the processor for the payment's reference.
            reference = asked;
            found = await store.FindForCreditAsync(options.Name, paymentId, reference, ct);
        }
        var payment = found?.Payment;
        if (payment is null)
            return Problems.Conflict("unknown-payment", "Unknown payment", $"No card payment {paymentId} was started here (yet); nothing was credited.");

        var record = new ProcessorEventRecord(options.Name, eventId, type, paymentId, Encoding.UTF8.GetString(command.Body));
        var (outcome, recorded) = type switch
        {
            "payment.succeeded" => await SucceededAsync(payment, found!.Value.Person, amount, record, reference, ct),
            "payment.failed" => (await FailedAsync(payment, reason, ct), false),
            "payment.refunded" => (await ReverseAsync(payment, amount, CardPaymentStatus.Refunded, "refund", ct), false),
            "payment.disputed" => (await ReverseAsync(payment, amount, CardPaymentStatus.ChargedBack, "chargeback", ct), false),
            _ => (("ignored", null), false),
        };
        if (outcome.Outcome == "not_yet")
            return Problems.Conflict("payment-not-confirmed", "Payment not confirmed yet", $"Payment {paymentId} has not been credited yet; deliver {eventId} again later.");
        // A credit logs its event in its own transaction (one round trip fewer); every other outcome is logged here.
        if (!recorded) await store.RecordEventAsync(options.Name, eventId, type, paymentId, outcome.Outcome, record.Payload, ct);
        if (outcome.Outcome == "amount_mismatch")
            return Problems.Invalid("amount-mismatch", $"Event {eventId} is for {amount} cents; payment {paymentId} charged {payment.ChargedCents}. Nothing was changed.");
        return new ProcessorEventOutcome(eventId, type, paymentId, outcome.Outcome, outcome.EntryId);
    }

    /// <summary>Our id of the processor's payment, as the processor holds it; null when it cannot say (then the event is answered 409 and comes again).</summary>
    private async Task<long?> ReferenceAtProcessorAsync(string paymentId, CancellationToken ct)
    {
        try
        {
            return long.TryParse(await processor.ReferenceOfAsync(paymentId, ct), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private async Task<((string Outcome, long? EntryId), bool Recorded)> SucceededAsync(CardPaymentRow payment, PersonForDeposit? person, long amount,
        ProcessorEventRecord record, long? reference, CancellationToken ct)
    {
        if (amount != payment.ChargedCents) return (("amount_mismatch", null), false);
        if (!IsOpen(payment)) return (("duplicate", payment.CreditEntryId), false);
        if (payment.MessageId is { } messageId) return (await StampsPaidAsync(payment, messageId, ct), false);
        var now = clock.GetUtcNow();
        var journalKey = ConfirmedCardDeposits.JournalKey(payment.PaymentId!);
        var confirmed = new ConfirmedCardPayment(payment.PersonNumber, Money.Usd(payment.AmountCents), Money.Usd(payment.FeeCents),
            AccountKinds.Parse(payment.TargetAccount), payment.PaymentId!, payment.Channel, payment.FamilySubject, payment.IdempotencyKey,
            payment.RequestHash, now);
        // One round trip: (the lock on the person,) the entry only while the payment is open (and the restitution state
        // unchanged since it was read), the deposit row only with its entry, the payment moved to credited with it and the
        // event logged. All of it or nothing commits.
        var id = payment.Id;
        var logged = false;
        var posted = await deposits.PostConfirmedInOneRoundTripAsync(confirmed, person, decidedOn => CardPaymentStore.CreditGuard(id, decidedOn),
            new WithEntry([CardPaymentStore.CreditedEntryCommand(id, journalKey, now, record)], async (reader, entryPosted, token) =>
            {
                await reader.NextResultAsync(token);
                await reader.ReadAsync(token);
                logged = reader.GetInt64(1) == 1;
                // The entry inserts only while the payment, locked, is open: then it moves with it (a check, not a rollback:
                // the batch has committed by now).
                if (entryPosted && reader.GetInt64(0) != 1)
                    throw new InvalidOperationException($"Card payment {payment.PaymentId} was credited by entry {journalKey} without its status moving.");
            }), ct);
        Result<PostResult> result;
        if (!posted.IsSuccess) result = posted.Problem!;
        else if (posted.Value!.Result is { } done) result = done;
        else
        {
            // Nothing was written: the payment moved on (another delivery) or the person's restitution state changed since it
            // was read (another deposit for them). Read the payment again; if still open, credit it the way that cannot be
            // overtaken: the lock on the person first, "still owed" read under it, then the entry, in one transaction.
            var again = await store.FindForCreditAsync(options.Name, payment.PaymentId!, reference, ct)
                ?? throw new InvalidOperationException($"Card payment {payment.PaymentId} disappeared while it was being credited.");
            payment = again.Payment;
            if (!IsOpen(payment)) return (("duplicate", payment.CreditEntryId), false);
            var credit = CardPaymentStore.CreditCommand(payment.Id, journalKey, now, record);
            result = await deposits.PostConfirmedAsync(confirmed, new WithEntry([credit], async (reader, entryPosted, token) =>
            {
                var moved = await reader.NextResultAsync(token) && await reader.ReadAsync(token) ? reader.GetInt64(0) : -1;
                if (entryPosted && moved != 1)
                    throw new InvalidOperationException($"Card payment {payment.PaymentId} changed status while its entry was posted.");
            }), ct);
            logged = result.IsSuccess;
        }
        if (result.IsSuccess)
        {
            var r = result.Value!;
            if (r.Outcome is not (PostOutcome.Posted or PostOutcome.Duplicate))
                throw new InvalidOperationException($"Card payment {payment.PaymentId} could not be credited: {r.Outcome} {r.Detail}");
            return ((r.Outcome == PostOutcome.Posted ? "credited" : "duplicate", r.EntryId?.Value), logged);
        }
        // The rules refuse it now (released, transferred, a lower limit since): the card was charged, so the money is owed back.
        var entry = LedgerEntries.CardPaymentOwedBack(payment.PaymentId!, payment.FacilityCode, Money.Usd(payment.ChargedCents),
            $"Card payment {payment.PaymentId} for {payment.PersonNumber} not credited ({result.Problem!.Code}): owed back to the family", now);
        var returned = await journal.PostAsync(entry,
            (conn, tx, results, token) => MarkAsync(conn, tx, payment, results[0], payment.Status, CardPaymentStatus.Returned,
                result.Problem.Detail, now, token), ct);
        return ((returned.Outcome == PostOutcome.Posted ? "returned" : "duplicate", returned.EntryId?.Value), false);
    }

    /// <summary>
    /// A family's e-mail stamps, paid: the charge (card clearing → stamp revenue) posts once under the payment's key, and the
    /// payment and the message (to screening) move with it.
    /// </summary>
    private async Task<(string Outcome, long? EntryId)> StampsPaidAsync(CardPaymentRow payment, long messageId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var entry = LedgerEntries.CardStampCharge(payment.PaymentId!, payment.FacilityCode, Money.Usd(payment.ChargedCents),
            $"E-mail stamps for message {messageId}: card payment {payment.PaymentId}", now);
        var posted = await journal.PostAsync(entry, async (conn, tx, results, token) =>
        {
            await MarkAsync(conn, tx, payment, results[0], payment.Status, CardPaymentStatus.Credited, null, now, token);
            if (results[0].Outcome == PostOutcome.Posted) await CardPaidStamps.PaidAsync(conn, tx, messageId, results[0].EntryId!.Value.Value, token);
        }, ct);
        if (posted.Outcome is not (PostOutcome.Posted or PostOutcome.Duplicate))
            throw new InvalidOperationException($"The stamps of message {messageId} could not be charged: {posted.Outcome} {posted.Detail}");
        return (posted.Outcome == PostOutcome.Posted ? "stamps_paid" : "duplicate", posted.EntryId?.Value);
    }

    /// <summary>Not confirmed, declined or reversed yet: pending, or starting (the processor's answer to us not stored yet).</summary>
    private static bool IsOpen(CardPaymentRow payment) => payment.Status is CardPaymentStatus.Pending or CardPaymentStatus.Starting;

    private static async Task MarkAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CardPaymentRow payment, PostResult result, string from, string to,
        string? reason, DateTimeOffset at, CancellationToken ct)
    {
        if (result.Outcome != PostOutcome.Posted) return;
        var reversal = to is CardPaymentStatus.Refunded or CardPaymentStatus.ChargedBack;
        if (!await CardPaymentStore.TransitionAsync(conn, tx, payment.Id, from, to, reason, reversal ? null : result.EntryId!.Value.Value,
                reversal ? result.EntryId!.Value.Value : null, at, ct, payment.PaymentId))
            throw new InvalidOperationException($"Card payment {payment.PaymentId} changed status while its entry was posted.");
    }

    private async Task<(string Outcome, long? EntryId)> FailedAsync(CardPaymentRow payment, string? reason, CancellationToken ct)
    {
        if (!IsOpen(payment)) return (payment.Status == CardPaymentStatus.Declined ? "duplicate" : "ignored", null);
        await store.TransitionAsync(payment.Id, payment.Status, CardPaymentStatus.Declined, reason ?? "declined", clock.GetUtcNow(), ct,
            payment.MessageId is { } messageId ? (conn, tx, token) => CardPaidStamps.DeclinedAsync(conn, tx, messageId, token) : null, payment.PaymentId);
        return ("declined", null);
    }

    private const int MaxAttempts = 5;

    private async Task<(string Outcome, long? EntryId)> ReverseAsync(CardPaymentRow payment, long amount, string status, string what, CancellationToken ct)
    {
        if (amount != payment.ChargedCents) return ("amount_mismatch", null);
        if (payment.Status is CardPaymentStatus.Refunded or CardPaymentStatus.ChargedBack) return ("duplicate", payment.ReversalEntryId);
        // Its confirmation has not been taken yet (it may be waiting to be delivered again): ask for this one again later.
        if (IsOpen(payment)) return ("not_yet", null);
        if (payment.Status is not (CardPaymentStatus.Credited or CardPaymentStatus.Returned)) return ("ignored", null);

        var creditKey = ConfirmedCardDeposits.JournalKey(payment.PaymentId!);
        var (creditId, credit) = (await journal.FindEntriesAsync([creditKey], ct))[creditKey];
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var balances = await BalancesAsync(credit.Postings.Where(p => p.Account.Owner.Type == OwnerType.Person).Select(p => p.Account).Distinct(), ct);
            var entry = LedgerEntries.CardReversal(creditId, credit, payment.PaymentId!, balances, $"Card {what} of payment {payment.PaymentId}", now);
            var result = await journal.PostAsync(entry, async (conn, tx, results, token) =>
            {
                await MarkAsync(conn, tx, payment, results[0], payment.Status, status, what, now, token);
                if (results[0].Outcome == PostOutcome.Posted && payment.MessageId is { } messageId) await CardPaidStamps.ReversedAsync(conn, tx, messageId, token);
            }, ct);
            if (result.Outcome == PostOutcome.Posted) return (entry.Reverses is null ? "reversed_in_part" : "reversed", result.EntryId?.Value);
            if (result.Outcome is PostOutcome.Duplicate or PostOutcome.AlreadyReversed) return ("duplicate", result.EntryId?.Value);
            // The person spent some of it between our reading and the posting: read again.
            if (result.Outcome != PostOutcome.InsufficientFunds || attempt == MaxAttempts)
                throw new InvalidOperationException($"The {what} of {payment.PaymentId} could not be posted: {result.Outcome} {result.Detail}");
        }
    }

    private async Task<Dictionary<AccountKey, long>> BalancesAsync(IEnumerable<AccountKey> accounts, CancellationToken ct)
    {
        var keys = accounts.ToArray();
        var result = new Dictionary<AccountKey, long>();
        if (keys.Length == 0) return result;
        await using var cmd = db.CreateCommand("""
            SELECT owner_code, kind, balance_cents FROM accounts
            WHERE owner_type = 'person' AND currency = 'USD' AND (owner_code, kind) IN (SELECT * FROM unnest(@codes, @kinds))
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("codes", keys.Select(k => k.Owner.Code).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("kinds", keys.Select(k => k.Kind.ToCode()).ToArray()));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result[AccountKey.Personal(r.GetString(0), AccountKinds.Parse(r.GetString(1)), Currency.USD)] = r.GetInt64(2);
        return result;
    }
}
