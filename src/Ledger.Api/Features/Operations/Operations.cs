using System.Diagnostics;
using System.Runtime.InteropServices;
using Hangfire;
using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Ledger.Data.Services;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.OpenApi;
using Npgsql;

namespace Ledger.Api.Features.Operations;

public sealed class DatabaseHealthCheck(NpgsqlDataSource db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var cmd = db.CreateCommand("SELECT count(*) FROM api.\"__services_migrations\"");
            var migrations = await cmd.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy($"PostgreSQL answers; {migrations} API migrations applied.");
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer or the API schema is missing.", e);
        }
    }
}

public sealed class HangfireHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var monitor = storage.GetMonitoringApi();
            var stats = monitor.GetStatistics();
            var data = new Dictionary<string, object> { ["servers"] = stats.Servers, ["enqueued"] = stats.Enqueued, ["failed"] = stats.Failed, ["scheduled"] = stats.Scheduled };
            return Task.FromResult(HealthCheckResult.Healthy($"Hangfire storage answers; {stats.Servers} server(s).", data));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire storage does not answer.", e));
        }
    }
}

/// <summary>Intake reads scans with Debian's libtesseract 5 and its English model: both must be on the machine.</summary>
public sealed class TesseractHealthCheck : IHealthCheck
{
    private const string Model = "/usr/share/tesseract-ocr/5/tessdata/eng.traineddata";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!NativeLibrary.TryLoad("libtesseract.so.5", out var handle))
            return Task.FromResult(HealthCheckResult.Unhealthy("libtesseract.so.5 cannot be loaded (apt-get install tesseract-ocr)."));
        NativeLibrary.Free(handle);
        return Task.FromResult(File.Exists(Model)
            ? HealthCheckResult.Healthy("libtesseract 5 and the English model are present.")
            : HealthCheckResult.Unhealthy($"{Model} is missing (apt-get install tesseract-ocr-eng)."));
    }
}

/// <summary>
/// One structured line per request: method, route, status, time, caller's role and subject. Never a body,
/// a query string or a header: those can carry card data, message text or tokens.
/// </summary>
public sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> log)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            Logged(log, http.Request.Method, route, http.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                http.User.FindFirst("role")?.Value ?? "anonymous", http.User.FindFirst("sub")?.Value ?? "");
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Route} -> {Status} in {ElapsedMs:0.0} ms by {Role} {Subject}")]
    private static partial void Logged(ILogger logger, string method, string route, int status, double elapsedMs, string role, string subject);
}

public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
            Description = "A token from POST /auth/sign-in (families) or `./ledger token --role … --subject … [--facility …]`.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        return Task.CompletedTask;
    }
}

public sealed record AuditView(long Id, string ActorSubject, string ActorRole, string Action, string EntityType, string EntityId,
    string? FacilityCode, string? Before, string? After, DateTimeOffset At);

public sealed record ListAuditQuery(string? Facility, int Limit) : IQuery<Result<IReadOnlyList<AuditView>>>;

public sealed class ListAuditHandler(ServicesDbContext db) : IQueryHandler<ListAuditQuery, Result<IReadOnlyList<AuditView>>>
{
    public async ValueTask<Result<IReadOnlyList<AuditView>>> Handle(ListAuditQuery query, CancellationToken ct) =>
        await db.AuditLog.AsNoTracking()
            .Where(a => query.Facility == null || a.FacilityCode == query.Facility)
            .OrderByDescending(a => a.Id).Take(Math.Clamp(query.Limit, 1, 1000))
            .Select(a => new AuditView(a.Id, a.ActorSubject, a.ActorRole, a.Action, a.EntityType, a.EntityId, a.FacilityCode, a.Before, a.After, a.At))
            .ToListAsync(ct);
}

public static class OperationsEndpoints
{
    public static void MapOperations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => TypedResults.Ok(new HealthView("Healthy", new Dictionary<string, HealthCheckView>())))
            .AllowAnonymous().WithTags("Operations").WithSummary("The process answers");
        app.MapGet("/health/ready", async Task<Results<Ok<HealthView>, JsonHttpResult<HealthView>>> (HealthCheckService health, CancellationToken ct) =>
            {
                var report = await health.CheckHealthAsync(ct);
                var view = new HealthView(report.Status.ToString(),
                    report.Entries.ToDictionary(e => e.Key, e => new HealthCheckView(e.Value.Status.ToString(), e.Value.Description)));
                return report.Status == HealthStatus.Healthy ? TypedResults.Ok(view) : TypedResults.Json(view, statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .AllowAnonymous().WithTags("Operations").WithSummary("Database, Hangfire storage and Tesseract: 200 when all are healthy, 503 otherwise");

        app.MapGet("/audit", async Task<Results<Ok<IReadOnlyList<AuditView>>, ProblemHttpResult>> (string? facility, int? limit, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ListAuditQuery(facility, limit ?? 200), ct)))
            .RequireAuthorization(Policies.Operations)
            .WithTags("Operations")
            .WithSummary("The audit log of staff and operations actions (who, what, when, before/after)");
    }

}

public sealed record HealthCheckView(string Status, string? Description);
public sealed record HealthView(string Status, IReadOnlyDictionary<string, HealthCheckView> Checks);
