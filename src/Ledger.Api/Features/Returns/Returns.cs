using System.Globalization;
using Ledger.Api.Auth;
using Ledger.Api.Features.Reconciliation;
using Ledger.Api.Infrastructure;
using Ledger.Data.Intake;
using Ledger.Intake.Returns;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Features.Returns;

public sealed record ReturnView(
    long FileId, int Sequence, string Source, string Reference, string Outcome, bool Keyed, string? SenderName, string? SenderAddress,
    string? PersonNumber, string? FacilityCode, long AmountCents, long ReturnedCents, long FeeRefundedCents, long ToSendBackCents, long RefundsPayableCents,
    string? ReasonCode, string? Reason, DateTimeOffset DecidedAt, ReturnDisposition? Disposition,
    bool AwaitsAddress, AddressKeyed? AddressKeyed, IReadOnlyList<SenderReading> SenderReadings, bool AwaitsAmount, AmountKeyed? AmountKeyed)
{
    /// <summary>
    /// <see cref="SenderReadings"/>: OCR's readings of the sender (unconfirmed), for a return that waits for its address.
    /// <see cref="AwaitsAmount"/>: a money order returned unread whose amount nobody has recorded yet (POST .../amount).
    /// </summary>
    public static ReturnView From(ReturnItem r) => new(r.Item.FileId, r.Item.Sequence, r.Source, r.Item.Reference, r.Item.Outcome, r.Keyed,
        r.Item.SenderName, r.Item.SenderAddress, r.Item.PersonNumber, r.Item.FacilityCode, r.Item.AmountCents, r.Item.ReturnedCents,
        r.Item.FeeRefundedCents, r.ToSendBackCents, r.PayableCents, r.Item.ReasonCode, r.Item.Reason, r.DecidedAt, r.Disposition,
        r.AwaitsAddress, r.AddressKeyed, r.AwaitsAddress ? SenderAddresses.Readings(r.Item.Details) : [], r.AwaitsAmount, r.AmountKeyed);
}

/// <summary>The amount of a money order returned unread, in cents, and where it was read: <c>tape</c> (default) or <c>money_order</c>.</summary>
public sealed record ReturnAmountRequest(long? AmountCents, string? ReadFrom);

/// <summary>Records the amount of a money order returned unread (ReturnsDesk.KeyAmountAsync): no money moves; once per item, audited.</summary>
public sealed record KeyReturnAmountCommand(Actor Actor, long FileId, int Sequence, ReturnAmountRequest Amount) : ICommand<Result<ReturnView>>;

public sealed class KeyReturnAmountHandler(ReturnsDesk desk) : ICommandHandler<KeyReturnAmountCommand, Result<ReturnView>>
{
    public async ValueTask<Result<ReturnView>> Handle(KeyReturnAmountCommand command, CancellationToken ct)
    {
        var (actor, fileId, sequence, a) = command;
        var result = await desk.KeyAmountAsync(fileId, sequence, a.AmountCents ?? 0, a.ReadFrom ?? "tape", actor.Subject, actor.Role, ct);
        return result.Outcome switch
        {
            ReturnAmountOutcome.Recorded => ReturnView.From(result.Return!),
            ReturnAmountOutcome.NotFound => Problems.NotFound($"Item {sequence} of intake file {fileId} is not a return."),
            ReturnAmountOutcome.NotUnread => Problems.Conflict("not-returned-unread", "The amount is known", result.Problem!),
            ReturnAmountOutcome.AlreadyKeyed => Problems.Conflict("amount-already-keyed", "Amount already recorded", result.Problem!),
            ReturnAmountOutcome.Invalid => Problems.Invalid("invalid-amount", result.Problem!),
            _ => throw new InvalidOperationException($"Unknown amount outcome {result.Outcome}."),
        };
    }
}

/// <summary>The sender's address for a return that waits for one: the street line and the <c>CITY, ST 12345</c> line.</summary>
public sealed record ReturnAddressRequest(string? SenderName, string? Street, string? CityStateZip);

/// <summary>Confirms or keys the sender address of a return whose address OCR did not confirm; once per item, audited in the same transaction.</summary>
public sealed record ConfirmReturnAddressCommand(Actor Actor, long FileId, int Sequence, ReturnAddressRequest Address) : ICommand<Result<ReturnView>>;

