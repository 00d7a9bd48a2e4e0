using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Data.Settlements;

/// <summary>Disbursements above <c>Disbursements:FourEyesAboveCents</c> (default 10000 = $100.00) wait for a second member of staff.</summary>
public sealed record DisbursementSettings(long FourEyesAboveCents, string BankAccount)
{
    /// <summary>The same settings for every host (API, pages, CLI), so a check needs approval above the same amount wherever it is created.</summary>
    public static DisbursementSettings From(IConfiguration config) => new(
        long.TryParse(config["Disbursements:FourEyesAboveCents"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var cents) ? cents : 10_000L,
        config["Disbursements:BankAccount"] ?? "000123456789");
}

/// <summary>
/// Who changes a disbursement: the identity four-eyes compares (a sign-in account's <c>user#id</c>, see
/// <c>SignInAccounts.IdentityOf</c>) and the role the audit entry records.
/// </summary>
public sealed record DisbursementStaff(string Identity, string Role);

/// <summary>
/// Disbursement changes by a member of staff, each with its audit entry written in the transaction that makes the change:
/// the one path the API, the operations page and the CLI (<c>ledger disbursements</c>) share, so the four-eyes threshold,
/// the identity compared and the audit trail are the same however a check was created or approved.
/// </summary>
public sealed class DisbursementDesk(DisbursementStore store, DisbursementSettings settings, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public DisbursementSettings Settings => settings;

    public Task<DisbursementOutcome> CreateReleaseBalanceAsync(DisbursementStaff staff, string personNumber, string payeeName, string? payeeAddress,
        CancellationToken ct)
    {
        var person = (personNumber ?? "").Trim().ToUpperInvariant();
        return store.CreateReleaseBalanceAsync(person, payeeName ?? "", payeeAddress, staff.Identity, settings.FourEyesAboveCents,
            Audit(staff, "disbursement.create", person, new { personNumber, payeeName, payeeAddress }), ct);
    }

    public Task<DisbursementOutcome> CreateRefundCheckAsync(DisbursementStaff staff, long fileId, int sequence, CancellationToken ct) =>
        store.CreateRefundCheckAsync(fileId, sequence, staff.Identity, settings.FourEyesAboveCents,
            Audit(staff, "disbursement.create", $"refund:{fileId}:{sequence}", new { fileId, sequence }), ct);

    public Task<DisbursementOutcome> CreateCourtRemittanceAsync(DisbursementStaff staff, string facilityCode, DateOnly periodEnd, string payeeName,
        string? payeeAddress, CancellationToken ct)
    {
        var facility = (facilityCode ?? "").Trim().ToUpperInvariant();
        return store.CreateCourtRemittanceAsync(facility, periodEnd, payeeName ?? "", payeeAddress, staff.Identity, settings.FourEyesAboveCents,
            Audit(staff, "disbursement.create", $"court:{facility}:{periodEnd:yyyy-MM-dd}", new { facilityCode, periodEnd, payeeName, payeeAddress }), ct);
    }

    public Task<DisbursementOutcome> ApproveAsync(DisbursementStaff staff, long id, CancellationToken ct) =>
        store.ApproveAsync(id, staff.Identity, Audit(staff, "disbursement.approve", id.ToString(CultureInfo.InvariantCulture), null), ct);

    public Task<DisbursementOutcome> VoidAsync(DisbursementStaff staff, long id, string reason, CancellationToken ct) =>
        store.VoidAsync(id, staff.Identity, reason ?? "", Audit(staff, "disbursement.void", id.ToString(CultureInfo.InvariantCulture), new { reason }), ct);

    private DisbursementAlongside Audit(DisbursementStaff staff, string action, string entityId, object? after) => async (conn, tx, ct) =>
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO api.audit_log (actor_subject, actor_role, action, entity_type, entity_id, facility_code, before, after, at)
            VALUES (@subject, @role, @action, 'disbursement', @id, NULL, NULL, @after, @at)
            """, conn, tx);
        cmd.Parameters.AddWithValue("subject", staff.Identity);
        cmd.Parameters.AddWithValue("role", staff.Role);
        cmd.Parameters.AddWithValue("action", action);
        cmd.Parameters.AddWithValue("id", entityId);
        cmd.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Jsonb) { Value = after is null ? DBNull.Value : JsonSerializer.Serialize(after, Json) });
        cmd.Parameters.AddWithValue("at", clock.GetUtcNow());
        await cmd.ExecuteNonQueryAsync(ct);
    };
}
