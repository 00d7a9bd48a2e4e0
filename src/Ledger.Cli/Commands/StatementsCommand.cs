using System.CommandLine;
using System.Globalization;
using Ledger.Data.Statements;
using Spectre.Console;

namespace Ledger.Cli.Commands;

public static class StatementsCommand
{
    public static Command Create(CliHost host)
    {
        var facility = new Option<string>("--facility") { Description = "Facility code, e.g. FCI-LOR.", Required = true };
        var from = new Option<string>("--from") { Description = "First day of the period, YYYY-MM-DD (from 00:00:00 UTC).", Required = true };
        var to = new Option<string>("--to") { Description = "Last day of the period, YYYY-MM-DD (included up to 23:59:59.999999 UTC).", Required = true };
        var output = new Option<string>("--out") { Description = "Directory to write into; created when missing, refused when not empty (see --force).", Required = true };
        var zip = new Option<bool>("--zip") { Description = "Write one statements-<facility>-<from>_<to>.zip into --out instead of loose files." };
        var format = new Option<string>("--format") { Description = "Statements as csv, pdf or both.", DefaultValueFactory = _ => "both" };
        format.AcceptOnlyFromAmong("csv", "pdf", "both");
        var force = new Option<bool>("--force") { Description = "Write into a non-empty --out directory, replacing files of the same names." };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON." };
        var command = new Command("statements",
            "Every resident's statement of a facility for a period (opening balance, each line with its running balance, closing balance; "
            + "CSV and/or PDF, one file per resident under statements/), the facility's trial balance (trial-balance.csv/.pdf: per account "
            + "opening, debits, credits, closing, with totals), manifest.csv and summary.json. Periods are whole days in UTC, both ends included.")
            { facility, from, to, output, zip, format, force, json };
        command.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var period = StatementPeriod.Parse(parse.GetValue(from), parse.GetValue(to));
            var formats = StatementFormatNames.Parse(parse.GetValue(format));
            var statements = host.Get<FacilityStatements>();
            var (code, _) = await statements.FacilityAsync(parse.GetValue(facility)!, ct);
            var directory = DirectoryStatementOutput.Open(parse.GetValue(output)!, parse.GetValue(force));

            StatementExportSummary summary;
            string where;
            if (parse.GetValue(zip))
            {
                where = Path.Combine(directory.Root, $"statements-{code}-{period.Slug}.zip");
                try
                {
                    await using var file = new FileStream(where, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                    await using var archive = ZipStatementOutput.Create(file);
                    summary = await WithProgressAsync(progress => statements.ExportAsync(code, period, formats, archive, progress, ct));
                }
                catch
                {
                    File.Delete(where);
                    throw;
                }
            }
            else
            {
                where = directory.Root;
                summary = await WithProgressAsync(progress => statements.ExportAsync(code, period, formats, directory, progress, ct));
            }

            if (parse.GetValue(json))
            {
                CliHost.WriteJson(new { summary, output = where });
                return 0;
            }
            static string D(long cents) => (cents / 100m).ToString("N2", CultureInfo.InvariantCulture);
            Console.WriteLine($"{summary.FacilityCode} {summary.FacilityName}, {period}: {summary.People:N0} statements "
                              + $"({summary.Accounts:N0} accounts, {summary.Lines:N0} lines)");
            Console.WriteLine($"  residents' accounts: opening ${D(summary.PeopleOpeningCents)} - debits ${D(summary.PeopleDebitsCents)} "
                              + $"+ credits ${D(summary.PeopleCreditsCents)} = closing ${D(summary.PeopleClosingCents)}; "
                              + $"trial balance {(summary.TrialBalanceTiesOut ? "ties out" : "DOES NOT TIE OUT")}");
            Console.WriteLine($"  {summary.Files.Count:N0} files -> {where}");
            return summary.TrialBalanceTiesOut ? 0 : 3;
        }));
        return command;
    }

    /// <summary>A Spectre progress bar on stderr while the export runs, when stderr is a terminal; otherwise nothing.</summary>
    private static async Task<T> WithProgressAsync<T>(Func<IProgress<StatementProgress>?, Task<T>> run)
    {
        if (Console.IsErrorRedirected) return await run(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("statements", maxValue: 1);
                var result = await run(new BarProgress(task));
                task.Value = task.MaxValue;
                return result;
            });
    }

    /// <summary>Progress for the bench: the same bar, or nothing when stderr is not a terminal.</summary>
    public static IProgress<StatementProgress>? TerminalProgress() => Console.IsErrorRedirected ? null : new LineProgress();

    private sealed class BarProgress(ProgressTask task) : IProgress<StatementProgress>
    {
        public void Report(StatementProgress value)
        {
            task.MaxValue = Math.Max(value.People, 1);
            task.Value = value.PeopleDone;
            task.Description = $"statements ({value.LinesDone:N0} lines)";
        }
    }

    private sealed class LineProgress : IProgress<StatementProgress>
    {
        public void Report(StatementProgress value)
        {
            if (value.PeopleDone % 50 != 0 && value.PeopleDone != value.People) return;
            Console.Error.Write($"\r  {value.PeopleDone:N0} / {value.People:N0} statements, {value.LinesDone:N0} lines   ");
            if (value.PeopleDone == value.People) Console.Error.WriteLine();
        }
    }
}
