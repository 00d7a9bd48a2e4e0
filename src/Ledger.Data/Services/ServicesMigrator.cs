using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ledger.Data.Services;

public static class ServicesMigrator
{
    /// <summary>Applies the API's migrations (schema "api"); returns the ones applied now.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, CancellationToken ct = default)
    {
        var options = new DbContextOptionsBuilder<ServicesDbContext>();
        ServicesDbContext.Configure(options, connectionString);
        await using var context = new ServicesDbContext(options.Options);
        var pending = (await context.Database.GetPendingMigrationsAsync(ct)).ToList();
        await context.Database.MigrateAsync(ct);
        return pending;
    }
}

/// <summary>Lets `dotnet ef migrations add --context ServicesDbContext` build the model without a host.</summary>
public sealed class ServicesDesignTimeFactory : IDesignTimeDbContextFactory<ServicesDbContext>
{
    public ServicesDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ServicesDbContext>();
        ServicesDbContext.Configure(options, "Host=localhost;Database=design");
        return new ServicesDbContext(options.Options);
    }
}
