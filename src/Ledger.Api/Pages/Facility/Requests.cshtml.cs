using Ledger.Api.Auth;
using Ledger.Api.Features.Requests;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Api.Pages.Facility;

/// <summary>Residents' requests at the facilities this member of staff serves: assign, answer, close; overdue first.</summary>
public sealed class RequestsModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<RequestView> Requests { get; private set; } = [];
    [TempData] public string? Message { get; set; }
    [TempData] public string? Error { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = (await mediator.Send(new ListRequestsQuery(Actor.From(User), null, false), ct)).Value ?? [];
        Requests = all.Where(r => r.Status != "closed").OrderByDescending(r => r.Overdue).ThenBy(r => r.DueAt)
            .Concat(all.Where(r => r.Status == "closed").OrderByDescending(r => r.ClosedAt)).ToList();
    }

    public async Task<IActionResult> OnPostAsync(long id, string action, string? assignee, string? text, CancellationToken ct)
    {
        if (action is not ("assign" or "answer" or "close")) return BadRequest();
        var result = await mediator.Send(new HandleRequestCommand(Actor.From(User), id, action, new HandleRequestBody(assignee, text)), ct);
        if (result.IsSuccess) Message = $"Request {id}: {result.Value!.Status}.";
        else Error = result.Problem!.Detail ?? result.Problem.Title;
        return RedirectToPage();
    }
}