public sealed class ConfirmReturnAddressHandler(ReturnsDesk desk, TimeProvider clock) : ICommandHandler<ConfirmReturnAddressCommand, Result<ReturnView>>
{
    public async ValueTask<Result<ReturnView>> Handle(ConfirmReturnAddressCommand command, CancellationToken ct)
    {
        var (actor, fileId, sequence, a) = command;
        var before = await desk.FindAsync(fileId, sequence, ct);
        var audit = ReturnsDesk.AddressAudit(actor.Subject, actor.Role, fileId, sequence, before?.Item.FacilityCode,
            a.SenderName, a.Street, a.CityStateZip, clock.GetUtcNow());
        var result = await desk.ConfirmAddressAsync(fileId, sequence, a.SenderName ?? "", a.Street ?? "", a.CityStateZip ?? "", actor.Subject, audit, ct);
        return result.Outcome switch
        {
            AddressOutcome.Recorded => ReturnView.From(result.Return!),
            AddressOutcome.NotFound => Problems.NotFound($"Item {sequence} of intake file {fileId} is not a return."),
            AddressOutcome.NotAwaiting => Problems.Conflict("address-not-awaited", "No address is awaited",
                "This return does not wait for an address: it has one on record, or nothing of it goes back by mail."),
            AddressOutcome.AlreadyKeyed => Problems.Conflict("address-already-keyed", "Address already keyed", result.Problem!),
            AddressOutcome.Invalid => Problems.Invalid("invalid-address", result.Problem!),
            _ => throw new InvalidOperationException($"Unknown address outcome {result.Outcome}."),
        };
    }
}

public sealed record ListReturnsQuery(DateOnly Day) : IQuery<Result<IReadOnlyList<ReturnItem>>>;

public sealed class ListReturnsHandler(ReturnsDesk desk) : IQueryHandler<ListReturnsQuery, Result<IReadOnlyList<ReturnItem>>>
{
    public async ValueTask<Result<IReadOnlyList<ReturnItem>>> Handle(ListReturnsQuery query, CancellationToken ct) =>
        (await desk.ListAsync(query.Day, null, ct)).ToList();
}

public enum Disposition
{
    Mailed,
    Refunded,
}

/// <summary>Marks a return mailed, or refunds it (one entry clearing refunds payable); either once per item, audited in the same transaction.</summary>
public sealed record DisposeReturnCommand(Actor Actor, long FileId, int Sequence, Disposition Disposition) : ICommand<Result<ReturnView>>;

public sealed class DisposeReturnHandler(ReturnsDesk desk, TimeProvider clock) : ICommandHandler<DisposeReturnCommand, Result<ReturnView>>
{
    public async ValueTask<Result<ReturnView>> Handle(DisposeReturnCommand command, CancellationToken ct)
    {
        var (actor, fileId, sequence, disposition) = command;
        var before = await desk.FindAsync(fileId, sequence, ct);
        var what = disposition == Disposition.Mailed ? "mailed" : "refunded";
        var audit = AuditInTransaction.Write(actor, "return." + what, "return",
            string.Create(CultureInfo.InvariantCulture, $"{fileId}/{sequence}"), before?.Item.FacilityCode,
            new { disposition = before?.Disposition?.Status }, new { disposition = what, refundsPayableCents = before?.PayableCents }, clock.GetUtcNow());
        var result = disposition == Disposition.Mailed
            ? await desk.MarkMailedAsync(fileId, sequence, actor.Subject, audit, ct)
            : await desk.RefundAsync(fileId, sequence, actor.Subject, audit, ct);
        var payable = result.Return is { } r ? Money(r.PayableCents) : "";
        return result.Outcome switch
        {
            DispositionOutcome.Recorded => ReturnView.From(result.Return!),
            DispositionOutcome.NotFound => Problems.NotFound($"Item {sequence} of intake file {fileId} is not a return."),
            DispositionOutcome.AlreadyDisposed => Problems.Conflict("already-disposed", "Already done",
                $"This return is already marked {result.Return!.Disposition?.Status ?? "refunded"}; nothing changed."),
            DispositionOutcome.MustBeRefunded => Problems.Conflict("must-be-refunded", "Money is owed to the sender",
                $"{payable} of this return sits in refunds payable: mark it refunded, so the payable is cleared."),
            DispositionOutcome.AddressNotConfirmed => Problems.Conflict("address-not-confirmed", "The sender's address is not confirmed",
                "OCR did not confirm the sender's address and no one has keyed it: confirm or key it first (POST .../address, or the Returns page); nothing was refunded."),
            DispositionOutcome.NothingPayable => Problems.Conflict("nothing-to-refund", "Nothing to refund",
                "Nothing of this return is in refunds payable (a money order that was never deposited goes back itself): mark it mailed."),
            _ => throw new InvalidOperationException($"Unknown disposition outcome {result.Outcome}."),
        };
    }

