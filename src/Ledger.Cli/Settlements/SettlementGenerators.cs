using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Ledger.Data.Settlements;
using Npgsql;

namespace Ledger.Cli.Settlements;

/// <summary>
/// Writes the day's settlement files as the counterparties would send them, from what each of them knows: the card
/// processor's own report (downloaded from it), MoneyGram's record of the posting files it sent (and the refunds we had
/// it pay), and the bank's statement of what reached the trust account (the payouts of those settlements and the
/// lockbox batches it deposited, less the money orders mailed back). Nothing here reads the ledger's own conclusions, so the import has something to check.
/// </summary>
public static class SettlementGenerators
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<string> CardAsync(Uri processor, string apiKey, DateOnly day, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = processor, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await http.GetAsync($"/v1/settlements?date={day:yyyy-MM-dd}", ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"The card processor refused the settlement report: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>
    /// MoneyGram settles each transaction of the posting files it sent once (a resent reference is the same transaction),
    /// whether or not our intake took the file; and it takes back the refunds we had it pay to senders.
    /// </summary>
    public static async Task<string> MoneyGramAsync(IReadOnlyList<string> postingFiles, NpgsqlDataSource db, DateOnly day, CancellationToken ct)
    {
        var sb = new StringBuilder();
        var lines = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var receiveCode = "";
        var sends = new Dictionary<string, (string Date, string Seq)>(StringComparer.Ordinal);
        foreach (var path in postingFiles)
        {
            using var reader = new StreamReader(path);
            using var csv = new CsvParser(reader, new CsvConfiguration(Inv) { BadDataFound = null, MissingFieldFound = null });
            string fileDate = "", sequence = "";
            while (await csv.ReadAsync())
            {
                var f = csv.Record!;
                if (f[0] == "H") { fileDate = f[1]; receiveCode = f[2]; sequence = f[3]; continue; }
                if (f[0] != "D" || f.Length < 15) continue;
                var reference = f[1];
                if (!seen.Add(reference)) continue;
                // MoneyGram's own record of the amount is exact even where the file it sent us was not (a decimal comma).
                var amount = Money(f[13]);
                var fee = Money(f[14]);
                var type = f[2] == "REVERSAL" ? "REVERSAL" : "SEND";
                if (type == "SEND") sends[reference] = (fileDate, sequence);
                var net = type == "SEND" ? amount + fee : -(amount + fee);
                lines.Add(string.Create(Inv, $"D,{fileDate},{sequence},{reference},{type},{D(amount)},{D(fee)},{D(net)}"));
            }
        }
        // Refunds we had MoneyGram pay back to senders: what each refund entry took out of MoneyGram clearing.
        await using (var cmd = db.CreateCommand("""
            SELECT i.reference, sum(p.amount_cents)::bigint FROM return_dispositions d
            JOIN intake_items i ON i.file_id = d.file_id AND i.sequence = d.sequence
            JOIN intake_files f ON f.id = i.file_id AND f.source = 'moneygram'
            JOIN postings p ON p.entry_id = d.entry_id JOIN accounts a ON a.id = p.account_id AND a.kind = 'moneygram_clearing'
            WHERE d.status = 'refunded' AND d.at >= @from AND d.at < @to GROUP BY i.reference
            """))
        {
            cmd.Parameters.AddWithValue("from", new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            cmd.Parameters.AddWithValue("to", new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var (date, seq) = sends.GetValueOrDefault(r.GetString(0), (day.ToString("yyyy-MM-dd", Inv), "0"));
                lines.Add(string.Create(Inv, $"D,{date},{seq},{r.GetString(0)},REFUND,{D(r.GetInt64(1))},0.00,{D(-r.GetInt64(1))}"));
            }
        }
        var total = lines.Sum(l => SettlementFileReader.Cents("", 0, "net", l.Split(',')[7]));
        sb.Append(Inv, $"H,MGSETTLE,{day:yyyy-MM-dd},{receiveCode},MGS-{day:yyyyMMdd}-{receiveCode}\n");
        sb.Append("record_type,file_date,file_sequence,reference_number,type,amount,fee,net\n");
        foreach (var l in lines) sb.Append(l).Append('\n');
        sb.Append(Inv, $"T,{lines.Count},{D(total)}\n");
        return sb.ToString();
    }

    public static async Task<string> BankAsync(DateOnly day, string account, long opening, IReadOnlyList<string> settlementFiles, IReadOnlyList<string> lockboxBatches,
        LockboxDeposit deposits, CancellationToken ct)
    {
        var lines = new List<BankStatementLine>();
        foreach (var path in settlementFiles)
        {
            var file = SettlementFileReader.Read(path);
            if (file.Kind == SettlementKinds.BankStatement) throw new InvalidOperationException($"{path} is a bank statement, not a settlement.");
            // Card payouts arrive by ACH (165), MoneyGram's by wire (195); a negative payout is taken by ACH debit (451).
            var type = file.DeclaredNetCents < 0 ? "451" : file.Kind == SettlementKinds.CardProcessor ? "165" : "195";
            if (file.DeclaredNetCents != 0) lines.Add(new(type, Math.Abs(file.DeclaredNetCents), file.Reference, $"{file.Counterparty} PAYOUT {file.Reference}"));
        }
        foreach (var folder in lockboxBatches)
        {
            // The bank deposits the batch's money orders less those mailed back to their senders (never deposited).
            var batch = File.ReadAllLines(Path.Combine(folder, "batch.csv"))[1].Split(',');
            var declared = SettlementFileReader.Cents("batch.csv", 2, "declared_total", batch[4]);
            var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
            var cents = await deposits.DepositCentsAsync(name, declared, ct);
            // BAI2 type 115: a lockbox deposit, as a lockbox bank reports one.
            if (cents > 0) lines.Add(new("115", cents, name, $"LOCKBOX {batch[0]} BATCH {batch[1]} DEPOSIT"));
        }
        return BankStatementWriter.Write(day, account, opening, lines);
    }

    private static long Money(string text) => SettlementFileReader.Cents("", 0, "amount", text.Trim().Replace(',', '.'));

    private static string D(long cents) => SettlementFileReader.D(cents);
}
