using System.CommandLine;
using System.Globalization;
using Ledger.Data.Services.Auth;

namespace Ledger.Cli.Commands;

/// <summary>`ledger token --role … --subject … [--facility …]`: a bearer token for the API, for development.</summary>
public static class TokenCommand
{
    /// <summary>The key in the API's appsettings.Development.json; anything else needs Auth__SigningKey.</summary>
    public const string DevelopmentKey = "ledger-development-signing-key-not-for-production-use";

    public static Command Create(CliHost host)
    {
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", LedgerTokens.Roles.All)}.", Required = true };
        var subject = new Option<string>("--subject") { Description = "The family's subject, the resident's person number, or the staff member's id.", Required = true };
        var facility = new Option<string[]>("--facility") { Description = "A facility the staff member (or accountant) serves; repeat for several.", AllowMultipleArgumentsPerToken = true };
        var hours = new Option<int>("--hours") { Description = "Lifetime in hours (default 8).", DefaultValueFactory = _ => 8 };
        var command = new Command("token", "Development only: mint a bearer token for the API without signing in (an API outside Development refuses such tokens; people sign in at POST /auth/sign-in).")
            { role, subject, facility, hours };
        command.SetAction(parse =>
        {
            var key = host.Configuration["Auth:SigningKey"];
            if (string.IsNullOrEmpty(key))
            {
                Console.Error.WriteLine("ledger: Auth__SigningKey is not set; using the development key (accepted only by an API running as Development).");
                key = DevelopmentKey;
            }
            try
            {
                var lifetime = TimeSpan.FromHours(parse.GetValue(hours));
                Console.WriteLine(LedgerTokens.Mint(key, parse.GetValue(role)!, parse.GetValue(subject)!, parse.GetValue(facility) ?? [], lifetime));
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ledger: {e.Message}"));
                return 1;
            }
        });
        return command;
    }
}
