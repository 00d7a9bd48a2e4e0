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

public sealed record KeyingQueueView(long FourEyesAboveCents, IReadOnlyList<KeyingItem> Waiting, IReadOnlyList<AwaitingApprovalView> AwaitingApproval);

public sealed record KeyingItemView(KeyingItem Item, IReadOnlyList<ResolutionView> Resolutions);

public sealed record KeyRequest(long AmountCents, string PersonNumber, string Account, string? Serial);
public sealed record ReturnRequest(string Reason, long? AmountCents);
public sealed record RejectRequest(string Reason);

public sealed record KeyingQueueQuery : IQuery<Result<KeyingQueueView>>;

public sealed class KeyingQueueHandler(KeyingQueue queue, KeyingService keying) : IQueryHandler<KeyingQueueQuery, Result<KeyingQueueView>>
{
    public async ValueTask<Result<KeyingQueueView>> Handle(KeyingQueueQuery query, CancellationToken ct) =>
        new KeyingQueueView(keying.FourEyesAboveCents, await queue.WaitingAsync(ct),
            (await queue.AwaitingApprovalAsync(ct)).Select(a => new AwaitingApprovalView(a.Item, ResolutionView.Of(a.Resolution))).ToArray());
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

public sealed class KeyItemHandler(KeyingService keying, TimeProvider clock) : ICommandHandler<KeyItemCommand, Result<ResolutionView>>
{
    public async ValueTask<Result<ResolutionView>> Handle(KeyItemCommand command, CancellationToken ct)
    {
        var (actor, fileId, sequence, r) = command;
        var keyed = new KeyedItem(fileId, sequence, r.AmountCents, r.PersonNumber, r.Account, r.Serial);
        return KeyingAudit.Answer(await keying.KeyAsync(keyed, actor.Identity, KeyingAudit.Alongside(actor, "keying.key", clock), ct));
    }
}

public sealed record ApproveResolutionCommand(Actor Actor, long ResolutionId) : ICommand<Result<ResolutionView>>;

public sealed class ApproveResolutionHandler(KeyingService keying, TimeProvider clock) : ICommandHandler<ApproveResolutionCommand, Result<ResolutionView>>
{
    public async ValueTask<Result<ResolutionView>> Handle(ApproveResolutionCommand command, CancellationToken ct) =>
        KeyingAudit.Answer(await keying.ApproveAsync(command.ResolutionId, command.Actor.Identity, KeyingAudit.Alongside(command.Actor, "keying.approve", clock), ct));
}

public sealed record RejectResolutionCommand(Actor Actor, long ResolutionId, RejectRequest Request) : ICommand<Result<ResolutionView>>;

public sealed class RejectResolutionHandler(KeyingService keying, TimeProvider clock) : ICommandHandler<RejectResolutionCommand, Result<ResolutionView>>
{
    public async ValueTask<Result<ResolutionView>> Handle(RejectResolutionCommand command, CancellationToken ct) =>
        KeyingAudit.Answer(await keying.RejectAsync(command.ResolutionId, command.Actor.Identity, command.Request.Reason ?? "",
            KeyingAudit.Alongside(command.Actor, "keying.reject", clock), ct));
}

public sealed record ReturnItemCommand(Actor Actor, long FileId, int Sequence, ReturnRequest Request) : ICommand<Result<ResolutionView>>;

public sealed class ReturnItemHandler(KeyingService keying, TimeProvider clock) : ICommandHandler<ReturnItemCommand, Result<ResolutionView>>
{
    public async ValueTask<Result<ResolutionView>> Handle(ReturnItemCommand command, CancellationToken ct) =>
        KeyingAudit.Answer(await keying.ReturnAsync(command.FileId, command.Sequence, command.Request.Reason ?? "", command.Actor.Identity,
            command.Request.AmountCents, KeyingAudit.Alongside(command.Actor, "keying.return", clock), ct));
}

/// <summary>Keying's answers as problem details, and its audit entries, written in the transaction that changes the resolution.</summary>
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

    public static ResolutionAlongside Alongside(Actor actor, string action, TimeProvider clock) => async (conn, tx, resolution, ct) =>
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO api.audit_log (actor_subject, actor_role, action, entity_type, entity_id, facility_code, before, after, at)
            VALUES (@subject, @role, @action, 'review_resolution', @id, NULL, NULL, @after, @at)
            """, conn, tx);
        cmd.Parameters.AddWithValue("subject", actor.Subject);
        cmd.Parameters.AddWithValue("role", actor.Role);
        cmd.Parameters.AddWithValue("action", action);
        cmd.Parameters.AddWithValue("id", resolution.Id.ToString(CultureInfo.InvariantCulture));
        cmd.Parameters.Add(new NpgsqlParameter<string>("after", JsonSerializer.Serialize(ResolutionView.Of(resolution), Json)) { NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.AddWithValue("at", clock.Now());
        await cmd.ExecuteNonQueryAsync(ct);
    };
}
