using System.Globalization;
using System.Text;

namespace Ledger.Intake.Tests;

/// <summary>Writes small MoneyGram files for tests, with a correct trailer unless told otherwise.</summary>
public sealed class MoneyGramFileBuilder
{
    public const string Columns = "record_type,reference_number,transaction_type,sent_at,account_number,beneficiary_name,sender_first_name,sender_last_name,sender_address,sender_city,sender_state,sender_zip,sender_phone,amount,fee,agent_id,agent_state,original_reference";
    private readonly List<string> _details = [];
    private long _amount;
    private long _fee;

    public MoneyGramFileBuilder Send(string reference, string account, string amount, string fee = "4.99", string sender = "MARIA,GARCIA")
    {
        _details.Add($"D,{reference},SEND,2026-11-23T14:05:09-05:00,{account},BENEFICIARY,{sender},\"12 MAIN ST, APT 3\",PITTSBURGH,PA,15212,412-555-0101,{amount},{fee},AG100200,PA,");
        Add(amount, fee);
        return this;
    }

    public MoneyGramFileBuilder Reversal(string reference, string original, string account, string amount, string fee = "4.99")
    {
        _details.Add($"D,{reference},REVERSAL,2026-11-23T16:00:00-05:00,{account},BENEFICIARY,MARIA,GARCIA,12 MAIN ST,PITTSBURGH,PA,15212,412-555-0101,{amount},{fee},AG100200,PA,{original}");
        Add(amount, fee);
        return this;
    }

    public MoneyGramFileBuilder Raw(string line)
    {
        _details.Add(line);
        return this;
    }

    public string Build(string? trailer = null, bool withTrailer = true)
    {
        var sb = new StringBuilder();
        sb.Append("H,2026-11-23,RC4471,1,INMATE TRUST SERVICES\n").Append(Columns).Append('\n');
        foreach (var d in _details) sb.Append(d).Append('\n');
        if (withTrailer)
            sb.Append(trailer ?? string.Create(CultureInfo.InvariantCulture, $"T,{_details.Count},{_amount / 100}.{_amount % 100:D2},{_fee / 100}.{_fee % 100:D2}")).Append('\n');
        return sb.ToString();
    }

    public string WriteTo(string directory, string name, bool withTrailer = true)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, Build(withTrailer: withTrailer), new UTF8Encoding(false));
        return path;
    }

    private void Add(string amount, string fee)
    {
        _amount += Cents(amount);
        _fee += Cents(fee);
    }

    private static long Cents(string s) =>
        decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? (long)(d * 100) : 0;
}