    private static string Money(long cents) => "$" + Ledger.Domain.Money.Usd(cents).ToDecimalString();
}

public static class ReturnsEndpoints
{
    public static void MapReturns(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/operations/returns").WithTags("Returns").RequireAuthorization(Policies.Operations);

        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<ReturnView>>, ProblemHttpResult>> (string? date, TimeProvider clock, IMediator mediator, CancellationToken ct) =>
            {
                var returns = await DayAsync(date, clock, mediator, ct);
                if (!returns.IsSuccess) return returns.Problem!.ToResult();
                return TypedResults.Ok<IReadOnlyList<ReturnView>>(returns.Value!.Select(ReturnView.From).ToList());
            })
            .WithSummary("The day's returns (intake and keyed): file, sequence, reference, sender, address, amount, reason in plain words, disposition");

        group.MapGet("/manifest.csv", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string? date, TimeProvider clock, IMediator mediator, CancellationToken ct) =>
            {
                var returns = await DayAsync(date, clock, mediator, ct);
                if (!returns.IsSuccess) return returns.Problem!.ToResult();
                return TypedResults.File(ReturnManifest.ToBytes(returns.Value!), "text/csv", $"returns-{Day(date, clock):yyyy-MM-dd}.csv");
            })
            .WithSummary("The day's returns manifest (CSV)");

        // One PDF, one page per letter, rather than a zip of PDFs: it prints in one go and opens anywhere.
        group.MapGet("/letters.pdf", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string? date, TimeProvider clock, IMediator mediator, CancellationToken ct) =>
            {
                var returns = await DayAsync(date, clock, mediator, ct);
                if (!returns.IsSuccess) return returns.Problem!.ToResult();
                var day = Day(date, clock);
                if (returns.Value!.Count == 0) return Problems.NotFound($"No returns on {day:yyyy-MM-dd}.").ToResult();
                if (returns.Value!.All(r => r.AwaitsAddress))
                    return Problems.Conflict("address-not-confirmed", "No letter can be printed",
                        $"Every return of {day:yyyy-MM-dd} waits for its sender's address: confirm or key it first.").ToResult();
                return TypedResults.File(ReturnManifest.Letters(returns.Value!, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)), "application/pdf",
                    $"return-letters-{day:yyyy-MM-dd}.pdf");
            })
            .WithSummary("The day's return letters: one PDF, one page per return (none for a return that waits for its sender's address)");

        group.MapPost("/{fileId:long}/{sequence:int}/address", async Task<Results<Ok<ReturnView>, ProblemHttpResult>> (long fileId, int sequence,
                ReturnAddressRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new ConfirmReturnAddressCommand(Actor.From(http.User), fileId, sequence, body), ct)))
            .WithSummary("Confirm or key the sender's address of a return whose address OCR did not confirm (once; who and when are kept); its refund check and letter wait for it");

        group.MapPost("/{fileId:long}/{sequence:int}/amount", async Task<Results<Ok<ReturnView>, ProblemHttpResult>> (long fileId, int sequence,
                ReturnAmountRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new KeyReturnAmountCommand(Actor.From(http.User), fileId, sequence, body), ct)))
            .WithSummary("Record the amount of a money order returned unread, from the mailroom's tape or the paper (once; no money moves); its batch then reconciles against its declared total");

        group.MapPost("/{fileId:long}/{sequence:int}/mailed", async Task<Results<Ok<ReturnView>, ProblemHttpResult>> (long fileId, int sequence, HttpContext http,
                IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new DisposeReturnCommand(Actor.From(http.User), fileId, sequence, Disposition.Mailed), ct)))
            .WithSummary("Mark a return mailed (the money order, or letter, went back); refused when money sits in refunds payable");

        group.MapPost("/{fileId:long}/{sequence:int}/refunded", async Task<Results<Ok<ReturnView>, ProblemHttpResult>> (long fileId, int sequence, HttpContext http,
                IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new DisposeReturnCommand(Actor.From(http.User), fileId, sequence, Disposition.Refunded), ct)))
            .WithSummary("Refund a return: one entry clears its refunds payable (to MoneyGram clearing, or the bank for money orders); once only");
    }

    private static DateOnly Day(string? date, TimeProvider clock) => BusinessDay.Parse(date, clock).Value;

    private static async Task<Result<IReadOnlyList<ReturnItem>>> DayAsync(string? date, TimeProvider clock, IMediator mediator, CancellationToken ct)
    {
        var day = BusinessDay.Parse(date, clock);
        if (!day.IsSuccess) return day.Problem!;
        return await mediator.Send(new ListReturnsQuery(day.Value), ct);
    }
}
