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

    public static void MapLedgerMetrics(this WebApplication app)
    {
        // The exporter's middleware behind a plain GET endpoint, so /metrics is listed (OpenAPI, the role matrix) like every other.
        var scrape = ((IApplicationBuilder)app).New().UseOpenTelemetryPrometheusScrapingEndpoint(_ => true).Build();
        // Two parameters: a lone HttpContext would bind as a RequestDelegate, which OpenAPI does not describe.
        app.MapGet("/metrics", (HttpContext context, CancellationToken _) => scrape(context))
            .WithTags("Operations").WithSummary("Metrics in Prometheus' text format: request latency, posting rate, intake and OCR items, round trips.")
            .AllowAnonymous();
    }
}
