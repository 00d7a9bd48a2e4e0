using System.CommandLine;
using System.Globalization;
using Ledger.Intake.Lockbox;

namespace Ledger.Cli.Commands;

public static class HoldCommands
{
    public static Command Create(CliHost host)
    {
        var asOf = new Option<string?>("--as-of") { Description = "Release the holds due at this instant (ISO 8601); now by default." };
        var release = new Command("release", "Release money-order holds that have come due to the people's accounts (the worker does this daily).") { asOf };
        release.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var at = parse.GetValue(asOf) is { } text
                ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed : throw new InvalidOperationException($"--as-of '{text}' is not an ISO 8601 instant such as 2026-12-01 or 2026-12-01T09:00:00Z.")
                : DateTimeOffset.UtcNow;
            var result = await host.Get<HoldReleaser>().ReleaseDueAsync(at, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"holds due by {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: released {result.Released:N0} "
                              + $"(${result.ReleasedCents / 100m:N2}), {result.AlreadyReleased:N0} released before"));
            return 0;
        }));
        return new Command("holds", "Money-order funds a facility holds for some days before they can be spent.") { release };
    }
}
