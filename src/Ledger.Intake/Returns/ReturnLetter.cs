using System.Globalization;
using System.Text;
using Ledger.Data.Schema;
using Ledger.Domain;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Ledger.Intake.Returns;

/// <summary>
/// The letter that goes with money sent back to a sender: to whom, how much (or the money order itself when
/// its amount could not be read), why in plain words, the reference to quote, and the date. One PDF page.
/// </summary>
public static class ReturnLetter
{
    private const double Left = 72;
    private const double FontSize = 11;
    private const int WrapAt = 88;

    /// <summary>True for items that send something back: money returned, or the money order itself.</summary>
    public static bool IsReturn(IntakeItemRow item) => item.Outcome == "returned" || item.ReturnedCents > 0;

    /// <summary>The letter's lines, in order (also what a test reads back out of the PDF).</summary>
    public static IReadOnlyList<string> Lines(string source, IntakeItemRow item, DateOnly date)
    {
        var lines = new List<string>
        {
            "Ledger Inmate Services - money returned to the sender",
            "",
            "Date: " + date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture),
            "",
            "To: " + (item.SenderName ?? "(sender's name not on record)"),
        };
        if (item.SenderAddress is { } address)
            lines.AddRange(address.Split(", ", 2, StringSplitOptions.TrimEntries).Select(part => "    " + part));
        else lines.Add("    (no address on record)");
        lines.Add("");
        lines.Add("Reference: " + Reference(source, item));
        if (item.PersonNumber is { } person) lines.Add("Sent for: person number " + person);
        lines.Add("Amount returned: " + Amount(item));
        lines.Add("");
        lines.Add("Why:");
        lines.AddRange(Wrap(item.Reason ?? "The deposit could not be accepted."));
        lines.Add("");
        lines.AddRange(Wrap("Please quote the reference above if you contact us about this return."));
        return lines;
    }

    public static byte[] Render(string source, IntakeItemRow item, DateOnly date) => RenderAll([(source, item)], date);

    /// <summary>Several letters in one PDF, one page each (to print a day's returns in one go).</summary>
    public static byte[] RenderAll(IEnumerable<(string Source, IntakeItemRow Item)> letters, DateOnly date)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        foreach (var (source, item) in letters)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.Letter);
            var y = 720.0;
            var first = true;
            foreach (var line in Lines(source, item, date))
            {
                if (line.Length > 0) page.AddText(Printable(line), first ? 14 : FontSize, new PdfPoint(Left, y), first ? bold : font);
                y -= first ? 24 : FontSize * 1.5;
                first = false;
            }
        }
        return builder.Build();
    }

    /// <summary>The file name of an item's letter: intake file, sequence and reference.</summary>
    public static string FileName(IntakeItemRow item)
    {
        var reference = new string(item.Reference.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        return string.Create(CultureInfo.InvariantCulture, $"return-{item.FileId:D6}-{item.Sequence:D5}-{reference}.pdf");
    }

    private static string Reference(string source, IntakeItemRow item) => source switch
    {
        "moneygram" => "MoneyGram reference " + item.Reference,
        _ when item.Reference.StartsWith("item:", StringComparison.Ordinal) =>
            string.Create(CultureInfo.InvariantCulture, $"lockbox batch {item.FileId}, item {item.Sequence} (the serial number could not be read)"),
        _ => "money order serial number " + item.Reference,
    };

    private static string Amount(IntakeItemRow item)
    {
        static string D(long cents) => "$" + Money.Usd(cents).ToDecimalString();
        if (item.Outcome == "returned" && item.AmountCents == 0)
            return "the money order itself, with your deposit slip (its amount could not be read)";
        if (item.Outcome == "returned" && item.Kind == "deposit" && item.FeeRefundedCents == 0 && item.EntryId is null)
            return $"the money order itself, for {D(item.ReturnedCents)}, with your deposit slip";
        var text = item.Outcome == "partially_posted"
            ? $"{D(item.ReturnedCents)} of the {D(item.AmountCents)} you sent ({D(item.CreditedCents)} was credited)"
            : D(item.ReturnedCents);
        if (item.FeeRefundedCents > 0) text += $", plus the fee of {D(item.FeeRefundedCents)}: {D(item.ReturnedCents + item.FeeRefundedCents)} in all";
        return text;
    }

    private static IEnumerable<string> Wrap(string text)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > WrapAt)
            {
                yield return line.ToString();
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) yield return line.ToString();
    }

    /// <summary>The standard fonts know only Latin-1 text; anything else is shown as '?'.</summary>
    private static string Printable(string text) => new(text.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
}
