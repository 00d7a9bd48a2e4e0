using Hangfire;
using Hangfire.PostgreSql;
using Ledger.Data;
using Ledger.Intake;
using Ledger.Worker.Intake;
using Ledger.Worker.Reconciliation;

namespace Ledger.Worker;

/// <summary>
/// The Hangfire server on PostgreSQL storage. Several of these (on one machine or many) share one
/// database and one set of drop folders; Hangfire spreads the jobs between them.
/// </summary>
public static class WorkerHost
{
    public const string ScanJobId = "intake-scan";
    public const string HoldReleaseJobId = "money-order-holds-release";
    public const string ReconciliationJobId = "reconciliation-nightly";

    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["ConnectionStrings:Ledger"] = "Host=127.0.0.1;Port=55432;Username=ledger;Database=ledger",
        ["Intake:Root"] = "var/intake",
        ["Intake:ScanEverySeconds"] = "5",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft"] = "Warning",
        ["Logging:LogLevel:Hangfire"] = "Warning",
    };

    public static IHost Build(string[] args)
    {
        // Settings: the defaults below, then appsettings.json beside the program, then environment
        // variables (Intake__Root, ConnectionStrings__Ledger, …).
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = Defaults });
        var configuration = builder.Configuration;
        var connectionString = LedgerDataSetup.ConnectionString(configuration);

        builder.Services.AddLedgerData(connectionString);
        builder.Services.AddLedgerIntake(configuration);
        // A relative root is taken from the directory the worker was started in, not from where the program lives.
        builder.Services.AddSingleton(new IntakeFolders(Path.GetFullPath(configuration["Intake:Root"]!, Environment.CurrentDirectory)));
        builder.Services.AddTransient<IntakeJobs>();
        builder.Services.AddTransient<ReconciliationJobs>();
        builder.Services.AddTransient<Settlements.SettlementInbox>();
        builder.Services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
            {
                QueuePollInterval = TimeSpan.FromMilliseconds(500),
                PrepareSchemaIfNecessary = true,
                // A Hangfire lock left by a killed worker blocks the others until it expires: keep that short.
                DistributedLockTimeout = TimeSpan.FromSeconds(30),
            }));
        builder.Services.AddHangfireServer(o =>
        {
            o.WorkerCount = configuration.GetValue<int?>("Worker:Workers") ?? Environment.ProcessorCount;
            o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
        });
        builder.Services.AddHostedService<InboxWatcher>();
        builder.Services.AddWorkerTelemetry(configuration, connectionString);
        return builder.Build();
    }

    /// <summary>The recurring jobs every worker (re)registers on start; Hangfire runs each occurrence once across workers.</summary>
    public static void RegisterRecurringJobs(IRecurringJobManager recurring)
    {
        recurring.AddOrUpdate<IntakeJobs>(ScanJobId, j => j.ScanAsync(CancellationToken.None), Cron.Minutely());
        // Daily; also callable from the dashboard, or with `ledger holds release`.
        recurring.AddOrUpdate<IntakeJobs>(HoldReleaseJobId, j => j.ReleaseHoldsAsync(CancellationToken.None), Cron.Daily(6));
        // 02:00 UTC, for the UTC day that just ended (a file received late that day has been posted by then).
        recurring.AddOrUpdate<ReconciliationJobs>(ReconciliationJobId, j => j.NightlyAsync(CancellationToken.None), Cron.Daily(2),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }
}

/// <summary>
/// Registers the recurring scan and, between its minutely runs, scans every few seconds so a dropped
/// file is picked up promptly. The scan never runs twice at once across workers.
/// </summary>
internal sealed class InboxWatcher(IRecurringJobManager recurring, IServiceProvider services, IConfiguration configuration, ILogger<InboxWatcher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(configuration.GetValue<int?>("Intake:ScanEverySeconds") ?? 5);
        log.LogInformation("Watching the intake inboxes every {Seconds}s", every.TotalSeconds);
        var registered = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!registered)
                {
                    WorkerHost.RegisterRecurringJobs(recurring);
                    registered = true;
                }
                // Between the recurring job's runs, scan here too (same job code, same lock), so a dropped
                // file starts within seconds even while every Hangfire worker is busy with other files.
                await services.GetRequiredService<IntakeJobs>().ScanAsync(stoppingToken);
                await services.GetRequiredService<Settlements.SettlementInbox>().ScanAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Scanning the intake inboxes failed; trying again in {Seconds}s", every.TotalSeconds);
            }
            try { await Task.Delay(every, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }
}
