using Ledger.Api.Auth;
using Ledger.Api.Features.Messages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Api.Pages.Facility;

/// <summary>
/// The e-mail screening queue of the facilities this member of staff serves, oldest first. Mail is promised within
/// 24 to 48 hours of sending: past 24 hours a message is flagged due, past 48 overdue.
/// </summary>
public sealed class ScreeningModel(IMediator mediator, TimeProvider clock) : PageModel
{
    public static readonly TimeSpan PromiseFrom = TimeSpan.FromHours(24);
    public static readonly TimeSpan PromiseTo = TimeSpan.FromHours(48);

    public IReadOnlyList<MessageView> Queue { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    [TempData] public string? Message { get; set; }
    [TempData] public string? Error { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Queue = (await mediator.Send(new ScreeningQueueQuery(Actor.From(User), null), ct)).Value ?? [];
    }

    public string Age(MessageView m) => FacilityPages.Age(Now - m.CreatedAt);
    public bool Overdue(MessageView m) => Now - m.CreatedAt > PromiseTo;
    public bool Due(MessageView m) => Now - m.CreatedAt > PromiseFrom;

    public async Task<IActionResult> OnPostApproveAsync(long id, CancellationToken ct) => Answer(await mediator.Send(new ScreenMessageCommand(Actor.From(User), id, true, null), ct), "approved");

    public async Task<IActionResult> OnPostRejectAsync(long id, string? reason, CancellationToken ct) =>
        Answer(await mediator.Send(new ScreenMessageCommand(Actor.From(User), id, false, reason), ct), "rejected (the sender's stamps are refunded)");

    private RedirectToPageResult Answer(Infrastructure.Result<MessageView> result, string what)
    {
        if (result.IsSuccess) Message = $"Message {result.Value!.Id} {what}.";
        else Error = result.Problem!.Detail ?? result.Problem.Title;
        return RedirectToPage();
    }
}

public static class FacilityPages
{
    public static string Age(TimeSpan age) => age.TotalHours >= 1 ? $"{(int)age.TotalHours} h {age.Minutes} min" : $"{Math.Max(0, age.Minutes)} min";
}
