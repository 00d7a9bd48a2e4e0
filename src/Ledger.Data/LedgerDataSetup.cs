using Ledger.Data.Intake;
using Ledger.Data.Journal;
using Ledger.Data.ReferenceData;
using Ledger.Data.Schema;
using Ledger.Data.Statements;
using Ledger.Data.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Ledger.Data;

public static class LedgerDataSetup
{
    public const string ConnectionName = "Ledger";

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionName)
        ?? throw new InvalidOperationException("No database configured: set ConnectionStrings__Ledger (or ConnectionStrings:Ledger in appsettings.json).");

    public static IServiceCollection AddLedgerData(this IServiceCollection services, IConfiguration configuration) =>
        services.AddLedgerData(ConnectionString(configuration));

    public static IServiceCollection AddLedgerData(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddDbContext<LedgerDbContext>(o => o.UseNpgsql(connectionString));
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<JournalStore>();
        services.AddSingleton<BalanceReader>();
        services.AddSingleton<LedgerVerifier>();
        services.AddSingleton<ReferenceDataImporter>();
        services.AddSingleton<FacilityDirectory>();
        services.AddSingleton<IntakeStore>();
        services.AddSingleton<Reconciliation>();
        services.AddSingleton<ReconciliationReports>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ReturnsDesk>();
        services.AddSingleton<MoneyOrderHoldStore>();
        services.AddSingleton<ReviewResolutionStore>();
        services.AddSingleton<FacilityStatements>();
        services.AddSingleton<Settlements.CardPaymentStore>();
        services.AddSingleton<Settlements.SettlementImporter>();
        services.AddSingleton<Settlements.SettlementStatus>();
        return services;
    }
}
