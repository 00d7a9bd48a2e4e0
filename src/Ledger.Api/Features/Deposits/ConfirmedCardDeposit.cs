using Ledger.Api.Infrastructure;
using Ledger.Data.Journal;
using Ledger.Data.Services;
using Ledger.Data.Settlements;
using Npgsql;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Deposits;
using Ledger.Domain.Journal;
using Ledger.Domain.Policies;

namespace Ledger.Api.Features.Deposits;

/// <summary>What a one-round-trip credit did: posted or found posted before; null when nothing posted and the caller must read again.</summary>
public sealed record CardCredit(PostResult? Result);

/// <summary>A card payment the processor has confirmed: what was charged and where it goes.</summary>
public sealed record ConfirmedCardPayment(
    string PersonNumber, Money Amount, Money Fee, AccountKind Target, string ProcessorPaymentId,
    string Channel, string FamilySubject, string IdempotencyKey, string RequestHash, DateTimeOffset ConfirmedAt);

/// <summary>
/// The one seam between a confirmed card payment (Features/CardPayments) and the money decision: it posts through
/// <see cref="CardDepositPosting"/>, so the limit, the restitution share (read under the lock on the person) and the
/// entry's lines are <see cref="DepositRules"/>', as for every deposit. The entry is keyed
/// <c>card-payment:&lt;processor payment id&gt;</c>, so a payment credits once however often or however concurrently its
/// confirmation arrives; the deposit row (what GET /deposits lists) commits with it.
/// </summary>
public sealed class ConfirmedCardDeposits(LedgerDirectory directory, CardDepositPosting cards)
{
    public static string JournalKey(string processorPaymentId) => EntryKeys.CardPayment(processorPaymentId);

    /// <summary>
    /// Posts the confirmed payment; <paramref name="with"/> (e.g. the payment's status and the event log) travels in the
    /// entry's round trip after the deposit row, and commits with them.
    /// </summary>
    /// <summary>
    /// Posts the confirmed payment in ONE round trip (<see cref="CardDepositPosting.PostInOneRoundTripAsync"/>), decided on the
    /// person as read with the payment (<paramref name="person"/>, null when not on the roster): <paramref name="onlyIf"/>
    /// (given the restitution state decided on, or null) makes the entry conditional, the
    /// deposit row is written only with its entry, then <paramref name="after"/>. A refusal of the rules is the problem;
    /// <see cref="CardCredit.Result"/> is null when nothing posted and the caller must read again and decide again.
    /// </summary>
    public async Task<Result<CardCredit>> PostConfirmedInOneRoundTripAsync(ConfirmedCardPayment payment, PersonForDeposit? person,
        Func<PersonForDeposit?, (string Sql, NpgsqlParameter[] Parameters)> onlyIf, WithEntry after,
        CancellationToken ct)
    {
        var check = await CardDepositRules.CheckAsync(directory, new CardDepositRequest(payment.PersonNumber, "", payment.Channel,
            payment.Amount.MinorUnits, payment.Target.ToCode(), payment.ProcessorPaymentId), person is null ? null : (person.Person, person.RestitutionStillOwed),
            requireLastName: false, ct);
        if (!check.IsSuccess) return check.Problem!;
        var c = check.Value!;
        var row = Row(payment, c);
        var posting = await cards.PostInOneRoundTripAsync(new CardDepositToPost(c.Person, c.Facility, c.Channel, c.Target, payment.Amount, payment.Fee,
                row.JournalKey, CardDepositRules.Description(row.Channel, row.PersonNumber, row.TargetAccount, row.AuthorizationReference), payment.ConfirmedAt),
            person!,
            (decision, decidedOn) =>
            {
                row.ToAccountCents = decision.Split!.Value.ToAccount.MinorUnits;
                row.RestitutionCents = decision.Restitution.MinorUnits;
                var (sql, parameters) = onlyIf(decidedOn);
                return new CardCreditStatements(sql, parameters,
                    after with { Commands = [CardDepositRows.InsertCommand(row, onlyWithEntry: true), .. after.Commands] });
            }, ct);
        if (posting is null) return new CardCredit(null);
        if (posting.Result is not { } result) return CardDepositRules.Problem(posting.Decision);
        return new CardCredit(result);
    }

    private static CardDepositRow Row(ConfirmedCardPayment payment, CardDepositCheck c) => new()
    {
        FamilySubject = payment.FamilySubject, IdempotencyKey = payment.IdempotencyKey, RequestHash = payment.RequestHash,
        JournalKey = JournalKey(payment.ProcessorPaymentId), PersonNumber = c.Person.PersonNumber, FacilityCode = c.Person.FacilityCode,
        Channel = c.Channel.ToCode(), TargetAccount = c.Target.ToCode(), AmountCents = payment.Amount.MinorUnits,
        // The fee the card was charged, fixed when the payment was taken.
        FeeCents = payment.Fee.MinorUnits, AuthorizationReference = payment.ProcessorPaymentId, CreatedAt = payment.ConfirmedAt,
    };

    public async Task<Result<PostResult>> PostConfirmedAsync(ConfirmedCardPayment payment, WithEntry with, CancellationToken ct)
    {
        // The person was matched by number and last name when the payment was taken; here they must still be able to receive.
        var check = await CardDepositRules.CheckAsync(directory, new CardDepositRequest(payment.PersonNumber, "", payment.Channel,
            payment.Amount.MinorUnits, payment.Target.ToCode(), payment.ProcessorPaymentId), requireLastName: false, ct);
        if (!check.IsSuccess) return check.Problem!;
        var c = check.Value!;
        var row = Row(payment, c);
        var posting = await cards.PostAsync(new CardDepositToPost(c.Person, c.Facility, c.Channel, c.Target, payment.Amount, payment.Fee, row.JournalKey,
                CardDepositRules.Description(row.Channel, row.PersonNumber, row.TargetAccount, row.AuthorizationReference), payment.ConfirmedAt),
            decision =>
            {
                // The split is the one decided under the lock on the person.
                row.ToAccountCents = decision.Split!.Value.ToAccount.MinorUnits;
                row.RestitutionCents = decision.Restitution.MinorUnits;
                // A duplicate entry's row was written with it: the insert then finds it and does nothing.
                return with with { Commands = [CardDepositRows.InsertCommand(row), .. with.Commands] };
            }, ct);
        if (posting.Result is not { } result) return CardDepositRules.Problem(posting.Decision);
        return result;
    }
}
