using System.Globalization;
using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Ledger.Data.Services;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Api.Features.Requests;

public static class RequestKinds
{
    public static readonly string[] All = ["medical", "grievance", "classification", "support"];
    /// <summary>Longest subject (and assignee name) and longest body or answer, in characters: a request is a letter, not a file.</summary>
    public const int MaxSubject = 200;
    public const int MaxText = 20_000;

    /// <summary>Used until a facility sets its own deadline for a kind.</summary>
    public static int DefaultHours(string kind) => kind switch
    {
        "medical" => 48,
        "grievance" => 15 * 24,
        "classification" => 30 * 24,
        _ => 5 * 24,
    };
}

public sealed record FileRequest(string Kind, string Subject, string Body);
public sealed record RequestEventView(DateTimeOffset At, string ActorRole, string ActorSubject, string Action, string? Text);
public sealed record RequestView(long Id, string FacilityCode, string PersonNumber, string Kind, string Subject, string Body, string Status,
    string? AssignedTo, string? Answer, DateTimeOffset CreatedAt, DateTimeOffset DueAt, bool Overdue, DateTimeOffset? AnsweredAt, DateTimeOffset? ClosedAt,
    IReadOnlyList<RequestEventView>? History);

public static class RequestViews
{
    public static RequestView Of(ResidentRequestRow r, DateTimeOffset now, IReadOnlyList<RequestEventView>? history = null) =>
        new(r.Id, r.FacilityCode, r.PersonNumber, r.Kind, r.Subject, r.Body, r.Status, r.AssignedTo, r.Answer, r.CreatedAt, r.DueAt,
            IsOverdue(r, now), r.AnsweredAt, r.ClosedAt, history);

    /// <summary>Overdue: past its deadline and not yet answered (an answer meets the deadline).</summary>
    public static bool IsOverdue(ResidentRequestRow r, DateTimeOffset now) => r.AnsweredAt is null && r.ClosedAt is null && r.DueAt < now;

    public static async Task<IReadOnlyList<RequestEventView>> HistoryAsync(ServicesDbContext db, long id, CancellationToken ct) =>
        await db.RequestEvents.AsNoTracking().Where(e => e.RequestId == id).OrderBy(e => e.Id)
            .Select(e => new RequestEventView(e.At, e.ActorRole, e.ActorSubject, e.Action, e.Text)).ToListAsync(ct);

    public static void Event(ServicesDbContext db, long id, Actor actor, string action, string? text, DateTimeOffset at) =>
        db.RequestEvents.Add(new RequestEventRow { RequestId = id, ActorRole = actor.Role, ActorSubject = actor.Subject, Action = action, Text = text, At = at });
}

public sealed record FileRequestCommand(Actor Actor, FileRequest Request) : ICommand<Result<RequestView>>;

