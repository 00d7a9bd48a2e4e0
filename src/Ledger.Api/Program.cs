using System.Threading.RateLimiting;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Ledger.Api.Auth;
using Ledger.Api.Features.Accounts;
using Ledger.Api.Features.CardPayments;
using Ledger.Api.Features.Disbursements;
using Ledger.Api.Features.Deposits;
using Ledger.Api.Features.Families;
using Ledger.Api.Features.Keying;
using Ledger.Api.Features.Media;
using Ledger.Api.Features.Messages;
using Ledger.Api.Features.Operations;
using Ledger.Api.Features.Reconciliation;
using Ledger.Api.Features.Returns;
using Ledger.Api.Features.Requests;
using Ledger.Api.Features.Visits;
using Ledger.Api.Infrastructure;
using Ledger.Data;
using Ledger.Data.Services;
using Ledger.Data.Services.Auth;
using Ledger.Intake;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;
var connectionString = LedgerDataSetup.ConnectionString(config);

// Structured logs; request bodies (card data, messages) are never logged: no HTTP body logging anywhere.
builder.Logging.ClearProviders();
builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);

builder.Services.AddSingleton(TimeProvider.System);
// The hot paths run the same few statements per request: Npgsql prepares them on each pooled connection after their
// second use, so PostgreSQL parses and plans them once per connection instead of once per request (unless the
// connection string says otherwise).
var ledgerConnection = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
if (ledgerConnection.MaxAutoPrepare == 0) ledgerConnection.MaxAutoPrepare = 64;
builder.Services.AddLedgerData(ledgerConnection.ConnectionString);
builder.Services.AddDbContext<ServicesDbContext>(o => ServicesDbContext.Configure(o, connectionString));
builder.Services.AddSingleton<LedgerDirectory>();
builder.Services.AddSingleton<Ledger.Api.Features.Deposits.CardDepositPosting>();
builder.Services.AddKeying(config);
builder.Services.AddCardPayments(config);
builder.Services.AddDisbursements(config);
builder.Services.AddMediator(o =>
{
    o.ServiceLifetime = ServiceLifetime.Scoped;
    o.Assemblies = [typeof(Program)];
});

var signingKey = config["Auth:SigningKey"]
    ?? throw new InvalidOperationException("No signing key: set Auth__SigningKey (at least 32 bytes); ./ledger token uses the same key.");
// The development key is published (appsettings.Development.json, `ledger token`): anyone could mint any token with it.
if (!builder.Environment.IsDevelopment() && signingKey == AuthKeys.PublishedDevelopmentKey)
    throw new InvalidOperationException($"The published development signing key is refused outside Development (environment '{builder.Environment.EnvironmentName}'): set Auth__SigningKey to a secret of at least 32 bytes.");
builder.Services.AddSingleton(new AuthSettings(signingKey));
builder.Services.AddSingleton(SecondFactorSecrets.FromSettings(config["Auth:SecondFactorKey"], signingKey));
builder.Services.AddMemoryCache();
builder.Services.AddSingleton<AccountStamps>();
builder.Services.AddScoped<SignInAccounts>();
var authentication = builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme);
authentication.AddJwtBearer(o =>
{
    o.MapInboundClaims = false;
    o.TokenValidationParameters = new TokenValidationParameters
    {
        ValidIssuer = LedgerTokens.Issuer,
        ValidAudience = LedgerTokens.Audience,
        IssuerSigningKey = new SymmetricSecurityKey(LedgerTokens.KeyBytes(signingKey)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RoleClaimType = LedgerTokens.RoleClaim,
        NameClaimType = LedgerTokens.SubjectClaim,
        ClockSkew = TimeSpan.FromSeconds(30),
    };
    // A token names its account and security stamp: a changed account (role, facilities, password, PIN) ends it within a minute.
    o.Events = new JwtBearerEvents
    {
        OnTokenValidated = async context =>
        {
            var refusal = await context.HttpContext.RequestServices.GetRequiredService<AccountStamps>().RefuseAsync(context.Principal!, context.HttpContext.RequestAborted);
            if (refusal is not null) context.Fail(refusal);
        },
    };
});
builder.Services.AddLedgerPolicies();
builder.Services.AddStaffPages(authentication);
builder.Services.AddSingleton<Microsoft.AspNetCore.Routing.MatcherPolicy, PageOrApiPolicy>();

builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
builder.Services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    var depositsPerMinute = config.GetValue("RateLimits:DepositsPerMinute", 60);
    var signInsPerMinute = config.GetValue("RateLimits:SignInsPerMinute", 10);
    // Per family for deposits (a stolen card or a stuck retry loop), per client address for sign-in (password guessing).
    o.AddPolicy(DepositEndpoints.DepositRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
        http.User.FindFirst(LedgerTokens.SubjectClaim)?.Value ?? "anonymous",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = depositsPerMinute, Window = TimeSpan.FromMinutes(1) }));
    o.AddPolicy(SignInEndpoints.SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
        http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = signInsPerMinute, Window = TimeSpan.FromMinutes(1) }));
    o.OnRejected = async (context, ct) =>
    {
        var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = { Status = 429, Title = "Too many requests", Type = ApiProblem.TypeBase + "rate-limited", Detail = "Slow down and retry later." },
        });
    };
});

