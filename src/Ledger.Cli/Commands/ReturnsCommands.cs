using System.CommandLine;
using System.Globalization;
using Ledger.Data.Intake;
using Ledger.Data.Services.Auth;
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
        var addressFile = new Option<long>("--file") { Description = "The intake file of the item (its id).", Required = true };
        var addressSequence = new Option<int>("--sequence") { Description = "The item's sequence in its file.", Required = true };
        var senderName = new Option<string>("--name") { Description = "The sender's name, as on the slip or the order.", Required = true };
        var street = new Option<string>("--street") { Description = "The street line, e.g. '12 OAK AVE'.", Required = true };
        var city = new Option<string>("--city") { Description = "The city line, 'CITY, ST 12345'.", Required = true };
        var staff = new Option<string>("--staff") { Description = "Who is keying (their sign-in user name).", Required = true };
        var address = new Command("address",
            "Confirm or key the sender's address of a money order whose excess waits for one (see awaiting-address); the first keying "
            + "stands, audited as the page and the API do. Then the excess goes back as any other (refund check, letter).")
            { addressFile, addressSequence, senderName, street, city, staff };
        address.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var (fileId, sequence) = (parse.GetValue(addressFile), parse.GetValue(addressSequence));
            string identity;
            await using (var db = StaffCommand.NewContext(host))
                identity = await new SignInAccounts(db, TimeProvider.System).StaffIdentityAsync(parse.GetValue(staff)!, ct);
            var desk = host.Get<ReturnsDesk>();
            var before = await desk.FindAsync(fileId, sequence, ct);
            var (name, streetLine, cityLine) = (parse.GetValue(senderName)!, parse.GetValue(street)!, parse.GetValue(city)!);
            var audit = ReturnsDesk.AddressAudit(identity, "operations", fileId, sequence, before?.Item.FacilityCode, name, streetLine, cityLine, DateTimeOffset.UtcNow);
            var result = await desk.ConfirmAddressAsync(fileId, sequence, name, streetLine, cityLine, identity, audit, ct);
            var refusal = result.Outcome switch
            {
                AddressOutcome.Recorded => null,
                AddressOutcome.NotFound => $"not-found: item {sequence} of intake file {fileId} is not a return.",
                AddressOutcome.NotAwaiting => "address-not-awaited: this return does not wait for an address (it has one, or nothing of it goes back by mail).",
                AddressOutcome.AlreadyKeyed => "address-already-keyed: " + result.Problem,
                AddressOutcome.Invalid => "invalid-address: " + result.Problem,
                _ => throw new InvalidOperationException($"Unknown address outcome {result.Outcome}."),
            };
            if (refusal is not null)
            {
                await Console.Error.WriteLineAsync("ledger: " + refusal);
                return 1;
            }
            Console.WriteLine($"file {fileId} sequence {sequence}: the excess goes back to {result.Return!.Item.SenderName ?? name}, {result.Return.Item.SenderAddress ?? SenderAddresses.Join(streetLine, cityLine)}; keyed by {identity}");
            return 0;
        }));
        return new Command("returns", "Money going back to senders.") { manifest, letters, waiting, address };
    }

    private static DateOnly? Day(string? text) => text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new InvalidOperationException($"--date '{text}' is not a date like 2026-11-23.");
}
