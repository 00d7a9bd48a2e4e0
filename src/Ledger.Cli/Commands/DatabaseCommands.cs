using System.CommandLine;
using Ledger.Data.Schema;

namespace Ledger.Cli.Commands;

public static class DatabaseCommands
{
    public static Command Create(CliHost host)
    {
        var migrate = new Command("migrate", "Create or upgrade the database schema (EF Core migrations).");
        migrate.SetAction((_, ct) => CliHost.RunAsync(async () =>
        {
            // The ledger's schema, then the API's own tables (schema "api").
            var applied = (await Migrator.MigrateAsync(host.ConnectionString, ct))
                .Concat(await Data.Services.ServicesMigrator.MigrateAsync(host.ConnectionString, ct)).ToList();
            Console.WriteLine(applied.Count == 0 ? "Database is up to date." : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return 0;
        }));
        return new Command("db", "Database schema.") { migrate };
    }
}
