using Ledger.Intake.Keying;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.MoneyGram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ledger.Intake;

public static class IntakeSetup
{
    /// <summary>Intake services; options come from the "Intake" configuration section.</summary>
    public static IServiceCollection AddLedgerIntake(this IServiceCollection services, IConfiguration configuration)
    {
        var chunk = configuration.GetValue<int?>("Intake:ChunkSize");
        services.AddSingleton(new MoneyGramIntakeOptions { ChunkSize = chunk ?? new MoneyGramIntakeOptions().ChunkSize });
        services.AddSingleton<MoneyGramIntake>();

        // One OCR engine pool per process: loading the model is the expensive part. Created on first use
        // (a worker that only scans, or a CLI command that never reads a scan, never loads it).
        var engines = configuration.GetValue<int?>("Intake:OcrEngines");
        services.AddSingleton(_ => new OcrEnginePool(engines));
        services.AddSingleton(sp => new Lazy<OcrEnginePool>(sp.GetRequiredService<OcrEnginePool>));
        var lockboxChunk = configuration.GetValue<int?>("Intake:LockboxChunkSize");
        services.AddSingleton(new LockboxIntakeOptions { ChunkSize = lockboxChunk ?? new LockboxIntakeOptions().ChunkSize });
        services.AddSingleton<LockboxIntake>();
        services.AddSingleton<HoldReleaser>();
        return services.AddKeying(configuration);
    }

    /// <summary>The keying queue for operations; the four-eyes threshold comes from <c>Keying:FourEyesAboveCents</c>.</summary>
    public static IServiceCollection AddKeying(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(KeyingOptions.From(configuration));
        services.AddSingleton<KeyingQueue>();
        services.AddSingleton<KeyingService>();
        return services;
    }
}
