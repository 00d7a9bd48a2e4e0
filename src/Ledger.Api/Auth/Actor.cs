using System.Security.Claims;
using Ledger.Data.Services.Auth;

namespace Ledger.Api.Auth;

/// <summary>
/// Who is calling, from the bearer token or the staff cookie: one role, a subject, for staff the facilities they
/// serve, and the sign-in account (absent only on development tokens from `ledger token`).
/// </summary>
public sealed record Actor(string Role, string Subject, IReadOnlySet<string> Facilities, long? AccountId = null)
{
    /// <summary>
    /// One namespace for "is this the same person" (four-eyes): the sign-in account, whatever spelling or channel (page
    /// or token) they came through: "user#id". A development token (`ledger token`, refused outside Development) has no
    /// account and is known by its subject alone.
    /// </summary>
    public string Identity => AccountId is { } id ? SignInAccounts.IdentityOf(Subject, id) : Subject;

    public bool IsFamily => Role == LedgerTokens.Roles.Family;
    public bool IsResident => Role == LedgerTokens.Roles.Resident;
    public bool IsStaff => Role == LedgerTokens.Roles.Staff;
    public bool IsOperations => Role == LedgerTokens.Roles.Operations;
    public bool IsAccountant => Role == LedgerTokens.Roles.Accountant;

    public bool ServesFacility(string facilityCode) => IsOperations || Facilities.Contains(facilityCode);

    public static Actor From(ClaimsPrincipal user) => new(
        user.FindFirstValue(LedgerTokens.RoleClaim) ?? "",
        user.FindFirstValue(LedgerTokens.SubjectClaim) ?? "",
        user.FindAll(LedgerTokens.FacilityClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        long.TryParse(user.FindFirstValue(LedgerTokens.AccountClaim), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null);
}

public static class Policies
{
    public const string Family = "family";
    public const string Resident = "resident";
    public const string Staff = "staff";
    public const string Operations = "operations";
    public const string FamilyOrOperations = "family-or-operations";
    public const string FamilyOrResident = "family-or-resident";
    public const string StaffOrOperations = "staff-or-operations";
    /// <summary>Who may read a person's accounts: the person, their facility's staff and accountants, operations.</summary>
    public const string AccountReaders = "account-readers";
    public const string ResidentStaffOrOperations = "resident-staff-operations";
    public const string FamilyOrStaff = "family-or-staff";
    public const string AnyVisitor = "any-visit-party";

    public static IServiceCollection AddLedgerPolicies(this IServiceCollection services)
    {
        const string f = LedgerTokens.Roles.Family, r = LedgerTokens.Roles.Resident, s = LedgerTokens.Roles.Staff,
            o = LedgerTokens.Roles.Operations, a = LedgerTokens.Roles.Accountant;
        services.AddAuthorizationBuilder()
            .AddPolicy(Family, p => p.RequireClaim(LedgerTokens.RoleClaim, f))
            .AddPolicy(Resident, p => p.RequireClaim(LedgerTokens.RoleClaim, r))
            .AddPolicy(Staff, p => p.RequireClaim(LedgerTokens.RoleClaim, s))
            .AddPolicy(Operations, p => p.RequireClaim(LedgerTokens.RoleClaim, o))
            .AddPolicy(FamilyOrOperations, p => p.RequireClaim(LedgerTokens.RoleClaim, f, o))
            .AddPolicy(FamilyOrResident, p => p.RequireClaim(LedgerTokens.RoleClaim, f, r))
            .AddPolicy(StaffOrOperations, p => p.RequireClaim(LedgerTokens.RoleClaim, s, o))
            .AddPolicy(AccountReaders, p => p.RequireClaim(LedgerTokens.RoleClaim, r, s, a, o))
            .AddPolicy(ResidentStaffOrOperations, p => p.RequireClaim(LedgerTokens.RoleClaim, r, s, o))
            .AddPolicy(FamilyOrStaff, p => p.RequireClaim(LedgerTokens.RoleClaim, f, s))
            .AddPolicy(AnyVisitor, p => p.RequireClaim(LedgerTokens.RoleClaim, f, r, s, o));
        return services;
    }
}
