using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ledger.Intake.Lockbox;
using Ledger.Intake.MoneyGram;
using Ledger.Intake.Pipeline;

namespace Ledger.Cli.Commands;

public static class IntakeCommands
{
    public static Command Create(CliHost host)
    {
        var file = new Argument<FileInfo>("file") { Description = "A MoneyGram posting file (*.mgx.csv)." };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object." };
        var moneygram = new Command("moneygram", "Post a MoneyGram file now (the same pipeline as the worker). A file seen before posts nothing again.") { file, json };
        moneygram.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) throw new FileNotFoundException($"No such file: {path.FullName}");
            var intake = host.Get<MoneyGramIntake>();
            var registered = await intake.RegisterAsync(path.FullName, ct);
            var run = await intake.ProcessAsync(registered.Id, path.FullName, TerminalProgress("records"), ct);
            return Report(IntakeSummary.From(run), parse.GetValue(json));
        }));

        var batch = new Argument<string>("batch") { Description = "A lockbox batch: its folder (batch.csv, items.csv, images/) or a .zip of it." };
        var lockboxJson = new Option<bool>("--json") { Description = "Print the summary and the batch control as one JSON object." };
        var lockbox = new Command("lockbox",
            "Read (OCR), decide and post a lockbox batch of scanned money orders now (the same pipeline as the worker). A batch seen before posts nothing again.")
            { batch, lockboxJson };
        lockbox.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var path = Path.GetFullPath(parse.GetValue(batch)!);
            if (!Directory.Exists(path) && !File.Exists(path)) throw new FileNotFoundException($"No such folder or .zip file: {path}");
            var intake = host.Get<LockboxIntake>();
            var registered = await intake.RegisterAsync(path, ct);
            var run = await intake.ProcessAsync(registered.Id, path, TerminalProgress("items"), ct);
            var control = await intake.ControlAsync(run.File, ct);
            return ReportLockbox(IntakeSummary.From(run), control, parse.GetValue(lockboxJson));
        }));
        return new Command("intake", "Post intake files: MoneyGram files, lockbox batches.") { moneygram, lockbox };
    }

    /// <summary>The summary plus the batch's control totals; a refused batch exits 1 with its reason.</summary>
    public static int ReportLockbox(IntakeSummary s, LockboxBatchControl? control, bool json)
    {
        if (json)
        {
            var node = JsonSerializer.SerializeToNode(s, CliHost.Json)!.AsObject();
            node["batch_control"] = control is null ? null : JsonSerializer.SerializeToNode(control, CliHost.Json);
            Console.WriteLine(node.ToJsonString(CliHost.Json));
            if (s.Quarantined) Console.Error.WriteLine($"ledger: {s.File} was refused whole and nothing was posted: {s.Reason}");
            return s.Quarantined ? 1 : 0;
        }
        var code = Report(s, json: false);
        if (control is not null) Console.WriteLine(DescribeControl(control));
        return code;
    }

    public static string DescribeControl(LockboxBatchControl c)
    {
        static string D(long cents) => (cents / 100m).ToString("N2", CultureInfo.InvariantCulture);
        var verdict = c.Status switch
        {
            "balanced" => "[matches]",
            "open" => $"[OPEN: ${D(c.AmountDifferenceCents)} not yet accounted for; {WhatIsUnread(c)}]",
            _ => $"[MISMATCH: {c.CountDifference:+#;-#;0} item(s), ${D(c.AmountDifferenceCents)} declared but not read]",
        };
        return $"  batch control: declared {c.DeclaredCount:N0} items ${D(c.DeclaredTotalCents)}; read {c.ItemsRead:N0} items, "
               + $"${D(c.KnownAmountCents)} in amounts read, {c.UnknownAmounts:N0} unread; placed on hold ${D(c.HeldCents)}  {verdict}";
    }

    /// <summary>What operations do about each unread amount: key the items in review; record a returned order's amount from the tape.</summary>
    private static string WhatIsUnread(LockboxBatchControl c)
    {
        var parts = new List<string>();
        if (c.InReviewUnread > 0) parts.Add($"{c.InReviewUnread:N0} amount(s) OCR could not read wait in the keying queue (ledger review key)");
        if (c.ReturnedUnread > 0)
            parts.Add($"{c.ReturnedUnread:N0} money order(s) returned as illegible have no amount yet: record it from the mailroom's tape (ledger review returned-amount)");
        if (c.SettledSince > 0) parts.Add($"{c.SettledSince:N0} keyed or recorded by operations since: `ledger reconcile` has the batch as it stands");
        return string.Join("; ", parts);
    }

    /// <summary>Prints the summary; a refused file exits 1 with its reason.</summary>
    public static int Report(IntakeSummary s, bool json)
    {
        if (json)
        {
            CliHost.WriteJson(s);
        }
        else
        {
            static string D(long cents) => (cents / 100m).ToString("N2", CultureInfo.InvariantCulture);
            Console.WriteLine($"{s.Source} file {s.File} (#{s.FileId}): {s.Status}{(s.AlreadyProcessed ? " — seen before, nothing posted again" : "")}");
            if (s.Quarantined)
            {
                Console.WriteLine($"  refused: {s.Reason}");
            }
            else
            {
                Console.WriteLine($"  items {s.Items:N0}: posted {s.Posted:N0}, partially posted {s.PartiallyPosted:N0}, returned {s.Returned:N0}, "
                                  + $"in review {s.InReview:N0}, duplicates {s.Duplicates:N0}, reversed {s.Reversed:N0}");
                Console.WriteLine($"  in ${D(s.AmountInCents)} = credited ${D(s.CreditedCents)} (restitution ${D(s.RestitutionCents)}) + returned ${D(s.ReturnedCents)} + in review ${D(s.InReviewCents)}"
                                  + $"{(s.Balanced ? "  [balanced]" : "  [NOT BALANCED]")}");
                Console.WriteLine($"  fees ${D(s.FeesCents)}, reversed ${D(s.ReversedCents)}; control totals: {s.DeclaredCount:N0} items, ${D(s.DeclaredAmountCents ?? 0)}, fees ${D(s.DeclaredFeeCents ?? 0)}");
            }
        }
        if (s.Quarantined) Console.Error.WriteLine($"ledger: {s.File} was refused whole and nothing was posted: {s.Reason}");
        return s.Quarantined ? 1 : 0;
    }

    /// <summary>A one-line progress counter on stderr, only when stderr is a terminal.</summary>
    public static IProgress<IntakeProgress>? TerminalProgress(string unit)
    {
        if (Console.IsErrorRedirected) return null;
        var watch = Stopwatch.StartNew();
        return new Progress<IntakeProgress>(p =>
        {
            var rate = p.Done / Math.Max(watch.Elapsed.TotalSeconds, 0.001);
            Console.Error.Write($"\r  {p.Done:N0} / {p.Total:N0} {unit} ({rate:N0}/s)   ");
            if (p.Done >= p.Total) Console.Error.WriteLine();
        });
    }
}
