using System.Globalization;
using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Ledger.Data.Services;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ledger.Api.Features.Visits;

/// <summary>Slots on each listed weekday between two dates, at the given facility-local start times.</summary>
public sealed record PublishSlotsRequest(DateOnly FromDate, DateOnly ToDate, IReadOnlyList<DayOfWeek> Weekdays, IReadOnlyList<TimeOnly> StartTimes,
    int DurationMinutes, int Capacity);

public sealed record SlotView(long Id, string FacilityCode, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, int Booked, int Remaining);

public sealed record PublishSlotsCommand(Actor Actor, string Facility, PublishSlotsRequest Request) : ICommand<Result<IReadOnlyList<SlotView>>>;

public sealed class PublishSlotsHandler(ServicesDbContext db, LedgerDirectory directory, TimeProvider clock) : ICommandHandler<PublishSlotsCommand, Result<IReadOnlyList<SlotView>>>
{
    public async ValueTask<Result<IReadOnlyList<SlotView>>> Handle(PublishSlotsCommand command, CancellationToken ct)
    {
        var (actor, code, r) = command;
        if (!actor.ServesFacility(code)) return Problems.Forbidden($"You do not serve {code}.");
        var facility = await directory.FacilityAsync(code, ct);
        if (facility is null) return Problems.NotFound($"No facility {code}.");
        if (r.ToDate < r.FromDate || r.ToDate.DayNumber - r.FromDate.DayNumber > 92) return Problems.Invalid("invalid-dates", "Publish 1 to 93 days at a time (fromDate <= toDate).");
        if (r.DurationMinutes is < 10 or > 480 || r.Capacity is < 1 or > 500 || r.StartTimes.Count == 0 || r.Weekdays.Count == 0)
            return Problems.Invalid("invalid-slots", "durationMinutes 10-480, capacity 1-500, at least one weekday and one start time.");

        var zone = FacilityClock.Zone(facility);
        var rows = new List<VisitSlotRow>();
        for (var day = r.FromDate; day <= r.ToDate; day = day.AddDays(1))
        {
            if (!r.Weekdays.Contains(day.DayOfWeek)) continue;
            foreach (var time in r.StartTimes.Distinct().Order())
            {
                var local = day.ToDateTime(time);
                var starts = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
                rows.Add(new VisitSlotRow { FacilityCode = code, StartsAt = starts, EndsAt = starts.AddMinutes(r.DurationMinutes), Capacity = r.Capacity });
            }
        }
        if (rows.Count == 0) return Problems.Invalid("invalid-slots", "No listed weekday falls between fromDate and toDate.");
        var first = rows.Min(x => x.StartsAt);
        var last = rows.Max(x => x.StartsAt);
        var existing = (await db.VisitSlots.Where(s => s.FacilityCode == code && s.StartsAt >= first && s.StartsAt <= last)
            .Select(s => s.StartsAt).ToListAsync(ct)).ToHashSet();
        var added = rows.Where(x => !existing.Contains(x.StartsAt)).ToList();
        db.VisitSlots.AddRange(added);
        Audit.Record(db, actor, "visits.slots.publish", "visit_slots", code, code, null, new { r.FromDate, r.ToDate, r.Weekdays, r.StartTimes, r.DurationMinutes, r.Capacity, created = added.Count }, clock.Now());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Published by someone else meanwhile: nothing of this request was saved; publishing again adds what is missing.
            return Problems.Conflict("slots-published-meanwhile", "Slots published meanwhile",
                $"Some of these slots of {code} were published by someone else at the same moment; publish again to add the ones still missing.");
        }
        return added.Select(Slots.View).ToList();
    }
}

public static class Slots
{
    public static SlotView View(VisitSlotRow s) => new(s.Id, s.FacilityCode, s.StartsAt, s.EndsAt, s.Capacity, s.Booked, s.Capacity - s.Booked);
}

public sealed record ListSlotsQuery(Actor Actor, string Facility, DateTimeOffset? From, DateTimeOffset? To) : IQuery<Result<IReadOnlyList<SlotView>>>;

