using System.Globalization;
using System.Text.Json;
using Ledger.Data.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Intake.Keying;

/// <summary>A resolution as its audit entry records it (the same fields as the API's view of it).</summary>
public sealed record AuditedResolution(
    long Id, long FileId, int Sequence, string Action, string Status, long AmountCents, string? PersonNumber, string? AccountKind, string? Reason,
    string KeyedBy, DateTimeOffset KeyedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt, long? EntryId, string? Outcome,
    long CreditedCents, long RestitutionCents, long ReturnedCents, long FeeCents)
{
    public static AuditedResolution Of(ReviewResolutionRow r) => new(r.Id, r.FileId, r.Sequence, r.Action, r.Status, r.AmountCents, r.PersonNumber,
        r.AccountKind, r.Reason, r.KeyedBy, r.KeyedAt, r.ApprovedBy, r.ApprovedAt, r.EntryId, r.Outcome, r.CreditedCents, r.RestitutionCents,
        r.ReturnedCents, r.FeeCents);
}

/// <summary>
/// The audit entry of every change to a resolution, written by <see cref="KeyingService"/> itself in the transaction that
/// changes it, whichever host called (the API, the operations page, the CLI's <c>ledger review</c>): so the trail is the
/// same however an item was keyed. Keying is operations' work (the API requires the role, the CLI is trusted like the database).
/// </summary>
public static class KeyingAuditTrail
{
    public const string Role = "operations";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ResolutionAlongside Then(string staff, string action, DateTimeOffset at, ResolutionAlongside? next) => async (conn, tx, resolution, ct) =>
    {
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO api.audit_log (actor_subject, actor_role, action, entity_type, entity_id, facility_code, before, after, at)
            VALUES (@subject, @role, @action, 'review_resolution', @id, NULL, NULL, @after, @at)
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("subject", staff);
            cmd.Parameters.AddWithValue("role", Role);
            cmd.Parameters.AddWithValue("action", action);
            cmd.Parameters.AddWithValue("id", resolution.Id.ToString(CultureInfo.InvariantCulture));
            cmd.Parameters.Add(new NpgsqlParameter<string>("after", JsonSerializer.Serialize(AuditedResolution.Of(resolution), Json)) { NpgsqlDbType = NpgsqlDbType.Jsonb });
            cmd.Parameters.AddWithValue("at", at);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        if (next is not null) await next(conn, tx, resolution, ct);
    };
}
