using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Ledger.Domain;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Ledger.Api.Features.Accounts;

/// <summary>A statement as CSV (for accounting systems) and PDF (to print). Amounts are invariant "125.00".</summary>
public static class StatementDocuments
{
    private static string Amount(long cents) => Money.Usd(cents).ToDecimalString();
    private static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static byte[] Csv(StatementView s)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture)))
        {
            foreach (var h in new[] { "line_type", "posted_at", "entry_id", "source", "description", "amount", "balance" }) csv.WriteField(h);
            csv.NextRecord();
            WriteRow(csv, "opening", Instant(s.From), "", "", $"Opening balance {s.PersonNumber} {s.Account}", "", Amount(s.OpeningCents));
            foreach (var l in s.Lines)
                WriteRow(csv, "line", Instant(l.PostedAt), l.EntryId.ToString(CultureInfo.InvariantCulture), l.Source, l.Description, Amount(l.AmountCents), Amount(l.BalanceAfterCents));
            WriteRow(csv, "closing", Instant(s.To), "", "", $"Closing balance {s.PersonNumber} {s.Account}", "", Amount(s.ClosingCents));
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void WriteRow(CsvWriter csv, params string[] fields)
    {
        foreach (var f in fields) csv.WriteField(f);
        csv.NextRecord();
    }

    public static byte[] Pdf(StatementView s)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        PdfPageBuilder page = builder.AddPage(PageSize.Letter);
        double y = 740;

        void NewPageIfNeeded()
        {
            if (y >= 60) return;
            page = builder.AddPage(PageSize.Letter);
            y = 740;
        }

        void Line(string left, string amount, string balance, PdfDocumentBuilder.AddedFont f)
        {
            NewPageIfNeeded();
            page.AddText(Clip(left, 70), 9, new PdfPoint(40, y), f);
            page.AddText(amount, 9, new PdfPoint(440, y), f);
            page.AddText(balance, 9, new PdfPoint(515, y), f);
            y -= 14;
        }

        page.AddText($"Statement: {s.PersonNumber} ({s.FacilityCode}), {s.Account} account", 14, new PdfPoint(40, y), bold);
        y -= 20;
        page.AddText($"Period {Instant(s.From)} to {Instant(s.To)}", 10, new PdfPoint(40, y), font);
        y -= 24;
        Line("Date / description", "Amount", "Balance", bold);
        Line("Opening balance", "", Amount(s.OpeningCents), font);
        foreach (var l in s.Lines)
            Line($"{l.PostedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}  {l.Description}", Amount(l.AmountCents), Amount(l.BalanceAfterCents), font);
        Line("Closing balance", "", Amount(s.ClosingCents), bold);
        return builder.Build();
    }

    // The standard 14 fonts cover Latin-1 only; anything else is shown as '?'.
    private static string Clip(string text, int max)
    {
        var safe = new string(text.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
        return safe.Length <= max ? safe : safe[..(max - 1)] + "~";
    }
}
