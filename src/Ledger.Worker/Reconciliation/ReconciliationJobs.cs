using Hangfire;
using Ledger.Data.Intake;

namespace Ledger.Worker.Reconciliation;

/// <summary>
/// The nightly reconciliation: produces the previous UTC day's report and keeps it. Safe to run twice (Hangfire
/// retries): the job keeps one report per day; a later one on request (API, <c>ledger reconcile --keep</c>) is kept beside it.
/// </summary>
[AutomaticRetry(Attempts = 3)]
public sealed class ReconciliationJobs(Data.Intake.Reconciliation reconciliation, ReconciliationReports reports, TimeProvider clock, ILogger<ReconciliationJobs> log)
{
    public const string ProducedBy = "worker:" + WorkerHost.ReconciliationJobId;

    /// <summary>Yesterday's report (UTC), kept once; returns the kept report's id (a job's result is a plain value).</summary>
    public Task<long> NightlyAsync(CancellationToken ct) =>
        ProduceAsync(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1), ct);

    public async Task<long> ProduceAsync(DateOnly day, CancellationToken ct)
    {
        var report = await reconciliation.ReportAsync(day, ct);
        var (kept, isNew) = await reports.SaveOnceAsync(report, ProducedBy, ct);
        if (!isNew) log.LogInformation("Reconciliation of {Day} was already kept as report {Id}", day, kept.Id);
        else if (kept.Balanced) log.LogInformation("Reconciliation of {Day} balances; kept as report {Id}", day, kept.Id);
        else log.LogWarning("Reconciliation of {Day} does NOT balance; kept as report {Id} for operations", day, kept.Id);
        return kept.Id;
    }
}
