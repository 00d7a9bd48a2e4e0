using System.Diagnostics;
using System.Globalization;
using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Ocr;

namespace Ledger.Samples.Lockbox;

/// <summary>What the lockbox decision makes of one reading (the rules of LockboxDecider, without a database).</summary>
public enum EvaluatedOutcome
{
    /// <summary>Amount, serial, resident number and name, and CREDIT TO all read: the order is deposited.</summary>
    Posted,

    /// <summary>Read well enough to know it names nobody we can credit, and the slip's address is readable: mailed back.</summary>
    ReturnedByRule,

    /// <summary>Positive evidence that the amount is illegible, and the slip's address readable: mailed back unread.</summary>
    ReturnedIllegible,

    /// <summary>Waits for a person in the keying queue.</summary>
    Review,
}

/// <summary>How the reader and the decision did on one group of items (a layout, a scan condition, or all).</summary>
public sealed record GroupScore(string Group)
{
    public int Items { get; set; }
    public int Legible { get; set; }
    public int LegibleForRoster { get; set; }
    public int LegiblePosted { get; set; }
    public int LegibleReview { get; set; }
    public int LegibleMailedBack { get; set; }
    public int UnknownPersonReturned { get; set; }
    public int Illegible { get; set; }
    public int IllegibleWithAddress { get; set; }
    public int IllegibleMailedBack { get; set; }
    public int WrongPostings { get; set; }
    public int AmountRead { get; set; }
    public int SerialRead { get; set; }
    public int WrongSerials { get; set; }
    /// <summary>Mailed back (as illegible or by a rule) to a street or city line other than the one printed on the slip.</summary>
    public int WrongReturnAddresses { get; set; }
    public int ResidentRead { get; set; }

    /// <summary>Of the legible orders addressed to someone on the roster, the share deposited without a person.</summary>
    public double LegiblePostedPercent => Percent(LegiblePosted, LegibleForRoster);

    /// <summary>Of the illegible orders whose slip address is readable (the others cannot be mailed), the share mailed back.</summary>
    public double IllegibleMailedBackPercent => Percent(IllegibleMailedBack, IllegibleWithAddress);

    public static double Percent(int n, int of) => of == 0 ? 100 : 100.0 * n / of;
}

public sealed record EvaluationReport(IReadOnlyList<GroupScore> Layouts, IReadOnlyList<GroupScore> Conditions, GroupScore Total, int Items, TimeSpan ReadTime)
{
    public double ItemsPerSecond => Items / Math.Max(ReadTime.TotalSeconds, 1e-9);
}

/// <summary>
/// Generates a batch, reads it with the product reader, decides each item by the lockbox rules and scores the result
/// against truth.csv: wrong postings (must be 0), legible orders posted, legible orders mailed back (must be 0),
/// illegible orders mailed back; per issuer layout and per scan condition.
/// </summary>
public static class LockboxEvaluation
{
    /// <summary>Seeds from here up are held back: tuning never looks at them; the README's numbers come from them.</summary>
    public const int HeldBackSeedStart = 900_000;

    /// <summary>Reads the batch in <paramref name="folder"/> (which must hold truth.csv) and scores it.</summary>
    public static EvaluationReport Run(string folder, OcrEnginePool pool, IReadOnlyList<SamplePerson> roster, MoneyOrderReaderOptions? options = null,
        TextWriter? misses = null, int? firstItems = null)
    {
        var truth = TruthFile.Read(Path.Combine(folder, "truth.csv")).Take(firstItems ?? int.MaxValue).ToList();
        using var batch = LockboxBatchReader.Open(folder);
        var reader = new MoneyOrderReader(options);
        var sw = Stopwatch.StartNew();
        var readings = reader.ReadAll(pool, batch.ReadItems().Take(truth.Count));
        sw.Stop();
        return Score(truth, readings, roster, sw.Elapsed, misses);
    }