public sealed class FileRequestHandler(ServicesDbContext db, LedgerDirectory directory, TimeProvider clock) : ICommandHandler<FileRequestCommand, Result<RequestView>>
{
    public async ValueTask<Result<RequestView>> Handle(FileRequestCommand command, CancellationToken ct)
    {
        var r = command.Request;
        if (!RequestKinds.All.Contains(r.Kind)) return Problems.Invalid("invalid-kind", $"kind is one of {string.Join(", ", RequestKinds.All)}.");
        if (string.IsNullOrWhiteSpace(r.Subject) || string.IsNullOrWhiteSpace(r.Body)) return Problems.Invalid("invalid-request", "subject and body are required.");
        if (r.Subject.Length > RequestKinds.MaxSubject || r.Body.Length > RequestKinds.MaxText)
            return Problems.Invalid("request-too-long", $"A subject has at most {RequestKinds.MaxSubject} characters and a body at most {RequestKinds.MaxText}.");
        var person = await directory.FindPersonAsync(command.Actor.Subject, ct);
        if (person is null || !person.CanReceiveDeposits) return Problems.Forbidden("Only a person in custody files requests.");
        var now = clock.Now();
        var hours = await db.RequestDeadlines.Where(d => d.FacilityCode == person.FacilityCode && d.Kind == r.Kind).Select(d => (int?)d.Hours).FirstOrDefaultAsync(ct)
                    ?? RequestKinds.DefaultHours(r.Kind);
        var row = new ResidentRequestRow
        {
            FacilityCode = person.FacilityCode, PersonNumber = person.PersonNumber, Kind = r.Kind, Subject = r.Subject.Trim(), Body = r.Body,
            Status = "open", CreatedAt = now, DueAt = now.AddHours(hours),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Requests.Add(row);
        await db.SaveChangesAsync(ct);
        RequestViews.Event(db, row.Id, command.Actor, "filed", null, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return RequestViews.Of(row, now, await RequestViews.HistoryAsync(db, row.Id, ct));
    }
}

public sealed record ListRequestsQuery(Actor Actor, string? Facility, bool OverdueOnly) : IQuery<Result<IReadOnlyList<RequestView>>>;

public sealed class ListRequestsHandler(ServicesDbContext db, TimeProvider clock) : IQueryHandler<ListRequestsQuery, Result<IReadOnlyList<RequestView>>>
{
    public async ValueTask<Result<IReadOnlyList<RequestView>>> Handle(ListRequestsQuery query, CancellationToken ct)
    {
        var now = clock.Now();
        var a = query.Actor;
        IQueryable<ResidentRequestRow> rows = db.Requests.AsNoTracking();
        if (a.IsResident) rows = rows.Where(r => r.PersonNumber == a.Subject);
        else if (query.Facility is not null)
        {
            if (!a.ServesFacility(query.Facility)) return Problems.Forbidden($"You do not serve {query.Facility}.");
            rows = rows.Where(r => r.FacilityCode == query.Facility);
        }
        else if (!a.IsOperations)
        {
            var mine = a.Facilities.ToArray();
            rows = rows.Where(r => mine.Contains(r.FacilityCode));
        }
        if (query.OverdueOnly) rows = rows.Where(r => r.AnsweredAt == null && r.ClosedAt == null && r.DueAt < now).OrderBy(r => r.DueAt);
        else rows = rows.OrderByDescending(r => r.Id);
        var list = await rows.Take(500).ToListAsync(ct);
        return list.Select(r => RequestViews.Of(r, now)).ToList();
    }
}

public sealed record GetRequestQuery(Actor Actor, long Id) : IQuery<Result<RequestView>>;

public sealed class GetRequestHandler(ServicesDbContext db, TimeProvider clock) : IQueryHandler<GetRequestQuery, Result<RequestView>>
{
    public async ValueTask<Result<RequestView>> Handle(GetRequestQuery query, CancellationToken ct)
    {
        var r = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == query.Id, ct);
        if (r is null || (query.Actor.IsResident ? r.PersonNumber != query.Actor.Subject : !query.Actor.ServesFacility(r.FacilityCode)))
            return Problems.NotFound($"No request {query.Id} for you.");
        return RequestViews.Of(r, clock.Now(), await RequestViews.HistoryAsync(db, r.Id, ct));
    }
}

public sealed record HandleRequestBody(string? Assignee, string? Text);

public sealed record HandleRequestCommand(Actor Actor, long Id, string Action, HandleRequestBody Body) : ICommand<Result<RequestView>>;

/// <summary>Staff of the request's facility assign, answer and close it; each step is kept in its history and audited.</summary>
public sealed class HandleRequestHandler(ServicesDbContext db, TimeProvider clock) : ICommandHandler<HandleRequestCommand, Result<RequestView>>
{
    public async ValueTask<Result<RequestView>> Handle(HandleRequestCommand command, CancellationToken ct)
    {
        var (actor, id, action, body) = command;
        if (body.Text?.Length > RequestKinds.MaxText || body.Assignee?.Length > RequestKinds.MaxSubject)
            return Problems.Invalid("request-too-long", $"An answer has at most {RequestKinds.MaxText} characters, an assignee at most {RequestKinds.MaxSubject}.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var r = await db.Requests.FromSqlInterpolated($"SELECT * FROM api.resident_requests WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (r is null || !actor.ServesFacility(r.FacilityCode)) return Problems.NotFound($"No request {id} at a facility you serve.");
        if (r.Status == "closed") return Problems.Conflict("request-closed", "Request closed", $"Request {id} is closed.");
        var now = clock.Now();
        var before = new { r.Status, r.AssignedTo, r.Answer };
        string? text;
        switch (action)
        {
            case "assign":
                if (string.IsNullOrWhiteSpace(body.Assignee)) return Problems.Invalid("assignee-required", "Name the staff member (assignee).");
                r.AssignedTo = body.Assignee.Trim();
                if (r.Status == "open") r.Status = "assigned";
                text = r.AssignedTo;
                break;
            case "answer":
                if (string.IsNullOrWhiteSpace(body.Text)) return Problems.Invalid("answer-required", "An answer needs text.");
                r.Answer = body.Text;
                r.AnsweredAt ??= now;
                r.Status = "answered";
                text = body.Text;
                break;
            case "close":
                r.Status = "closed";
                r.ClosedAt = now;
                text = body.Text;
                break;
            default:
                throw new InvalidOperationException($"Unknown request action {action}.");
        }
        RequestViews.Event(db, r.Id, actor, action, text, now);
        Audit.Record(db, actor, "request." + action, "resident_request", r.Id.ToString(CultureInfo.InvariantCulture), r.FacilityCode, before,
            new { r.Status, r.AssignedTo, r.Answer }, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return RequestViews.Of(r, now, await RequestViews.HistoryAsync(db, r.Id, ct));
    }
}

public sealed record DeadlineRequest(int Hours);
public sealed record DeadlineView(string FacilityCode, string Kind, int Hours, bool IsDefault);

public sealed record SetDeadlineCommand(Actor Actor, string Facility, string Kind, DeadlineRequest Request) : ICommand<Result<DeadlineView>>;

public sealed class SetDeadlineHandler(ServicesDbContext db, LedgerDirectory directory, TimeProvider clock) : ICommandHandler<SetDeadlineCommand, Result<DeadlineView>>
{
    public async ValueTask<Result<DeadlineView>> Handle(SetDeadlineCommand command, CancellationToken ct)
    {
        if (!command.Actor.ServesFacility(command.Facility)) return Problems.Forbidden($"You do not serve {command.Facility}.");
        if (await directory.FacilityAsync(command.Facility, ct) is null) return Problems.NotFound($"No facility {command.Facility}.");
        if (!RequestKinds.All.Contains(command.Kind)) return Problems.Invalid("invalid-kind", $"kind is one of {string.Join(", ", RequestKinds.All)}.");
        if (command.Request.Hours is <= 0 or > 24 * 365) return Problems.Invalid("invalid-hours", "hours is 1 to 8760.");
        var row = await db.RequestDeadlines.FirstOrDefaultAsync(d => d.FacilityCode == command.Facility && d.Kind == command.Kind, ct);
        var before = row is null ? null : new { row.Hours };
        if (row is null) db.RequestDeadlines.Add(row = new RequestDeadlineRow { FacilityCode = command.Facility, Kind = command.Kind, Hours = command.Request.Hours });
        else row.Hours = command.Request.Hours;
        Audit.Record(db, command.Actor, "request.deadline.set", "request_deadline", $"{command.Facility}/{command.Kind}", command.Facility, before, new { row.Hours }, clock.Now());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Two first settings at once: one wins; the other is told, and may set it again over the winner.
            return Problems.Conflict("deadline-changed", "Set meanwhile", $"The {command.Kind} deadline of {command.Facility} was set by someone else meanwhile; read it and set it again.");
        }
        return new DeadlineView(row.FacilityCode, row.Kind, row.Hours, false);
    }
}

public sealed record ListDeadlinesQuery(Actor Actor, string Facility) : IQuery<Result<IReadOnlyList<DeadlineView>>>;

public sealed class ListDeadlinesHandler(ServicesDbContext db) : IQueryHandler<ListDeadlinesQuery, Result<IReadOnlyList<DeadlineView>>>
{
    public async ValueTask<Result<IReadOnlyList<DeadlineView>>> Handle(ListDeadlinesQuery query, CancellationToken ct)
    {
        if (!query.Actor.ServesFacility(query.Facility)) return Problems.Forbidden($"You do not serve {query.Facility}.");
        var set = await db.RequestDeadlines.AsNoTracking().Where(d => d.FacilityCode == query.Facility).ToDictionaryAsync(d => d.Kind, d => d.Hours, ct);
        return RequestKinds.All.Select(k => set.TryGetValue(k, out var h)
            ? new DeadlineView(query.Facility, k, h, false) : new DeadlineView(query.Facility, k, RequestKinds.DefaultHours(k), true)).ToList();
    }
}

public static class RequestEndpoints
{
    public static void MapRequests(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/requests").WithTags("Requests");

        group.MapPost("/", async Task<Results<Created<RequestView>, ProblemHttpResult>> (FileRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Created(await mediator.Send(new FileRequestCommand(Actor.From(http.User), body), ct), v => $"/requests/{v.Id}"))
            .RequireAuthorization(Policies.Resident)
            .WithSummary("File a medical request, grievance, classification request or support ticket");

        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<RequestView>>, ProblemHttpResult>> (string? facility, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ListRequestsQuery(Actor.From(http.User), facility, false), ct)))
            .RequireAuthorization(Policies.ResidentStaffOrOperations)
            .WithSummary("Requests: a resident's own, or those of the facilities staff serve");

