using System.Diagnostics;
using System.Globalization;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Ocr;

namespace Ledger.Samples.Lockbox;

/// <summary>Throughput and timings of one benchmark run.</summary>
public sealed record LockboxBenchmarkResult(
    int Items, int Cores, double InProcessItemsPerSecond, double CliItemsPerSecond, double CliDefaultItemsPerSecond)
{
    /// <summary>In-process vs the CLI run the best way it can be (OMP_THREAD_LIMIT=1, one process per core).</summary>
    public double Ratio => CliItemsPerSecond > 0 ? InProcessItemsPerSecond / CliItemsPerSecond : double.NaN;

    /// <summary>In-process vs the CLI as plainly invoked (`tesseract img stdout`, default environment, one at a time).</summary>
    public double RatioDefault => CliDefaultItemsPerSecond > 0 ? InProcessItemsPerSecond / CliDefaultItemsPerSecond : double.NaN;
}

/// <summary>
/// Items per second reading a generated batch with the in-process engine pool (the product path:
/// decode, layout pass, field crops) against running /usr/bin/tesseract once per image on the same images.
/// </summary>
public static class LockboxBenchmark
{
    public static async Task<LockboxBenchmarkResult> RunAsync(int items, TextWriter output, bool includeDefaultCli = true, string tesseractPath = "/usr/bin/tesseract")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(items);
        var folder = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"lockbox-bench-{Environment.ProcessId}"));
        try
        {
            LockboxBatchGenerator.Generate(new LockboxGeneratorOptions { Seed = LockboxEvaluation.HeldBackSeedStart + 90210, ItemCount = items }, folder);
            var cores = Environment.ProcessorCount;
            using var batch = LockboxBatchReader.Open(folder);
            var loaded = batch.ReadItems().ToList();

            var timings = new ReadTimings();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            using (var pool = new OcrEnginePool(cores))
            {
                var created = sw.Elapsed;
                new MoneyOrderReader(timings: timings).ReadAll(pool, loaded);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"in-process: {cores} engines loaded in {created.TotalSeconds:0.00} s (included)"));
            }
            var inProcess = items / sw.Elapsed.TotalSeconds;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"in-process pool:   {items} items in {sw.Elapsed.TotalSeconds,6:0.0} s = {inProcess,6:0.00} items/s"));
            // CPU time does not count the time other processes held the cores: on a shared machine it is the steadier measure.
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"in-process CPU:    {cpu.TotalMilliseconds / items,6:0} ms per item (process, engines' load included) = {items * cores / Math.Max(cpu.TotalSeconds, 1e-9),6:0.00} items/s on {cores} idle cores"));
            PrintStages(timings, items, cores, output);

            var images = batch.Entries.SelectMany(e => new[] { e.MoneyOrderImagePath, e.DepositSlipImagePath }).Select(p => Path.Combine(folder, p)).ToList();
            sw.Restart();
            await Parallel.ForEachAsync(images, new ParallelOptions { MaxDegreeOfParallelism = cores }, async (image, ct) =>
                await RunCliAsync(tesseractPath, image, ompOne: true, ct));
            var cli = items / sw.Elapsed.TotalSeconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tesseract CLI x{cores} (OMP_THREAD_LIMIT=1): {items} items in {sw.Elapsed.TotalSeconds,6:0.0} s = {cli,6:0.00} items/s"));

            var cliDefault = 0.0;
            if (includeDefaultCli)
            {
                sw.Restart();
                foreach (var image in images) await RunCliAsync(tesseractPath, image, ompOne: false, CancellationToken.None);
                cliDefault = items / sw.Elapsed.TotalSeconds;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tesseract CLI, plain, one at a time:   {items} items in {sw.Elapsed.TotalSeconds,6:0.0} s = {cliDefault,6:0.00} items/s"));
            }
            var result = new LockboxBenchmarkResult(items, cores, inProcess, cli, cliDefault);
            var plain = includeDefaultCli ? string.Create(CultureInfo.InvariantCulture, $"; / plain CLI: {result.RatioDefault:0.00}x") : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio in-process / CLI x{cores}: {result.Ratio:0.00}x{plain}"));
            return result;
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Where the time goes: each stage's time summed over all engines (thread time, so the stages add up to about
    /// cores × wall time), per item, and the items/s the pool would reach if that stage were all there is.
    /// </summary>
    public static void PrintStages(ReadTimings timings, int items, int cores, TextWriter output)
    {
        output.WriteLine(ReadTimings.MeasuresCpu
            ? "stage         CPU ms/item (threads' CPU time)   items/s on all cores if only this stage"
            : "stage         ms/item (one core, wall time)   items/s on all cores if only this stage");
        var total = TimeSpan.Zero;
        foreach (var stage in Enum.GetValues<ReadStage>())
        {
            var t = timings[stage];
            total += t;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{stage.ToString().ToLowerInvariant(),-12} {t.TotalMilliseconds / items,10:0.0}   {items * cores / Math.Max(t.TotalSeconds, 1e-9),20:0.0}"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"all",-12} {total.TotalMilliseconds / items,10:0.0}   {items * cores / Math.Max(total.TotalSeconds, 1e-9),20:0.0}   (order + slip; parse includes the field re-reads)"));
    }

    private static async Task RunCliAsync(string tesseract, string image, bool ompOne, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tesseract) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(image);
        start.ArgumentList.Add("stdout");
        if (ompOne) start.Environment["OMP_THREAD_LIMIT"] = "1";
        else start.Environment.Remove("OMP_THREAD_LIMIT");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tesseract}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        await Task.WhenAll(stdout, stderr);
        if (process.ExitCode != 0) throw new InvalidOperationException($"tesseract failed on {image}: {await stderr}");
    }
}