// Hangfire on PostgreSQL, in its own schema. The storage is registered in DI (not JobStorage.Current) so that
// several hosts in one process (the tests) never share one by accident.
var hangfireOptions = new PostgreSqlStorageOptions { SchemaName = config["Hangfire:Schema"] ?? "hangfire_api", PrepareSchemaIfNecessary = true };
builder.Services.AddSingleton<JobStorage>(_ => new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, hangfireOptions), hangfireOptions));
// Hangfire's log provider and job activator are process-wide statics that AddHangfire points at the last host
// configured; these keep working after that host stops, and each host activates its jobs in its own container.
builder.Services.AddSingleton<JobActivator>(services => new Hangfire.AspNetCore.AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>()));
builder.Services.AddHangfire((services, c) => c
    .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
    .UseSimpleAssemblyNameTypeSerializer()
    .UseRecommendedSerializerSettings()
    .UseLogProvider(new HangfireLogs(services.GetRequiredService<ILoggerFactory>())));
if (config.GetValue("Hangfire:Server", true))
    builder.Services.AddHangfireServer(o =>
    {
        o.WorkerCount = config.GetValue("Hangfire:Workers", 2);
        o.SchedulePollingInterval = TimeSpan.FromSeconds(config.GetValue("Hangfire:PollSeconds", 15));
    });
builder.Services.AddScoped<MessageDeliveryJob>();

builder.Services.AddHealthChecks()
    .AddCheck<DatabaseHealthCheck>("database")
    .AddCheck<HangfireHealthCheck>("hangfire")
    .AddCheck<TesseractHealthCheck>("tesseract");

builder.Services.AddLedgerTelemetry();
builder.Services.AddOpenApi(o =>
{
    o.AddDocumentTransformer<BearerSecurityTransformer>();
    o.AddOperationTransformer<OpenApiContract>();
    o.AddDocumentTransformer<OpenApiContract>();
});

// Behind a TLS-terminating proxy: the client's address (rate limits, logs) and scheme (Secure cookie, HSTS) come from
// X-Forwarded-For/-Proto, believed only from the proxies named in Network:KnownProxies (default: loopback only).
builder.Services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(o =>
{
    o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
    o.ForwardLimit = 1;
    foreach (var proxy in (config["Network:KnownProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
});
builder.Services.AddHsts(o =>
{
    o.MaxAge = TimeSpan.FromDays(365);
    o.IncludeSubDomains = true;
});
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = config.GetValue("Limits:MaxRequestBodyBytes", RequestLimits.DefaultMaxBodyBytes));

var app = builder.Build();

// The API's own tables (schema "api"); `ledger db migrate` is the usual way, this is for a development box.
if (config.GetValue("Database:MigrateOnStartup", false)) await ServicesMigrator.MigrateAsync(connectionString);

app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<RequestLimits>();
app.UseMiddleware<RequestLogging>();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapLedgerMetrics();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapOperations();
app.MapSignIn();
app.MapFamilies();
app.MapDeposits();
app.MapCardPayments();
app.MapDisbursements();
app.MapAccounts();
app.MapMessages();
app.MapMedia();
app.MapRequests();
app.MapVisits();
app.MapKeying();
app.MapReconciliation();
app.MapReturns();
Ledger.Api.Features.Statements.StatementEndpoints.MapFacilityStatements(app);
app.MapRazorPages();
app.MapJobDashboards(connectionString);

await app.RunAsync();

public partial class Program;
