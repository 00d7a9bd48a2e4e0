using System.CommandLine;
using System.Globalization;
using Ledger.Cli.Samples;
using Ledger.Domain;
using Ledger.Domain.People;

namespace Ledger.Cli.Commands;

public static class SampleCommands
{
    public static Command Create()
    {
        var roster = new Option<FileInfo>("--roster") { Description = "roster.csv to address the transfers to.", DefaultValueFactory = _ => new FileInfo("samples/reference/roster.csv") };
        var facilities = new Option<FileInfo>("--facilities") { Description = "facilities.csv (for deposit limits).", DefaultValueFactory = _ => new FileInfo("samples/reference/facilities.csv") };
        var records = new Option<int>("--records") { Description = "Detail records to write.", DefaultValueFactory = _ => 2_000 };
        var seed = new Option<int>("--seed") { Description = "Same seed, same file.", DefaultValueFactory = _ => 1 };
        var date = new Option<string>("--date") { Description = "File date (YYYY-MM-DD).", DefaultValueFactory = _ => "2026-11-23" };
        var sequence = new Option<int>("--sequence") { Description = "File sequence of the day.", DefaultValueFactory = _ => 1 };
        var firstReference = new Option<int>("--first-reference") { Description = "First 8-digit reference number.", DefaultValueFactory = _ => 30_000_000 };
        var clean = new Option<bool>("--clean") { Description = "Only valid sends to people in custody (benchmark)." };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the file.", Required = true };
        var resendOf = new Option<FileInfo?>("--resend-of") { Description = "Instead: resend the first --records sends of this file, --changed of them with amounts raised by $1.00." };
        var changed = new Option<int>("--changed") { Description = "With --resend-of: how many resent records differ.", DefaultValueFactory = _ => 0 };
        var moneygram = new Command("moneygram", "Write a realistic MoneyGram posting file, deterministically from a seed.")
            { roster, facilities, records, seed, date, sequence, firstReference, clean, output, resendOf, changed };
        moneygram.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var path = parse.GetValue(output)!;
            path.Directory?.Create();
            if (parse.GetValue(resendOf) is { } original)
            {
                await using var resend = new StreamWriter(path.FullName, false, MoneyGramFileGenerator.Utf8(bom: false));
                var (n, sum, fee) = MoneyGramFileGenerator.WriteResend(original.FullName, resend, parse.GetValue(records), parse.GetValue(changed), parse.GetValue(sequence));
                await Console.Error.WriteLineAsync($"wrote {path.FullName}: {n:N0} resent records, ${sum.ToDecimalString()} + fees ${fee.ToDecimalString()}");
                return 0;
            }
            var people = await ReadRosterAsync(parse.GetValue(roster)!);
            var limits = await ReadLimitsAsync(parse.GetValue(facilities)!);
            var generator = new MoneyGramFileGenerator(people, limits, parse.GetValue(seed));
            var fileDate = DateOnly.ParseExact(parse.GetValue(date)!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            await using var writer = new StreamWriter(path.FullName, false, MoneyGramFileGenerator.Utf8(bom: false), 1 << 16);
            var (count, total, fees) = generator.Write(writer, fileDate, parse.GetValue(sequence), parse.GetValue(records),
                parse.GetValue(clean) ? MoneyGramMix.Clean : new MoneyGramMix(), parse.GetValue(firstReference));
            await Console.Error.WriteLineAsync($"wrote {path.FullName}: {count:N0} records, ${total.ToDecimalString()} + fees ${fees.ToDecimalString()}");
            return 0;
        }));

        var lockboxRoster = new Option<FileInfo>("--roster") { Description = "roster.csv to address the money orders to.", DefaultValueFactory = _ => new FileInfo("samples/reference/roster.csv") };
        var items = new Option<int>("--items") { Description = "Scanned items (money order + deposit slip) to write.", DefaultValueFactory = _ => 20 };
        var lockboxSeed = new Option<int>("--seed") { Description = "Same seed, same batch, byte for byte.", DefaultValueFactory = _ => 1 };
        var lockboxDate = new Option<string>("--date") { Description = "Deposit date (YYYY-MM-DD).", DefaultValueFactory = _ => "2026-11-23" };
        var batchNumber = new Option<int>("--batch-number") { Description = "Batch number of the day.", DefaultValueFactory = _ => 1 };
        var folder = new Option<DirectoryInfo>("--out") { Description = "Folder to write the batch into (batch.csv, items.csv, images/, truth.csv).", Required = true };
        var lockbox = new Command("lockbox",
            "Write a lockbox batch of synthetic money-order and deposit-slip scans addressed to the roster's people, with truth.csv of what each really says.")
            { lockboxRoster, items, lockboxSeed, lockboxDate, batchNumber, folder };
        lockbox.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var people = (await ReadRosterAsync(parse.GetValue(lockboxRoster)!))
                .Select(p => new Ledger.Samples.Lockbox.SamplePerson(p.PersonNumber, p.LastName, p.FirstName, p.FacilityCode)).ToList();
            var target = parse.GetValue(folder)!;
            var batch = Ledger.Samples.Lockbox.LockboxBatchGenerator.Generate(new Ledger.Samples.Lockbox.LockboxGeneratorOptions
            {
                Seed = parse.GetValue(lockboxSeed),
                ItemCount = parse.GetValue(items),
                People = people,
                BatchNumber = parse.GetValue(batchNumber),
                DepositDate = DateOnly.ParseExact(parse.GetValue(lockboxDate)!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            }, target.FullName);
            await Console.Error.WriteLineAsync($"wrote {target.FullName}: {batch.Items.Count:N0} items, ${Money.Usd(batch.DeclaredTotalCents).ToDecimalString()}");
            return 0;
        }));
        var evalRoster = new Option<FileInfo>("--roster") { Description = "roster.csv to address the money orders to.", DefaultValueFactory = _ => new FileInfo("samples/reference/roster.csv") };
        var evalItems = new Option<int>("--items") { Description = "Items to generate and read (with --from: read only the batch's first N).", DefaultValueFactory = _ => 1_000 };
        var evalSeed = new Option<int>("--seed") { Description = $"Seed of the batch; seeds from {Ledger.Samples.Lockbox.LockboxEvaluation.HeldBackSeedStart} up are held back from tuning.", DefaultValueFactory = _ => Ledger.Samples.Lockbox.LockboxEvaluation.HeldBackSeedStart };
        var evalKeep = new Option<DirectoryInfo?>("--keep") { Description = "Write the batch here and keep it (default: a temporary folder, deleted)." };
        var evalMisses = new Option<bool>("--misses") { Description = "Also print every item not decided as it should have been, with what OCR read." };
        var evalFrom = new Option<DirectoryInfo?>("--from") { Description = "Read and score this batch (written by samples lockbox, with truth.csv) instead of generating one." };
        var evaluate = new Command("evaluate",
            "Generate a lockbox batch, read it with the product reader, decide each item by the lockbox rules and score it against truth.csv, per issuer layout and scan condition.")
            { evalRoster, evalItems, evalSeed, evalKeep, evalMisses, evalFrom };
        evaluate.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var people = (await ReadRosterAsync(parse.GetValue(evalRoster)!))
                .Select(p => new Ledger.Samples.Lockbox.SamplePerson(p.PersonNumber, p.LastName, p.FirstName, p.FacilityCode)).ToList();
            var misses = parse.GetValue(evalMisses) ? Console.Out : null;
            var report = parse.GetValue(evalFrom) is { } from
                ? Ledger.Samples.Lockbox.LockboxEvaluation.RunFolder(from.FullName, Console.Out, people, misses,
                    parse.GetResult(evalItems) is null ? null : parse.GetValue(evalItems))
                : Ledger.Samples.Lockbox.LockboxEvaluation.GenerateAndRun(parse.GetValue(evalItems), parse.GetValue(evalSeed), Console.Out, people,
                    parse.GetValue(evalKeep)?.FullName, misses);
            return report.Total.WrongPostings == 0 && report.Total.LegibleMailedBack == 0 ? 0 : 3;
        }));
        var api = new Option<string>("--api") { Description = "The running API's address.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var processor = new Option<string>("--processor") { Description = "The card processor's address (where the payment page gets card tokens).", DefaultValueFactory = _ => "http://127.0.0.1:5190" };
        var deposits = new Option<FileInfo>("--file") { Description = "The deposits to send.", DefaultValueFactory = _ => new FileInfo("samples/card/deposits.csv") };
        var operationsUser = new Option<string>("--operations") { Description = "A member of operations (with a TOTP second factor) who creates the families.", Required = true };
        var card = new Command("card-deposits",
            "Send sample card deposits (phone, online, mobile) to a running API over HTTP through the card processor (test card numbers turned into tokens there), each with its Idempotency-Key, and wait for each payment's outcome. Signs in as a member of operations (--operations; stdin: the password, then the TOTP secret), who creates each family with a password; each family signs in to deposit.")
            { api, processor, deposits, operationsUser };
        card.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var password = Console.In.ReadLine() ?? "";
            var totpSecret = Console.In.ReadLine() ?? "";
            var lines = CardDepositSender.Read(parse.GetValue(deposits)!.FullName);
            var sender = new CardDepositSender(new Uri(parse.GetValue(api)!, UriKind.Absolute), new Uri(parse.GetValue(processor)!, UriKind.Absolute),
                parse.GetValue(operationsUser)!, password, totpSecret);
            var answers = await sender.SendAsync(lines, ct);
            static long Id(CardDepositSender.Answer a) => System.Text.Json.JsonDocument.Parse(a.Body).RootElement.GetProperty("id").GetInt64();
            // Credited only when the processor's signed confirmation arrives: wait for each payment's outcome.
            var settled = await sender.AwaitSettledAsync(answers.Where(a => a.Status == 202).Select(Id), TimeSpan.FromSeconds(60), ct);
            foreach (var a in answers)
            {
                var summary = a.Status == 202
                    ? $"card payment #{Id(a).ToString(CultureInfo.InvariantCulture)}: {settled[Id(a)]}"
                    : Problem(a.Body);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {a.Line.IdempotencyKey}  {a.Line.PersonNumber}  {a.Line.Channel,-6} ${a.Line.Amount,9:N2} -> {a.Status} {summary}"));
            }
            return answers.All(a => a.Status is 202 or 422) && settled.Values.All(s => s != "pending") ? 0 : 1;
        }));
        var servicesApi = new Option<string>("--api") { Description = "The running API's address.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var staffUser = new Option<string>("--staff") { Description = "A facility staff member (role staff) of the resident's facility.", Required = true };
        var resident = new Option<string>("--person") { Description = "The resident (in custody, with a PIN set).", Required = true };
        var residentLastName = new Option<string>("--last-name") { Description = "The resident's last name, as on the roster (a card deposit names both).", Required = true };
        var servicesProcessor = new Option<string>("--processor") { Description = "The card processor's address.", DefaultValueFactory = _ => "http://127.0.0.1:5190" };
        var services = new Command("services",
            "The services part of the sample day over HTTP, through real sign-ins: family registration, contact approval, e-mail both ways, media, requests, visits. Stdin: the staff password, then the resident's PIN.")
            { servicesApi, servicesProcessor, staffUser, resident, residentLastName };
        services.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var password = Console.In.ReadLine() ?? "";
            var pin = Console.In.ReadLine() ?? "";
            return await new ServicesDay(new Uri(parse.GetValue(servicesApi)!, UriKind.Absolute), new Uri(parse.GetValue(servicesProcessor)!, UriKind.Absolute),
                    parse.GetValue(staffUser)!, password, parse.GetValue(resident)!, parse.GetValue(residentLastName)!, pin, Console.Out)
                .RunAsync(ct);
        }));
        return new Command("samples", "Generate sample intake files and evaluate the lockbox reader; send sample card deposits to the API; run the services part of the day.") { moneygram, lockbox, evaluate, card, services };
    }

    public static async Task<IReadOnlyList<Person>> ReadRosterAsync(FileInfo file)
    {
        // A plain reader, without a database: sample rosters have no quoted fields.
        var people = new List<Person>();
        using var reader = new StreamReader(file.FullName);
        var header = (await reader.ReadLineAsync())?.Split(',') ?? throw new InvalidOperationException($"{file.Name} is empty.");
        string? line;
        while ((line = await reader.ReadLineAsync()) is not null)
        {
            if (line.Length == 0) continue;
            var f = line.Split(',');
            string Get(string name) => f[Array.IndexOf(header, name)];
            Person.TryParseStatus(Get("status"), out var status);
            people.Add(new Person(Get("person_number"), Get("facility_code"), Get("last_name"), Get("first_name"), status,
                Money.ParseExact(Get("restitution_owed"), Currency.USD)));
        }
        return people;
    }

    /// <summary>A refusal as operations read it: the problem's code and its whole detail, not its raw JSON cut at 160 characters.</summary>
    private static string Problem(string body)
    {
        try
        {
            var problem = System.Text.Json.JsonDocument.Parse(body).RootElement;
            if (problem.TryGetProperty("detail", out var detail) && detail.GetString() is { } text)
                return (problem.TryGetProperty("type", out var type) && type.GetString() is { } uri ? uri[(uri.LastIndexOf('/') + 1)..] + ": " : "") + text;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return body.Length > 160 ? body[..160] + "…" : body;
    }

    private static async Task<IReadOnlyDictionary<string, Money>> ReadLimitsAsync(FileInfo file)
    {
        var limits = new Dictionary<string, Money>(StringComparer.Ordinal);
        var lines = await File.ReadAllLinesAsync(file.FullName);
        var header = lines[0].Split(',');
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            limits[f[Array.IndexOf(header, "facility_code")]] = Money.ParseExact(f[Array.IndexOf(header, "deposit_limit")], Currency.USD);
        }
        return limits;
    }
}
