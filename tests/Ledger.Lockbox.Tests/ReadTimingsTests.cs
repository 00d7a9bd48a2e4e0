using System.Diagnostics;
using Ledger.Intake.Lockbox;

namespace Ledger.Lockbox.Tests;

public class ReadTimingsTests
{
    [Fact]
    public void A_stage_counts_the_reading_threads_cpu_time_not_the_time_it_waited()
    {
        Assert.True(ReadTimings.MeasuresCpu == OperatingSystem.IsLinux());
        if (!ReadTimings.MeasuresCpu) return;
        var timings = new ReadTimings();

        var start = ReadTimings.Timestamp();
        Thread.Sleep(300); // waiting for the core, or for anything else, is not the reader's cost
        timings.Add(ReadStage.Decode, start);

        var wall = Stopwatch.StartNew();
        start = ReadTimings.Timestamp();
        var x = 0.0;
        while (wall.ElapsedMilliseconds < 60) x += Math.Sqrt(x + 1);
        timings.Add(ReadStage.Ocr, start);
        wall.Stop();

        Assert.True(timings[ReadStage.Decode] < TimeSpan.FromMilliseconds(100), $"sleeping counted {timings[ReadStage.Decode]}");
        Assert.True(timings[ReadStage.Ocr] > TimeSpan.Zero && timings[ReadStage.Ocr] <= wall.Elapsed + TimeSpan.FromMilliseconds(5), $"work counted {timings[ReadStage.Ocr]} in {wall.Elapsed} ({x})");
        Assert.Equal(TimeSpan.Zero, timings[ReadStage.Parse]);
    }
}
