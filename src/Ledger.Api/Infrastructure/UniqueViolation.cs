using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Check-then-insert paths lose races: two requests both see "not there" and both insert. The unique index lets only
/// one win; this tells the loser's exception apart so that it answers 409, not 500.
/// </summary>
public static class UniqueViolation
{
    public static bool Is(Exception e) =>
        e is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } }
        or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
