using Ledger.Api.Auth;
using Ledger.Api.Features.Messages;
using Ledger.Api.Features.Requests;
using Ledger.Api.Features.Visits;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Api.Pages.Facility;

/// <summary>Facility staff's home: what waits for them in screening, requests and visits.</summary>
public sealed class IndexModel(IMediator mediator, TimeProvider clock) : PageModel
{
    public IReadOnlyList<string> Facilities { get; private set; } = [];
    public int InScreening { get; private set; }
    public int ScreeningOverdue { get; private set; }
    public int OpenRequests { get; private set; }
    public int OverdueRequests { get; private set; }
    public int UpcomingVisits { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        var now = clock.GetUtcNow();
        Facilities = actor.Facilities.Order(StringComparer.Ordinal).ToList();
        var queue = (await mediator.Send(new ScreeningQueueQuery(actor, null), ct)).Value ?? [];
        InScreening = queue.Count;
        ScreeningOverdue = queue.Count(m => now - m.CreatedAt > ScreeningModel.PromiseTo);
        var requests = (await mediator.Send(new ListRequestsQuery(actor, null, false), ct)).Value ?? [];
        OpenRequests = requests.Count(r => r.Status != "closed");
        OverdueRequests = requests.Count(r => r.Overdue);
        UpcomingVisits = ((await mediator.Send(new ListVisitsQuery(actor, null), ct)).Value ?? []).Count(v => v.Status == "booked" && v.StartsAt > now);
    }
}
