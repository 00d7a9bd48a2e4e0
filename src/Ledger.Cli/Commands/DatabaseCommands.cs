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
            var applied = await Migrator.MigrateAsync(host.ConnectionString, ct);
            Console.WriteLine(applied.Count == 0 ? "Database is up to date." : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return 0;
        }));
        return new Command("db", "Database schema.") { migrate };
    }
}
