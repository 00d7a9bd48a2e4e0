using System.CommandLine;
using Ledger.Data.Services;
using Ledger.Data.Services.Auth;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Cli.Commands;

/// <summary>`ledger staff add …`: who may sign in to the operations pages. The password is read from stdin, never from the command line.</summary>
public static class StaffCommand
{
    public static Command Create(CliHost host)
    {
        var username = new Argument<string>("username") { Description = "The sign-in name (letters, digits, '.', '-', '_')." };
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", StaffUsers.Roles)}.", Required = true };
        var name = new Option<string?>("--name") { Description = "The name shown on the pages (default: the user name)." };
        var facility = new Option<string[]>("--facility") { Description = "A facility an accountant serves; repeat for several.", AllowMultipleArgumentsPerToken = true };
        var add = new Command("add", $"Add a member of staff, or reset one's role and password. The password ({StaffUsers.MinimumPasswordLength}+ characters) is the first line of stdin.")
            { username, role, name, facility };
        add.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var password = Console.In.ReadLine();
            if (string.IsNullOrEmpty(password))
            {
                await Console.Error.WriteLineAsync("ledger: give the password on stdin, e.g. `printf '%s\\n' \"$PASSWORD\" | ledger staff add …`.");
                return 1;
            }
            await using var db = NewContext(host);
            try
            {
                var row = await new StaffUsers(db, TimeProvider.System).SaveAsync(parse.GetValue(username)!, parse.GetValue(name) ?? "", parse.GetValue(role)!,
                    parse.GetValue(facility) ?? [], password, ct);
                Console.WriteLine($"{row.Username} ({row.Role}{(row.Facilities.Count > 0 ? ", " + string.Join(" ", row.Facilities) : "")}) may sign in to the operations pages.");
                return 0;
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"ledger: {e.Message}");
                return 1;
            }
        }));
        return new Command("staff", "Staff who sign in to the operations pages.") { add };
    }

    private static ServicesDbContext NewContext(CliHost host)
    {
        var options = new DbContextOptionsBuilder<ServicesDbContext>();
        ServicesDbContext.Configure(options, host.ConnectionString);
        return new ServicesDbContext(options.Options);
    }
}
