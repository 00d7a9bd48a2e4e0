using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ledger.Data.Telemetry;

/// <summary>
/// The product's own instruments (System.Diagnostics.Metrics, meter "Ledger"): what the benchmarks measure stays
/// measurable in production. The API and the worker export them, with ASP.NET Core's request durations and Npgsql's
/// command counts (PostgreSQL round trips), on a Prometheus endpoint (see their Telemetry setup). Recording costs a
/// few nanoseconds when nothing listens.
/// </summary>
public static class LedgerMetrics
{
    public const string MeterName = "Ledger";
    private static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>Journal entries committed, by path (single, batch): a rate of this is the posting rate.</summary>
    public static readonly Counter<long> EntriesPosted = Meter.CreateCounter<long>("ledger.journal.entries", "{entry}", "Journal entries posted (committed).");

    /// <summary>Journal lines committed.</summary>
    public static readonly Counter<long> LinesPosted = Meter.CreateCounter<long>("ledger.journal.lines", "{line}", "Journal lines posted (committed).");

    /// <summary>Time of one posting call (one entry, or one batch with what the caller writes alongside).</summary>
    public static readonly Histogram<double> PostDuration = Meter.CreateHistogram<double>("ledger.journal.post.duration", "s",
        "Duration of one posting transaction, by path.");

    /// <summary>PostgreSQL round trips made by the posting paths (Npgsql's own meter counts every command of the process).</summary>
    public static readonly Counter<long> RoundTrips = Meter.CreateCounter<long>("ledger.journal.round_trips", "{round_trip}",
        "PostgreSQL round trips made by journal posting itself (not what a caller writes alongside).");

    /// <summary>Intake items recorded (MoneyGram records, lockbox items), by outcome: a rate of this is the intake rate in records/s.</summary>
    public static readonly Counter<long> IntakeItems = Meter.CreateCounter<long>("ledger.intake.items", "{item}", "Intake items recorded, by outcome.");

    /// <summary>Lockbox items read by OCR (a money order and its slip each).</summary>
    public static readonly Counter<long> OcrItems = Meter.CreateCounter<long>("ledger.ocr.items", "{item}", "Lockbox items read by OCR.");

    /// <summary>Starts timing a posting call (give the result to <see cref="Posted"/> after the commit).</summary>
    public static long Start() => Stopwatch.GetTimestamp();

    /// <summary>Records one committed posting call.</summary>
    public static void Posted(string path, long started, int entries, int lines, int roundTrips)
    {
        var tag = new KeyValuePair<string, object?>("path", path);
        PostDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tag);
        if (entries > 0) EntriesPosted.Add(entries, tag);
        if (lines > 0) LinesPosted.Add(lines, tag);
        RoundTrips.Add(roundTrips, tag);
    }
}
