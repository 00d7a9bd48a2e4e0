using System.Globalization;
using Ledger.Api.Auth;
using Ledger.Api.Features.Accounts;
using Ledger.Api.Infrastructure;
using Ledger.Data.Journal;
using Ledger.Data.Services;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Deposits;
using Ledger.Domain.Journal;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Api.Features.Media;

public static class MediaKinds
{
    public static readonly string[] All = ["song", "album", "game", "movie_rental", "ebook", "course", "news"];
    public const long MinRentalCents = 200;
    public const long MaxRentalCents = 2_500;
}

public sealed record CatalogItemRequest(string FacilityCode, string Kind, string Title, long PriceCents, int? RentalHours);
public sealed record CatalogItemView(long Id, string FacilityCode, string Kind, string Title, long PriceCents, int? RentalHours);

public sealed record AddCatalogItemCommand(Actor Actor, CatalogItemRequest Request) : ICommand<Result<CatalogItemView>>;

public sealed class AddCatalogItemHandler(ServicesDbContext db, LedgerDirectory directory, TimeProvider clock) : ICommandHandler<AddCatalogItemCommand, Result<CatalogItemView>>
{
    public async ValueTask<Result<CatalogItemView>> Handle(AddCatalogItemCommand command, CancellationToken ct)
    {
        var r = command.Request;
        if (!command.Actor.ServesFacility(r.FacilityCode ?? "")) return Problems.Forbidden($"You do not serve {r.FacilityCode}.");
        if (await directory.FacilityAsync(r.FacilityCode!, ct) is null) return Problems.Invalid("unknown-facility", $"No facility {r.FacilityCode}.");
        if (!MediaKinds.All.Contains(r.Kind)) return Problems.Invalid("invalid-kind", $"kind is one of {string.Join(", ", MediaKinds.All)}.");
        if (string.IsNullOrWhiteSpace(r.Title)) return Problems.Invalid("invalid-title", "title is required.");
        if (r.PriceCents < 0) return Problems.Invalid("invalid-price", "priceCents must not be negative.");
        if (r.Kind == "movie_rental")
        {
            if (r.PriceCents is < MediaKinds.MinRentalCents or > MediaKinds.MaxRentalCents)
                return Problems.Invalid("invalid-price", "A movie rental costs 2.00 to 25.00.");
            if (r.RentalHours is null or <= 0 or > 24 * 90) return Problems.Invalid("invalid-rental-hours", "A rental needs rentalHours (1 to 2160).");
        }
        else if (r.RentalHours is not null) return Problems.Invalid("invalid-rental-hours", "Only movie rentals expire.");

        var row = new MediaItemRow { FacilityCode = r.FacilityCode!, Kind = r.Kind, Title = r.Title.Trim(), PriceCents = r.PriceCents, RentalHours = r.RentalHours, Active = true, CreatedAt = clock.Now() };
        // The item and its audit row commit together (the audit needs the item's id, hence two saves in one transaction).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.MediaItems.Add(row);
        await db.SaveChangesAsync(ct);
        Audit.Record(db, command.Actor, "media.catalog.add", "media_item", row.Id.ToString(CultureInfo.InvariantCulture), row.FacilityCode, null,
            new { row.Kind, row.Title, row.PriceCents, row.RentalHours }, row.CreatedAt);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CatalogItemView(row.Id, row.FacilityCode, row.Kind, row.Title, row.PriceCents, row.RentalHours);
    }
}

public sealed record CatalogQuery(Actor Actor, string? Facility) : IQuery<Result<IReadOnlyList<CatalogItemView>>>;

public sealed class CatalogHandler(ServicesDbContext db, LedgerDirectory directory) : IQueryHandler<CatalogQuery, Result<IReadOnlyList<CatalogItemView>>>
{
    public async ValueTask<Result<IReadOnlyList<CatalogItemView>>> Handle(CatalogQuery query, CancellationToken ct)
    {
        string facility;
        if (query.Actor.IsResident)
            facility = (await directory.FindPersonAsync(query.Actor.Subject, ct))?.FacilityCode ?? "";
        else if (query.Facility is null) return Problems.Invalid("facility-required", "Name the facility (?facility=CODE).");
        else if (!query.Actor.ServesFacility(query.Facility)) return Problems.Forbidden($"You do not serve {query.Facility}.");
        else facility = query.Facility;
        return await db.MediaItems.AsNoTracking().Where(i => i.FacilityCode == facility && i.Active).OrderBy(i => i.Kind).ThenBy(i => i.Title)
            .Select(i => new CatalogItemView(i.Id, i.FacilityCode, i.Kind, i.Title, i.PriceCents, i.RentalHours)).ToListAsync(ct);
    }
}

