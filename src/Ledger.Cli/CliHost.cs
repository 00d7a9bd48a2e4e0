using System.Text.Json;
using Ledger.Data;
using Ledger.Intake;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Cli;

/// <summary>Configuration (appsettings.json, then environment variables) and services, built on first use.</summary>
public sealed class CliHost
{
    private ServiceProvider? _services;

    public IConfiguration Configuration { get; } = new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    public string ConnectionString => LedgerDataSetup.ConnectionString(Configuration);

    public IServiceProvider Services => _services ??= new ServiceCollection()
        .AddLedgerData(Configuration)
        .AddLedgerIntake(Configuration)
        .BuildServiceProvider();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static void WriteJson<T>(T value) => Console.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>Runs a command body; expected failures print one clear line on stderr and exit 1.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is Data.ReferenceData.CsvInputException or Data.Statements.StatementInputException or FileNotFoundException or DirectoryNotFoundException
                                       or Npgsql.NpgsqlException or InvalidOperationException or Domain.DomainException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"ledger: {e.Message}");
            return 1;
        }
    }
}
