using Ledger.Intake.MoneyGram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Intake;

public static class IntakeSetup
{
    /// <summary>Intake services; options come from the "Intake" configuration section.</summary>
    public static IServiceCollection AddLedgerIntake(this IServiceCollection services, IConfiguration configuration)
    {
        var chunk = configuration.GetValue<int?>("Intake:ChunkSize");
        services.AddSingleton(new MoneyGramIntakeOptions { ChunkSize = chunk ?? new MoneyGramIntakeOptions().ChunkSize });
        services.AddSingleton<MoneyGramIntake>();
        return services;
    }
}
