using System.CommandLine;
using Ledger.Data.ReferenceData;

namespace Ledger.Cli.Commands;

public static class ReferenceDataCommands
{
    public static Command Facilities(CliHost host) =>
        ImportGroup("facilities", "Facilities and their posting policy (facilities.csv).",
            (importer, reader, name, ct) => importer.ImportFacilitiesAsync(reader, name, ct), host);

    public static Command Fees(CliHost host) =>
        ImportGroup("fees", "Fee tiers per facility and channel (fees.csv: facility_code,channel,from_amount,to_amount,fee).",
            (importer, reader, name, ct) => importer.ImportFeesAsync(reader, name, ct), host);

    public static Command Roster(CliHost host) =>
        ImportGroup("roster", "People in custody, as the agency exports them nightly (roster.csv).",
            (importer, reader, name, ct) => importer.ImportRosterAsync(reader, name, ct), host);

    private static Command ImportGroup(string name, string description,
        Func<ReferenceDataImporter, TextReader, string, CancellationToken, Task<ImportSummary>> import, CliHost host)
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV file to load." };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON." };
        var command = new Command("import", $"Load or update {name} from a file; loading again updates, nothing is deleted.") { file, json };
        command.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) throw new FileNotFoundException($"No such file: {path.FullName}");
            using var reader = new StreamReader(path.FullName, System.Text.Encoding.UTF8);
            var summary = await import(host.Get<ReferenceDataImporter>(), reader, path.Name, ct);
            if (parse.GetValue(json)) CliHost.WriteJson(summary);
            else Console.WriteLine($"{name}: {summary.Rows} rows, {summary.Inserted} new, {summary.Updated} updated, {summary.Unchanged} unchanged.");
            return 0;
        }));
        return new Command(name, description) { command };
    }
}
