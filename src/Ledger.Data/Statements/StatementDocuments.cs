using System.Globalization;
using System.Text;
using Ledger.Domain;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Graphics.Operations.TextObjects;
using UglyToad.PdfPig.Graphics.Operations.TextPositioning;
using UglyToad.PdfPig.Graphics.Operations.TextShowing;
using UglyToad.PdfPig.Graphics.Operations.TextState;
using UglyToad.PdfPig.Tokens;
using UglyToad.PdfPig.Writer;

namespace Ledger.Data.Statements;

/// <summary>
/// Statements and trial balances as CSV (for accounting systems) and PDF (to print): one renderer for the API's
/// single-account statement and the accountants' facility export. Amounts are invariant "125.00"; instants are UTC.
/// </summary>
public static class StatementDocuments
{
    public static readonly string[] StatementCsvHeader =
        ["person_number", "account", "line_type", "posted_at", "entry_id", "source", "description", "amount", "balance"];

    public static readonly string[] TrialBalanceCsvHeader =
        ["scope", "owner_type", "owner_code", "account", "currency", "opening", "debits", "credits", "closing", "lines"];

    public static string Amount(long cents) => Money.Usd(cents).ToDecimalString();

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("s", CultureInfo.InvariantCulture) + "Z";

    public static byte[] Csv(StatementView s) => Csv([s]);

    /// <summary>All of a person's accounts in one file: per account an opening row, its lines, a closing row.</summary>
    public static byte[] Csv(IReadOnlyList<StatementView> accounts)
    {
        var csv = new CsvText().Row(StatementCsvHeader);
        foreach (var s in accounts)
        {
            csv.Field(s.PersonNumber).Field(s.Account).Field("opening").Instant(s.From).Field("").Field("")
                .Field($"Opening balance {s.PersonNumber} {s.Account}").Field("").Amount(s.OpeningCents).EndRow();
            foreach (var l in s.Lines)
            {
                csv.Field(s.PersonNumber).Field(s.Account).Field("line").Instant(l.PostedAt).Field(l.EntryId).Field(l.Source).Field(l.Description)
                    .Amount(l.AmountCents).Amount(l.BalanceAfterCents).EndRow();
            }
            csv.Field(s.PersonNumber).Field(s.Account).Field("closing").Instant(s.To).Field("").Field("")
                .Field($"Closing balance {s.PersonNumber} {s.Account}").Field("").Amount(s.ClosingCents).EndRow();
        }
        return csv.ToBytes();
    }

    /// <summary>
    /// The export's path to the same rows as <see cref="Csv(IReadOnlyList{StatementView})"/> for one account: the lines
    /// come as the UTF-8 PostgreSQL sent, and a facility's month is written without a string per line.
    /// </summary>
    internal static void Csv(CsvText csv, string personNumber, string account, DateTimeOffset from, DateTimeOffset to, long openingCents,
        PeriodLines lines, ReadOnlySpan<PeriodLines.Line> accountLines)
    {
        csv.Field(personNumber).Field(account).Field("opening").Instant(from).Field("").Field("")
            .Field($"Opening balance {personNumber} {account}").Field("").Amount(openingCents).EndRow();
        Span<byte> person = stackalloc byte[Encoding.UTF8.GetMaxByteCount(personNumber.Length)];
        person = person[..Encoding.UTF8.GetBytes(personNumber, person)];
        Span<byte> kind = stackalloc byte[Encoding.UTF8.GetMaxByteCount(account.Length)];
        kind = kind[..Encoding.UTF8.GetBytes(account, kind)];
        var balance = openingCents;
        foreach (ref readonly var l in accountLines)
        {
            balance = checked(balance + l.AmountCents);
            csv.Field(person).Field(kind).Field("line"u8).Instant(PeriodLines.Instant(l.PostedAt)).Field(l.EntryId).Field(lines.Source(l))
                .Field(lines.Description(l)).Amount(l.AmountCents).Amount(balance).EndRow();
        }
        csv.Field(personNumber).Field(account).Field("closing").Instant(to).Field("").Field("")
            .Field($"Closing balance {personNumber} {account}").Field("").Amount(balance).EndRow();
    }

    /// <summary>Every account row, then the subtotals and the total (scope people / facility / total).</summary>
    public static byte[] Csv(TrialBalance tb)
    {
        var csv = new CsvText().Row(TrialBalanceCsvHeader);
        foreach (var r in tb.Accounts)
        {
            csv.Field("account").Field(r.OwnerType).Field(r.OwnerCode).Field(r.Account).Field(r.Currency)
                .Amount(r.OpeningCents).Amount(r.DebitsCents).Amount(r.CreditsCents).Amount(r.ClosingCents).Field(r.Lines).EndRow();
        }
        foreach (var t in tb.Totals)
        {
            csv.Field(t.Scope).Field("").Field(tb.FacilityCode).Field("").Field("")
                .Amount(t.OpeningCents).Amount(t.DebitsCents).Amount(t.CreditsCents).Amount(t.ClosingCents).Field(t.Lines).EndRow();
        }
        return csv.ToBytes();
    }

    public static byte[] Pdf(StatementView s) =>
        Pdf(new PersonStatement(s.PersonNumber, null, s.FacilityCode, $"{Instant(s.From)} to {Instant(s.To)}", [s]));

