using System.CommandLine;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Ledger.Data.Intake;
using Ledger.Data.Schema;
using Ledger.Intake.Returns;

namespace Ledger.Cli.Commands;

public static class ReturnsCommands
{
    public static Command Create(CliHost host)
    {
        var file = new Option<long?>("--file") { Description = "Only this intake file (its id, as intake prints it); all files by default." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the CSV here instead of to standard output." };
        var manifest = new Command("manifest",
            "The returns manifest: one row per item whose money (or part of it) goes back to the sender, with the reason in plain words.") { file, output };
        manifest.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var items = (await host.Get<IntakeStore>().ItemsAsync(parse.GetValue(file), null, ct)).Where(i => i.ReturnedCents > 0).ToList();
            var target = parse.GetValue(output);
            await using var writer = target is null ? Console.Out : new StreamWriter(target.FullName);
            WriteManifest(writer, items);
            if (target is not null) await Console.Error.WriteLineAsync($"wrote {items.Count} return(s) to {target.FullName}");
            return 0;
        }));

        var letterFile = new Option<long?>("--file") { Description = "Only this intake file (its id); all files by default." };
        var folder = new Option<DirectoryInfo>("--out") { Description = "Folder for the letters (one PDF per returned item) and manifest.csv.", Required = true };
        var letters = new Command("letters",
            "One return letter (PDF) per item whose money, or money order, goes back to the sender, plus the manifest of the same items.") { letterFile, folder };
        letters.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var store = host.Get<IntakeStore>();
            var sources = (await store.ListAsync(null, ct)).ToDictionary(f => f.Id, f => f.Source);
            var items = (await store.ItemsAsync(parse.GetValue(letterFile), null, ct)).Where(ReturnLetter.IsReturn).ToList();
            var target = parse.GetValue(folder)!;
            target.Create();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            foreach (var item in items)
                await File.WriteAllBytesAsync(Path.Combine(target.FullName, ReturnLetter.FileName(item)), ReturnLetter.Render(sources[item.FileId], item, today), ct);
            await using (var writer = new StreamWriter(Path.Combine(target.FullName, "manifest.csv")))
                WriteManifest(writer, items);
            await Console.Error.WriteLineAsync($"wrote {items.Count} return letter(s) and manifest.csv to {target.FullName}");
            return 0;
        }));
        return new Command("returns", "Money going back to senders.") { manifest, letters };
    }

    public static void WriteManifest(TextWriter writer, IReadOnlyList<IntakeItemRow> items)
    {
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true);
        foreach (var h in new[] { "file_id", "sequence", "reference", "outcome", "sender_name", "sender_address", "person_number", "amount", "amount_returned", "fee_refunded", "total_to_send_back", "reason_code", "reason" })
            csv.WriteField(h);
        csv.NextRecord();
        foreach (var i in items)
        {
            csv.WriteField(i.FileId);
            csv.WriteField(i.Sequence);
            csv.WriteField(i.Reference);
            csv.WriteField(i.Outcome);
            csv.WriteField(i.SenderName);
            csv.WriteField(i.SenderAddress);
            csv.WriteField(i.PersonNumber);
            csv.WriteField(Dollars(i.AmountCents));
            csv.WriteField(Dollars(i.ReturnedCents));
            csv.WriteField(Dollars(i.FeeRefundedCents));
            csv.WriteField(Dollars(i.ReturnedCents + i.FeeRefundedCents));
            csv.WriteField(i.ReasonCode);
            csv.WriteField(i.Reason);
            csv.NextRecord();
        }
    }

    private static string Dollars(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
