using System.Text.Json;
using Npgsql;

namespace Ledger.Data.Intake;

/// <summary>
/// An `api.audit_log` row written in the transaction of the change it records (a change made through Npgsql, not EF), so the
/// change and its audit commit together; the API (signed-in staff) and the CLI (staff named with --staff) write the same row.
/// </summary>
public static class AuditRows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WriteInTransaction Write(string subject, string role, string action, string entityType, string entityId, string? facility,
        object? before, object? after, DateTimeOffset at) =>
        async (conn, tx, ct) =>
        {
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO api.audit_log (actor_subject, actor_role, action, entity_type, entity_id, facility_code, before, after, at)
                VALUES (@subject, @role, @action, @type, @id, @facility, @before::jsonb, @after::jsonb, @at)
                """, conn, tx);
            cmd.Parameters.AddWithValue("subject", subject);
            cmd.Parameters.AddWithValue("role", role);
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
