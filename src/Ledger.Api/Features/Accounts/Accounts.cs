using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Ledger.Data.Journal;
using Ledger.Data.Services;
using Ledger.Data.Statements;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Deposits;
using Ledger.Domain.Journal;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Api.Features.Accounts;

public sealed record BalanceView(string Account, long BalanceCents, string Balance);
public sealed record BalancesView(string PersonNumber, string FacilityCode, DateTimeOffset At, IReadOnlyList<BalanceView> Accounts);

public sealed record GetBalancesQuery(Actor Actor, string PersonNumber) : IQuery<Result<BalancesView>>;

public sealed class GetBalancesHandler(LedgerDirectory directory, BalanceReader balances, TimeProvider clock) : IQueryHandler<GetBalancesQuery, Result<BalancesView>>
{
    public async ValueTask<Result<BalancesView>> Handle(GetBalancesQuery query, CancellationToken ct)
    {
        var person = await directory.PersonVisibleToAsync(query.Actor, query.PersonNumber, ct);
        if (!person.IsSuccess) return person.Problem!;
        var at = clock.Now();
        var list = new List<BalanceView>();
        foreach (var kind in new[] { AccountKind.Trust, AccountKind.Media, AccountKind.Restitution })
        {
            var balance = await balances.BalanceAsync(AccountKey.Personal(person.Value!.PersonNumber, kind, Currency.USD), at, ct);
            list.Add(new BalanceView(kind.ToCode(), balance.MinorUnits, balance.ToDecimalString()));
        }
        return new BalancesView(person.Value!.PersonNumber, person.Value.FacilityCode, at, list);
    }
}

public sealed record GetStatementQuery(Actor Actor, string PersonNumber, string Account, DateTimeOffset From, DateTimeOffset To) : IQuery<Result<StatementView>>;

public sealed class GetStatementHandler(LedgerDirectory directory, BalanceReader balances) : IQueryHandler<GetStatementQuery, Result<StatementView>>
{
    public async ValueTask<Result<StatementView>> Handle(GetStatementQuery query, CancellationToken ct)
    {
        if (!AccountKinds.TryParse(query.Account, out var kind) || !kind.IsPersonal())
            return Problems.Invalid("invalid-account", "account must be trust, media or restitution.");
        if (query.To <= query.From) return Problems.Invalid("invalid-period", "to must be after from.");
        var person = await directory.PersonVisibleToAsync(query.Actor, query.PersonNumber, ct);
        if (!person.IsSuccess) return person.Problem!;
        var s = await balances.StatementAsync(AccountKey.Personal(person.Value!.PersonNumber, kind, Currency.USD), query.From, query.To, ct);
        return new StatementView(person.Value.PersonNumber, person.Value.FacilityCode, kind.ToCode(), s.From, s.To, s.Opening.MinorUnits,
            s.Lines.Select(l => new StatementLineView(l.EntryId, l.PostedAt, l.Source, l.Description, l.Amount.MinorUnits, l.BalanceAfter.MinorUnits)).ToArray(),
            s.Closing.MinorUnits);
    }
}

public sealed record TransferRequest(long AmountCents);
public sealed record TransferView(long Id, string PersonNumber, long AmountCents, string From, string To, long EntryId, DateTimeOffset CreatedAt);

public sealed record TransferToMediaCommand(Actor Actor, string PersonNumber, string IdempotencyKey, TransferRequest Request) : ICommand<Result<TransferView>>;

