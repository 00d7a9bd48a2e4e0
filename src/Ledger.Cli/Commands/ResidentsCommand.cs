using System.CommandLine;
using Ledger.Data.Services.Auth;
using Npgsql;

namespace Ledger.Cli.Commands;

/// <summary>`ledger residents set-pin PERSON`: the PIN a resident signs in with at the kiosk (stdin), audited; a new PIN unlocks the account.</summary>
public static class ResidentsCommand
{
    public static Command Create(CliHost host)
    {
        var person = new Argument<string>("person") { Description = "The person number (on a roster, in custody)." };
        var setPin = new Command("set-pin", "Set or reset a resident's PIN (4-8 digits, first line of stdin); ends their sessions and unlocks the account.") { person };
        setPin.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var pin = Console.In.ReadLine();
            var number = SignInAccounts.NormalizePersonNumber(parse.GetValue(person));
            await using var data = NpgsqlDataSource.Create(host.ConnectionString);
            await using var cmd = data.CreateCommand("SELECT facility_code, first_name || ' ' || last_name, status FROM people WHERE person_number = @n");
            cmd.Parameters.AddWithValue("n", number);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                await Console.Error.WriteLineAsync($"ledger: no person {number} is on any roster.");
                return 1;
            }
            var (facility, name, status) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            if (status != "in_custody")
            {
                await Console.Error.WriteLineAsync($"ledger: {number} is {status}; only people in custody sign in.");
                return 1;
            }
            await using var db = StaffCommand.NewContext(host);
            try
            {
                await new SignInAccounts(db, TimeProvider.System).SetResidentPinAsync(number, facility, name, pin ?? "", StaffCommand.Changer(), ct);
                Console.WriteLine($"{number} ({facility}) signs in with the new PIN.");
                return 0;
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"ledger: {e.Message}");
                return 1;
            }
        }));
        return new Command("residents", "Residents who sign in at the kiosk.") { setPin };
    }
}
