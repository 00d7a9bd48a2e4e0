using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Ledger.Intake.Lockbox;

/// <summary>The stages of reading one image, for the benchmark's per-stage times.</summary>
public enum ReadStage
{
    Decode,
    Preprocess,
    Ocr,
    Parse,
}

/// <summary>
/// CPU time spent per stage, summed over every thread that reads (thread-safe). On Linux each stage is measured in the
/// reading thread's own CPU time: on a shared machine wall time also counts the time other processes held the core,
/// which swings 2–5× between identical runs. Elsewhere it falls back to wall time (<see cref="MeasuresCpu"/> says which).
/// </summary>
public sealed partial class ReadTimings
{
    private readonly long[] _nanoseconds = new long[Enum.GetValues<ReadStage>().Length];

    /// <summary>True when the stages are the threads' CPU time, false when they are wall time.</summary>
    public static bool MeasuresCpu { get; } = OperatingSystem.IsLinux() && TryThreadCpu(out _);

    /// <summary>Now, in the clock <see cref="Add"/> expects: pass it back as the stage's start.</summary>
    public static long Timestamp()
    {
        if (MeasuresCpu && TryThreadCpu(out var ns)) return ns;
        return (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
    }

    public void Add(ReadStage stage, long startTimestamp) =>
        Interlocked.Add(ref _nanoseconds[(int)stage], Timestamp() - startTimestamp);

    public TimeSpan this[ReadStage stage] => TimeSpan.FromTicks(Interlocked.Read(ref _nanoseconds[(int)stage]) / 100);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID (Linux)

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    private static bool TryThreadCpu(out long nanoseconds)
    {
        nanoseconds = 0;
        try
        {
            if (ClockGetTime(ClockThreadCpuTime, out var t) != 0) return false;
            nanoseconds = t.Seconds * 1_000_000_000 + t.Nanoseconds;
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
