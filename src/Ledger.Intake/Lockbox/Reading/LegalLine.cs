using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;

namespace Ledger.Intake.Lockbox.Reading;

/// <summary>
/// Round 10: the amount in words read WHOLE. The page pass sometimes loses the first words of the line (a word it read as
/// noise, `THREE pone TWENTY-FIVE AND 00/100` for THREE HUNDRED TWENTY-FIVE, own seed 8400 #205), and what is left parses as
/// a smaller amount (`TWENTY-FIVE AND 00/100`). Such a tail is never evidence of the amount: the numerals could have lost the
/// same digits. Its line is cut out of the pixels across the page's width and read alone; only a reading that starts with
/// the amount's first word (nothing before it that could be a number word) counts.
/// </summary>
internal static class LegalLine
{
    private const string Whitelist = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/* ";

    /// <summary>
    /// Round 28: the characters a re-read of the words' line may use. Words printed in Title Case (`Eight Hundred Thirty Three
    /// Dollars and 00/100`, third-generator tuning s2 #6, a clean order) cannot be read with capitals only: the crop's read
    /// fails where the page pass lost one word. Lower case is allowed when the page pass read two words of the row in
    /// lower case clearly (50 at least); the parser reads either case alike.
    /// </summary>
    internal static string WhitelistFor(PageLayout page, PixelRect row) =>
        Enumerable.Range(0, page.Words.Count).Count(j => page.Words[j].Box.VerticalOverlap(row) > 0.5 && page.Words[j].Confidence >= 50
            && page.Words[j].Text.Count(char.IsAsciiLetterLower) >= 2) >= 2
            ? Whitelist + "abcdefghijklmnopqrstuvwxyz"
            : Whitelist;

    /// <summary>
    /// The window of page words <paramref name="window"/> (a tail of segment <paramref name="seg"/> that parses) starts the
    /// amount: no word before it in its segment, nor at the end of a segment just left of it on its row, may be a number word
    /// the page pass misread (a word it was unsure of, or one close to a number word).
    /// </summary>
    public static bool StartsWhole(PageLayout page, IReadOnlyList<int> seg, IReadOnlyList<int> window)
    {
        var at = seg.ToList().IndexOf(window[0]);
        if (seg.Take(Math.Max(at, 0)).Any(j => MayHideNumberWord(page.Words[j].Text, page.Words[j].Confidence))) return false;
        var box = page.Box(window);
        var h = Math.Max(box.Height, 10);
        return !page.Segments.Any(o => o[^1] != seg[0] && !o.Intersect(seg).Any() && EndsLeftOf(page.Box(o), box, h) && box.Left - page.Box(o).Right < 4 * h
            && page.Box(o).VerticalOverlap(box) > 0.5 && MayHideNumberWord(page.Words[o[^1]].Text, page.Words[o[^1]].Confidence));
    }

    /// <summary>
    /// A box that ends left of <paramref name="box"/>, or runs at most one print height into it (round 35: `**THREE HUNDRED SI`,
    /// its last word's box drawn over the start of `SEVENTY-THREE AND 00/100 DOLLARS`, third held-back 5018 #39: the words' tail
    /// was taken as the amount, $73.00 for $373.00, and the numerals read again lost their first digit alike).
    /// </summary>
    public static bool EndsLeftOf(PixelRect other, PixelRect box, int h) => other.Left < box.Left && other.Right <= box.Left + h;

    /// <summary>
    /// A word before the amount in words that may be part of it: letters the page pass was unsure of (under 50), or letters
    /// within two of a number word or holding one ("pone" for HUNDRED, "THREEHUNDRED"). Fill (asterisks, and the K and Q that
    /// asterisks are read as; no number word has either) and specks are not.
    /// </summary>
    public static bool MayHideNumberWord(string text, double confidence)
    {
        var letters = new string(text.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        if (letters.Length == 0 || letters.All(ch => ch is 'K' or 'Q')) return false;
        if (confidence < 50) return true;
        // Read with confidence: only what is a letter or two from a number word (AND, THE, PAY are two from ONE or TWO: a short
        // word must be one letter off), or what holds one of four letters or more.
        return NumberWords.Any(w => (w.Length >= 4 && letters.Contains(w, StringComparison.Ordinal))
            || PageLayout.Levenshtein(letters, w) <= (Math.Min(letters.Length, w.Length) <= 4 ? 1 : 2));
    }

    private static readonly string[] NumberWords =
        ["ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "ELEVEN", "TWELVE", "THIRTEEN", "FOURTEEN",
         "FIFTEEN", "SIXTEEN", "SEVENTEEN", "EIGHTEEN", "NINETEEN", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY",
         "EIGHTY", "NINETY", "HUNDRED", "THOUSAND"];

    /// <summary>
    /// The amount a line read alone says, only when read whole: the longest run of its tokens that parses
    /// (<see cref="LegalAmountWords.TryParse"/>), with nothing before it but fill and specks, and no number word or digit after
    /// it. False for a tail (`pone TWENTY-FIVE AND 00/100`) or for two amounts on one line.
    /// </summary>
    public static bool TryParseWhole(string? text, out long cents)
    {
        cents = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var tokens = text.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < tokens.Length; i++)
        {
            for (var k = tokens.Length; k > i; k--)
            {
                if (tokens.Skip(k).Any(t => t.Any(char.IsAsciiDigit) || LegalAmountWords.Tokens(t).Any(LegalAmountWords.IsNumberWord))) continue;
                if (LegalAmountWords.TryParse(string.Join(' ', tokens[i..k]), out cents)) return true;
            }
            // Only fill and specks may come before the first word: anything else could be a number word misread.
            if (!IsFill(tokens[i])) return false;
        }
        cents = 0;
        return false;
    }

    /// <summary>Asterisks, dashes, specks, and the K and Q fill is read as: no part of a number word.</summary>
    private static bool IsFill(string token) =>
        token.All(ch => ch is '*' or '-' or '.' or ',' or ':' or ';' or '_' or '|' or '\'' or '"' or '~' or '=' or '#' or '+' or '&' or 'K' or 'Q' or 'k' or 'q'
            or '“' or '”' or '‘' or '’');

    /// <summary>A reading of a row's line: the amount, the page words on the row, the text read and its confidence.</summary>
    public sealed record Read(long Cents, List<int> Words, string Text, double Confidence);

    /// <summary>
    /// Each row of <paramref name="rows"/> (page words; one read per row, at most <paramref name="max"/> rows) read whole
    /// (<see cref="ReadRow"/>). For items whose prints do not agree yet: the re-reads cost only there.
    /// </summary>
    /// <param name="except">Rows read already.</param>
    public static List<Read> ReadRows(OcrEngine engine, PageLayout page, IEnumerable<List<int>> rows, IEnumerable<List<int>>? except = null, int max = 3)
    {
        var found = new List<Read>();
        var done = (except ?? []).Select(page.Box).ToList();
        max += done.Count;
        foreach (var row in rows.Where(r => r.Count > 0))
        {
            var box = page.Box(row);
            if (done.Any(d => d.VerticalOverlap(box) > 0.5)) continue;
            if (done.Count == max) break;
            done.Add(box);
            var words = Enumerable.Range(0, page.Words.Count).Where(j => page.Words[j].Box.VerticalOverlap(box) > 0.5).OrderBy(j => page.Words[j].Box.Left).ToList();
            var pageRead = page.Text(row);
            found.AddRange(ReadRow(engine, page, box).Where(r => AddsOnly(pageRead, r.Text)).Select(r => r with { Words = words }));
        }
        return found;
    }

    /// <summary>
    /// A re-read of a row may add words the page pass lost, never change one it read: where the page pass's words of the row
    /// parse, the re-read holds every one of them in order (its tokens, letters corrected as the parser does) and the same
    /// cents. `60 CENTS` read again as `00 CENTS` beside `$82.00` is two readings of one print that disagree: not evidence.
    /// Round 23: the page pass's first word may have lost its first letters to the fill glued before it (`***NINE` read
    /// `**KEN` `INE`, the parser's one-letter repair making INE a ONE: outside tuning 616 #68): a re-read whose word ends with
    /// the letters the page pass read there (`NINE`) holds that word, when the page pass's word was a repair and not a word as printed.
    /// </summary>
    internal static bool AddsOnly(string pageRead, string reRead)
    {
        if (!LegalAmountWords.TryParse(pageRead, out var before)) return true;
        if (!LegalAmountWords.TryParse(reRead, out var after) || after % 100 != before % 100) return false;
        var had = LegalAmountWords.Tokens(pageRead, out _, out var hadAsRead);
        var has = LegalAmountWords.Tokens(reRead);
        var k = 0;
        foreach (var token in has)
            if (k < had.Count && (token == had[k] || (k == 0 && FirstLettersLost(token, had[0], hadAsRead[0])))) k++;
        return k == had.Count;
    }

    /// <summary>
    /// The page pass's first word <paramref name="asRead"/> (repaired to <paramref name="repaired"/>) is the re-read's number word
    /// <paramref name="token"/> with its first letters lost: the repair was a guess, the re-read has the whole word.
    /// </summary>
    private static bool FirstLettersLost(string token, string repaired, string asRead) =>
        repaired != asRead && asRead.Length >= 2 && token.Length > asRead.Length && asRead.All(char.IsAsciiLetter)
        && token.EndsWith(asRead, StringComparison.Ordinal) && LegalAmountWords.IsNumberWord(token);

    /// <summary>
    /// The line of the row around <paramref name="row"/> (page coordinates), cut out across the page's whole width
    /// (<see cref="NumeralLine.Find"/>: rules and neighbours whitened) and read alone as it is and with its asterisk fill
    /// erased; the readings that say an amount whole (<see cref="TryParseWhole"/>). The engine gets its page back after.
    /// </summary>
    public static List<Read> ReadRow(OcrEngine engine, PageLayout page, PixelRect row)
    {
        var found = new List<Read>();
        var image = engine.Image!;
        var h = Math.Max(Math.Min(row.Height, 2 * page.TextHeight), 12);
        var band = PixelRect.FromEdges(0, row.Top - h / 2, image.Width, row.Bottom + h / 2);
        var line = NumeralLine.Find(image, band, page.TextHeight);
        if (line is null) return found;
        var erased = AsteriskFill.Erase(line, splitMerged: false);
        var whitelist = WhitelistFor(page, row);
        foreach (var read in new[] { MoneyOrderReader.ReadAlone(engine, line, whitelist), erased is null ? null : MoneyOrderReader.ReadAlone(engine, erased, whitelist) })
            if (read is not null && TryParseWhole(read.Text, out var cents))
                found.Add(new Read(cents, [], read.Text, read.MinConfidence));
        // Round 30: a stamp's lighter ink across the words: the line read once more with only its darkest ink.
        if (found.Count == 0 && NumeralLine.DarkInkOnly(line) is { } dark
            && MoneyOrderReader.ReadAlone(engine, dark, whitelist) is var darkRead && TryParseWhole(darkRead.Text, out var darkCents))
            found.Add(new Read(darkCents, [], darkRead.Text, darkRead.MinConfidence));
        // Round 32: words printed in dots that no read parsed, read with their dots joined (NumeralLine.DotsJoined).
        // Round 33: and once more black on white (NumeralLine.Binarized): the joined dots' gray edges read as one more digit
        // (`Ten and 66/1606` for `Ten and 00/100`, binarized `Ten and 66/160`: third generator's MoneyGram form, tuning 7 #198).
        if (found.Count == 0 && NumeralLine.DotsJoined(erased ?? line) is { } joined)
            foreach (var dots in new[] { joined, NumeralLine.Binarized(joined) })
                if (MoneyOrderReader.ReadAlone(engine, dots, whitelist) is var joinedRead && TryParseWhole(joinedRead.Text, out var joinedCents))
                {
                    found.Add(new Read(joinedCents, [], joinedRead.Text, joinedRead.MinConfidence));
                    break;
                }
        return found;
    }
}
