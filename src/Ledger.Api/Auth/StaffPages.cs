using System.Globalization;
using System.Security.Claims;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Ledger.Api.Infrastructure;
using Ledger.Data.Services;
using Ledger.Data.Services.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Ledger.Api.Auth;

/// <summary>
/// The operations pages: Razor Pages under /operations, signed in with a staff cookie (the API itself takes
/// bearer tokens). The cookie carries the same claims as a token (role, sub, facility), so a page acts through
/// the same handlers, with the same <see cref="Actor"/>, as the endpoint it mirrors.
/// </summary>
public static class StaffPages
{
    public const string Scheme = "staff-cookie";
    /// <summary>Any signed-in member of staff: operations or accountant.</summary>
    public const string AnyStaff = "pages-staff";
    public const string OperationsOnly = "pages-operations";
    public const string Accountants = "pages-accountants";
    /// <summary>Facility staff: e-mail screening, requests and visits of the facilities they serve.</summary>
    public const string FacilityStaff = "pages-facility-staff";
    /// <summary>However active, a page session ends this long after sign-in.</summary>
    public static readonly TimeSpan AbsoluteSessionLimit = TimeSpan.FromHours(10);
    private const string SignedInAtClaim = "signed_in_at";

    public static IServiceCollection AddStaffPages(this IServiceCollection services, AuthenticationBuilder authentication)
    {
        authentication.AddCookie(Scheme, o =>
        {
            o.LoginPath = "/operations/sign-in";
            o.LogoutPath = "/operations/sign-out";
            o.AccessDeniedPath = "/operations/denied";
            // __Host-: Secure, no Domain, Path=/ (browsers enforce it); sent over HTTPS only (loopback http counts as secure in browsers).
            o.Cookie.Name = PageOrApiPolicy.StaffCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = TimeSpan.FromHours(1);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = ValidateAsync;
        });
        const string ops = LedgerTokens.Roles.Operations, acct = LedgerTokens.Roles.Accountant, staff = LedgerTokens.Roles.Staff;
        services.AddAuthorizationBuilder()
            .AddPolicy(AnyStaff, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(LedgerTokens.RoleClaim, ops, acct))
            .AddPolicy(OperationsOnly, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(LedgerTokens.RoleClaim, ops))
            .AddPolicy(Accountants, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(LedgerTokens.RoleClaim, ops, acct))
            .AddPolicy(FacilityStaff, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(LedgerTokens.RoleClaim, staff));
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Operations", AnyStaff);
            o.Conventions.AuthorizeFolder("/Facility", FacilityStaff);
            o.Conventions.AllowAnonymousToPage("/Operations/SignIn");
            o.Conventions.AllowAnonymousToPage("/Operations/Denied");
            o.Conventions.AllowAnonymousToPage("/Operations/SignOut"); // facility staff sign out here too; signing out needs no role
        });
        return services;
    }

    public static ClaimsPrincipal Principal(SignInAccountRow account, DateTimeOffset signedInAt)
    {
        var claims = new List<Claim>
        {
            new(LedgerTokens.SubjectClaim, account.Subject),
            new(LedgerTokens.RoleClaim, account.Role),
            new(LedgerTokens.AccountClaim, account.Id.ToString(CultureInfo.InvariantCulture)),
            new(LedgerTokens.StampClaim, account.SecurityStamp),
            new(SignedInAtClaim, signedInAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new("name", account.DisplayName),
        };
        claims.AddRange(account.Facilities.Select(f => new Claim(LedgerTokens.FacilityClaim, f)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, "name", LedgerTokens.RoleClaim));
    }

    /// <summary>Every request: the session is younger than the absolute limit, and the account has not changed since sign-in.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var signedIn = long.TryParse(context.Principal?.FindFirstValue(SignedInAtClaim), CultureInfo.InvariantCulture, out var at)
            ? DateTimeOffset.FromUnixTimeSeconds(at) : DateTimeOffset.MinValue;
        var refusal = clock.GetUtcNow() - signedIn > AbsoluteSessionLimit ? "session older than the absolute limit"
            : await context.HttpContext.RequestServices.GetRequiredService<AccountStamps>().RefuseAsync(context.Principal!, context.HttpContext.RequestAborted);
        if (refusal is null) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }

    /// <summary>
    /// The Hangfire dashboards behind the staff sign-in (operations only): the intake worker's jobs (its storage,
    /// schema "hangfire") and the API's own jobs (message delivery).
    /// </summary>
    public static void MapJobDashboards(this WebApplication app, string connectionString)
    {
        var workerOptions = new PostgreSqlStorageOptions { SchemaName = app.Configuration["Worker:HangfireSchema"] ?? "hangfire", PrepareSchemaIfNecessary = true };
        var workerStorage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, workerOptions), workerOptions);
        // Authorization is the endpoint's (the staff cookie); Hangfire's own filter would allow local requests only.
        app.MapHangfireDashboard("/operations/jobs", new DashboardOptions { Authorization = [], AppPath = "/operations", DashboardTitle = "Intake worker jobs" }, workerStorage)
            .RequireAuthorization(OperationsOnly);
        app.MapHangfireDashboard("/operations/api-jobs", new DashboardOptions { Authorization = [], AppPath = "/operations", DashboardTitle = "API jobs" },
                app.Services.GetRequiredService<JobStorage>())
            .RequireAuthorization(OperationsOnly);
    }
}
