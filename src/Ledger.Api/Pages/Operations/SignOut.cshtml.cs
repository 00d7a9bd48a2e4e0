using Ledger.Api.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Api.Pages.Operations;

public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/operations");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(StaffPages.Scheme);
        return LocalRedirect("/operations/sign-in");
    }
}
