using Ledger.Api.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Api.Pages.Operations;

public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/operations");

    // Signing out of the pages ends the account's other sessions and tokens too: a cookie copied before cannot outlive it.
    public async Task<IActionResult> OnPostAsync([FromServices] AccountStamps stamps, CancellationToken ct)
    {
        var user = (await HttpContext.AuthenticateAsync(StaffPages.Scheme)).Principal;
        if (user is not null) await stamps.SignOutEverywhereAsync(user, ct);
        await HttpContext.SignOutAsync(StaffPages.Scheme);
        return LocalRedirect("/operations/sign-in");
    }
}