    public static byte[] Pdf(PersonStatement p)
    {
        var sheet = new PdfSheet();
        sheet.Title($"Statement: {p.PersonNumber}{(p.Name is null ? "" : " " + p.Name)} ({p.FacilityCode})");
        sheet.Text($"Period {p.PeriodLabel}");
        foreach (var s in p.Accounts)
        {
            sheet.Gap();
            sheet.Row(PdfSheet.Bold, $"{s.Account} account", "Amount", "Balance");
            sheet.Row(PdfSheet.Regular, "Opening balance", "", Amount(s.OpeningCents));
            foreach (var l in s.Lines)
            {
                sheet.Row(PdfSheet.Regular, $"{l.PostedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}  {l.Description}",
                    Amount(l.AmountCents), Amount(l.BalanceAfterCents));
            }
            sheet.Row(PdfSheet.Bold, "Closing balance", "", Amount(s.ClosingCents));
        }
        return sheet.Build();
    }

    public static byte[] Pdf(TrialBalance tb)
    {
        var sheet = new PdfSheet();
        sheet.Title($"Trial balance: {tb.FacilityName} ({tb.FacilityCode})");
        sheet.Text($"Period {StatementPeriod.Format(tb.From)} to {StatementPeriod.Format(tb.To)} (UTC, inclusive). Credits positive: closing = opening - debits + credits.");
        sheet.Gap();
        sheet.Row(PdfSheet.Bold, "Account", "Opening", "Debits", "Credits", "Closing");
        foreach (var r in tb.Accounts)
        {
            sheet.Row(PdfSheet.Regular, $"{r.OwnerType} {r.OwnerCode} {r.Account}", Amount(r.OpeningCents), Amount(r.DebitsCents),
                Amount(r.CreditsCents), Amount(r.ClosingCents));
        }
        sheet.Gap();
        foreach (var t in tb.Totals)
        {
            sheet.Row(PdfSheet.Bold, $"{t.Scope} ({t.Accounts:N0} accounts, {t.Lines:N0} lines)", Amount(t.OpeningCents), Amount(t.DebitsCents),
                Amount(t.CreditsCents), Amount(t.ClosingCents));
        }
        return sheet.Build();
    }

    /// <summary>
    /// Letter pages of left-aligned text rows with amount columns, breaking pages as rows fill them. Text goes into the
    /// page's content stream as plain text operators: PdfPig's AddText lays out every glyph for its caller (about 200
    /// microseconds a row measured), which made a facility's month of statements take minutes. AddText is still used
    /// once per page and font, to put the font in the page's resources and learn its name there.
    /// </summary>
    private sealed class PdfSheet
    {
        public const bool Bold = true;
        public const bool Regular = false;
        private const double Top = 740, Bottom = 60, RowHeight = 14, Left = 40, LastColumn = 515, ColumnWidth = 75;
        private readonly PdfDocumentBuilder _builder = new();
        private readonly PdfDocumentBuilder.AddedFont _font, _bold;
        private PdfPageBuilder _page = null!;
        private NameToken _fontName = null!, _boldName = null!;
        private double _y;

        public PdfSheet()
        {
            _font = _builder.AddStandard14Font(Standard14Font.Helvetica);
            _bold = _builder.AddStandard14Font(Standard14Font.HelveticaBold);
            NewPage();
        }

        private void NewPage()
        {
            _page = _builder.AddPage(PageSize.Letter);
            _fontName = Register(_font);
            _boldName = Register(_bold);
            _y = Top;
        }

        private NameToken Register(PdfDocumentBuilder.AddedFont font)
        {
            _page.AddText(" ", 1, new PdfPoint(0, 0), font);
            return _page.CurrentStream.Operations.OfType<SetFontAndSize>().Last().Font;
        }

        private void Text(NameToken font, double size, double x, double y, string text)
        {
            var stream = _page.CurrentStream.Operations;
            stream.Add(BeginText.Value);
            stream.Add(new SetFontAndSize(font, size));
            stream.Add(new MoveToNextLineWithOffset(x, y));
            stream.Add(new ShowText(Encoding.ASCII.GetBytes(text)));
            stream.Add(EndText.Value);
        }

        public void Title(string text)
        {
            Text(_boldName, 14, Left, _y, Printable(text, 80));
            _y -= 20;
        }

        public void Text(string text)
        {
            Text(_fontName, 9, Left, _y, Printable(text, 110));
            _y -= RowHeight;
        }

        public void Gap() => _y -= RowHeight / 2;

        /// <summary>A row: free text on the left, then amounts whose last column starts at <see cref="LastColumn"/>.</summary>
        public void Row(bool bold, string left, params string[] columns)
        {
            if (_y < Bottom) NewPage();
            var font = bold ? _boldName : _fontName;
            var firstColumn = LastColumn - ColumnWidth * (columns.Length - 1);
            Text(font, 9, Left, _y, Printable(left, (int)((firstColumn - Left) / 5)));
            for (var i = 0; i < columns.Length; i++)
            {
                if (columns[i].Length > 0) Text(font, 9, firstColumn + ColumnWidth * i, _y, Printable(columns[i], 14));
            }
            _y -= RowHeight;
        }

        public byte[] Build()
        {
            try
            {
                return _builder.Build();
            }
            finally
            {
                _builder.Dispose();
            }
        }

        // The standard 14 fonts cover Latin-1 only, and the text is written as single bytes: anything else is shown as '?'.
        private static string Printable(string text, int max)
        {
            var safe = string.Create(text.Length, text, (span, t) =>
            {
                for (var i = 0; i < t.Length; i++) span[i] = t[i] is >= ' ' and <= '~' ? t[i] : '?';
            });
            return safe.Length <= max ? safe : safe[..(max - 1)] + "~";
        }
    }
}
