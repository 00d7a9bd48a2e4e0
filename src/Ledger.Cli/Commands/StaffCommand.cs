using System.CommandLine;
using Ledger.Data.Services;
using Ledger.Data.Services.Auth;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Cli.Commands;

/// <summary>
/// `ledger staff add …`: a member of staff (facility staff, accountant, operations) who signs in to the pages and to
/// the API (`POST /auth/sign-in`) with the same account. The password is read from stdin, never from the command line.
/// </summary>
public static class StaffCommand
{
    public static Command Create(CliHost host)
    {
        var username = new Argument<string>("username") { Description = "The sign-in name (letters, digits, '.', '-', '_')." };
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", SignInAccounts.StaffRoles)}.", Required = true };
        var name = new Option<string?>("--name") { Description = "The name shown on the pages (default: the user name)." };
        var facility = new Option<string[]>("--facility") { Description = "A facility the member of staff (or accountant) serves; repeat for several.", AllowMultipleArgumentsPerToken = true };
        var add = new Command("add", $"Add a member of staff, or reset one's role, facilities and password (this ends their sessions). The password ({SignInAccounts.MinimumPasswordLength}+ characters) is the first line of stdin. Operations staff get a TOTP secret for their authenticator app, printed once.")
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
                var secondFactors = SecondFactorKey(host, warn: parse.GetValue(role) == LedgerTokens.Roles.Operations);
                var (row, totp) = await new SignInAccounts(db, TimeProvider.System, secondFactors).SaveStaffAsync(parse.GetValue(username)!, parse.GetValue(name) ?? "",
                    parse.GetValue(role)!, parse.GetValue(facility) ?? [], password, Changer(), ct);
                Console.WriteLine($"{row.Subject} ({row.Role}{(row.Facilities.Count > 0 ? ", " + string.Join(" ", row.Facilities) : "")}) may sign in to the pages and the API.");
                if (totp is not null)
                {
                    Console.WriteLine($"totp-secret: {totp}");
                    Console.WriteLine($"otpauth://totp/Ledger:{Uri.EscapeDataString(row.Subject)}?secret={totp}&issuer=Ledger");
                }
                return 0;
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"ledger: {e.Message}");
                return 1;
            }
        }));
        return new Command("staff", "Staff who sign in to the pages and the API.") { add };
    }

    /// <summary>
    /// The key operations staff's TOTP secrets are sealed under: the API's (Auth__SecondFactorKey, else Auth__SigningKey),
    /// or the development key, which only an API running as Development holds.
    /// </summary>
    internal static SecondFactorSecrets SecondFactorKey(CliHost host, bool warn)
    {
        var own = host.Configuration["Auth:SecondFactorKey"];
        var signingKey = host.Configuration["Auth:SigningKey"];
        if (string.IsNullOrEmpty(own) && string.IsNullOrEmpty(signingKey))
        {
            if (warn) Console.Error.WriteLine("ledger: neither Auth__SecondFactorKey nor Auth__SigningKey is set; the TOTP secret is sealed under the development key (only an API running as Development can check its codes).");
            signingKey = TokenCommand.DevelopmentKey;
        }
        return SecondFactorSecrets.FromSettings(own, signingKey!);
    }

    /// <summary>Who made a change from the command line, for the audit log: the operating-system user.</summary>
    internal static AccountChanger Changer() => new($"cli:{Environment.UserName}", "operations");

    internal static ServicesDbContext NewContext(CliHost host)
    {
        var options = new DbContextOptionsBuilder<ServicesDbContext>();
        ServicesDbContext.Configure(options, host.ConnectionString);
        return new ServicesDbContext(options.Options);
    }
}
