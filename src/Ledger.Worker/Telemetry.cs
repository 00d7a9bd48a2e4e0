using System.Diagnostics.Metrics;
using Hangfire;
using Ledger.Data.Telemetry;
using Npgsql;
using OpenTelemetry.Metrics;

namespace Ledger.Worker;

/// <summary>
/// The worker's metrics on a Prometheus endpoint of its own (HttpListener): the ledger's instruments (posting rate,
/// intake items by outcome, OCR items), Npgsql's (commands = PostgreSQL round trips, connections) and the queue depth
/// (Hangfire jobs waiting, intake files not finished). Opt-in with <c>Telemetry:MetricsPort</c> (e.g. 9464; served on
/// <c>Telemetry:MetricsHost</c>, default 127.0.0.1, at <c>/metrics</c>): several workers on one machine each need a port.
/// </summary>
public static class Telemetry
{
    public static void AddWorkerTelemetry(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        if (configuration.GetValue<int?>("Telemetry:MetricsPort") is not { } port) return;
        var host = configuration["Telemetry:MetricsHost"] ?? "127.0.0.1";
        var queues = new QueueDepth(connectionString);
        services.AddSingleton(queues);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(LedgerMetrics.MeterName, QueueDepth.MeterName, "Npgsql")
            .AddPrometheusHttpListener(o => (o.Host, o.Port) = (host, port)));
    }
}

/// <summary>Queue depth, read when scraped: Hangfire's enqueued jobs per queue and intake files waiting or in progress.</summary>
public sealed class QueueDepth : IDisposable
{
    public const string MeterName = "Ledger.Queues";
    private readonly Meter _meter = new(MeterName);
    private readonly NpgsqlDataSource _db;

    public QueueDepth(string connectionString)
    {
        _db = NpgsqlDataSource.Create(connectionString);
        _meter.CreateObservableGauge("ledger.queue.jobs", HangfireQueues, "{job}", "Hangfire jobs enqueued, by queue.");
        _meter.CreateObservableGauge("ledger.queue.intake_files", IntakeFiles, "{file}", "Intake files registered or processing, by status.");
    }

    private static IEnumerable<Measurement<long>> HangfireQueues()
    {
        var queues = JobStorage.Current.GetMonitoringApi().Queues().ToDictionary(q => q.Name, q => q.Length);
        // An empty queue is still a series (at 0), so a dashboard shows the queue draining rather than vanishing.
        queues.TryAdd("default", 0);
        return queues.Select(q => new Measurement<long>(q.Value, new KeyValuePair<string, object?>("queue", q.Key))).ToArray();
    }

    private IEnumerable<Measurement<long>> IntakeFiles()
    {
        using var cmd = _db.CreateCommand("""
            SELECT s.status, count(f.id) FROM unnest(ARRAY['registered', 'processing']) AS s(status)
            LEFT JOIN intake_files f ON f.status = s.status GROUP BY s.status
            """);
        using var reader = cmd.ExecuteReader();
        var result = new List<Measurement<long>>();
        while (reader.Read()) result.Add(new Measurement<long>(reader.GetInt64(1), new KeyValuePair<string, object?>("status", reader.GetString(0))));
        return result;
    }

    public void Dispose()
    {
        _meter.Dispose();
        _db.Dispose();
    }
}
