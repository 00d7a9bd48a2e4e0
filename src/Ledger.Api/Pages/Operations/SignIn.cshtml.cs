using Ledger.Api.Auth;
using Ledger.Data.Services.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Ledger.Api.Pages.Operations;

[EnableRateLimiting(Features.Families.FamilyEndpoints.SignInRateLimit)]
public sealed class SignInModel(StaffUsers staff) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Username { get; set; }
    [BindProperty] public string? Password { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var member = await staff.CheckAsync(Username ?? "", Password ?? "", ct);
        if (member is null)
        {
            Error = "Unknown user name or wrong password.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await HttpContext.SignInAsync(StaffPages.Scheme, StaffPages.Principal(member));
        // Only back into the pages: never an open redirect to another site.
        return LocalRedirect(ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith("/operations", StringComparison.Ordinal) ? url : "/operations");
    }
}
