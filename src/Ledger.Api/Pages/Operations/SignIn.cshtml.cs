using Ledger.Api.Auth;
using Ledger.Data.Services.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Ledger.Api.Pages.Operations;

/// <summary>The pages' sign-in: the same staff accounts (and lockout, and second factor) as <c>POST /auth/sign-in</c>.</summary>
[EnableRateLimiting(SignInEndpoints.SignInRateLimit)]
public sealed class SignInModel(SignInAccounts accounts, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Username { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Totp { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await accounts.CheckAsync(AccountKinds.Staff, Username ?? "", Password ?? "", Totp, ct);
        if (result.Account is not { } member)
        {
            Error = result.Outcome == SignInOutcome.SecondFactorRequired
                ? "This account also needs the current code of its authenticator app."
                : "Unknown user name, wrong password or code, or the account is locked for a while after too many wrong tries.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await HttpContext.SignInAsync(StaffPages.Scheme, StaffPages.Principal(member, clock.GetUtcNow()));
        var home = member.Role == LedgerTokens.Roles.Staff ? "/facility" : "/operations";
        // Only back into the pages: never an open redirect to another site.
        return LocalRedirect(ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith(home, StringComparison.Ordinal) ? url : home);
    }
}