public sealed class ListSlotsHandler(ServicesDbContext db, LedgerDirectory directory, TimeProvider clock) : IQueryHandler<ListSlotsQuery, Result<IReadOnlyList<SlotView>>>
{
    public async ValueTask<Result<IReadOnlyList<SlotView>>> Handle(ListSlotsQuery query, CancellationToken ct)
    {
        var a = query.Actor;
        if (a.IsStaff && !a.ServesFacility(query.Facility)) return Problems.Forbidden($"You do not serve {query.Facility}.");
        if (a.IsResident && (await directory.FindPersonAsync(a.Subject, ct))?.FacilityCode != query.Facility)
            return Problems.Forbidden("A resident sees their own facility's visiting slots.");
        var from = query.From ?? clock.Now();
        var to = query.To ?? from.AddDays(31);
        return await db.VisitSlots.AsNoTracking().Where(s => s.FacilityCode == query.Facility && s.StartsAt >= from && s.StartsAt < to)
            .OrderBy(s => s.StartsAt).Take(1000).Select(s => new SlotView(s.Id, s.FacilityCode, s.StartsAt, s.EndsAt, s.Capacity, s.Booked, s.Capacity - s.Booked))
            .ToListAsync(ct);
    }
}

public sealed record BookVisitRequest(long SlotId, string PersonNumber);
public sealed record RescheduleRequest(long SlotId);
public sealed record VisitView(long Id, long SlotId, string FacilityCode, string FamilySubject, string PersonNumber, string Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

public sealed record BookVisitCommand(Actor Actor, BookVisitRequest Request) : ICommand<Result<VisitView>>;
public sealed record RescheduleVisitCommand(Actor Actor, long Id, RescheduleRequest Request) : ICommand<Result<VisitView>>;
public sealed record CancelVisitCommand(Actor Actor, long Id) : ICommand<Result<VisitView>>;

/// <summary>
/// Bookings under concurrency: a transaction-scoped advisory lock per resident serializes everything that
/// books that resident (so two overlapping visits cannot both be taken), and a slot's seat is taken by a
/// conditional UPDATE checked by a CHECK (booked &lt;= capacity), so a slot is never over capacity.
/// A unique index (one active booking per resident per slot) backs both up.
/// </summary>
public sealed class VisitBooking(NpgsqlDataSource db, LedgerDirectory directory, ServicesDbContext services, TimeProvider clock) :
    ICommandHandler<BookVisitCommand, Result<VisitView>>, ICommandHandler<RescheduleVisitCommand, Result<VisitView>>, ICommandHandler<CancelVisitCommand, Result<VisitView>>
{
    public async ValueTask<Result<VisitView>> Handle(BookVisitCommand command, CancellationToken ct)
    {
        var (actor, r) = command;
        var person = (r.PersonNumber ?? "").Trim().ToUpperInvariant();
        if (!await services.Contacts.AnyAsync(c => c.FamilySubject == actor.Subject && c.PersonNumber == person, ct))
            return Problems.Forbidden("A family books visits only with its approved contacts.");
        var found = await directory.FindPersonAsync(person, ct);
        if (found is null || !found.CanReceiveDeposits) return Problems.Invalid("person-not-in-custody", $"{person} is not in custody.");

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LockPersonAsync(conn, tx, person, ct);
        var slot = await SlotAsync(conn, tx, r.SlotId, ct);
        if (slot is null || slot.FacilityCode != found.FacilityCode) return Problems.NotFound($"No slot {r.SlotId} at {found.FacilityCode}.");
        if (slot.StartsAt <= clock.Now()) return Problems.Invalid("slot-in-past", "That slot has started already.");
        if (await OverlapsAsync(conn, tx, person, slot, null, ct)) return DoubleBooked(person);
        if (!await TakeSeatAsync(conn, tx, slot.Id, ct)) return Full(slot.Id);

        var now = clock.Now();
        long id;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO api.visit_bookings (slot_id, family_subject, person_number, status, created_at, updated_at)
            VALUES (@s, @f, @p, 'booked', @now, @now) RETURNING id
            """, conn, tx))
        {
            insert.Parameters.AddWithValue("s", slot.Id);
            insert.Parameters.AddWithValue("f", actor.Subject);
            insert.Parameters.AddWithValue("p", person);
            insert.Parameters.AddWithValue("now", now);
            id = (long)(await insert.ExecuteScalarAsync(ct))!;
        }
        await NotifyAsync(conn, tx, person, $"Video visit booked for {slot.StartsAt:yyyy-MM-dd HH:mm} UTC (visit {id}).", now, ct);
        await tx.CommitAsync(ct);
        return new VisitView(id, slot.Id, slot.FacilityCode, actor.Subject, person, "booked", slot.StartsAt, slot.EndsAt);
    }

    public async ValueTask<Result<VisitView>> Handle(RescheduleVisitCommand command, CancellationToken ct)
    {
        var (actor, id, r) = command;
        var booking = await services.VisitBookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (booking is null || booking.FamilySubject != actor.Subject) return Problems.NotFound($"No visit {id} of yours.");

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LockPersonAsync(conn, tx, booking.PersonNumber, ct);
        // The booking as it is now, under the locks: a concurrent reschedule may have moved it since the read above,
        // and freeing the seat of that stale slot would free one seat twice.
        var (current, currentSlot) = await BookingForUpdateAsync(conn, tx, id, ct);
        if (current != "booked") return Problems.Conflict("visit-cancelled", "Visit cancelled", $"Visit {id} is {current}.");
        if (currentSlot == r.SlotId) return Problems.Invalid("same-slot", "The visit is already in that slot.");
        var slot = await SlotAsync(conn, tx, r.SlotId, ct);
        var old = await SlotAsync(conn, tx, currentSlot, ct);
        if (slot is null || slot.FacilityCode != old!.FacilityCode) return Problems.NotFound($"No slot {r.SlotId} at {old!.FacilityCode}.");
        if (slot.StartsAt <= clock.Now()) return Problems.Invalid("slot-in-past", "That slot has started already.");
        if (await OverlapsAsync(conn, tx, booking.PersonNumber, slot, id, ct)) return DoubleBooked(booking.PersonNumber);
        if (!await TakeSeatAsync(conn, tx, slot.Id, ct)) return Full(slot.Id);
        await FreeSeatAsync(conn, tx, old.Id, ct);
        var now = clock.Now();
        await using (var update = new NpgsqlCommand("UPDATE api.visit_bookings SET slot_id = @s, updated_at = @now WHERE id = @id", conn, tx))
        {
            update.Parameters.AddWithValue("s", slot.Id);
            update.Parameters.AddWithValue("now", now);
            update.Parameters.AddWithValue("id", id);
            await update.ExecuteNonQueryAsync(ct);
        }
        await NotifyAsync(conn, tx, booking.PersonNumber, $"Video visit {id} moved to {slot.StartsAt:yyyy-MM-dd HH:mm} UTC.", now, ct);
        await tx.CommitAsync(ct);
        return new VisitView(id, slot.Id, slot.FacilityCode, booking.FamilySubject, booking.PersonNumber, "booked", slot.StartsAt, slot.EndsAt);
    }

    public async ValueTask<Result<VisitView>> Handle(CancelVisitCommand command, CancellationToken ct)
    {
        var (actor, id) = command;
        var booking = await services.VisitBookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        var slotRow = booking is null ? null : await services.VisitSlots.AsNoTracking().FirstAsync(s => s.Id == booking.SlotId, ct);
        if (booking is null || !(actor.IsFamily ? booking.FamilySubject == actor.Subject : actor.ServesFacility(slotRow!.FacilityCode)))
            return Problems.NotFound($"No visit {id} for you.");

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LockPersonAsync(conn, tx, booking.PersonNumber, ct);
        if (await BookingStatusAsync(conn, tx, id, ct) != "booked") return Problems.Conflict("visit-cancelled", "Visit cancelled", $"Visit {id} is cancelled already.");
        var now = clock.Now();
        await using (var update = new NpgsqlCommand("UPDATE api.visit_bookings SET status = 'cancelled', updated_at = @now WHERE id = @id RETURNING slot_id", conn, tx))
        {
            update.Parameters.AddWithValue("now", now);
            update.Parameters.AddWithValue("id", id);
            await FreeSeatAsync(conn, tx, (long)(await update.ExecuteScalarAsync(ct))!, ct);
        }
        await NotifyAsync(conn, tx, booking.PersonNumber, $"Video visit {id} on {slotRow!.StartsAt:yyyy-MM-dd HH:mm} UTC was cancelled.", now, ct);
        if (!actor.IsFamily)
        {
            await using var audit = new NpgsqlCommand("""
                INSERT INTO api.audit_log (actor_subject, actor_role, action, entity_type, entity_id, facility_code, before, after, at)
                VALUES (@s, @r, 'visit.cancel', 'visit_booking', @id, @f, '{"status":"booked"}', '{"status":"cancelled"}', @now)
                """, conn, tx);
            audit.Parameters.AddWithValue("s", actor.Subject);
            audit.Parameters.AddWithValue("r", actor.Role);
            audit.Parameters.AddWithValue("id", id.ToString(CultureInfo.InvariantCulture));
            audit.Parameters.AddWithValue("f", slotRow.FacilityCode);
            audit.Parameters.AddWithValue("now", now);
            await audit.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return new VisitView(id, booking.SlotId, slotRow.FacilityCode, booking.FamilySubject, booking.PersonNumber, "cancelled", slotRow.StartsAt, slotRow.EndsAt);
    }

    private static ApiProblem DoubleBooked(string person) =>
        Problems.Conflict("resident-double-booked", "Resident already booked", $"{person} has another visit at an overlapping time.");

    private static ApiProblem Full(long slot) => Problems.Conflict("slot-full", "Slot full", $"Slot {slot} has no seat left.");

    private static async Task LockPersonAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string person, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('visit:' || @p, 0))", conn, tx);
        cmd.Parameters.AddWithValue("p", person);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<VisitSlotRow?> SlotAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT id, facility_code, starts_at, ends_at, capacity, booked FROM api.visit_slots WHERE id = @id", conn, tx);
        cmd.Parameters.AddWithValue("id", id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new VisitSlotRow
        {
            Id = reader.GetInt64(0), FacilityCode = reader.GetString(1), StartsAt = reader.GetFieldValue<DateTimeOffset>(2),
            EndsAt = reader.GetFieldValue<DateTimeOffset>(3), Capacity = reader.GetInt32(4), Booked = reader.GetInt32(5),
        };
    }

    private static async Task<string?> BookingStatusAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT status FROM api.visit_bookings WHERE id = @id FOR UPDATE", conn, tx);
        cmd.Parameters.AddWithValue("id", id);
        return (string?)await cmd.ExecuteScalarAsync(ct);
    }

    private static async Task<(string? Status, long SlotId)> BookingForUpdateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT status, slot_id FROM api.visit_bookings WHERE id = @id FOR UPDATE", conn, tx);
        cmd.Parameters.AddWithValue("id", id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetString(0), reader.GetInt64(1)) : (null, 0);
    }

    private static async Task<bool> OverlapsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string person, VisitSlotRow slot, long? except, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM api.visit_bookings b JOIN api.visit_slots s ON s.id = b.slot_id
                           WHERE b.person_number = @p AND b.status = 'booked' AND (@except::bigint IS NULL OR b.id <> @except)
                             AND s.starts_at < @ends AND s.ends_at > @starts)
            """, conn, tx);
        cmd.Parameters.AddWithValue("p", person);
        cmd.Parameters.Add(new NpgsqlParameter<long?>("except", except) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        cmd.Parameters.AddWithValue("starts", slot.StartsAt);
        cmd.Parameters.AddWithValue("ends", slot.EndsAt);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task<bool> TakeSeatAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long slot, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("UPDATE api.visit_slots SET booked = booked + 1 WHERE id = @id AND booked < capacity", conn, tx);
        cmd.Parameters.AddWithValue("id", slot);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    private static async Task FreeSeatAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long slot, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("UPDATE api.visit_slots SET booked = booked - 1 WHERE id = @id", conn, tx);
        cmd.Parameters.AddWithValue("id", slot);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task NotifyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string person, string text, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("INSERT INTO api.notifications (person_number, text, created_at) VALUES (@p, @t, @at)", conn, tx);
        cmd.Parameters.AddWithValue("p", person);
        cmd.Parameters.AddWithValue("t", text);
        cmd.Parameters.AddWithValue("at", at);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

public sealed record ListVisitsQuery(Actor Actor, string? Facility) : IQuery<Result<IReadOnlyList<VisitView>>>;

public sealed class ListVisitsHandler(ServicesDbContext db) : IQueryHandler<ListVisitsQuery, Result<IReadOnlyList<VisitView>>>
{
    public async ValueTask<Result<IReadOnlyList<VisitView>>> Handle(ListVisitsQuery query, CancellationToken ct)
    {
        var a = query.Actor;
        var rows = db.VisitBookings.AsNoTracking().Join(db.VisitSlots, b => b.SlotId, s => s.Id, (b, s) => new { b, s });
        if (a.IsFamily) rows = rows.Where(x => x.b.FamilySubject == a.Subject);
        else if (a.IsResident) rows = rows.Where(x => x.b.PersonNumber == a.Subject);
        else if (query.Facility is not null)
        {
            if (!a.ServesFacility(query.Facility)) return Problems.Forbidden($"You do not serve {query.Facility}.");
            rows = rows.Where(x => x.s.FacilityCode == query.Facility);
        }
        else if (!a.IsOperations)
        {
            var mine = a.Facilities.ToArray();
            rows = rows.Where(x => mine.Contains(x.s.FacilityCode));
        }
        return await rows.OrderBy(x => x.s.StartsAt).Take(500)
            .Select(x => new VisitView(x.b.Id, x.s.Id, x.s.FacilityCode, x.b.FamilySubject, x.b.PersonNumber, x.b.Status, x.s.StartsAt, x.s.EndsAt)).ToListAsync(ct);
    }
}

public sealed record NotificationView(long Id, string Text, DateTimeOffset CreatedAt);
public sealed record NotificationsQuery(Actor Actor) : IQuery<Result<IReadOnlyList<NotificationView>>>;

public sealed class NotificationsHandler(ServicesDbContext db) : IQueryHandler<NotificationsQuery, Result<IReadOnlyList<NotificationView>>>
{
    public async ValueTask<Result<IReadOnlyList<NotificationView>>> Handle(NotificationsQuery query, CancellationToken ct) =>
        await db.Notifications.AsNoTracking().Where(n => n.PersonNumber == query.Actor.Subject).OrderByDescending(n => n.Id).Take(200)
            .Select(n => new NotificationView(n.Id, n.Text, n.CreatedAt)).ToListAsync(ct);
}

public static class VisitEndpoints
{
    public static void MapVisits(this IEndpointRouteBuilder app)
    {
        var slots = app.MapGroup("/facilities/{facility}/visit-slots").WithTags("Video visits");

        slots.MapPost("/", async Task<Results<Ok<IReadOnlyList<SlotView>>, ProblemHttpResult>> (string facility, PublishSlotsRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new PublishSlotsCommand(Actor.From(http.User), facility, body), ct)))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("Publish visiting slots (days, hours, capacity per slot); slots that exist are kept");

        slots.MapGet("/", async Task<Results<Ok<IReadOnlyList<SlotView>>, ProblemHttpResult>> (string facility, DateTimeOffset? from, DateTimeOffset? to, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ListSlotsQuery(Actor.From(http.User), facility, from, to), ct)))
            .RequireAuthorization(Policies.AnyVisitor)
            .WithSummary("Visiting slots with seats left");

        var visits = app.MapGroup("/visits").WithTags("Video visits");

        visits.MapPost("/", async Task<Results<Created<VisitView>, ProblemHttpResult>> (BookVisitRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Created(await mediator.Send(new BookVisitCommand(Actor.From(http.User), body), ct), v => $"/visits/{v.Id}"))
            .RequireAuthorization(Policies.Family)
            .WithSummary("Book a video visit with an approved contact (no double booking, no over-capacity); the resident is notified");

        visits.MapPut("/{id:long}", async Task<Results<Ok<VisitView>, ProblemHttpResult>> (long id, RescheduleRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new RescheduleVisitCommand(Actor.From(http.User), id, body), ct)))
            .RequireAuthorization(Policies.Family)
            .WithSummary("Reschedule a visit to another slot");

        visits.MapDelete("/{id:long}", async Task<Results<Ok<VisitView>, ProblemHttpResult>> (long id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new CancelVisitCommand(Actor.From(http.User), id), ct)))
            .RequireAuthorization(Policies.FamilyOrStaff)
            .WithSummary("Cancel a visit (the family that booked it, or staff of its facility)");

        visits.MapGet("/", async Task<Results<Ok<IReadOnlyList<VisitView>>, ProblemHttpResult>> (string? facility, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ListVisitsQuery(Actor.From(http.User), facility), ct)))
            .RequireAuthorization(Policies.AnyVisitor)
            .WithSummary("Visits: a family's or resident's own; staff's facilities");

        app.MapGet("/notifications", async Task<Results<Ok<IReadOnlyList<NotificationView>>, ProblemHttpResult>> (HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new NotificationsQuery(Actor.From(http.User)), ct)))
            .RequireAuthorization(Policies.Resident)
            .WithTags("Video visits")
            .WithSummary("A resident's notifications (visits booked, moved, cancelled; e-mail delivered)");
    }
}
