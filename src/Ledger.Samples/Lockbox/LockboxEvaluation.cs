using System.Diagnostics;
using System.Globalization;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Ocr;

namespace Ledger.Samples.Lockbox;

/// <summary>How the reader did on one group of items, compared with truth.csv.</summary>
public sealed record CategoryScore(
    string Category, int Items, int FullyRead, int AmountAccepted, int SerialAccepted, int ResidentAccepted, int AddressReadable,
    int WrongAmount, int WrongSerial, int WrongResident, int WrongCreditTo, int WrongAddress)
{
    /// <summary>Accepted amounts, serials or resident numbers that differ from the truth: must be zero.</summary>
    public int WrongAccepted => WrongAmount + WrongSerial + WrongResident;

    public int Reviewed => Items - FullyRead;

    public double Share(int n) => Items == 0 ? 0 : 100.0 * n / Items;
}

public sealed record EvaluationReport(IReadOnlyList<CategoryScore> Categories, CategoryScore Total, int Items, TimeSpan ReadTime)
{
    public double ItemsPerSecond => Items / Math.Max(ReadTime.TotalSeconds, 1e-9);
}

/// <summary>Generates a batch, reads it with the product reader, and scores the readings against truth.csv.</summary>
public static class LockboxEvaluation
{
    /// <summary>Reads the batch in <paramref name="folder"/> (which must hold truth.csv) and scores it.</summary>
    public static EvaluationReport Run(string folder, OcrEnginePool pool, MoneyOrderReaderOptions? options = null)
    {
        var truth = TruthFile.Read(Path.Combine(folder, "truth.csv"));
        using var batch = LockboxBatchReader.Open(folder);
        var reader = new MoneyOrderReader(options);
        var sw = Stopwatch.StartNew();
        var readings = reader.ReadAll(pool, batch.ReadItems());
        sw.Stop();
        return Score(truth, readings, sw.Elapsed);
    }

    /// <summary>Generates <paramref name="items"/> items with <paramref name="seed"/> into a temporary folder, reads and scores them, prints the table.</summary>
    public static EvaluationReport GenerateAndRun(int items, int seed, TextWriter output, IReadOnlyList<SamplePerson>? people = null, bool keepFolder = false)
    {
        var folder = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"lockbox-eval-{seed}-{items}-{Environment.ProcessId}"));
        try
        {
            var sw = Stopwatch.StartNew();
            LockboxBatchGenerator.Generate(new LockboxGeneratorOptions { Seed = seed, ItemCount = items, People = people ?? DefaultRoster.People }, folder);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {items} items (seed {seed}) in {sw.Elapsed.TotalSeconds:0.0} s into {folder}"));
            using var pool = new OcrEnginePool();
            var report = Run(folder, pool);
            Print(report, output);
            return report;
        }
        finally
        {
            if (!keepFolder && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    public static EvaluationReport Score(IReadOnlyList<TruthItem> truth, IReadOnlyList<LockboxItemReading> readings, TimeSpan readTime)
    {
        var bySequence = readings.ToDictionary(r => r.Sequence);
        var pairs = truth.Select(t => (Truth: t, Reading: bySequence[t.Sequence])).ToList();
        var groups = new List<(string Name, Func<TruthItem, bool> Filter)>();
        foreach (var c in Enum.GetValues<ScanCondition>()) groups.Add((c.ToString().ToLowerInvariant(), t => t.Condition == c));
        groups.Add(("over-limit", t => t.OverLimit));
        groups.Add(("unknown-person", t => t.UnknownPerson));
        groups.Add(("slip-address-smeared", t => t.SlipAddressIllegible));
        var categories = groups.Select(g => ScoreGroup(g.Name, pairs.Where(p => g.Filter(p.Truth)))).ToList();
        return new EvaluationReport(categories, ScoreGroup("all", pairs), pairs.Count, readTime);
    }

    private static CategoryScore ScoreGroup(string name, IEnumerable<(TruthItem Truth, LockboxItemReading Reading)> items)
    {
        int n = 0, full = 0, amount = 0, serial = 0, resident = 0, address = 0, wAmount = 0, wSerial = 0, wResident = 0, wCredit = 0, wAddress = 0;
        foreach (var (t, r) in items)
        {
            n++;
            if (r.IsFullyRead) full++;
            if (r.MoneyOrder.AgreedAmount is { } a)
            {
                amount++;
                if (a.MinorUnits != t.AmountCents) wAmount++;
            }
            if (r.MoneyOrder.Serial.Value is { } s)
            {
                serial++;
                if (s != t.Serial) wSerial++;
            }
            if (r.DepositSlip.ResidentNumber.Value is { } p)
            {
                resident++;
                if (p != t.ResidentNumber) wResident++;
            }
            if (r.DepositSlip.CreditTo.Value is { } k && k != t.CreditTo) wCredit++;
            if (r.DepositSlip.AddressReadable)
            {
                address++;
                if (!Same(r.DepositSlip.SenderAddress.Value, t.SenderAddress) || !Same(r.DepositSlip.CityStateZip.Value, t.SenderCityStateZip)) wAddress++;
            }
        }
        return new CategoryScore(name, n, full, amount, serial, resident, address, wAmount, wSerial, wResident, wCredit, wAddress);
    }

    private static bool Same(string? read, string truth) =>
        read is not null && string.Equals(string.Concat(read.Where(char.IsLetterOrDigit)), string.Concat(truth.Where(char.IsLetterOrDigit)), StringComparison.Ordinal);

    public static void Print(EvaluationReport report, TextWriter output)
    {
        output.WriteLine("category              items  fully-read  reviewed  amount  serial  resident  address   WRONG accepted (amt/serial/res)  wrong credit-to  wrong address");
        foreach (var c in report.Categories.Append(report.Total))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Category,-21} {c.Items,5}  {c.Share(c.FullyRead),9:0.0}%  {c.Share(c.Reviewed),7:0.0}%  {c.Share(c.AmountAccepted),5:0}%  {c.Share(c.SerialAccepted),5:0}%  {c.Share(c.ResidentAccepted),7:0}%  {c.Share(c.AddressReadable),6:0}%   {c.WrongAccepted,3} ({c.WrongAmount}/{c.WrongSerial}/{c.WrongResident}){"",18}  {c.WrongCreditTo,5}  {c.WrongAddress,13}"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read {report.Items} items in {report.ReadTime.TotalSeconds:0.0} s = {report.ItemsPerSecond:0.00} items/s"));
    }
}
