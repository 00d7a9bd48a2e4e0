using Microsoft.EntityFrameworkCore;

namespace Ledger.Data.Schema;

public static class Migrator
{
    /// <summary>Applies the EF Core migrations; returns the ones applied now.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, CancellationToken ct = default)
    {
        await using var context = new LedgerDbContext(new DbContextOptionsBuilder<LedgerDbContext>().UseNpgsql(connectionString).Options);
        var pending = (await context.Database.GetPendingMigrationsAsync(ct)).ToList();
        await context.Database.MigrateAsync(ct);
        return pending;
    }
}
