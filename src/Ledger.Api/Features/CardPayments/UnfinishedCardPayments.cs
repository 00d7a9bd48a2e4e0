using System.Globalization;
using Ledger.Api.Auth;
using Ledger.Api.Features.Messages;
using Ledger.Api.Infrastructure;
using Ledger.Data.Settlements;
using Npgsql;

namespace Ledger.Api.Features.CardPayments;

/// <summary>What one sweep of unfinished card payments did.</summary>
public sealed record UnfinishedSweep(int Found, int FoundAtProcessor, int Abandoned, int TakenOver, int ProcessorUnreachable);

/// <summary>
/// Card payments the API recorded (<c>starting</c>) that no confirmation has settled for a long while: the API stopped around
/// the processor call, or (the API does not store the processor's answer; its confirmation stores the id with the credit) the
/// processor's confirmation has not got through. Left alone, such a row stays "in progress" for the family forever, or hides a
/// payment the processor did make whose confirmation never got through. So rows untouched for a while are settled by asking
/// the processor for the payment with our reference (the row's id, sent with every payment):
/// <list type="bullet">
/// <item>it made one: its id is stored and the row is <c>pending</c>, so the processor's confirmation (delivered again until
/// answered) finds it; nothing is credited here without that signed confirmation;</item>
/// <item>it made none: nothing was charged, and the row goes as a refused one does (a stamp message is not sent), with an
/// audit row. A retry of the same request meanwhile takes the row over (<see cref="CardPaymentStore.ResumeAsync"/>) and keeps it.</item>
/// </list>
/// A processor that cannot be reached settles nothing: the row waits for the next sweep.
/// </summary>
public sealed class UnfinishedCardPayments(NpgsqlDataSource db, CardPaymentStore store, CardProcessorClient processor, TimeProvider clock, ILogger<UnfinishedCardPayments> log)
{
    /// <summary>Who removes an unfinished payment, in the audit log.</summary>
    public static readonly Actor Sweeper = new("system", "system:unfinished-card-payments", new HashSet<string>());

    private const int PerSweep = 500;

    public async Task<UnfinishedSweep> SweepAsync(TimeSpan untouchedFor, CancellationToken ct)
    {
        var rows = await store.ListUnfinishedAsync(clock.Now() - untouchedFor, PerSweep, ct);
        int found = 0, abandoned = 0, takenOver = 0, unreachable = 0;
        foreach (var row in rows)
        {
            ProcessorAnswer.Accepted? made;
            try
            {
                made = await processor.FindByReferenceAsync(row.Id.ToString(CultureInfo.InvariantCulture), ct);
            }
            catch (HttpRequestException e)
            {
                unreachable++;
                log.LogWarning("Unfinished card payment {Id}: the processor could not say whether it made it ({Message}); trying again later", row.Id, e.Message);
                continue;
            }
            if (made is not null)
            {
                // Null only when the row carries another processor payment (never for a starting row).
                _ = await store.AcceptedAsync(row.Id, made.PaymentId, clock.Now(), ct);
                if (row.MessageId is { } messageId) await StampMessagePaidWithAsync(messageId, made.PaymentId, ct);
                found++;
                log.LogWarning("Unfinished card payment {Id}: the processor made it ({PaymentId}, {Status}); stored, its confirmation settles it",
                    row.Id, made.PaymentId, made.Status);
            }
            else if (await store.AbandonUnfinishedAsync(row.Id, row.UpdatedAt, Abandon(row), ct))
            {
                abandoned++;
                log.LogWarning("Unfinished card payment {Id} ({Family}, {Cents} cents): the processor made no payment; removed, nothing was charged",
                    row.Id, row.FamilySubject, row.ChargedCents);
            }
            else
            {
                takenOver++; // a retry or a confirmation moved it after it was read: theirs now
            }
        }
        return new UnfinishedSweep(rows.Count, found, abandoned, takenOver, unreachable);
    }

    /// <summary>A stamp message names the processor's payment that pays for it, as when the API stores the processor's answer itself.</summary>
    private async Task StampMessagePaidWithAsync(long messageId, string paymentId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("UPDATE api.messages SET authorization_reference = @pid WHERE id = @id");
        cmd.Parameters.AddWithValue("pid", paymentId);
        cmd.Parameters.AddWithValue("id", messageId);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The removal's audit row and, for e-mail stamps, the message it would have paid for, in the same transaction.</summary>
    private Ledger.Data.Intake.WriteInTransaction Abandon(CardPaymentRow row)
    {
        var audit = AuditInTransaction.Write(Sweeper, "card-payment.abandoned", "card_payment", row.Id.ToString(CultureInfo.InvariantCulture), row.FacilityCode,
            // The row as it was: starting (the view reads an unconfirmed row as pending, but this one the processor never made).
            CardPaymentView.Of(row) with { Status = row.Status }, new { reason = "recorded, but the processor made no payment with its reference: nothing was charged" }, clock.Now());
        return async (conn, tx, ct) =>
        {
            await audit(conn, tx, ct);
            if (row.MessageId is not { } messageId) return;
            await using var cmd = new NpgsqlCommand("UPDATE api.messages SET status = @refused WHERE id = @id AND status = @awaiting", conn, tx);
            cmd.Parameters.AddWithValue("refused", MessageStatus.PaymentRefused);
            cmd.Parameters.AddWithValue("awaiting", MessageStatus.AwaitingPayment);
            cmd.Parameters.AddWithValue("id", messageId);
            await cmd.ExecuteNonQueryAsync(ct);
        };
    }
}

/// <summary>Sweeps unfinished card payments every <c>CardProcessor:SweepEverySeconds</c> (0: never), each API node on its own (a sweep is safe to repeat).</summary>
public sealed class UnfinishedCardPaymentsSweep(IServiceScopeFactory scopes, CardProcessorOptions options, ILogger<UnfinishedCardPaymentsSweep> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.SweepEverySeconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.SweepEverySeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sweep = await scope.ServiceProvider.GetRequiredService<UnfinishedCardPayments>()
                    .SweepAsync(TimeSpan.FromSeconds(options.UnfinishedAfterSeconds), stoppingToken);
                if (sweep.Found > 0) log.LogInformation("Unfinished card payments: {Sweep}", sweep);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Sweeping unfinished card payments failed; trying again in {Seconds}s", options.SweepEverySeconds);
            }
        }
    }
}
