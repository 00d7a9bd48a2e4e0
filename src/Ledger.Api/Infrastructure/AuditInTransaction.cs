using System.Text.Json;
using Ledger.Api.Auth;
using Ledger.Data.Intake;
using Npgsql;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// An audit row written in the transaction of a change made through Npgsql rather than EF (a journal entry and its
/// record), so the change and its audit commit together, as <see cref="Audit.Record"/> does for EF units of work.
/// </summary>
public static class AuditInTransaction
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WriteInTransaction Write(Actor actor, string action, string entityType, string entityId, string? facility, object? before, object? after, DateTimeOffset at) =>
        async (conn, tx, ct) =>
        {
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO api.audit_log (actor_subject, actor_role, action, entity_type, entity_id, facility_code, before, after, at)
                VALUES (@subject, @role, @action, @type, @id, @facility, @before::jsonb, @after::jsonb, @at)
                """, conn, tx);
            cmd.Parameters.AddWithValue("subject", actor.Subject);
            cmd.Parameters.AddWithValue("role", actor.Role);
            cmd.Parameters.AddWithValue("action", action);
            cmd.Parameters.AddWithValue("type", entityType);
            cmd.Parameters.AddWithValue("id", entityId);
            cmd.Parameters.AddWithValue("facility", (object?)facility ?? DBNull.Value);
            cmd.Parameters.AddWithValue("before", before is null ? DBNull.Value : JsonSerializer.Serialize(before, Json));
            cmd.Parameters.AddWithValue("after", after is null ? DBNull.Value : JsonSerializer.Serialize(after, Json));
            cmd.Parameters.AddWithValue("at", at);
            await cmd.ExecuteNonQueryAsync(ct);
        };
}
