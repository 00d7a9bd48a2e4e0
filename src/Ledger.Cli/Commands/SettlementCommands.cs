using System.CommandLine;
using System.Globalization;
using Ledger.Cli.Settlements;
using Ledger.Data.Intake;
using Ledger.Data.Settlements;
using Npgsql;

namespace Ledger.Cli.Commands;

public static class SettlementCommands
{
    public static Command Create(CliHost host)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A card processor settlement report, a MoneyGram settlement or a BAI2 bank statement." };
        var json = new Option<bool>("--json") { Description = "Print as JSON." };
        var import = new Command("import",
            "Import a settlement file (checked whole first; refused whole, naming the line and field), match it item by item against the ledger, "
            + "post what matched (clearing → bank, processor fees → processor fees) and list what did not, with amounts. The same bytes again import nothing again.")
            { file, json };
        import.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var result = await host.Get<SettlementImporter>().ImportAsync(parse.GetValue(file)!.FullName, ct);
            if (parse.GetValue(json)) CliHost.WriteJson(result);
            else Write(result);
            return 0;
        }));

        var reportJson = new Option<bool>("--json") { Description = "Print as JSON." };
        var report = new Command("report",
            "Each clearing account against the items it still holds (zero once all settled), every unmatched settlement item, and the bank tie-out. Exits 3 unless all is settled.")
            { reportJson };
        report.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var status = await host.Get<SettlementStatus>().ReportAsync(ct);
            if (parse.GetValue(reportJson)) CliHost.WriteJson(status);
            else Write(status);
            return status.AllSettled ? 0 : 3;
        }));

        return new Command("settlements", "Settlement files from the card processor, MoneyGram and the trust bank: import, report, generate samples.")
            { import, report, Generate(host) };
    }

    private static Command Generate(CliHost host)
    {
        var date = new Option<string>("--date") { Description = "The business day (YYYY-MM-DD, UTC).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the file.", Required = true };

        var processor = new Option<string>("--processor") { Description = "The card processor's address.", DefaultValueFactory = _ => "http://127.0.0.1:5190" };
        var card = new Command("card", "The card processor's settlement report for the day, downloaded from the processor (API key: CardProcessor__ApiKey).")
            { date, output, processor };
        card.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var key = host.Configuration["CardProcessor:ApiKey"] ?? throw new InvalidOperationException("Set CardProcessor__ApiKey to the processor's API key.");
            var text = await SettlementGenerators.CardAsync(new Uri(parse.GetValue(processor)!), key, Day(parse.GetValue(date)!), ct);
            return await WriteAsync(parse.GetValue(output)!, text, ct);
        }));

        var postingFiles = new Argument<FileInfo[]>("POSTING_FILES") { Description = "The MoneyGram posting files (*.mgx.csv) MoneyGram sent that day.", Arity = ArgumentArity.OneOrMore };
        var mgDate = new Option<string>("--date") { Description = "The business day (YYYY-MM-DD, UTC).", Required = true };
        var mgOut = new Option<FileInfo>("--out") { Description = "Where to write the file.", Required = true };
        var moneygram = new Command("moneygram", "MoneyGram's daily settlement: every transaction of the posting files it sent (each reference once), and the refunds we had it pay.")
            { postingFiles, mgDate, mgOut };
        moneygram.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var text = await SettlementGenerators.MoneyGramAsync(parse.GetValue(postingFiles)!.Select(f => f.FullName).ToList(), host.Get<NpgsqlDataSource>(),
                Day(parse.GetValue(mgDate)!), ct);
            return await WriteAsync(parse.GetValue(mgOut)!, text, ct);
        }));

        var bankDate = new Option<string>("--date") { Description = "The business day (YYYY-MM-DD, UTC).", Required = true };
        var bankOut = new Option<FileInfo>("--out") { Description = "Where to write the file.", Required = true };
        var settlements = new Option<FileInfo[]>("--settlement") { Description = "A settlement file whose payout reached the account (repeat).", AllowMultipleArgumentsPerToken = true };
        var lockbox = new Option<DirectoryInfo[]>("--lockbox") { Description = "A lockbox batch folder the bank deposited (repeat).", AllowMultipleArgumentsPerToken = true };
        var opening = new Option<long>("--opening-cents") { Description = "The account's opening ledger balance, in cents.", DefaultValueFactory = _ => 0 };
        var account = new Option<string>("--account") { Description = "The trust bank account number.", DefaultValueFactory = _ => "000123456789" };
        var bank = new Command("bank", "The trust bank account's statement for the day (BAI2 subset): the settlements' payouts and the lockbox deposits (each batch's declared total less the money orders mailed back).")
            { bankDate, bankOut, settlements, lockbox, opening, account };
        bank.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var text = await SettlementGenerators.BankAsync(Day(parse.GetValue(bankDate)!), parse.GetValue(account)!, parse.GetValue(opening),
                (parse.GetValue(settlements) ?? []).Select(f => f.FullName).ToList(), (parse.GetValue(lockbox) ?? []).Select(d => d.FullName).ToList(),
                new LockboxDeposit(host.Get<NpgsqlDataSource>(), host.Get<ReturnsDesk>()), ct);
            return await WriteAsync(parse.GetValue(bankOut)!, text, ct);
        }));
        return new Command("generate", "Write a day's settlement files as the counterparties would send them (for the sample day and tests).") { card, moneygram, bank };
    }

    private static async Task<int> WriteAsync(FileInfo target, string text, CancellationToken ct)
    {
        target.Directory?.Create();
        await File.WriteAllTextAsync(target.FullName, text, ct);
        await Console.Error.WriteLineAsync($"wrote {target.FullName}");
        return 0;
    }

    private static DateOnly Day(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : throw new InvalidOperationException($"--date '{text}' is not a date like 2026-11-23.");

    private static string D(long cents) => (cents / 100m).ToString("N2", CultureInfo.InvariantCulture);

    public static void Write(SettlementImportResult r)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Kind} {r.Reference} ({r.Name}, {r.BusinessDate:yyyy-MM-dd}){(r.AlreadyImported ? " — imported before, nothing changed" : "")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  items {r.Items.Count}: matched {r.Matched} (net {D(r.MatchedNetCents)}), unmatched {r.Unmatched} (net {D(r.UnmatchedNetCents)}); entry {(r.EntryId?.ToString(CultureInfo.InvariantCulture) ?? "none")}"));
        if (r.OpeningCents is { } o) Console.WriteLine($"  statement opening {D(o)}, closing {D(r.ClosingCents ?? 0)}");
        // A matched item with a note: a part of a lockbox batch's deposit (the batch stays open until the parts come to it).
        foreach (var i in r.Items.Where(i => i.Status == SettlementItemStatus.Matched && i.Reason is not null))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  matched line {i.Line} {i.Type} {i.Reference} {D(i.NetCents),12}: {i.Reason}"));
        foreach (var i in r.Items.Where(i => i.Status == SettlementItemStatus.Unmatched))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  UNMATCHED line {i.Line} {i.Type} {i.Reference} {D(i.NetCents),12}{(i.LedgerCents is { } l ? $" (ledger {D(l)})" : "")}: {i.Reason}"));
    }

    public static void Write(SettlementStatusReport s)
    {
        Console.WriteLine("clearing account                    balance   unsettled  difference  items");
        foreach (var c in s.Clearing)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(c.Account + (c.Owner == "company" ? "" : ":" + c.Owner)),-32} {D(c.BalanceCents),10} {D(c.UnsettledCents),11} {D(c.DifferenceCents),11}  {c.Unsettled.Count}{(c.BalanceCents == 0 ? "  settled" : "")}"));
            foreach (var i in c.Unsettled)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    awaiting settlement: {i.Key} (entry {i.EntryId}) {D(i.Cents)}"));
        }
        Console.WriteLine($"unmatched settlement items: {s.Unmatched.Count}");
        foreach (var u in s.Unmatched)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {u.Kind} {u.File} line {u.Line} {u.Type} {u.Reference} {D(u.NetCents)}{(u.LedgerCents is { } l ? $" (ledger {D(l)})" : "")}: {u.Reason}"));
        var b = s.Bank;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bank: ledger {D(b.LedgerCents)}; statement opening {(b.FirstOpeningCents is { } fo ? D(fo) : "-")}, closing {(b.LastClosingCents is { } lc ? D(lc) : "-")}; "
            + $"unmatched statement lines {D(b.UnmatchedStatementCents)}, unmatched items in paid payouts {D(b.UnmatchedInPaidPayoutsCents)}, outstanding ledger items {D(b.OutstandingCents)}; "
            + $"difference {(b.DifferenceCents is { } d ? D(d) : "- (no statement)")}"));
        foreach (var o in b.Outstanding)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    outstanding: {o.Key} (entry {o.EntryId}) {D(o.Cents)}"));
    }
}
