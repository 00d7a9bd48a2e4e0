using System.Globalization;
using System.Text.Json;
using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Ledger.Data.Schema;
using Ledger.Intake.Keying;
using Ledger.Intake.Lockbox.Imaging;
using Mediator;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Api.Features.Keying;

public sealed record ResolutionView(
    long Id, long FileId, int Sequence, string Action, string Status, long AmountCents, string? PersonNumber, string? AccountKind, string? Reason,
    string KeyedBy, DateTimeOffset KeyedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt, long? EntryId, string? Outcome,
    long CreditedCents, long RestitutionCents, long ReturnedCents, long FeeCents)
{
    public static ResolutionView Of(ReviewResolutionRow r) => new(r.Id, r.FileId, r.Sequence, r.Action, r.Status, r.AmountCents, r.PersonNumber,
        r.AccountKind, r.Reason, r.KeyedBy, r.KeyedAt, r.ApprovedBy, r.ApprovedAt, r.EntryId, r.Outcome, r.CreditedCents, r.RestitutionCents,
        r.ReturnedCents, r.FeeCents);
}

public sealed record AwaitingApprovalView(KeyingItem Item, ResolutionView Resolution);

public sealed record KeyingQueueView(long FourEyesAboveCents, IReadOnlyList<KeyingItem> Waiting, IReadOnlyList<AwaitingApprovalView> AwaitingApproval,
    IReadOnlyList<ReversalInReview> Reversals);

public sealed record KeyingItemView(KeyingItem Item, IReadOnlyList<ResolutionView> Resolutions);

public sealed record KeyRequest(long AmountCents, string PersonNumber, string Account, string? Serial);
public sealed record ReturnRequest(string Reason, long? AmountCents);
public sealed record RejectRequest(string Reason);

public sealed record KeyingQueueQuery : IQuery<Result<KeyingQueueView>>;

public sealed class KeyingQueueHandler(KeyingQueue queue, KeyingService keying) : IQueryHandler<KeyingQueueQuery, Result<KeyingQueueView>>
{
    public async ValueTask<Result<KeyingQueueView>> Handle(KeyingQueueQuery query, CancellationToken ct) =>
        new KeyingQueueView(keying.FourEyesAboveCents, await queue.WaitingAsync(ct),
            (await queue.AwaitingApprovalAsync(ct)).Select(a => new AwaitingApprovalView(a.Item, ResolutionView.Of(a.Resolution))).ToArray(),
            await queue.ReversalsAsync(ct));
}

public sealed record KeyingItemQuery(long FileId, int Sequence) : IQuery<Result<KeyingItemView>>;

public sealed class KeyingItemHandler(KeyingQueue queue) : IQueryHandler<KeyingItemQuery, Result<KeyingItemView>>
{
    public async ValueTask<Result<KeyingItemView>> Handle(KeyingItemQuery query, CancellationToken ct) =>
        await queue.ItemAsync(query.FileId, query.Sequence, ct) is { } found
            ? new KeyingItemView(found.Item, found.Resolutions.Select(ResolutionView.Of).ToArray())
            : Problems.NotFound(string.Create(CultureInfo.InvariantCulture, $"No lockbox item {query.FileId}/{query.Sequence} went to review."));
}

public sealed record KeyingScanQuery(long FileId, int Sequence, string Side) : IQuery<Result<BrowserImage>>;

public sealed class KeyingScanHandler(KeyingQueue queue) : IQueryHandler<KeyingScanQuery, Result<BrowserImage>>
{
    public async ValueTask<Result<BrowserImage>> Handle(KeyingScanQuery query, CancellationToken ct)
    {
        if (!KeyingQueue.TryParseSide(query.Side, out var side)) return Problems.NotFound("The scans are money-order and deposit-slip.");
        return await queue.ScanAsync(query.FileId, query.Sequence, side, ct) is { } image
            ? image
            : Problems.NotFound(string.Create(CultureInfo.InvariantCulture,
                $"No {query.Side} scan for lockbox item {query.FileId}/{query.Sequence}: it is not in review, or its batch is no longer where intake recorded it."));
    }
}

public sealed record KeyItemCommand(Actor Actor, long FileId, int Sequence, KeyRequest Request) : ICommand<Result<ResolutionView>>;

