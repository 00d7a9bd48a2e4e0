using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ledger.Data.ReferenceData;

namespace Ledger.Data.Settlements;

public static class SettlementKinds
{
    public const string CardProcessor = "card_processor";
    public const string MoneyGram = "moneygram";
    public const string BankStatement = "bank_statement";
}

/// <summary>One line of a settlement file: signed from our side (positive = paid to us), net = gross − fee.</summary>
public sealed record SettlementLine(int LineNumber, string Type, string Reference, long GrossCents, long FeeCents, string? Detail = null)
{
    public long NetCents => GrossCents - FeeCents;
}

/// <summary>A settlement file checked whole: every line read, control totals agreed.</summary>
public sealed record SettlementFile(
    string Kind, string Name, string Sha256, string Reference, string Counterparty, DateOnly BusinessDate, DateOnly? ValueDate,
    IReadOnlyList<SettlementLine> Lines, long DeclaredNetCents, long? OpeningCents = null, long? ClosingCents = null);

/// <summary>
/// Reads the three settlement files (formats in the README) and refuses a file whole at its first fault, naming the
/// file, the line and the field: a wrong field count, an amount that is not dollars with exactly two decimals, a
/// trailer that disagrees with the lines, a missing trailer. The kind is told by the first record.
/// </summary>
public static class SettlementFileReader
{
    public static SettlementFile Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var name = Path.GetFileName(path);
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new CsvInputException(name, 1, null, "the file is not UTF-8.");
        }
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length > 0 && lines[^1].Length == 0) lines = lines[..^1];
        if (lines.Length == 0) throw new CsvInputException(name, 1, null, "the file is empty.");
        if (lines[0].StartsWith("01,", StringComparison.Ordinal)) return ReadBai2(name, sha, lines);
        var header = lines[0].Split(',');
        return header switch
        {
            ["H", _, _, _, _, _] => ReadCard(name, sha, lines),
            ["H", _, _, _, _] when header[1] == "MGSETTLE" => ReadMoneyGram(name, sha, lines),
            _ => throw new CsvInputException(name, 1, null,
                "not a settlement file: expected a card processor report (H,processor,date,payout date,payout id,USD), a MoneyGram settlement (H,MGSETTLE,…) or a BAI2 statement (01,…)."),
        };
    }

    /// <summary>Card processor: H,processor,settlement_date,payout_date,payout_id,USD / columns / D,payment_id,type,occurred_at,gross,fee,net / T,count,gross,fee,net.</summary>
    private static SettlementFile ReadCard(string name, string sha, string[] lines)
    {
        var h = lines[0].Split(',');
        var date = Date(name, 1, "settlement_date", h[2]);
        var payout = Date(name, 1, "payout_date", h[3]);
        if (h[4].Length == 0) throw new CsvInputException(name, 1, "payout_id", "empty.");
        if (h[5] != "USD") throw new CsvInputException(name, 1, "currency", $"'{h[5]}': only USD.");
        Expect(name, lines, 2, "record_type,payment_id,type,occurred_at,gross,fee,net");
        var items = new List<SettlementLine>();
        string[]? trailer = null;
        for (var i = 2; i < lines.Length; i++)
        {
            var n = i + 1;
            var f = lines[i].Split(',');
            if (trailer is not null) throw new CsvInputException(name, n, null, "a record after the trailer.");
            if (f[0] == "T") { trailer = Fields(name, n, f, 5); continue; }
            if (f[0] != "D") throw new CsvInputException(name, n, "record_type", $"'{f[0]}': expected D or T.");
            Fields(name, n, f, 7);
            if (f[1].Length == 0) throw new CsvInputException(name, n, "payment_id", "empty.");
            if (f[2] is not ("charge" or "refund" or "chargeback")) throw new CsvInputException(name, n, "type", $"'{f[2]}': expected charge, refund or chargeback.");
            if (!DateTimeOffset.TryParse(f[3], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
                throw new CsvInputException(name, n, "occurred_at", $"'{f[3]}' is not an ISO 8601 time.");
            var gross = Cents(name, n, "gross", f[4]);
            var fee = Cents(name, n, "fee", f[5]);
            var net = Cents(name, n, "net", f[6]);
            if (fee < 0) throw new CsvInputException(name, n, "fee", $"'{f[5]}' is negative.");
            if ((f[2] == "charge") != (gross > 0)) throw new CsvInputException(name, n, "gross", $"'{f[4]}': a charge is positive, a refund or chargeback negative.");
            if (net != gross - fee) throw new CsvInputException(name, n, "net", $"'{f[6]}' is not gross − fee ({D(gross - fee)}).");
            items.Add(new SettlementLine(n, f[2], f[1], gross, fee));
        }
        var t = trailer ?? throw new CsvInputException(name, lines.Length, null, "no trailer (T) record.");
        var tn = lines.Length;
        CheckCount(name, tn, t[1], items.Count);
        CheckSum(name, tn, "total_gross", t[2], items.Sum(x => x.GrossCents));
        CheckSum(name, tn, "total_fee", t[3], items.Sum(x => x.FeeCents));
        CheckSum(name, tn, "total_net", t[4], items.Sum(x => x.NetCents));
        return new SettlementFile(SettlementKinds.CardProcessor, name, sha, h[4], h[1], date, payout, items, items.Sum(x => x.NetCents));
    }

    /// <summary>
    /// MoneyGram: H,MGSETTLE,settlement_date,receive_code,settlement_id / columns /
    /// D,file_date,file_sequence,reference_number,type,amount,fee,net / T,count,net_total. Net is from our side:
    /// a SEND pays us amount + fee; a REVERSAL takes back amount + the fee it gives back; a REFUND (paid by MoneyGram to the
    /// sender for us) takes back its amount.
    /// </summary>
    private static SettlementFile ReadMoneyGram(string name, string sha, string[] lines)
    {
        var h = lines[0].Split(',');
        var date = Date(name, 1, "settlement_date", h[2]);
        if (h[3].Length == 0) throw new CsvInputException(name, 1, "receive_code", "empty.");
        if (h[4].Length == 0) throw new CsvInputException(name, 1, "settlement_id", "empty.");
        Expect(name, lines, 2, "record_type,file_date,file_sequence,reference_number,type,amount,fee,net");
        var items = new List<SettlementLine>();
        string[]? trailer = null;
        for (var i = 2; i < lines.Length; i++)
        {
            var n = i + 1;
            var f = lines[i].Split(',');
            if (trailer is not null) throw new CsvInputException(name, n, null, "a record after the trailer.");
            if (f[0] == "T") { trailer = Fields(name, n, f, 3); continue; }
            if (f[0] != "D") throw new CsvInputException(name, n, "record_type", $"'{f[0]}': expected D or T.");
            Fields(name, n, f, 8);
            var fileDate = Date(name, n, "file_date", f[1]);
            if (!int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var fileSequence)) throw new CsvInputException(name, n, "file_sequence", $"'{f[2]}' is not a number.");
            if (f[3].Length != 8 || !f[3].All(char.IsAsciiDigit)) throw new CsvInputException(name, n, "reference_number", $"'{f[3]}' is not 8 digits.");
            if (f[4] is not ("SEND" or "REVERSAL" or "REFUND")) throw new CsvInputException(name, n, "type", $"'{f[4]}': expected SEND, REVERSAL or REFUND.");
            var amount = Cents(name, n, "amount", f[5]);
            var fee = Cents(name, n, "fee", f[6]);
            var net = Cents(name, n, "net", f[7]);
            if (amount <= 0 || fee < 0) throw new CsvInputException(name, n, amount <= 0 ? "amount" : "fee", "amount > 0 and fee ≥ 0.");
            var expected = f[4] == "SEND" ? amount + fee : -(amount + fee);
            if (net != expected) throw new CsvInputException(name, n, "net", $"'{f[7]}': a {f[4]} of {D(amount)} + {D(fee)} nets {D(expected)}.");
            // No processor fee at MoneyGram: what it settles is the net.
            items.Add(new SettlementLine(n, f[4], f[3], net, 0, SettlementImporter.PostingFileKey(h[3], fileDate, fileSequence)));
        }
        var t = trailer ?? throw new CsvInputException(name, lines.Length, null, "no trailer (T) record.");
        CheckCount(name, lines.Length, t[1], items.Count);
        CheckSum(name, lines.Length, "net_total", t[2], items.Sum(x => x.NetCents));
        return new SettlementFile(SettlementKinds.MoneyGram, name, sha, h[4], "MoneyGram " + h[3], date, date, items, items.Sum(x => x.NetCents));
    }

    /// <summary>
    /// BAI2, the subset in the README: one group, one account; 03 with opening (010) and closing (015) ledger balances;
    /// 16 transaction details (type code, amount in cents, funds type Z, bank reference, customer reference, text);
    /// 88 continuations refused; 49/98/99 trailers whose control totals and record counts must agree.
    /// </summary>
    private static SettlementFile ReadBai2(string name, string sha, string[] lines)
    {
        static string[] Rec(string line) => line.TrimEnd().TrimEnd('/').Split(',');
        var items = new List<SettlementLine>();
        string fileId = "", account = "";
        DateOnly date = default;
        long? opening = null, closing = null;
        long accountControl = 0, groupControl = 0, fileControl = 0;
        int accountRecords = 0, groupRecords = 0, groups = 0, accounts = 0;
        var seen = new HashSet<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var n = i + 1;
            var f = Rec(lines[i]);
            var code = f[0];
            if (i == lines.Length - 1 && code != "99") throw new CsvInputException(name, n, "record_code", "the file does not end with a 99 file trailer.");
            groupRecords++;
            accountRecords++;
            switch (code)
            {
                case "01":
                    if (i != 0) throw new CsvInputException(name, n, "record_code", "a second 01 file header.");
                    Fields(name, n, f, 9);
                    date = Yymmdd(name, n, "file_creation_date", f[3]);
                    fileId = f[5];
                    if (fileId.Length == 0) throw new CsvInputException(name, n, "file_identification_number", "empty.");
                    if (f[8] != "2") throw new CsvInputException(name, n, "version_number", $"'{f[8]}': only BAI version 2.");
                    break;
                case "02":
                    if (++groups > 1) throw new CsvInputException(name, n, "record_code", "more than one group (02): one statement per file.");
                    Fields(name, n, f, 7);
                    if (f[6] is not ("USD" or "")) throw new CsvInputException(name, n, "currency_code", $"'{f[6]}': only USD.");
                    groupRecords = 1;
                    groupControl = 0;
                    break;
                case "03":
                    if (++accounts > 1) throw new CsvInputException(name, n, "record_code", "more than one account (03): one account per file.");
                    if (f.Length < 11) throw new CsvInputException(name, n, null, $"{f.Length} fields; an 03 record with opening (010) and closing (015) ledger balances has 11.");
                    account = f[1];
                    accountRecords = 1;
                    if (f[3] != "010") throw new CsvInputException(name, n, "type_code", $"'{f[3]}': the first summary is the opening ledger balance (010).");
                    if (f[7] != "015") throw new CsvInputException(name, n, "type_code", $"'{f[7]}': the second summary is the closing ledger balance (015).");
                    opening = Long(name, n, "opening_ledger", f[4]);
                    closing = Long(name, n, "closing_ledger", f[8]);
                    accountControl = opening.Value + closing.Value;
                    break;
                case "16":
                    Fields(name, n, f, 7, atLeast: true);
                    var type = f[1];
                    var amount = Long(name, n, "amount", f[2]);
                    if (amount <= 0) throw new CsvInputException(name, n, "amount", $"'{f[2]}': an amount in cents, > 0.");
                    if (f[3] != "Z") throw new CsvInputException(name, n, "funds_type", $"'{f[3]}': only Z (immediate).");
                    var credit = int.TryParse(type, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t is >= 100 and < 400;
                    var debit = t is >= 400 and < 700;
                    if (!credit && !debit) throw new CsvInputException(name, n, "type_code", $"'{type}': a detail type code, 100-399 credit or 400-699 debit.");
                    if (f[5].Length == 0) throw new CsvInputException(name, n, "customer_reference", "empty: the statement line cannot be matched.");
                    if (!seen.Add(f[4])) throw new CsvInputException(name, n, "bank_reference", $"'{f[4]}' appears twice.");
                    accountControl += amount;
                    items.Add(new SettlementLine(n, type, f[5], credit ? amount : -amount, 0, string.Join(',', f[6..]).Trim()));
                    break;
                case "88":
                    throw new CsvInputException(name, n, "record_code", "88 continuation records are not in the subset read here.");
                case "49":
                    Fields(name, n, f, 3);
                    if (Long(name, n, "account_control_total", f[1]) != accountControl)
                        throw new CsvInputException(name, n, "account_control_total", $"'{f[1]}' but the account's 03 and 16 amounts sum to {accountControl}.");
                    if (Long(name, n, "number_of_records", f[2]) != accountRecords)
                        throw new CsvInputException(name, n, "number_of_records", $"'{f[2]}' but the account has {accountRecords} records (03 to 49).");
                    groupControl += accountControl;
                    break;
                case "98":
                    Fields(name, n, f, 4);
                    if (Long(name, n, "group_control_total", f[1]) != groupControl)
                        throw new CsvInputException(name, n, "group_control_total", $"'{f[1]}' but the accounts sum to {groupControl}.");
                    if (Long(name, n, "number_of_accounts", f[2]) != accounts) throw new CsvInputException(name, n, "number_of_accounts", $"'{f[2]}' but there are {accounts}.");
                    if (Long(name, n, "number_of_records", f[3]) != groupRecords)
                        throw new CsvInputException(name, n, "number_of_records", $"'{f[3]}' but the group has {groupRecords} records (02 to 98).");
                    fileControl += groupControl;
                    break;
                case "99":
                    if (i != lines.Length - 1) throw new CsvInputException(name, n, "record_code", "records after the 99 file trailer.");
                    Fields(name, n, f, 4);
                    if (Long(name, n, "file_control_total", f[1]) != fileControl)
                        throw new CsvInputException(name, n, "file_control_total", $"'{f[1]}' but the groups sum to {fileControl}.");
                    if (Long(name, n, "number_of_groups", f[2]) != groups) throw new CsvInputException(name, n, "number_of_groups", $"'{f[2]}' but there are {groups}.");
                    if (Long(name, n, "number_of_records", f[3]) != lines.Length)
                        throw new CsvInputException(name, n, "number_of_records", $"'{f[3]}' but the file has {lines.Length} records.");
                    break;
                default:
                    throw new CsvInputException(name, n, "record_code", $"'{code}' is not a BAI2 record code of the subset (01, 02, 03, 16, 49, 98, 99).");
            }
        }
        if (accounts == 0) throw new CsvInputException(name, lines.Length, null, "no account (03) record.");
        if (closing != opening + items.Sum(x => x.GrossCents))
            throw new CsvInputException(name, 3, "closing_ledger", $"{closing} is not the opening {opening} plus the day's credits less debits ({opening + items.Sum(x => x.GrossCents)}).");
        return new SettlementFile(SettlementKinds.BankStatement, name, sha, $"{account}:{fileId}", "bank account " + account, date, date, items,
            items.Sum(x => x.NetCents), opening, closing);
    }

    private static void Expect(string name, string[] lines, int n, string columns)
    {
        if (lines.Length < n || lines[n - 1] != columns) throw new CsvInputException(name, n, null, $"expected the column line '{columns}'.");
    }

    private static string[] Fields(string name, int n, string[] f, int count, bool atLeast = false) =>
        (atLeast ? f.Length >= count : f.Length == count) ? f : throw new CsvInputException(name, n, null, $"{f.Length} fields; a {f[0]} record has {count}.");

    private static DateOnly Date(string name, int n, string field, string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : throw new CsvInputException(name, n, field, $"'{value}' is not a date YYYY-MM-DD.");

    private static DateOnly Yymmdd(string name, int n, string field, string value) =>
        DateOnly.TryParseExact(value, "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : throw new CsvInputException(name, n, field, $"'{value}' is not a date YYMMDD.");

    private static long Long(string name, int n, string field, string value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v
            : throw new CsvInputException(name, n, field, $"'{value}' is not a whole number of cents.");

    /// <summary>Dollars with a '.' and exactly two decimals, optionally negative: never a decimal comma, never guessed.</summary>
    public static long Cents(string name, int n, string field, string value)
    {
        var negative = value.StartsWith('-');
        var body = negative ? value[1..] : value;
        var dot = body.IndexOf('.', StringComparison.Ordinal);
        if (dot < 1 || body.Length - dot != 3 || !body[..dot].All(char.IsAsciiDigit) || !body[(dot + 1)..].All(char.IsAsciiDigit))
            throw new CsvInputException(name, n, field, $"'{value}' is not dollars with a '.' and two decimals.");
        var cents = long.Parse(body[..dot], CultureInfo.InvariantCulture) * 100 + long.Parse(body[(dot + 1)..], CultureInfo.InvariantCulture);
        return negative ? -cents : cents;
    }

    private static void CheckCount(string name, int n, string value, int count)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var c) || c != count)
            throw new CsvInputException(name, n, "count", $"'{value}' but the file has {count} detail records.");
    }

    private static void CheckSum(string name, int n, string field, string value, long sum)
    {
        if (Cents(name, n, field, value) != sum) throw new CsvInputException(name, n, field, $"'{value}' but the detail records sum to {D(sum)}.");
    }

    public static string D(long cents) => (cents < 0 ? "-" : "") + (Math.Abs(cents) / 100).ToString(CultureInfo.InvariantCulture) + "."
        + (Math.Abs(cents) % 100).ToString("00", CultureInfo.InvariantCulture);
}
