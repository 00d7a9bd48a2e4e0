using Ledger.Api.Auth;
using Ledger.Api.Features.Visits;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Api.Pages.Facility;

/// <summary>Visit slots of the facilities this member of staff serves (publish more), and the bookings in them (cancel one).</summary>
public sealed class VisitsModel(IMediator mediator, TimeProvider clock) : PageModel
{
    public IReadOnlyList<string> Facilities { get; private set; } = [];
    public IReadOnlyList<SlotView> Slots { get; private set; } = [];
    public IReadOnlyList<VisitView> Visits { get; private set; } = [];
    [TempData] public string? Message { get; set; }
    [TempData] public string? Error { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        Facilities = actor.Facilities.Order(StringComparer.Ordinal).ToList();
        var now = clock.GetUtcNow();
        var slots = new List<SlotView>();
        foreach (var f in Facilities)
            slots.AddRange((await mediator.Send(new ListSlotsQuery(actor, f, now, now.AddDays(31)), ct)).Value ?? []);
        Slots = slots.OrderBy(s => s.StartsAt).ToList();
        Visits = ((await mediator.Send(new ListVisitsQuery(actor, null), ct)).Value ?? []).Where(v => v.EndsAt >= now).OrderBy(v => v.StartsAt).ToList();
    }

    public async Task<IActionResult> OnPostPublishAsync(string facility, DateOnly date, TimeOnly start, int minutes, int capacity, CancellationToken ct)
    {
        var request = new PublishSlotsRequest(date, date, [date.DayOfWeek], [start], minutes, capacity);
        var result = await mediator.Send(new PublishSlotsCommand(Actor.From(User), facility, request), ct);
        if (result.IsSuccess) Message = $"{result.Value!.Count} slot(s) published at {facility}.";
        else Error = result.Problem!.Detail ?? result.Problem.Title;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCancelAsync(long id, CancellationToken ct)
    {
        var result = await mediator.Send(new CancelVisitCommand(Actor.From(User), id), ct);
        if (result.IsSuccess) Message = $"Visit {id} cancelled; the resident is notified.";
        else Error = result.Problem!.Detail ?? result.Problem.Title;
        return RedirectToPage();
    }
}
