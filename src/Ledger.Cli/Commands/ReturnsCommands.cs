using System.CommandLine;
using System.Globalization;
using Ledger.Data.Intake;
using Ledger.Intake.Returns;

namespace Ledger.Cli.Commands;

public static class ReturnsCommands
{
    public static Command Create(CliHost host)
    {
        var file = new Option<long?>("--file") { Description = "Only this intake file (its id, as intake prints it); all files by default." };
        var date = new Option<string?>("--date") { Description = "Only returns decided on this UTC day (YYYY-MM-DD): intake's on the file's receipt, keyed ones on their resolution." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the CSV here instead of to standard output." };
        var manifest = new Command("manifest",
            "The returns manifest: one row per item whose money (or part of it), or money order, goes back to the sender, with the reason in plain words.")
            { file, date, output };
        manifest.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var items = await host.Get<ReturnsDesk>().ListAsync(Day(parse.GetValue(date)), parse.GetValue(file), ct);
            var target = parse.GetValue(output);
            await using var writer = target is null ? Console.Out : new StreamWriter(target.FullName);
            ReturnManifest.Write(writer, items);
            if (target is not null) await Console.Error.WriteLineAsync($"wrote {items.Count} return(s) to {target.FullName}");
            return 0;
        }));

        var letterFile = new Option<long?>("--file") { Description = "Only this intake file (its id); all files by default." };
        var letterDate = new Option<string?>("--date") { Description = "Only returns decided on this UTC day (YYYY-MM-DD)." };
        var folder = new Option<DirectoryInfo>("--out") { Description = "Folder for the letters (one PDF per returned item) and manifest.csv.", Required = true };
        var letters = new Command("letters",
            "One return letter (PDF) per item whose money, or money order, goes back to the sender, plus the manifest of the same items.")
            { letterFile, letterDate, folder };
        letters.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var items = await host.Get<ReturnsDesk>().ListAsync(Day(parse.GetValue(letterDate)), parse.GetValue(letterFile), ct);
            var target = parse.GetValue(folder)!;
            target.Create();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var written = 0;
            foreach (var r in items)
            {
                // A return waiting for its sender's address gets no letter (it would go to no address, or a misread one).
                if (r.AwaitsAddress)
                {
                    await Console.Error.WriteLineAsync("ledger: address-not-confirmed: " + new ReturnAwaitsAddressException(r).Message);
                    continue;
                }
                await File.WriteAllBytesAsync(Path.Combine(target.FullName, ReturnLetter.FileName(r.Item)), ReturnManifest.Letter(r, today), ct);
                written++;
            }
            await using (var writer = new StreamWriter(Path.Combine(target.FullName, "manifest.csv")))
                ReturnManifest.Write(writer, items);
            var waiting = items.Count - written;
            await Console.Error.WriteLineAsync($"wrote {written} return letter(s) and manifest.csv to {target.FullName}"
                                               + (waiting > 0 ? $"; {waiting} wait(s) for a sender address (no letter)" : ""));
            return 0;
        }));
        var waiting = new Command("awaiting-address",
            "Money orders whose excess waits in refunds payable for its sender's address (OCR did not confirm it), with OCR's readings; "
            + "staff confirm or key the address on /operations/returns (or POST /operations/returns/{file}/{sequence}/address).");
        waiting.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            foreach (var r in (await host.Get<ReturnsDesk>().ListAsync(null, null, ct)).Where(r => r.AwaitsAddress && r.Disposition is null))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"file {r.Item.FileId} sequence {r.Item.Sequence}: {Ledger.Domain.Money.Usd(r.PayableCents).ToDecimalString()} of money order {r.Item.Reference} (deposit for {r.Item.PersonNumber}) waits for the sender's address"));
                foreach (var reading in SenderAddresses.Readings(r.Item.Details)) Console.WriteLine("    OCR " + SenderAddresses.Describe(reading));
            }
            return 0;
        }));
        return new Command("returns", "Money going back to senders.") { manifest, letters, waiting };
    }

    private static DateOnly? Day(string? text) => text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new InvalidOperationException($"--date '{text}' is not a date like 2026-11-23.");
}
