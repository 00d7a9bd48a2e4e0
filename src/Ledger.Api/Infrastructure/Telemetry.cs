using Ledger.Data.Telemetry;
using OpenTelemetry.Metrics;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Metrics on <c>GET /metrics</c> (Prometheus text format): request latency (ASP.NET Core's
/// <c>http.server.request.duration</c> histogram), Kestrel connections, the ledger's own instruments (posting rate and
/// duration, round trips, intake items, OCR items) and Npgsql's (every command is a PostgreSQL round trip; pool use).
/// Anonymous, as scrapers are: counts and durations only, never a person or an amount.
/// </summary>
public static class Telemetry
{
    public static IServiceCollection AddLedgerTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(LedgerMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Npgsql")
            .AddPrometheusExporter());
        return services;
    }

    public static void MapLedgerMetrics(this WebApplication app) => app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
}