        group.MapGet("/overdue", async Task<Results<Ok<IReadOnlyList<RequestView>>, ProblemHttpResult>> (string? facility, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ListRequestsQuery(Actor.From(http.User), facility, true), ct)))
            .RequireAuthorization(Policies.StaffOrOperations)
            .WithSummary("Requests past their facility's response deadline and not answered, oldest deadline first");

        group.MapGet("/{id:long}", async Task<Results<Ok<RequestView>, ProblemHttpResult>> (long id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new GetRequestQuery(Actor.From(http.User), id), ct)))
            .RequireAuthorization(Policies.ResidentStaffOrOperations)
            .WithSummary("One request with its full history");

        foreach (var action in new[] { "assign", "answer", "close" })
        {
            group.MapPost($"/{{id:long}}/{action}", async Task<Results<Ok<RequestView>, ProblemHttpResult>> (long id, HandleRequestBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                    ResultHttp.Ok(await mediator.Send(new HandleRequestCommand(Actor.From(http.User), id, action, body), ct)))
                .RequireAuthorization(Policies.Staff)
                .WithSummary($"Staff {action} a request");
        }

        var deadlines = app.MapGroup("/facilities/{facility}/request-deadlines").WithTags("Requests");

        deadlines.MapGet("/", async Task<Results<Ok<IReadOnlyList<DeadlineView>>, ProblemHttpResult>> (string facility, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ListDeadlinesQuery(Actor.From(http.User), facility), ct)))
            .RequireAuthorization(Policies.StaffOrOperations)
            .WithSummary("Response deadline per request kind at a facility");

        deadlines.MapPut("/{kind}", async Task<Results<Ok<DeadlineView>, ProblemHttpResult>> (string facility, string kind, DeadlineRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new SetDeadlineCommand(Actor.From(http.User), facility, kind, body), ct)))
            .RequireAuthorization(Policies.StaffOrOperations)
            .WithSummary("Set the response deadline (hours) for a request kind at a facility");
    }
}
