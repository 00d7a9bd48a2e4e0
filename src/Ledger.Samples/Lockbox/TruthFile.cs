using System.Globalization;
using System.Text;
using CsvHelper;
using Ledger.Domain.Accounts;

namespace Ledger.Samples.Lockbox;

/// <summary>truth.csv: what each generated item really says. Only evaluation reads it; the product never does.</summary>
public static class TruthFile
{
    private static readonly string[] Header =
        ["sequence", "category", "issuer", "serial", "amount_cents", "courtesy_text", "pay_to", "purchaser_name", "purchaser_address",
         "resident_number", "resident_name", "facility", "credit_to_marked", "sender_name", "sender_address", "sender_city_state_zip",
         "phone", "order_illegible", "slip_address_illegible", "over_limit", "unknown_person", "money_order_image", "deposit_slip_image", "layout"];

    public static void Write(string path, IEnumerable<TruthItem> items)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var h in Header) csv.WriteField(h);
        csv.NextRecord();
        foreach (var t in items)
        {
            string[] fields =
            [
                t.Sequence.ToString(CultureInfo.InvariantCulture), t.Condition.ToString().ToLowerInvariant(), t.IssuerCode, t.Serial,
                t.AmountCents.ToString(CultureInfo.InvariantCulture), t.CourtesyText, t.PayTo, t.PurchaserName, t.PurchaserAddress,
                t.ResidentNumber, t.ResidentName, t.Facility, t.CreditToMarked?.ToCode() ?? "none", t.SenderName, t.SenderAddress,
                t.SenderCityStateZip, t.Phone, Bool(t.OrderIllegible), Bool(t.SlipAddressIllegible), Bool(t.OverLimit),
                Bool(t.UnknownPerson), t.MoneyOrderImage, t.DepositSlipImage, t.Layout,
            ];
            foreach (var f in fields) csv.WriteField(f);
            csv.NextRecord();
        }
    }

    public static IReadOnlyList<TruthItem> Read(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var items = new List<TruthItem>();
        while (csv.Read())
        {
            string F(string name) => csv.GetField(name) ?? "";
            var marked = F("credit_to_marked");
            items.Add(new TruthItem(
                int.Parse(F("sequence"), CultureInfo.InvariantCulture),
                Enum.Parse<ScanCondition>(F("category"), ignoreCase: true),
                F("issuer"), F("serial"), long.Parse(F("amount_cents"), CultureInfo.InvariantCulture), F("courtesy_text"), F("pay_to"),
                F("purchaser_name"), F("purchaser_address"), F("resident_number"), F("resident_name"), F("facility"),
                marked == "none" ? null : AccountKinds.Parse(marked), F("sender_name"), F("sender_address"), F("sender_city_state_zip"),
                F("phone"), F("order_illegible") == "true", F("slip_address_illegible") == "true", F("unknown_person") == "true",
                F("money_order_image"), F("deposit_slip_image"), csv.HeaderRecord!.Contains("layout") ? F("layout") : ""));
        }
        return items;
    }

    private static string Bool(bool b) => b ? "true" : "false";
}
