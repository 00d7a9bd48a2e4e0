using System.CommandLine;
using System.Globalization;
using Ledger.Data.Journal;
using Ledger.Data.ReferenceData;
using Ledger.Domain;
using Ledger.Domain.Accounts;

namespace Ledger.Cli.Commands;

public static class BalanceCommand
{
    public static Command Create(CliHost host)
    {
        var person = new Argument<string>("person") { Description = "Person number, e.g. 12345-678." };
        var at = new Option<string?>("--at") { Description = "Balance at this instant (ISO 8601, e.g. 2026-11-23T17:00:00-05:00); default now." };
        var json = new Option<bool>("--json") { Description = "Print as JSON." };
        var command = new Command("balance", "A person's trust, media and restitution balances.") { person, at, json };
        command.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var number = parse.GetValue(person)!.Trim().ToUpperInvariant();
            var found = await host.Get<FacilityDirectory>().FindPersonAsync(number, ct)
                ?? throw new InvalidOperationException($"No person with number {number} is on any roster.");
            DateTimeOffset? instant = null;
            if (parse.GetValue(at) is { } text)
            {
                instant = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                    ? parsed : throw new InvalidOperationException($"--at '{text}' is not an ISO 8601 instant.");
            }

            var reader = host.Get<BalanceReader>();
            var balances = new List<(string Kind, Money Balance)>();
            foreach (var kind in new[] { AccountKind.Trust, AccountKind.Media, AccountKind.Restitution })
                balances.Add((kind.ToCode(), await reader.BalanceAsync(AccountKey.Personal(number, kind, Currency.USD), instant, ct)));

            if (parse.GetValue(json))
            {
                CliHost.WriteJson(new
                {
                    person = found.PersonNumber, name = $"{found.FirstName} {found.LastName}", facility = found.FacilityCode,
                    at = instant, balances = balances.ToDictionary(b => b.Kind, b => new { cents = b.Balance.MinorUnits, amount = b.Balance.ToDecimalString() }),
                });
            }
            else
            {
                Console.WriteLine($"{found.FirstName} {found.LastName} ({found.PersonNumber}, {found.FacilityCode}, {Domain.People.Person.StatusCode(found.Status)})"
                                  + (instant is null ? "" : $" at {instant:O}"));
                foreach (var (kind, balance) in balances) Console.WriteLine($"  {kind,-12} {balance.ToDecimalString(),12}");
            }
            return 0;
        }));
        return command;
    }
}
