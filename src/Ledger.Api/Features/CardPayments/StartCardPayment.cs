using System.Globalization;
using Ledger.Api.Auth;
using Ledger.Api.Features.Deposits;
using Ledger.Api.Infrastructure;
using Ledger.Data.Settlements;
using Ledger.Domain.Accounts;
using Ledger.Domain.Policies;
using Ledger.Domain;
using Ledger.Domain.People;
using Mediator;
using System.Collections.Concurrent;

namespace Ledger.Api.Features.CardPayments;

public sealed record CardPaymentView(
    long Id, string Processor, string? PaymentId, string Status, string? StatusReason, string PersonNumber, string FacilityCode, string Channel,
    string TargetAccount, long AmountCents, long FeeCents, long ChargedCents, long? CreditEntryId, long? ReversalEntryId, DateTimeOffset CreatedAt,
    long? MessageId)
{
    /// <summary>
    /// A payment not confirmed yet reads <c>pending</c>, whether or not its row holds the processor's id: the API does not
    /// store the processor's answer (the confirmation stores the id with the credit), so <c>starting</c> is our row's inner
    /// state (its processor id not known to the database), not a status of the payment.
    /// </summary>
    public static CardPaymentView Of(CardPaymentRow r) => new(r.Id, r.Processor, r.PaymentId,
        r.Status == CardPaymentStatus.Starting ? CardPaymentStatus.Pending : r.Status, r.StatusReason, r.PersonNumber, r.FacilityCode,
        r.Channel, r.TargetAccount, r.AmountCents, r.FeeCents, r.ChargedCents, r.CreditEntryId, r.ReversalEntryId, r.CreatedAt, r.MessageId);
}

public sealed record CardPaymentOutcome(CardPaymentView Payment, bool Replayed);

public sealed record StartCardPaymentCommand(Actor Actor, string IdempotencyKey, CardDepositRequest Request) : ICommand<Result<CardPaymentOutcome>>;

/// <summary>
/// A family's card deposit: checked by the deposit rules (person, limit, fee), then taken as a payment at the processor
/// with the family's single-use card token (<c>authorizationReference</c>). Nothing is credited here: the payment is
/// <c>pending</c> until the processor's signed confirmation arrives (<see cref="ProcessorEventHandler"/>).
/// The payment is recorded (<c>starting</c>) BEFORE the processor is called, with our id passed as the payment's reference:
/// the processor's confirmation often arrives before its answer to us, and then finds the payment by that reference and
/// credits it at once (it was answered 409 and delivered again 200 ms later when the row was written after the answer).
/// A token the processor did not issue, or one already used, is refused by the processor and the row is removed: nothing
/// is recorded. The same Idempotency-Key is passed on to the processor, so a retried request never charges twice; a
/// retry of a request whose processor call failed (503, row still <c>starting</c>) asks the processor again.
/// </summary>
public sealed class StartCardPaymentHandler(LedgerDirectory directory, CardPaymentStore store, CardProcessorClient processor, RecentPeople people,
    TimeProvider clock)
    : ICommandHandler<StartCardPaymentCommand, Result<CardPaymentOutcome>>
{
    public async ValueTask<Result<CardPaymentOutcome>> Handle(StartCardPaymentCommand command, CancellationToken ct)
    {
        var (actor, key, request) = command;
        var hash = Idempotency.Hash(request);
        var number = CardDepositRules.NormalizePerson(request.PersonNumber);

        // A person seen before is decided on as seen, and the row is recorded with the look-up by key in ONE statement that
        // inserts it only while the roster's row of that person is unchanged (else it reads them, and they are decided on
        // as read). A refusal is never taken on what was seen: then the person is read first, as for one never seen.
        CardPaymentRow? existing, row = null;
        PersonForDeposit? person;
        CardDepositCheck? p = null;
        if (people.Find(number) is { } seen && await CardDepositRules.CheckAsync(directory, request, (seen, Money.Usd(0)), requireLastName: true, ct) is
                { IsSuccess: true } seenCheck && CardDepositRules.Refusal(seenCheck.Value!) is null)
        {
            (existing, row, person) = await store.StartIfUnchangedAsync(NewRow(seenCheck.Value!, actor, key, hash), seen, ct);
            if (row is not null) p = seenCheck.Value;
        }
        else (existing, person) = await store.FindRequestAndPersonAsync(actor.Subject, key, number, ct);
        if (person is not null) people.Remember(person.Person);
        if (existing is not null && (existing.Status != CardPaymentStatus.Starting || existing.RequestHash != hash)) return Replay(existing, hash);

        if (p is null)
        {
            var check = await CardDepositRules.CheckAsync(directory, request, person is null ? null : (person.Person, Money.Usd(0)), requireLastName: true, ct);
            if (!check.IsSuccess) return check.Problem!;
            p = check.Value!;
            // Nothing is charged that the deposit rules would refuse (over the limit): the same decision the credit takes,
            // before the restitution share is known (that is read under the lock on the person when the payment is confirmed).
            if (CardDepositRules.Refusal(p) is { } overLimit) return overLimit;
        }
        var charged = p.Amount + p.Fee;

        var replayed = existing is not null;
        if (row is null && existing is null)
        {
            (row, var inserted) = await store.StartAsync(NewRow(p, actor, key, hash), ct);
            // A concurrent start of the same request recorded it first.
            if (!inserted && (row.Status != CardPaymentStatus.Starting || row.RequestHash != hash)) return Replay(row, hash);
            replayed = !inserted;
        }
        row ??= existing!;
        // A retry of a request whose first try never finished takes the row over, so the sweep of unfinished payments
        // keeps it; when it is starting no more (confirmed meanwhile, or removed by that sweep), the request is taken anew.
        if (replayed && !await store.ResumeAsync(row.Id, clock.Now(), ct)) return await Handle(command, ct);

        // From here the exchange with the processor is finished even if the caller hangs up (its cancellation is not
        // passed on): a payment the processor took is then stored, a refused one removed; only a crash leaves the row
        // starting, and the processor's event (by reference) or a retry with the same key settles it.
        var exchange = CancellationToken.None;
        ProcessorAnswer answer;
        try
        {
            answer = await processor.CreatePaymentAsync(request.AuthorizationReference, charged.MinorUnits,
                $"Deposit to {p.Person.PersonNumber} ({p.Target.ToCode()})", $"{actor.Subject}:{key}", exchange, reference: row.Id.ToString(CultureInfo.InvariantCulture));
        }
        catch (HttpRequestException e)
        {
            // The row stays starting: if the processor did take the payment, its confirmation still finds the row by reference.
            return new ApiProblem(StatusCodes.Status503ServiceUnavailable, "processor-unavailable", "Card processor unavailable",
                $"The card processor could not be reached ({e.Message}); nothing was charged. Retry with the same Idempotency-Key.");
        }
        if (answer is ProcessorAnswer.Refused refused)
        {
            await store.AbandonAsync(row.Id, exchange);
            // The processor saw this key with another request: the same refusal as our own check.
            if (refused.Status == System.Net.HttpStatusCode.Conflict) return Problems.IdempotencyMismatch();
            return Problems.Invalid("card-not-accepted", $"The card processor refused the payment ({refused.Code}): {refused.Message} Nothing was charged or credited.");
        }
        var accepted = (ProcessorAnswer.Accepted)answer;
        // The processor's id is NOT written here (one commit per deposit fewer): its confirmation finds the row by our
        // reference and stores the id with the credit, in the credit's own transaction. The row is only read back, to answer
        // with what a confirmation that got here first did (credited, declined); else it is pending, with the processor's id.
        var stored = await store.FindAsync(row.Id, exchange)
            ?? throw new InvalidOperationException($"Card payment {row.Id} disappeared while the processor took it as {accepted.PaymentId}.");
        if (stored.PaymentId is { } other && other != accepted.PaymentId)
            throw new InvalidOperationException($"Card payment {row.Id} is recorded with another processor payment ({other}) than {accepted.PaymentId}.");
        return new CardPaymentOutcome(CardPaymentView.Of(stored with { PaymentId = accepted.PaymentId }), Replayed: replayed);
    }

    private CardPaymentRow NewRow(CardDepositCheck p, Actor actor, string key, string hash)
    {
        var now = clock.Now();
        return new CardPaymentRow(0, processor.Name, null, actor.Subject, key, hash, p.Person.PersonNumber, p.Person.FacilityCode, p.Channel.ToCode(),
            p.Target.ToCode(), p.Amount.MinorUnits, p.Fee.MinorUnits, CardPaymentStatus.Starting, null, null, null, now, now);
    }

    private static Result<CardPaymentOutcome> Replay(CardPaymentRow row, string hash) =>
        row.RequestHash == hash ? new CardPaymentOutcome(CardPaymentView.Of(row), Replayed: true) : Problems.IdempotencyMismatch();
}

