using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Ledger.Data.Services;
using Ledger.Domain;
using Ledger.Domain.Deposits;
using Ledger.Domain.Journal;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Ledger.Data.Journal;

namespace Ledger.Api.Features.Deposits;

public sealed record FeeQuote(string PersonNumber, string FacilityCode, string Channel, string TargetAccount,
    long AmountCents, long FeeCents, long ChargedCents, long ToAccountCents, long RestitutionCents, long DepositLimitCents);

public sealed record QuoteFeeQuery(string PersonNumber, string Channel, long AmountCents, string TargetAccount) : IQuery<Result<FeeQuote>>;

/// <summary>What a deposit would cost and where it would go, with the same rules the deposit itself uses.</summary>
public sealed class QuoteFeeHandler(LedgerDirectory directory) : IQueryHandler<QuoteFeeQuery, Result<FeeQuote>>
{
    public async ValueTask<Result<FeeQuote>> Handle(QuoteFeeQuery query, CancellationToken ct)
    {
        // The quote names the person by number only: it moves nothing, and shows what the deposit would get.
        var request = new CardDepositRequest(query.PersonNumber, "", query.Channel, query.AmountCents, query.TargetAccount, "quote");
        var found = await directory.PersonAsync(CardDepositRules.NormalizePerson(query.PersonNumber), ct);
        var check = await CardDepositRules.CheckAsync(directory, request, found, requireLastName: false, ct);
        if (!check.IsSuccess) return check.Problem!;
        var c = check.Value!;
        var decision = DepositRules.Decide(new DepositRequest
        {
            Channel = c.Channel, Amount = c.Amount, Fee = c.Fee, Target = c.Target, Person = c.Person, Facility = c.Facility,
            RestitutionStillOwed = found!.Value.RestitutionStillOwed, Key = "quote", Description = "quote", At = DateTimeOffset.UnixEpoch,
        });
        if (decision.Split is not { } split) return CardDepositRules.Problem(decision);
        return new FeeQuote(c.Person.PersonNumber, c.Person.FacilityCode, query.Channel, query.TargetAccount, c.Amount.MinorUnits, c.Fee.MinorUnits,
            (c.Amount + c.Fee).MinorUnits, split.ToAccount.MinorUnits, split.RestitutionDeduction.MinorUnits, c.Facility.Policy.DepositLimit.MinorUnits);
    }
}

public sealed record ListDepositsQuery(Actor Actor, string? Family, int Limit) : IQuery<Result<IReadOnlyList<DepositView>>>;

public sealed class ListDepositsHandler(ServicesDbContext db, JournalStore journal) : IQueryHandler<ListDepositsQuery, Result<IReadOnlyList<DepositView>>>
{
    public async ValueTask<Result<IReadOnlyList<DepositView>>> Handle(ListDepositsQuery query, CancellationToken ct)
    {
        // A family sees its own deposits whatever filter it sends; operations may filter by family.
        var family = query.Actor.IsFamily ? query.Actor.Subject : query.Family;
        var rows = await db.CardDeposits.AsNoTracking()
            .Where(d => family == null || d.FamilySubject == family)
            .OrderByDescending(d => d.Id).Take(Math.Clamp(query.Limit, 1, 500)).ToListAsync(ct);
        var views = new List<DepositView>(rows.Count);
        foreach (var row in rows)
        {
            var entry = await journal.FindIdAsync(row.JournalKey, ct);
            views.Add(CardDepositRows.View(row, entry ?? new EntryId(0)));
        }
        return views;
    }
}

public sealed record GetDepositQuery(Actor Actor, long Id) : IQuery<Result<DepositView>>;

public sealed class GetDepositHandler(ServicesDbContext db, JournalStore journal) : IQueryHandler<GetDepositQuery, Result<DepositView>>
{
    public async ValueTask<Result<DepositView>> Handle(GetDepositQuery query, CancellationToken ct)
    {
        var row = await db.CardDeposits.AsNoTracking().FirstOrDefaultAsync(d => d.Id == query.Id, ct);
        // Another family's deposit is answered exactly like a missing one.
        if (row is null || (query.Actor.IsFamily && row.FamilySubject != query.Actor.Subject))
            return Problems.NotFound($"No deposit {query.Id}.");
        var entry = await journal.FindIdAsync(row.JournalKey, ct);
        return CardDepositRows.View(row, entry ?? new EntryId(0));
    }
}
