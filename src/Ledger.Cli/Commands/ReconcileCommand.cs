using System.CommandLine;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Ledger.Data.Intake;

namespace Ledger.Cli.Commands;

public static class ReconcileCommand
{
    public static Command Create(CliHost host)
    {
        var date = new Option<string>("--date") { Description = "Business day (YYYY-MM-DD, UTC day the files were received); default today." };
        var json = new Option<bool>("--json") { Description = "Print as JSON." };
        var csv = new Option<bool>("--csv") { Description = "Print as CSV." };
        var command = new Command("reconcile",
            "The day's reconciliation per intake file (against its control totals) and per facility: counts and cents in, credited, "
            + "restitution, returned, in review, duplicates, reversed, fees. Exits 3 when anything does not balance.") { date, json, csv };
        command.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var text = parse.GetValue(date);
            var day = text is null ? DateOnly.FromDateTime(DateTime.UtcNow)
                : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                : throw new InvalidOperationException($"--date '{text}' is not a date like 2026-11-23.");
            var rows = await host.Get<Reconciliation>().ForDayAsync(day, ct);
            if (parse.GetValue(json)) CliHost.WriteJson(new { date = day, balanced = rows.All(r => r.Balanced), rows });
            else if (parse.GetValue(csv)) WriteCsv(rows);
            else WriteText(day, rows);
            return rows.All(r => r.Balanced) ? 0 : 3;
        }));
        return command;
    }

    private static string D(long cents) => (cents / 100m).ToString("N2", CultureInfo.InvariantCulture);

    private static void WriteText(DateOnly day, IReadOnlyList<ReconciliationRow> rows)
    {
        Console.WriteLine($"Reconciliation for {day:yyyy-MM-dd}: {rows.Count(r => r.Scope == "file")} file(s)");
        foreach (var r in rows)
        {
            var verdict = r.Balanced ? "balanced"
                : $"DIFFERENCE: {(r.CountDifference is { } c and not 0 ? $"{c:+#;-#} items " : "")}{(r.AmountDifference is { } a and not 0 ? $"{(a > 0 ? "+" : "-")}${D(Math.Abs(a))}" : "")}".TrimEnd();
            Console.WriteLine($"{r.Scope,-8} {r.Key} {(r.Status.Length > 0 ? $"[{r.Status}]" : "")}");
            Console.WriteLine($"         items {r.Items:N0} (posted {r.Posted:N0}, partial {r.PartiallyPosted:N0}, returned {r.Returned:N0}, review {r.InReview:N0}, dup {r.Duplicates:N0}, reversed {r.Reversed:N0}); "
                              + $"in ${D(r.AmountInCents)} = credited ${D(r.CreditedCents)} (restitution ${D(r.RestitutionCents)}) + returned ${D(r.ReturnedCents)} + review ${D(r.InReviewCents)}; "
                              + $"fees ${D(r.FeesCents)}{(r.DeclaredCount is { } n ? $"; control {n:N0} items ${D(r.DeclaredAmountCents ?? 0)}" : "")} — {verdict}");
        }
        Console.WriteLine(rows.All(r => r.Balanced) ? "Everything balances." : "NOT everything balances: see DIFFERENCE above.");
    }

    private static void WriteCsv(IReadOnlyList<ReconciliationRow> rows)
    {
        using var csv = new CsvWriter(Console.Out, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true);
        csv.WriteRecords(rows.Select(r => new
        {
            r.Scope, r.Key, r.Status, r.Items, r.Posted, r.PartiallyPosted, r.Returned, r.InReview, r.Duplicates, r.Reversed,
            r.AmountInCents, r.CreditedCents, r.RestitutionCents, r.ReturnedCents, r.InReviewCents, r.ReversedCents, r.FeesCents,
            r.DeclaredCount, r.DeclaredAmountCents, r.CountDifference, r.AmountDifference, r.Balanced,
        }));
    }
}