public sealed record PurchaseRequest(long ItemId);
public sealed record LibraryItemView(long PurchaseId, long ItemId, string Kind, string Title, long PriceCents, DateTimeOffset PurchasedAt,
    DateTimeOffset? ExpiresAt, bool Playable, long EntryId);

public sealed record PurchaseCommand(Actor Actor, string IdempotencyKey, PurchaseRequest Request) : ICommand<Result<LibraryItemView>>;

/// <summary>Buying debits the resident's media account (media revenue is credited); too little money is a 409 and nothing is bought.</summary>
public sealed class PurchaseHandler(ServicesDbContext db, LedgerDirectory directory, JournalStore journal, TimeProvider clock) : ICommandHandler<PurchaseCommand, Result<LibraryItemView>>
{
    public async ValueTask<Result<LibraryItemView>> Handle(PurchaseCommand command, CancellationToken ct)
    {
        var (actor, key, request) = command;
        var person = await directory.FindPersonAsync(actor.Subject, ct);
        if (person is null || !person.CanReceiveDeposits) return Problems.Forbidden("Only a person in custody buys media.");
        var item = await db.MediaItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == request.ItemId && i.Active && i.FacilityCode == person.FacilityCode, ct);
        if (item is null) return Problems.NotFound($"No item {request.ItemId} in the catalog of {person.FacilityCode}.");

        var now = clock.Now();
        var hash = Idempotency.Hash(request);
        var row = await IdempotentRows.InsertOrFindAsync(db, db.MediaPurchases, new MediaPurchaseRow
        {
            PersonNumber = actor.Subject, MediaItemId = item.Id, IdempotencyKey = key, RequestHash = hash, PriceCents = item.PriceCents,
            Status = WorkStatus.Pending, CreatedAt = now, ExpiresAt = item.RentalHours is { } h ? now.AddHours(h) : null,
        }, p => p.PersonNumber == actor.Subject && p.IdempotencyKey == key, ct);
        if (row.RequestHash != hash) return Problems.IdempotencyMismatch();

        if (row.Status == WorkStatus.Pending)
        {
            if (row.PriceCents == 0)
            {
                await db.MediaPurchases.Where(p => p.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, WorkStatus.Completed), ct);
                row.Status = WorkStatus.Completed;
            }
            else
            {
                var price = Money.Usd(row.PriceCents);
                var entry = LedgerEntries.MediaPurchase(row.Id, row.PersonNumber, person.FacilityCode, price,
                    $"{item.Kind} '{item.Title}' for {row.PersonNumber}", row.CreatedAt);
                (row.Status, row.EntryId) = await WorkStatus.PostAndRecordAsync(journal, entry, db.MediaPurchases.Where(p => p.Id == row.Id),
                    p => p.Status, p => p.EntryId, ct);
            }
        }
        if (row.Status == WorkStatus.RefusedInsufficientFunds)
            return Problems.InsufficientFunds($"'{item.Title}' costs {Money.Usd(row.PriceCents).ToDecimalString()}; the media account holds less. Move money from trust to media first.");
        return Library.View(row, item, now);
    }
}

public static class Library
{
    public static LibraryItemView View(MediaPurchaseRow p, MediaItemRow i, DateTimeOffset now) =>
        new(p.Id, i.Id, i.Kind, i.Title, p.PriceCents, p.CreatedAt, p.ExpiresAt, p.ExpiresAt is null || now < p.ExpiresAt, p.EntryId ?? 0);
}

public sealed record LibraryQuery(Actor Actor) : IQuery<Result<IReadOnlyList<LibraryItemView>>>;