/// <summary>A resident buys kiosk credit: one journal entry, trust → media, refused whole when trust holds too little.</summary>
public sealed class TransferToMediaHandler(ServicesDbContext db, JournalStore journal, TimeProvider clock) : ICommandHandler<TransferToMediaCommand, Result<TransferView>>
{
    public async ValueTask<Result<TransferView>> Handle(TransferToMediaCommand command, CancellationToken ct)
    {
        var (actor, personNumber, key, request) = command;
        if (actor.Subject != personNumber) return Problems.Forbidden("A resident moves only their own money.");
        if (request.AmountCents <= 0) return Problems.Invalid("invalid-amount", "amountCents must be a positive number of cents.");

        var hash = Idempotency.Hash(request);
        var row = await IdempotentRows.InsertOrFindAsync(db, db.Transfers, new TransferRow
        {
            PersonNumber = personNumber, IdempotencyKey = key, RequestHash = hash, AmountCents = request.AmountCents,
            Status = WorkStatus.Pending, CreatedAt = clock.Now(),
        }, t => t.PersonNumber == personNumber && t.IdempotencyKey == key, ct);
        if (row.RequestHash != hash) return Problems.IdempotencyMismatch();

        if (row.Status == WorkStatus.Pending)
        {
            var amount = Money.Usd(row.AmountCents);
            var entry = LedgerEntries.TrustToMedia(row.Id, personNumber, amount, $"Trust to media (kiosk credit) for {personNumber}", row.CreatedAt);
            (row.Status, row.EntryId) = await WorkStatus.PostAndRecordAsync(journal, entry, db.Transfers.Where(t => t.Id == row.Id),
                t => t.Status, t => t.EntryId, ct);
        }
        if (row.Status == WorkStatus.RefusedInsufficientFunds)
            return Problems.InsufficientFunds($"The trust account of {personNumber} holds less than {Money.Usd(row.AmountCents).ToDecimalString()}.");
        return new TransferView(row.Id, personNumber, row.AmountCents, "trust", "media", row.EntryId!.Value, row.CreatedAt);
    }
}

/// <summary>Money-moving requests whose own row is their idempotency record: pending → completed or refused.</summary>
public static class WorkStatus
{
    public const string Pending = "pending";
    public const string Completed = "completed";
    public const string RefusedInsufficientFunds = "refused_insufficient_funds";

    /// <summary>
    /// Posts the entry and records the outcome on the row. A refusal is recorded only over a pending row, so a
    /// concurrent retry that did post is never overwritten by a refusal. Returns the new status and entry id.
    /// </summary>
    public static async Task<(string Status, long? EntryId)> PostAndRecordAsync<TRow>(JournalStore journal, JournalEntry entry,
        IQueryable<TRow> row, System.Linq.Expressions.Expression<Func<TRow, string>> status,
        System.Linq.Expressions.Expression<Func<TRow, long?>> entryId, CancellationToken ct) where TRow : class
    {
        var result = await journal.PostAsync(entry, ct);
        switch (result.Outcome)
        {
            case PostOutcome.Posted or PostOutcome.Duplicate:
                long? id = result.EntryId!.Value.Value;
                await row.ExecuteUpdateAsync(s => s.SetProperty(status, Completed).SetProperty(entryId, id), ct);
                return (Completed, id);
            case PostOutcome.InsufficientFunds:
                var refused = await row.Where(WhereStatus(status, Pending)).ExecuteUpdateAsync(s => s.SetProperty(status, RefusedInsufficientFunds), ct);
                if (refused == 0) return await row.AsNoTracking().Select(r => new ValueTuple<string, long?>(EF.Property<string>(r, "Status"), EF.Property<long?>(r, "EntryId"))).FirstAsync(ct);
                return (RefusedInsufficientFunds, null);
            default:
                throw new InvalidOperationException($"Entry {entry.IdempotencyKey} was not posted: {result.Outcome} {result.Detail}");
        }
    }

    private static System.Linq.Expressions.Expression<Func<TRow, bool>> WhereStatus<TRow>(System.Linq.Expressions.Expression<Func<TRow, string>> status, string value) =>
        System.Linq.Expressions.Expression.Lambda<Func<TRow, bool>>(
            System.Linq.Expressions.Expression.Equal(status.Body, System.Linq.Expressions.Expression.Constant(value)), status.Parameters);
}

public static class IdempotentRows
{
    /// <summary>Inserts the row, or finds the one a request with the same key inserted before (or concurrently).</summary>
    public static async Task<TRow> InsertOrFindAsync<TRow>(ServicesDbContext db, DbSet<TRow> set, TRow row,
        System.Linq.Expressions.Expression<Func<TRow, bool>> sameKey, CancellationToken ct) where TRow : class
    {
        var existing = await set.FirstOrDefaultAsync(sameKey, ct);
        if (existing is not null) return existing;
        set.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return row;
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            db.Entry(row).State = EntityState.Detached;
            return await set.FirstAsync(sameKey, ct);
        }
    }
}
