using System.CommandLine;
using Ledger.Data.Verification;

namespace Ledger.Cli.Commands;

public static class VerifyCommand
{
    public static Command Create(CliHost host)
    {
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var command = new Command("verify", "Check the whole ledger: balanced entries, zero sum, stored balances, no negative person.") { json };
        command.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var report = await host.Get<LedgerVerifier>().VerifyAsync(ct);
            if (parse.GetValue(json))
            {
                CliHost.WriteJson(new { passed = report.Passed, report.Entries, report.Postings, report.Accounts, report.Checks });
            }
            else
            {
                Console.WriteLine($"{report.Entries} entries, {report.Postings} lines, {report.Accounts} accounts");
                foreach (var check in report.Checks)
                {
                    Console.WriteLine($"{(check.Passed ? "ok  " : "FAIL")} {check.Rule}{(check.Passed ? "" : $" — {check.Violations} violation(s)")}");
                    foreach (var example in check.Examples) Console.WriteLine($"       {example}");
                }
                Console.WriteLine(report.Passed ? "The ledger is consistent." : "The ledger is NOT consistent.");
            }
            return report.Passed ? 0 : 2;
        }));
        return command;
    }
}
