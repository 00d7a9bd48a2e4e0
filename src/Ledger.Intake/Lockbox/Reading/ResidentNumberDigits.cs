using System.Text.RegularExpressions;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;

namespace Ledger.Intake.Lockbox.Reading;

/// <summary>
/// The RESIDENT NUMBER box read again as digits alone, when the page pass and the crop did not settle it. The crop is read
/// with letters allowed (an agency's own number may hold some), and on a grainy or stamped slip the LSTM then spells the
/// box as letters (`AONE`, `GIES`) or as two numbers a digit apart: held-back seeds 900012/900013 left legible orders
/// waiting on such slips with the name read. Read with the digits and the dash only, the crop and the line cut out of the
/// pixels (<see cref="NumeralLine"/>) give register-shaped readings; they are only ever alternatives that the decider takes
/// when the roster holds that number under the whole name the slip reads (<c>LockboxDecider.ConfirmedByRoster</c>), never
/// a number by themselves.
/// </summary>
internal static partial class ResidentNumberDigits
{
    public const string Characters = "0123456789-";

    /// <summary>
    /// A read one digit too long (`47019-9071` for 47019-071, tuning seed 7800; `52245-0110`): with a character list the LSTM
    /// now and then reads a digit twice. The register-shaped numbers left when one digit that repeats its neighbour (across
    /// the dash too) is dropped; more readings for the roster only.
    /// </summary>
    public static IReadOnlyList<string> Undoubled(string read)
    {
        var digits = string.Concat(read.Where(char.IsAsciiDigit));
        if (digits.Length != 9 || read.Count(c => c == '-') > 1) return [];
        return Enumerable.Range(1, digits.Length - 1).Where(i => digits[i - 1] == digits[i])
            .Select(i => digits.Remove(i, 1)).Select(rest => $"{rest[..5]}-{rest[5..]}").Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Round 9: a read with one digit too many on one side of its dash (`57660-0928` for 57660-028 from the page pass and the
    /// crop alike, tuning seed 8400 #51: a digit put in that no neighbour repeats, so <see cref="Undoubled"/> misses it). The
    /// dash read in its place says which side holds the extra digit: the register-shaped numbers left when any one digit of
    /// that side is dropped. More readings for the roster only (a number the roster holds under the whole name the slip reads).
    /// </summary>
    public static IReadOnlyList<string> WithoutExtraDigit(string read)
    {
        var parts = read.Trim().Split('-');
        if (parts.Length != 2 || !parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit))) return [];
        var (head, tail) = (parts[0], parts[1]);
        IEnumerable<string> numbers = (head.Length, tail.Length) switch
        {
            (5, 4) => Enumerable.Range(0, 4).Select(i => $"{head}-{tail.Remove(i, 1)}"),
            (6, 3) => Enumerable.Range(0, 6).Select(i => $"{head.Remove(i, 1)}-{tail}"),
            _ => [],
        };
        return numbers.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The digits a letter of a register number is misread from, on the slips' print (`7S771-516`, `27Q13-482`).</summary>
    private static readonly Dictionary<char, char[]> DigitsLike = new()
    {
        ['O'] = ['0'], ['Q'] = ['0'], ['D'] = ['0'], ['U'] = ['0'], ['I'] = ['1'], ['L'] = ['1'], ['T'] = ['1', '7'], ['Z'] = ['2'],
        ['A'] = ['4'], ['S'] = ['5'], ['G'] = ['6'], ['B'] = ['8'],
    };

    /// <summary>
    /// Round 10: a read shaped as a register number (five characters, the dash, three) but for one or two letters that look like
    /// digits (`7S771-516` for 75771-516, a clean MoneyGram slip of tuning seed 9100 #260): the numbers with those letters read as
    /// the digits they look like. More readings for the roster only (a number the roster holds under the whole name the slip
    /// reads); a read with any other letter, or more than two, gives none.
    /// </summary>
    public static IReadOnlyList<string> LettersAsDigits(string read)
    {
        var text = read.Trim().ToUpperInvariant();
        // Round 26: eight characters with the dash lost as well (`SA784520` for 54784-520, an other-bank slip of ours tuning 9825
        // #127), as PersonNumber.RegisterNumberFromDigits takes eight digits: the dash goes back after the fifth.
        if (text.Length == 8 && !text.Contains('-', StringComparison.Ordinal)) text = text[..5] + "-" + text[5..];
        if (text.Length != 9 || text[5] != '-') return [];
        var letters = Enumerable.Range(0, 9).Where(i => i != 5 && !char.IsAsciiDigit(text[i])).ToList();
        if (letters.Count is 0 or > 2 || letters.Any(i => !DigitsLike.ContainsKey(text[i]))) return [];
        IEnumerable<string> numbers = [text];
        foreach (var i in letters)
            numbers = numbers.SelectMany(n => DigitsLike[text[i]].Select(d => string.Concat(n.AsSpan(0, i), d.ToString(), n.AsSpan(i + 1))));
        return numbers.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Round 9: the place a whole register number (NNNNN-NNN, nine characters) takes, when the page pass read fewer than its
    /// eight digits there (`31925-` at 80 for 31925-566, tuning seed 8400 #83; `40042-` on a held-back slip: the rest of the
    /// print not taken as a word, so the crop around the word read cut it too). Widened from the characters read to eleven
    /// widths, one and a half before them (a first digit lost) and the rest after; null when the read holds eight digits or
    /// none. What it reads is one more reading for the roster only.
    /// </summary>
    public static PixelRect? WholeNumberPlace(PixelRect value, string pageText, int pageWidth, int pageHeight)
    {
        var text = pageText.Trim();
        var digits = text.Count(char.IsAsciiDigit);
        if (digits is 0 or >= 8 || value.IsEmpty) return null;
        var charWidth = (double)value.Width / text.Length;
        var left = value.Left - (int)(1.5 * charWidth);
        var right = value.Left + (int)Math.Ceiling(9.5 * charWidth);
        var margin = Math.Max(6, value.Height / 3);
        var place = PixelRect.FromEdges(left, value.Top - margin, Math.Max(right, value.Right + margin), value.Bottom + margin).ClampTo(pageWidth, pageHeight);
        return place.IsEmpty ? null : place;
    }

    /// <summary>
    /// Round 24: the text whose characters measure the number's word for <see cref="WholeNumberPlace"/>: the page pass's when it
    /// holds a digit; else, when the page pass read the word as letters (`eos` for the `19708` it boxed, the rest of the print
    /// not boxed), the crop's read of it without the marks at its ends, when that is digits and dashes with a digit.
    /// </summary>
    public static string MeasuredText(string pageText, string cropRead)
    {
        if (pageText.Any(char.IsAsciiDigit)) return pageText;
        var crop = cropRead.Trim().Trim('-', '_', '.', ',', '|', '—', '–');
        return crop.Length > 0 && crop.All(c => char.IsAsciiDigit(c) || c == '-') ? crop : pageText;
    }

    /// <summary>
    /// Round 32: where the form prints the number, read whatever the page pass made of it: the strip right of the label up to
    /// the next column, and the strip under it (a value typed under its label) from eight heights left of the label (the label
    /// found may be NUMBER alone) to the next column. The page pass boxed part of a number as a word of noise (`a` at 0 over the
    /// first four digits of a mono `72928-790`, third tuning 6 #117: every crop of that word read `72928-7`), took a speck
    /// right of the label for the value while the number under it was read at 90 (`ont,` of a stamp, #125), or read stamp ink
    /// as marks between its digits (`4.0.033-195`, #191). Each strip is read as digits (the plain crop, its line cut out of the
    /// pixels, and both again with only the darkest ink when a stamp's lighter ink is there); the register numbers they spell,
    /// and those left when marks between digits are dropped, are readings for the roster only.
    /// </summary>
    public static IEnumerable<string> StripReads(OcrEngine engine, PageLayout page, PixelRect label, int nextColumn,
        Func<OcrEngine, GrayImage, string?, OcrText> readAlone)
    {
        // The label's print height: a stamp or a box edge glued to it stretches its box (66 px for 18 px print, #124).
        var h = Math.Max(8, Math.Min(label.Height, Math.Max(page.TextHeight, 8)));
        var right = Math.Max(nextColumn, label.Right + 4 * h);
        var beside = PixelRect.FromEdges(label.Right, label.Top - h, right, label.Bottom + h).ClampTo(page.Width, page.Height);
        var under = PixelRect.FromEdges(label.Left - 8 * h, label.Bottom - h / 3, right, label.Bottom + 5 * h).ClampTo(page.Width, page.Height);
        var textHeight = Math.Max(8, (int)(0.7 * h));
        foreach (var strip in new[] { beside, under })
        {
            if (strip.IsEmpty) continue;
            var reads = new List<string> { engine.Read(strip, PageSegMode.SingleLine, Characters + ".").Text };
            if (NumeralLine.Find(engine.Image!, strip, textHeight) is { } line) reads.Add(readAlone(engine, line, Characters + ".").Text);
            // A stamp's lighter ink over the number (`PAID` over `40033-195`, #191) goes when only the darkest ink is kept.
            if (NumeralLine.DarkInkOnly(engine.Image!.Crop(strip)) is { } dark)
            {
                reads.Add(readAlone(engine, dark, Characters + ".").Text);
                if (NumeralLine.Find(dark, dark.Bounds, textHeight) is { } darkLine) reads.Add(readAlone(engine, darkLine, Characters + ".").Text);
            }
            foreach (var read in reads)
                foreach (var number in RegisterNumbers(read).Concat(RegisterNumbers(WithoutMarksBetweenDigits(read))))
                    yield return number;
        }
    }

    /// <summary>Every register number (NNNNN-NNN) standing alone in a read.</summary>
    public static IEnumerable<string> RegisterNumbers(string read) =>
        RegisterToken().Matches(read).Select(m => $"{m.Groups[1].Value}-{m.Groups[2].Value}");

    /// <summary>A read with the dots, commas and quotes between two digits dropped: specks of a stamp or grain read as marks.</summary>
    public static string WithoutMarksBetweenDigits(string read) => MarkBetweenDigits().Replace(read, "");

    [GeneratedRegex(@"(?<![\dA-Za-z])(\d{5}) ?- ?(\d{3})(?![\dA-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex RegisterToken();

    [GeneratedRegex(@"(?<=\d)[.,'’`‘]+(?=\d)", RegexOptions.CultureInvariant)]
    private static partial Regex MarkBetweenDigits();

    /// <param name="region">The number's crop on the engine's page.</param>
    /// <param name="cleanLine">The number's line cut out of the pixels, if found.</param>
    /// <param name="readAlone">Reads one line image on its own with a character list; the engine gets its page back after.</param>
    public static IEnumerable<string> Reads(OcrEngine engine, PixelRect region, GrayImage? cleanLine, Func<OcrEngine, GrayImage, string?, OcrText> readAlone)
    {
        yield return engine.Read(region, PageSegMode.SingleLine, Characters).Text;
        if (cleanLine is not null) yield return readAlone(engine, cleanLine, Characters).Text;
        // Round 9: the crop at twice the size. On clear mono print the LSTM read `57660-0928` for 57660-028 from every read
        // at the page's size (tuning seed 8400 #51) and the right digits at twice it.
        var crop = region.ClampTo(engine.Image!.Width, engine.Image.Height);
        if (!crop.IsEmpty) yield return readAlone(engine, engine.Image.Crop(crop).Scale(2), Characters).Text;
    }
}
