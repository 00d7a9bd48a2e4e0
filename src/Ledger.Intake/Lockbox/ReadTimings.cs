using System.Diagnostics;

namespace Ledger.Intake.Lockbox;

/// <summary>The stages of reading one image, for the benchmark's per-stage times.</summary>
public enum ReadStage
{
    Decode,
    Preprocess,
    Ocr,
    Parse,
}

/// <summary>CPU-side time spent per stage, summed over every thread that reads (thread-safe).</summary>
public sealed class ReadTimings
{
    private readonly long[] _ticks = new long[Enum.GetValues<ReadStage>().Length];

    public void Add(ReadStage stage, long startTimestamp) =>
        Interlocked.Add(ref _ticks[(int)stage], Stopwatch.GetTimestamp() - startTimestamp);

    public TimeSpan this[ReadStage stage] => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks[(int)stage]));
}