public sealed class LibraryHandler(ServicesDbContext db, TimeProvider clock) : IQueryHandler<LibraryQuery, Result<IReadOnlyList<LibraryItemView>>>
{
    public async ValueTask<Result<IReadOnlyList<LibraryItemView>>> Handle(LibraryQuery query, CancellationToken ct)
    {
        var now = clock.Now();
        var rows = await db.MediaPurchases.AsNoTracking().Where(p => p.PersonNumber == query.Actor.Subject && p.Status == WorkStatus.Completed)
            .Join(db.MediaItems, p => p.MediaItemId, i => i.Id, (p, i) => new { p, i }).OrderByDescending(x => x.p.Id).ToListAsync(ct);
        return rows.Select(x => Library.View(x.p, x.i, now)).ToList();
    }
}

public sealed record PlayQuery(Actor Actor, long PurchaseId) : IQuery<Result<LibraryItemView>>;

/// <summary>Whether an item plays now: a rental past its expiry answers 410 Gone.</summary>
public sealed class PlayHandler(ServicesDbContext db, TimeProvider clock) : IQueryHandler<PlayQuery, Result<LibraryItemView>>
{
    public async ValueTask<Result<LibraryItemView>> Handle(PlayQuery query, CancellationToken ct)
    {
        var x = await db.MediaPurchases.AsNoTracking().Where(p => p.Id == query.PurchaseId && p.PersonNumber == query.Actor.Subject && p.Status == WorkStatus.Completed)
            .Join(db.MediaItems, p => p.MediaItemId, i => i.Id, (p, i) => new { p, i }).FirstOrDefaultAsync(ct);
        if (x is null) return Problems.NotFound($"Item {query.PurchaseId} is not in your library.");
        var view = Library.View(x.p, x.i, clock.Now());
        if (!view.Playable)
            return new ApiProblem(StatusCodes.Status410Gone, "rental-expired", "Rental expired", $"'{x.i.Title}' could be played until {x.p.ExpiresAt:O}.");
        return view;
    }
}

public static class MediaEndpoints
{
    public static void MapMedia(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/media").WithTags("Media");

        group.MapGet("/catalog", async Task<Results<Ok<IReadOnlyList<CatalogItemView>>, ProblemHttpResult>> (string? facility, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new CatalogQuery(Actor.From(http.User), facility), ct)))
            .RequireAuthorization(Policies.ResidentStaffOrOperations)
            .WithSummary("A facility's media catalog (a resident sees their own facility's)");

        group.MapPost("/catalog", async Task<Results<Created<CatalogItemView>, ProblemHttpResult>> (CatalogItemRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Created(await mediator.Send(new AddCatalogItemCommand(Actor.From(http.User), body), ct), v => $"/media/catalog/{v.Id}"))
            .RequireAuthorization(Policies.StaffOrOperations)
            .WithSummary("Add an item to a facility's catalog (songs, albums, games, movie rentals 2.00-25.00 with expiry, e-books, courses, news)");

        group.MapPost("/purchases", async Task<Results<Created<LibraryItemView>, ProblemHttpResult>> (PurchaseRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                if (Idempotency.Read(http.Request) is not { } key) return Problems.MissingIdempotencyKey().ToResult();
                return ResultHttp.Created(await mediator.Send(new PurchaseCommand(Actor.From(http.User), key, body), ct), v => $"/media/library/{v.PurchaseId}");
            })
            .RequireAuthorization(Policies.Resident)
            .WithSummary("Buy an item from the media account; Idempotency-Key required");

        group.MapGet("/library", async Task<Results<Ok<IReadOnlyList<LibraryItemView>>, ProblemHttpResult>> (HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new LibraryQuery(Actor.From(http.User)), ct)))
            .RequireAuthorization(Policies.Resident)
            .WithSummary("My library, with whether each item plays now");

        group.MapGet("/library/{purchaseId:long}/play", async Task<Results<Ok<LibraryItemView>, ProblemHttpResult>> (long purchaseId, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new PlayQuery(Actor.From(http.User), purchaseId), ct)))
            .RequireAuthorization(Policies.Resident)
            .WithSummary("Play an item: 410 Gone once a rental has expired");
    }
}
