using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Ledger.Data.Intake;
using Ledger.Domain;

namespace Ledger.Intake.Returns;

/// <summary>The returns manifest (CSV): one row per item whose money, or money order, goes back to its sender.</summary>
public static class ReturnManifest
{
    private static readonly string[] Header =
    [
        "file_id", "sequence", "source", "reference", "outcome", "keyed", "sender_name", "sender_address", "person_number", "amount",
        "amount_returned", "fee_refunded", "total_to_send_back", "refunds_payable", "reason_code", "reason", "disposition", "disposed_by", "disposed_at",
    ];

    public static void Write(TextWriter writer, IEnumerable<ReturnItem> returns)
    {
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            NewLine = "\n",
            // Sender names and addresses come from outside: a cell starting with =, +, -, @ (or a tab/CR) would be a formula
            // in a spreadsheet. CsvHelper prefixes such a cell with ' so that it is shown as the text it is.
            InjectionOptions = InjectionOptions.Escape,
        }, leaveOpen: true);
        foreach (var h in Header) csv.WriteField(h);
        csv.NextRecord();
        foreach (var r in returns)
        {
            var i = r.Item;
            csv.WriteField(i.FileId);
            csv.WriteField(i.Sequence);
            csv.WriteField(r.Source);
            csv.WriteField(i.Reference);
            csv.WriteField(i.Outcome);
            csv.WriteField(r.Keyed ? "true" : "false");
            csv.WriteField(i.SenderName);
            csv.WriteField(i.SenderAddress);
            csv.WriteField(i.PersonNumber);
            csv.WriteField(Dollars(i.AmountCents));
            csv.WriteField(Dollars(i.ReturnedCents));
            csv.WriteField(Dollars(i.FeeRefundedCents));
            csv.WriteField(Dollars(r.ToSendBackCents));
            csv.WriteField(Dollars(r.PayableCents));
            csv.WriteField(i.ReasonCode);
            csv.WriteField(i.Reason);
            // A waiting excess is listed (its money is owed) but says it cannot be mailed yet.
            csv.WriteField(r.Disposition?.Status ?? (r.AwaitsAddress ? "awaiting_address" : null));
            csv.WriteField(r.Disposition?.By);
            csv.WriteField(r.Disposition?.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            csv.NextRecord();
        }
    }

    public static byte[] ToBytes(IEnumerable<ReturnItem> returns)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(text, returns);
        return System.Text.Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>All the letters in one PDF, one page per return, in manifest order; none for a return that awaits its address.</summary>
    public static byte[] Letters(IEnumerable<ReturnItem> returns, DateOnly date) =>
        ReturnLetter.RenderAll(returns.Where(r => !r.AwaitsAddress).Select(r => (r.Source, r.Item)), date);

    /// <summary>One return's letter; refused while its sender address is neither confirmed by OCR nor keyed by staff.</summary>
    public static byte[] Letter(ReturnItem r, DateOnly date) => r.AwaitsAddress
        ? throw new ReturnAwaitsAddressException(r)
        : ReturnLetter.Render(r.Source, r.Item, date);

    private static string Dollars(long cents) => Money.Usd(cents).ToDecimalString();
}

/// <summary>A letter asked for a return whose sender address nobody has confirmed: it would go nowhere, or to a misread address.</summary>
public sealed class ReturnAwaitsAddressException(ReturnItem r) : InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
    $"No letter for item {r.Item.Sequence} of file {r.Item.FileId} ({r.Item.Reference}): the sender's address was not confirmed by OCR and no one has keyed it; confirm or key it on the Returns page (or POST /operations/returns/{r.Item.FileId}/{r.Item.Sequence}/address)."))
{
    public ReturnItem Return { get; } = r;
}