    /// <summary>Generates <paramref name="items"/> items from <paramref name="seed"/> into a temporary folder, reads and scores them, prints the tables.</summary>
    public static EvaluationReport GenerateAndRun(int items, int seed, TextWriter output, IReadOnlyList<SamplePerson>? people = null, string? keepFolder = null,
        TextWriter? misses = null)
    {
        var roster = people ?? DefaultRoster.People;
        var folder = keepFolder ?? Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"lockbox-eval-{seed}-{items}-{Environment.ProcessId}"));
        try
        {
            var sw = Stopwatch.StartNew();
            LockboxBatchGenerator.Generate(new LockboxGeneratorOptions { Seed = seed, ItemCount = items, People = roster }, folder);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {items} items (seed {seed}) in {sw.Elapsed.TotalSeconds:0.0} s into {folder}"));
            using var pool = new OcrEnginePool();
            var report = Run(folder, pool, roster, misses: misses);
            Print(report, output);
            return report;
        }
        finally
        {
            if (keepFolder is null && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Reads and scores a batch already generated (with its truth.csv), prints the tables.</summary>
    public static EvaluationReport RunFolder(string folder, TextWriter output, IReadOnlyList<SamplePerson> roster, TextWriter? misses = null, int? firstItems = null)
    {
        using var pool = new OcrEnginePool();
        var report = Run(folder, pool, roster, misses: misses, firstItems: firstItems);
        output.WriteLine($"read {folder}");
        Print(report, output);
        return report;
    }

    /// <summary>The lockbox rules (LockboxDecider) on a reading, with the roster in memory instead of the database.</summary>
    public static EvaluatedOutcome Decide(LockboxItemReading r, IReadOnlyList<SamplePerson> roster, out SamplePerson? person) =>
        Decide(r, roster, out person, out _);

    /// <param name="waitsOn">What the outcome rests on, for the misses list: the first field the rules stopped at.</param>
    public static EvaluatedOutcome Decide(LockboxItemReading r, IReadOnlyList<SamplePerson> roster, out SamplePerson? person, out string waitsOn)
    {
        person = null;
        waitsOn = "amount";
        var order = r.MoneyOrder;
        (string Last, string First)? Find(string n) => roster.FirstOrDefault(p => Letters(p.PersonNumber) == Letters(n)) is { } p ? (p.LastName, p.FirstName) : null;
        var slip = LockboxDecider.ConfirmedByRoster(r.DepositSlip, Find);
        // A return is mailed without a person only to an address the decider's evidence confirms (ReturnAddress).
        var canMailBack = ReturnAddress.Confirmed(order, slip) is not null;
        if (order.AgreedAmount is null)
            return order.AmountIllegible && canMailBack ? EvaluatedOutcome.ReturnedIllegible : EvaluatedOutcome.Review;
        waitsOn = "serial";
        if (!order.Serial.IsAccepted) return EvaluatedOutcome.Review;
        var refuse = canMailBack ? EvaluatedOutcome.ReturnedByRule : EvaluatedOutcome.Review;
        // A return by rule rests on every field it names being read: unread, a person keys it.
        waitsOn = slip.ResidentNumber.Value is null ? (slip.ResidentName.Value is null ? "number, name" : "number") : "name";
        if (slip.ResidentNumber.Value is not { } number || slip.ResidentName.Value is not { } name) return EvaluatedOutcome.Review;
        waitsOn = "number not on the roster";
        var key = Letters(number);
        person = roster.FirstOrDefault(p => Letters(p.PersonNumber) == key);
        if (person is null)
            return LockboxDecider.NumberOffTheRosterMayBeMisread(number, name, Find, n => roster.Any(p => LockboxDecider.IsWholeName(n, p.LastName, p.FirstName)))
                ? EvaluatedOutcome.Review : refuse;
        waitsOn = "name not the roster's";
        if (!LockboxDecider.NameHolds(name, person.LastName, person.FirstName))
            return LockboxDecider.OcrMayHaveMisreadTheName(name, person.LastName) ? EvaluatedOutcome.Review : refuse;
        waitsOn = "credit";
        if (slip.CreditTo.Value is null) return EvaluatedOutcome.Review;
        waitsOn = "";
        // Over the limit without a confirmed address the limit is posted all the same (DepositRules); only the excess's mailing waits.
        return EvaluatedOutcome.Posted;
    }

    /// <summary>The sample facilities' deposit limit ($999.99): above it the excess is mailed back.</summary>
    private const long OverLimitCents = 999_99;

    private static string Letters(string s) => string.Concat(s.Where(char.IsAsciiLetterOrDigit)).ToUpperInvariant();

    public static EvaluationReport Score(IReadOnlyList<TruthItem> truth, IReadOnlyList<LockboxItemReading> readings, IReadOnlyList<SamplePerson> roster,
        TimeSpan readTime, TextWriter? misses = null)
    {
        var bySequence = readings.ToDictionary(r => r.Sequence);
        var layouts = new SortedDictionary<string, GroupScore>(StringComparer.Ordinal);
        var conditions = new SortedDictionary<string, GroupScore>(StringComparer.Ordinal);
        var total = new GroupScore("all");
        foreach (var t in truth)
        {
            var r = bySequence[t.Sequence];
            var outcome = Decide(r, roster, out var person, out var waitsOn);
            var layout = t.Layout.Length > 0 ? t.Layout : t.IssuerCode.ToLowerInvariant();
            var condition = t.Condition.ToString().ToLowerInvariant();
            if (!layouts.TryGetValue(layout, out var l)) layouts[layout] = l = new GroupScore(layout);
            if (!conditions.TryGetValue(condition, out var c)) conditions[condition] = c = new GroupScore(condition);
            var wrong = outcome == EvaluatedOutcome.Posted && (t.OrderIllegible || t.UnknownPerson
                || r.MoneyOrder.AgreedAmount!.Value.MinorUnits != t.AmountCents || person!.PersonNumber != t.ResidentNumber
                || r.DepositSlip.CreditTo.Value != t.CreditTo);
            // Mailed back: the whole order, or the excess of one posted over the limit when its address is confirmed (without
            // one the excess waits for staff to key the address: nothing is mailed).
            var mailedTo = ReturnAddress.Confirmed(r.MoneyOrder, r.DepositSlip) ?? "";
            var mailedBack = outcome is EvaluatedOutcome.ReturnedIllegible or EvaluatedOutcome.ReturnedByRule
                || (outcome == EvaluatedOutcome.Posted && r.MoneyOrder.AgreedAmount!.Value.MinorUnits > OverLimitCents && mailedTo.Length > 0);
            var wrongAddress = mailedBack && Letters(mailedTo) != Letters(t.SenderAddress + t.SenderCityStateZip);
            var legibleMailedBack = !t.OrderIllegible && (outcome == EvaluatedOutcome.ReturnedIllegible || (outcome == EvaluatedOutcome.ReturnedByRule && !t.UnknownPerson));
            foreach (var g in new[] { l, c, total })
            {
                g.Items++;
                if (r.MoneyOrder.AgreedAmount is not null) g.AmountRead++;
                if (r.MoneyOrder.Serial.Value is { } serial)
                {
                    g.SerialRead++;
                    if (serial != t.Serial) g.WrongSerials++;
                }
                if (r.DepositSlip.ResidentNumber.IsAccepted) g.ResidentRead++;
                if (wrong) g.WrongPostings++;
                if (wrongAddress) g.WrongReturnAddresses++;
                if (legibleMailedBack) g.LegibleMailedBack++;
                if (t.OrderIllegible)
                {
                    g.Illegible++;
                    if (!t.SlipAddressIllegible) g.IllegibleWithAddress++;
                    if (outcome == EvaluatedOutcome.ReturnedIllegible) g.IllegibleMailedBack++;
                }
                else
                {
                    g.Legible++;
                    if (t.UnknownPerson)
                    {
                        if (outcome == EvaluatedOutcome.ReturnedByRule) g.UnknownPersonReturned++;
                    }
                    else
                    {
                        g.LegibleForRoster++;
                        if (outcome == EvaluatedOutcome.Posted) g.LegiblePosted++;
                        if (outcome == EvaluatedOutcome.Review) g.LegibleReview++;
                    }
                }
            }
            var missed = wrong || legibleMailedBack || (!t.OrderIllegible && !t.UnknownPerson && outcome != EvaluatedOutcome.Posted)
                || (t.OrderIllegible && !t.SlipAddressIllegible && outcome != EvaluatedOutcome.ReturnedIllegible);
            // A wrong serial moves no money but is a wrong duplicate key: shown even on a posted item.
            var wrongSerial = r.MoneyOrder.Serial.Value is { } read && read != t.Serial;
            if ((missed || wrongSerial || wrongAddress) && misses is not null) misses.WriteLine(Describe(t, r, outcome, waitsOn, wrong, wrongSerial, wrongAddress));
        }
        return new EvaluationReport(layouts.Values.ToList(), conditions.Values.ToList(), total, truth.Count, readTime);
    }

    private static string Describe(TruthItem t, LockboxItemReading r, EvaluatedOutcome outcome, string waitsOn, bool wrong, bool wrongSerial, bool wrongAddress)
    {
        var o = r.MoneyOrder;
        var s = r.DepositSlip;
        static string F<T>(FieldReading<T> f) => string.Create(CultureInfo.InvariantCulture, $"{(f.IsAccepted ? "ok" : "--")} {f.Confidence:0} '{f.RawText}'{(f.Alternatives.Count > 0 ? " [" + string.Join(" / ", f.Alternatives) + "]" : "")}");
        return string.Create(CultureInfo.InvariantCulture,
            $"#{t.Sequence} {t.Layout}/{t.Condition} {(wrong ? "WRONG " : "")}{(wrongSerial ? "WRONG-SERIAL " : "")}{(wrongAddress ? "WRONG-ADDRESS " : "")}{outcome}{(waitsOn.Length > 0 ? $" ({waitsOn})" : "")} truth {t.AmountCents} {t.Serial} {t.ResidentNumber} illegible={t.OrderIllegible} address '{t.SenderAddress}, {t.SenderCityStateZip}'\n"
            + $"   serial {F(o.Serial)} | agreed {o.AgreedAmount?.MinorUnits.ToString(CultureInfo.InvariantCulture) ?? "none"} | courtesy {F(o.CourtesyAmount)} | legal {F(o.LegalAmount)} | illegible-evidence {o.AmountIllegible}\n"
            + $"   number {F(s.ResidentNumber)} | name {F(s.ResidentName)} | credit {F(s.CreditTo)} | address {s.AddressReadable} {F(s.SenderAddress)} {F(s.CityStateZip)} {F(s.SenderName)}"
            + $" | purchaser {F(o.PurchaserAddress)} | mail to '{ReturnAddress.Confirmed(o, s)}'"
            + $"\n   purchaser name {F(o.PurchaserName)} | sender reads {string.Join(" ; ", s.AddressReads.Select(a => $"{a.Line}/{a.Kind} '{a.Text}' {a.Confidence:0}"))}");
    }

    public static void Print(EvaluationReport report, TextWriter output)
    {
        void Table(string title, IEnumerable<GroupScore> groups)
        {
            output.WriteLine();
            output.WriteLine($"{title,-16} items  WRONG postings  legible  posted (of roster)  legible mailed back  unknown-person returned  illegible  mailed back (of with address)  amount  serial  wrong serial  wrong return address");
            foreach (var g in groups)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{g.Group,-16} {g.Items,5}  {g.WrongPostings,14}  {g.Legible,7}  {g.LegiblePostedPercent,8:0.0}% ({g.LegiblePosted}/{g.LegibleForRoster}){"",-1}  {g.LegibleMailedBack,19}  {g.UnknownPersonReturned,23}  {g.Illegible,9}  {g.IllegibleMailedBackPercent,11:0.0}% ({g.IllegibleMailedBack}/{g.IllegibleWithAddress})  {GroupScore.Percent(g.AmountRead, g.Items),5:0}%  {GroupScore.Percent(g.SerialRead, g.Items),5:0}%  {g.WrongSerials,5}  {g.WrongReturnAddresses,20}"));
            }
        }
        Table("layout", report.Layouts.Append(report.Total));
        Table("scan condition", report.Conditions.Append(report.Total));
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read {report.Items} items in {report.ReadTime.TotalSeconds:0.0} s = {report.ItemsPerSecond:0.00} items/s"));
    }
}
