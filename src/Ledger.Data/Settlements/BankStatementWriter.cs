using System.Globalization;

namespace Ledger.Data.Settlements;

/// <summary>A detail line of a bank statement: BAI2 type code (100-399 credit, 400-699 debit), amount in cents (> 0), customer reference.</summary>
public sealed record BankStatementLine(string Type, long Cents, string CustomerReference, string Text);

/// <summary>Writes a one-account BAI2 statement of the subset <see cref="SettlementFileReader"/> reads (README: bank statement).</summary>
public static class BankStatementWriter
{
    public static string Write(DateOnly day, string account, long opening, IReadOnlyList<BankStatementLine> details)
    {
        var inv = CultureInfo.InvariantCulture;
        static bool Credit(string type) => string.CompareOrdinal(type, "400") < 0;
        var closing = opening + details.Sum(d => Credit(d.Type) ? d.Cents : -d.Cents);
        var records = new List<string>
        {
            string.Create(inv, $"01,LEDGERBANK,INMATETRUST,{day:yyMMdd},0600,{day:yyyyMMdd}{account[^4..]},80,1,2/"),
            string.Create(inv, $"02,INMATETRUST,LEDGERBANK,1,{day:yyMMdd},0600,USD/"),
            string.Create(inv, $"03,{account},USD,010,{opening},,,015,{closing},,/"),
        };
        var n = 0;
        foreach (var d in details)
            records.Add(string.Create(inv, $"16,{d.Type},{d.Cents},Z,B{day:yyMMdd}{++n:0000},{d.CustomerReference},{d.Text}/"));
        // BAI2 control totals: the sum of every amount in the account's 03 and 16 records.
        var control = opening + closing + details.Sum(d => d.Cents);
        records.Add(string.Create(inv, $"49,{control},{records.Count - 1}/"));
        records.Add(string.Create(inv, $"98,{control},1,{records.Count}/"));
        records.Add(string.Create(inv, $"99,{control},1,{records.Count + 1}/"));
        return string.Join('\n', records) + "\n";
    }
}
