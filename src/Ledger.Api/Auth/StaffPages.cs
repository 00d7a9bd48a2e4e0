using System.Security.Claims;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
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

    public static IServiceCollection AddStaffPages(this IServiceCollection services, AuthenticationBuilder authentication)
    {
        authentication.AddCookie(Scheme, o =>
        {
            o.LoginPath = "/operations/sign-in";
            o.LogoutPath = "/operations/sign-out";
            o.AccessDeniedPath = "/operations/denied";
            o.Cookie.Name = "ledger-staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        const string ops = LedgerTokens.Roles.Operations, acct = LedgerTokens.Roles.Accountant;
        services.AddAuthorizationBuilder()
            .AddPolicy(AnyStaff, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(LedgerTokens.RoleClaim, ops, acct))
            .AddPolicy(OperationsOnly, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(LedgerTokens.RoleClaim, ops))
            .AddPolicy(Accountants, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(LedgerTokens.RoleClaim, ops, acct));
        services.AddScoped<StaffUsers>();
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Operations", AnyStaff);
            o.Conventions.AllowAnonymousToPage("/Operations/SignIn");
            o.Conventions.AllowAnonymousToPage("/Operations/Denied");
        });
        return services;
    }

    public static ClaimsPrincipal Principal(StaffUserRow staff)
    {
        var claims = new List<Claim>
        {
            new(LedgerTokens.SubjectClaim, staff.Username),
            new(LedgerTokens.RoleClaim, staff.Role),
            new("name", staff.DisplayName),
        };
        claims.AddRange(staff.Facilities.Select(f => new Claim(LedgerTokens.FacilityClaim, f)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, "name", LedgerTokens.RoleClaim));
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
