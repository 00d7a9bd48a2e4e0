using System.Text.Json;
using Ledger.Api.Auth;
using Ledger.Data.ReferenceData;
using Ledger.Data.Services;
using Ledger.Domain;
using Ledger.Domain.Deposits;
using Ledger.Domain.Facilities;
using Ledger.Domain.People;
using Npgsql;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Facilities and their policies change when an agency file is loaded, not per request: they are
/// read at most once per <see cref="Ttl"/>. People are read fresh every time (status matters).
/// </summary>
public sealed class LedgerDirectory(FacilityDirectory facilities, NpgsqlDataSource db, TimeProvider clock)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private volatile Snapshot? _snapshot;
    private readonly SemaphoreSlim _refresh = new(1, 1);

    private sealed record Snapshot(IReadOnlyDictionary<string, Facility> Facilities, DateTimeOffset ReadAt);

    public async Task<Facility?> FacilityAsync(string code, CancellationToken ct)
    {
        var snapshot = _snapshot;
        if (snapshot is null || clock.GetUtcNow() - snapshot.ReadAt > Ttl || !snapshot.Facilities.ContainsKey(code))
        {
            await _refresh.WaitAsync(ct);
            try
            {
                snapshot = _snapshot;
                if (snapshot is null || clock.GetUtcNow() - snapshot.ReadAt > Ttl || !snapshot.Facilities.ContainsKey(code))
                    _snapshot = snapshot = new Snapshot(await facilities.FacilitiesAsync(ct), clock.GetUtcNow());
            }
            finally
            {
                _refresh.Release();
            }
        }
        return snapshot.Facilities.GetValueOrDefault(code);
    }

    /// <summary>A person and the restitution they still owe (<see cref="Restitution.StillOwed"/>), in one round trip.</summary>
    public async Task<(Person Person, Money RestitutionStillOwed)?> PersonAsync(string personNumber, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT p.person_number, p.facility_code, p.last_name, p.first_name, p.status, p.restitution_owed_cents,
                   coalesce(a.balance_cents, 0), {Ledger.Data.Intake.RestitutionLock.RemittedCentsSql("p.person_number")}
            FROM people p
            LEFT JOIN accounts a ON a.owner_type = 'person' AND a.owner_code = p.person_number AND a.kind = 'restitution' AND a.currency = 'USD'
            WHERE p.person_number = @n
            """);
        cmd.Parameters.AddWithValue("n", personNumber);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        Person.TryParseStatus(reader.GetString(4), out var status);
        var person = new Person(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), status, Money.Usd(reader.GetInt64(5)));
        return (person, Restitution.StillOwed(person.RestitutionOwed, Money.Usd(reader.GetInt64(6)), Money.Usd(reader.GetInt64(7))));
    }

    public async Task<Person?> FindPersonAsync(string personNumber, CancellationToken ct) =>
        (await PersonAsync(personNumber, ct))?.Person;

    /// <summary>The person, if the actor may see their accounts: themselves, staff/accountants of their facility, operations.</summary>
    public async Task<Result<Person>> PersonVisibleToAsync(Actor actor, string personNumber, CancellationToken ct)
    {
        var person = await FindPersonAsync(personNumber, ct);
        if (actor.IsResident)
            return person is not null && actor.Subject == person.PersonNumber ? person : Problems.Forbidden("A resident sees only their own accounts.");
        if (person is null) return Problems.NotFound($"No person {personNumber} is on any roster.");
        if (actor.IsOperations || ((actor.IsStaff || actor.IsAccountant) && actor.Facilities.Contains(person.FacilityCode))) return person;
        return Problems.Forbidden($"{personNumber} is held at a facility you do not serve.");
    }
}

/// <summary>Facility-local time. Facilities name their state; the state gives the time zone.</summary>
public static class FacilityClock
{
    private static readonly Dictionary<string, string> ZoneByState = new(StringComparer.Ordinal)
    {
        ["AL"] = "America/Chicago", ["AR"] = "America/Chicago", ["IA"] = "America/Chicago", ["IL"] = "America/Chicago",
        ["KS"] = "America/Chicago", ["LA"] = "America/Chicago", ["MN"] = "America/Chicago", ["MO"] = "America/Chicago",
        ["MS"] = "America/Chicago", ["OK"] = "America/Chicago", ["TX"] = "America/Chicago", ["WI"] = "America/Chicago",
        ["AZ"] = "America/Phoenix", ["CO"] = "America/Denver", ["MT"] = "America/Denver", ["NM"] = "America/Denver",
        ["UT"] = "America/Denver", ["WY"] = "America/Denver", ["ID"] = "America/Boise",
        ["CA"] = "America/Los_Angeles", ["NV"] = "America/Los_Angeles", ["OR"] = "America/Los_Angeles", ["WA"] = "America/Los_Angeles",
        ["AK"] = "America/Anchorage", ["HI"] = "Pacific/Honolulu",
    };

    /// <summary>Eastern time unless the state says otherwise.</summary>
    public static TimeZoneInfo Zone(Facility facility) =>
        TimeZoneInfo.FindSystemTimeZoneById(ZoneByState.GetValueOrDefault(facility.State, "America/New_York"));

    /// <summary>The first instant at or after <paramref name="now"/> inside the facility's e-mail delivery hours.</summary>
    public static DateTimeOffset NextDeliveryInstant(Facility facility, DateTimeOffset now)
    {
        var zone = Zone(facility);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var from = facility.Policy.EmailDeliveryFromHour;
        var to = facility.Policy.EmailDeliveryToHour;
        if (local.Hour >= from && local.Hour < to) return now;
        var day = local.Hour < from ? local.Date : local.Date.AddDays(1);
        var opening = day.AddHours(from);
        return new DateTimeOffset(opening, zone.GetUtcOffset(opening)).ToUniversalTime();
    }

    public static bool InDeliveryHours(Facility facility, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Zone(facility));
        return local.Hour >= facility.Policy.EmailDeliveryFromHour && local.Hour < facility.Policy.EmailDeliveryToHour;
    }
}

/// <summary>Adds audit rows to the unit of work they describe, so the change and its record commit together.</summary>
public static class Audit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Record(ServicesDbContext db, Actor actor, string action, string entityType, string entityId,
        string? facility, object? before, object? after, DateTimeOffset at) =>
        db.AuditLog.Add(new AuditEntryRow
        {
            ActorSubject = actor.Subject,
            ActorRole = actor.Role,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            FacilityCode = facility,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
            At = at,
        });
}
