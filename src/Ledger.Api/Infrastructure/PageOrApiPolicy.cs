using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Net.Http.Headers;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Some operations pages live at the same address as the API endpoint they mirror (GET /operations/reconciliation is
/// both the page and the JSON report). When both match, a request with an Authorization header (the API takes bearer
/// tokens) goes to the endpoint; a browser's request (the staff cookie, or one that asks for HTML) goes to the page.
/// Anything else goes to the endpoint, so an API client without a token still gets a 401 problem, not a sign-in form.
/// </summary>
public sealed class PageOrApiPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public const string StaffCookie = "__Host-ledger-staff";

    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints.Any(IsPage) && endpoints.Any(e => !IsPage(e));

    public Task ApplyAsync(HttpContext http, CandidateSet candidates)
    {
        var valid = Enumerable.Range(0, candidates.Count).Where(candidates.IsValidCandidate).ToList();
        if (!valid.Any(i => IsPage(candidates[i].Endpoint)) || !valid.Any(i => !IsPage(candidates[i].Endpoint))) return Task.CompletedTask;
        var request = http.Request;
        var wantsPage = !request.Headers.ContainsKey(HeaderNames.Authorization)
                        && (request.Cookies.ContainsKey(StaffCookie) || request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true));
        foreach (var i in valid)
        {
            if (IsPage(candidates[i].Endpoint) != wantsPage) candidates.SetValidity(i, false);
        }
        return Task.CompletedTask;
    }

    private static bool IsPage(Endpoint endpoint) => endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null;
}
