using System.CommandLine;
using System.Globalization;
using Ledger.Data.Intake;

namespace Ledger.Cli.Commands;

public static class ReconcileCommand
{
    public static Command Create(CliHost host)
    {
        var date = new Option<string>("--date") { Description = "Business day (YYYY-MM-DD, UTC day the files were received); default today." };
        var json = new Option<bool>("--json") { Description = "Print as JSON." };
        var csv = new Option<bool>("--csv") { Description = "Print as CSV." };
        var keep = new Option<bool>("--keep") { Description = "Also keep the report (reconciliation_reports), as the nightly job does." };
        var command = new Command("reconcile",
            "The day's reconciliation per intake file (against its control totals) and per facility: counts and cents in, credited, "
            + "restitution, returned, in review (and keyed), duplicates, reversed, fees; and each clearing account's movement against "
            + "what MoneyGram, the bank and the card processor will settle. Exits 3 when anything does not balance.") { date, json, csv, keep };
        command.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var text = parse.GetValue(date);
            var day = text is null ? DateOnly.FromDateTime(DateTime.UtcNow)
                : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                : throw new InvalidOperationException($"--date '{text}' is not a date like 2026-11-23.");
            var report = await host.Get<Reconciliation>().ReportAsync(day, ct);
            if (parse.GetValue(json)) CliHost.WriteJson(new { date = day, balanced = report.Balanced, rows = report.Rows, clearing = report.Clearing });
            else if (parse.GetValue(csv)) ReconciliationCsv.Write(Console.Out, report);
            else WriteText(report);
            if (parse.GetValue(keep))
            {
                var kept = await host.Get<ReconciliationReports>().SaveAsync(report, $"cli:{Environment.UserName}", ct: ct);
                await Console.Error.WriteLineAsync($"kept as report {kept.Id} ({(kept.Balanced ? "balanced" : "NOT balanced")})");
            }
            return report.Balanced ? 0 : 3;
        }));
        return command;
    }

    private static string D(long cents) => (cents / 100m).ToString("N2", CultureInfo.InvariantCulture);

    private static string Signed(long cents) => $"{(cents > 0 ? "+" : cents < 0 ? "-" : "")}${D(Math.Abs(cents))}";

    private static void WriteText(ReconciliationReport report)
    {
        var rows = report.Rows;
        Console.WriteLine($"Reconciliation for {report.Date:yyyy-MM-dd}: {rows.Count(r => r.Scope == "file")} file(s)");
        foreach (var r in rows)
        {
            var verdict = r.Balanced ? "balanced"
                : $"DIFFERENCE: {(r.CountDifference is { } c and not 0 ? $"{c:+#;-#} items " : "")}{(r.AmountDifference is { } a and not 0 ? Signed(a) : "")}".TrimEnd();
            // Only said, never netted: the DIFFERENCE above stays whole until the amounts are recorded.
            if (r.ReturnedUnread > 0)
                verdict += $" ({r.ReturnedUnread:N0} money order(s) returned unread have no amount yet: record it from the mailroom's tape, `ledger review returned-amount`)";
            Console.WriteLine($"{r.Scope,-8} {r.Key} {(r.Status.Length > 0 ? $"[{r.Status}]" : "")}");
            Console.WriteLine($"         items {r.Items:N0} (posted {r.Posted:N0}, partial {r.PartiallyPosted:N0}, returned {r.Returned:N0}{(r.ReturnAmountsKeyed > 0 ? $" (amount recorded for {r.ReturnAmountsKeyed:N0})" : "")}, review {r.InReview:N0}, keyed {r.Keyed:N0}, dup {r.Duplicates:N0}, reversed {r.Reversed:N0}); "
                              + $"in ${D(r.AmountInCents)} = credited ${D(r.CreditedCents)} (restitution ${D(r.RestitutionCents)}) + returned ${D(r.ReturnedCents)} + review ${D(r.InReviewCents)}; "
                              + $"fees ${D(r.FeesCents)}{(r.DeclaredCount is { } n ? $"; control {n:N0} items ${D(r.DeclaredAmountCents ?? 0)}" : "")} — {verdict}");
        }
        foreach (var c in report.Clearing)
        {
            Console.WriteLine($"ledger   {c.Account}{(c.Owner.Length > 0 ? " " + c.Owner : "")}: net ${D(c.LedgerNetCents)}; settles ${D(c.SettlesCents)} "
                              + $"(deposits ${D(c.DepositsCents)} - reversals ${D(c.ReversalsCents)} - refunds ${D(c.RefundsCents)}) — "
                              + (c.Balanced ? "balanced" : $"DIFFERENCE: {Signed(c.DifferenceCents)}"));
        }
        Console.WriteLine(report.Balanced ? "Everything balances." : "NOT everything balances: see DIFFERENCE above.");
    }
}
