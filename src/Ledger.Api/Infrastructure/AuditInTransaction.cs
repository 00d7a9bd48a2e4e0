using Ledger.Api.Auth;
using Ledger.Data.Intake;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// An audit row written in the transaction of a change made through Npgsql rather than EF (a journal entry and its
/// record), so the change and its audit commit together, as <see cref="Audit.Record"/> does for EF units of work.
/// </summary>
public static class AuditInTransaction
{
    public static WriteInTransaction Write(Actor actor, string action, string entityType, string entityId, string? facility, object? before, object? after, DateTimeOffset at) =>
        AuditRows.Write(actor.Subject, actor.Role, action, entityType, entityId, facility, before, after, at);
}