public sealed class KeyItemHandler(KeyingService keying) : ICommandHandler<KeyItemCommand, Result<ResolutionView>>
{
    public async ValueTask<Result<ResolutionView>> Handle(KeyItemCommand command, CancellationToken ct)
    {
        var (actor, fileId, sequence, r) = command;
        var keyed = new KeyedItem(fileId, sequence, r.AmountCents, r.PersonNumber, r.Account, r.Serial);
        return KeyingAudit.Answer(await keying.KeyAsync(keyed, actor.Identity, ct: ct));
    }
}

public sealed record ApproveResolutionCommand(Actor Actor, long ResolutionId) : ICommand<Result<ResolutionView>>;

public sealed class ApproveResolutionHandler(KeyingService keying) : ICommandHandler<ApproveResolutionCommand, Result<ResolutionView>>
{
    public async ValueTask<Result<ResolutionView>> Handle(ApproveResolutionCommand command, CancellationToken ct) =>
        KeyingAudit.Answer(await keying.ApproveAsync(command.ResolutionId, command.Actor.Identity, ct: ct));
}

public sealed record RejectResolutionCommand(Actor Actor, long ResolutionId, RejectRequest Request) : ICommand<Result<ResolutionView>>;

public sealed class RejectResolutionHandler(KeyingService keying) : ICommandHandler<RejectResolutionCommand, Result<ResolutionView>>
{
    public async ValueTask<Result<ResolutionView>> Handle(RejectResolutionCommand command, CancellationToken ct) =>
        KeyingAudit.Answer(await keying.RejectAsync(command.ResolutionId, command.Actor.Identity, command.Request.Reason ?? "", ct: ct));
}

public sealed record ReturnItemCommand(Actor Actor, long FileId, int Sequence, ReturnRequest Request) : ICommand<Result<ResolutionView>>;

public sealed class ReturnItemHandler(KeyingService keying) : ICommandHandler<ReturnItemCommand, Result<ResolutionView>>
{
    public async ValueTask<Result<ResolutionView>> Handle(ReturnItemCommand command, CancellationToken ct) =>
        KeyingAudit.Answer(await keying.ReturnAsync(command.FileId, command.Sequence, command.Request.Reason ?? "", command.Actor.Identity,
            command.Request.AmountCents, ct: ct));
}

public sealed record ReverseItemCommand(Actor Actor, long FileId, int Sequence) : ICommand<Result<ResolutionView>>;

/// <summary>Applies a MoneyGram reversal in review: the original send is reversed (or waits for a second staff member).</summary>
public sealed class ReverseItemHandler(KeyingService keying) : ICommandHandler<ReverseItemCommand, Result<ResolutionView>>
{
    public async ValueTask<Result<ResolutionView>> Handle(ReverseItemCommand command, CancellationToken ct) =>
        KeyingAudit.Answer(await keying.ReverseAsync(command.FileId, command.Sequence, command.Actor.Identity, ct: ct));
}

public sealed record DismissItemCommand(Actor Actor, long FileId, int Sequence, RejectRequest Request) : ICommand<Result<ResolutionView>>;

/// <summary>Sets a MoneyGram reversal in review aside with a reason: no money moves.</summary>
public sealed class DismissItemHandler(KeyingService keying) : ICommandHandler<DismissItemCommand, Result<ResolutionView>>
{
    public async ValueTask<Result<ResolutionView>> Handle(DismissItemCommand command, CancellationToken ct) =>
        KeyingAudit.Answer(await keying.DismissAsync(command.FileId, command.Sequence, command.Request.Reason ?? "", command.Actor.Identity, ct: ct));
}

/// <summary>Keying's answers as problem details. The audit entries are KeyingService's own (KeyingAuditTrail), for every host alike.</summary>
public static class KeyingAudit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Result<ResolutionView> Answer(KeyingResult result) => result.Refusal switch
    {
        null => ResolutionView.Of(result.Resolution!),
        KeyingRefusal.NotFound => Problems.NotFound(result.Detail!),
        KeyingRefusal.FourEyes => Problems.Conflict(result.Code!, "A second staff member must approve", result.Detail!),
        KeyingRefusal.NotInReview or KeyingRefusal.AlreadyResolved => Problems.Conflict(result.Code!, "Already resolved", result.Detail!),
        KeyingRefusal.SerialAlreadyPosted => Problems.Conflict(result.Code!, "Money order already posted", result.Detail!),
        _ => Problems.Invalid(result.Code!, result.Detail!),
    };
}