public sealed record GetCardPaymentQuery(Actor Actor, long Id) : IQuery<Result<CardPaymentView>>;

public sealed class GetCardPaymentHandler(CardPaymentStore store) : IQueryHandler<GetCardPaymentQuery, Result<CardPaymentView>>
{
    public async ValueTask<Result<CardPaymentView>> Handle(GetCardPaymentQuery query, CancellationToken ct)
    {
        var row = await store.FindAsync(query.Id, ct);
        // Another family's payment is answered exactly like a missing one.
        if (row is null || (query.Actor.IsFamily && row.FamilySubject != query.Actor.Subject)) return Problems.NotFound($"No card payment {query.Id}.");
        return CardPaymentView.Of(row);
    }
}

public sealed record ListCardPaymentsQuery(Actor Actor, string? Family, DateOnly? Date, int Limit) : IQuery<Result<IReadOnlyList<CardPaymentView>>>;

public sealed class ListCardPaymentsHandler(CardPaymentStore store) : IQueryHandler<ListCardPaymentsQuery, Result<IReadOnlyList<CardPaymentView>>>
{
    public async ValueTask<Result<IReadOnlyList<CardPaymentView>>> Handle(ListCardPaymentsQuery query, CancellationToken ct)
    {
        var family = query.Actor.IsFamily ? query.Actor.Subject : query.Family;
        var rows = await store.ListAsync(family, query.Date, Math.Clamp(query.Limit, 1, 1000), ct);
        return rows.Select(CardPaymentView.Of).ToList();
    }
}

/// <summary>
/// People as the card deposits last read them, by number: a new payment for one of them is decided on this and recorded
/// only while the roster's row is unchanged (<see cref="CardPaymentStore.StartIfUnchangedAsync"/>), so a stale entry costs
/// a second round trip, never a wrong decision. Bounded: emptied when it holds 100,000 people.
/// </summary>
public sealed class RecentPeople
{
    private const int Capacity = 100_000;
    private readonly ConcurrentDictionary<string, Person> _people = new(StringComparer.Ordinal);

    public Person? Find(string personNumber) => _people.GetValueOrDefault(personNumber);

    public void Remember(Person person)
    {
        if (_people.Count >= Capacity) _people.Clear();
        _people[person.PersonNumber] = person;
    }
}
