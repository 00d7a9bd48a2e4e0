using Ledger.Api.Infrastructure;
using Ledger.Data.Journal;
using Ledger.Data.Services;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Ledger.Domain.Policies;

namespace Ledger.Api.Features.Deposits;

/// <summary>A card payment the processor has confirmed: what was charged and where it goes.</summary>
public sealed record ConfirmedCardPayment(
    string PersonNumber, Money Amount, Money Fee, AccountKind Target, string ProcessorPaymentId,
    string Channel, string FamilySubject, string IdempotencyKey, string RequestHash, DateTimeOffset ConfirmedAt);

/// <summary>
/// The one seam between a confirmed card payment (Features/CardPayments) and the deposit rules: the limit, the
/// restitution share and the entry's lines come from <see cref="DepositRules"/>, as for every card deposit. The
/// entry is keyed <c>card-payment:&lt;processor payment id&gt;</c>, so a payment credits once however often or however
/// concurrently its confirmation arrives; the deposit row (what GET /deposits lists) commits with it.
/// </summary>
public sealed class CardDepositPosting(LedgerDirectory directory, JournalStore journal)
{
    public static string JournalKey(string processorPaymentId) => "card-payment:" + processorPaymentId;

    public async Task<Result<(PostResult Posted, CardDepositRow Deposit)>> PostConfirmedAsync(
        ConfirmedCardPayment payment, WriteAlongside alongside, CancellationToken ct)
    {
        var plan = await DepositRules.PlanAsync(directory, new CardDepositRequest(payment.PersonNumber, payment.Channel, payment.Amount.MinorUnits,
            payment.Target.ToCode(), payment.ProcessorPaymentId), ct);
        if (!plan.IsSuccess) return plan.Problem!;
        var p = plan.Value!;
        var row = new CardDepositRow
        {
            FamilySubject = payment.FamilySubject, IdempotencyKey = payment.IdempotencyKey, RequestHash = payment.RequestHash,
            JournalKey = JournalKey(payment.ProcessorPaymentId), PersonNumber = p.Person.PersonNumber, FacilityCode = p.Person.FacilityCode,
            Channel = p.Channel.ToCode(), TargetAccount = p.Target.ToCode(), AmountCents = p.Amount.MinorUnits,
            // The fee the card was charged, fixed when the payment was taken.
            FeeCents = payment.Fee.MinorUnits, ToAccountCents = p.Split.ToAccount.MinorUnits, RestitutionCents = p.Split.RestitutionDeduction.MinorUnits,
            AuthorizationReference = payment.ProcessorPaymentId, CreatedAt = payment.ConfirmedAt,
        };
        var result = await journal.PostAsync(DepositRules.Entry(row), async (conn, tx, results, token) =>
        {
            if (results[0].Outcome == PostOutcome.Posted) await CreateCardDepositHandler.TryInsertAsync(conn, tx, row, token);
            await alongside(conn, tx, results, token);
        }, ct);
        return (result, row);
    }
}
