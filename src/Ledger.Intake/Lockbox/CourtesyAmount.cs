using System.Globalization;
using System.Text.RegularExpressions;

namespace Ledger.Intake.Lockbox;

/// <summary>
/// The amount in numerals: "$125.00", "$***125.00", "$ 125.00", "$1,250.00" or "125 DOLLARS 00 CENTS".
/// Strict: a comma where the cents should be, a third decimal, or a stray character and it refuses.
/// </summary>
public static partial class CourtesyAmount
{
    [GeneratedRegex(@"^\$\**(?<d>[1-9]\d{0,2}(,\d{3})+|[1-9]\d*|0)\.(?<c>\d\d)\**$", RegexOptions.CultureInvariant)]
    private static partial Regex DollarSign();

    [GeneratedRegex(@"^\$\**[1-9]\d*,\d\d\**$", RegexOptions.CultureInvariant)]
    private static partial Regex CommaCents();

    // Round 19: the point before the cents read as a colon ("$ 196:70": a speck or the paper's grain beside the point; a clean
    // prairie-bank order of tuning seed 9737 #125 whose numerals were then no reading at all). A colon with exactly two digits
    // after it, at the end, can only be the cents, as a comma there; thousands commas before it as in DollarSign.
    [GeneratedRegex(@"^\$\**([1-9]\d{0,2}(,\d{3})+|[1-9]\d*):\d\d\**$", RegexOptions.CultureInvariant)]
    private static partial Regex ColonCents();

    // The end of "CENTS" lost to the paper's edge or a speck ("00 CENT", "00 CEN", "00 ¢") leaves the amount whole: digits,
    // DOLLARS and two digits of cents. A form that prints the line past its own edge leaves only "C", "CI" or "CE!" of it
    // (outside forms, round 9), or that C with the box's edge through it, read as "€" (round 10). Only ever accepted where the
    // words say the same amount.
    // Round 16: the cents "00" read as the letters "oo" ("87 DOLLARS oo CENTS", western-union tuning seed 9671 #177): between
    // DOLLARS and CENTS only two digits stand, and O is what OCR makes of a 0; only 00 (a letter O beside a digit is not taken).
    [GeneratedRegex(@"^(?<d>[1-9]\d*)DOLLARS(?<c>\d\d|[0O]{2})(CENTS|C[A-Z!|1]{0,3}|¢|€)$", RegexOptions.CultureInvariant)]
    private static partial Regex InWords();

    /// <summary>
    /// Numerals as OCR returns them from a page: <see cref="TryParse"/> after dropping what a box edge, a bracket or
    /// a speck reads as at either end ("($341.00", "$621.27,"), and a bare "325.00" whose dollar sign and asterisk fill
    /// OCR lost. Only ever used where the amount in words must say the same amount before anything is accepted.
    /// </summary>
    public static bool TryParseFound(string? text, out long cents)
    {
        cents = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c))).TrimStart('(', '[', '{', '|', '‘', '\'', '"', '“', '-', '_', '~')
            .TrimEnd(')', ']', '}', '|', ',', '.', '_', '~', '\'', '"', '’', '”', '-', ':', ';');
        if (TryParse(compact, out cents)) return true;
        // "942 DOLLARS 00. CENTS": a speck between the words.
        if (compact.Contains("DOLLARS", StringComparison.OrdinalIgnoreCase) && TryParse(compact.Replace(".", "", StringComparison.Ordinal), out cents)) return true;
        return BareAmount().IsMatch(compact) && TryParse("$" + compact, out cents);
    }

    [GeneratedRegex(@"^([1-9]\d{0,2}(,\d{3})+|[1-9]\d*)\.\d\d$", RegexOptions.CultureInvariant)]
    private static partial Regex BareAmount();

    /// <summary>
    /// Round 30: numerals whose point OCR dropped, its cents left as a group of two digits after a space (`$5 52`, `$*****5 52`).
    /// Only for a line whose pixels show the point there (Reading/NumeralLine.PointBeforeLastTwo); as every numerals' reading,
    /// only ever accepted where the words say the same amount.
    /// </summary>
    public static bool TryParsePointLost(string? text, out long cents)
    {
        cents = 0;
        var m = text is null ? null : PointLost().Match(text.Trim());
        return m is { Success: true } && TryParse($"{m.Groups["d"].Value}.{m.Groups["c"].Value}", out cents);
    }

    [GeneratedRegex(@"^(?<d>\$?\**\s?([1-9]\d{0,2}(,\d{3})+|[1-9]\d*))\s+(?<c>\d\d)\**$", RegexOptions.CultureInvariant)]
    private static partial Regex PointLost();

    // Round 13: "634 DOLLARS 05" and nothing of CENTS: the form printed the line past the scan's edge and the whole word is lost.
    [GeneratedRegex(@"^(?<d>[1-9]\d*)DOLLARS(?<c>\d\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex CentsWordLost();

    /// <summary>
    /// Round 13: numerals "634 DOLLARS 05" whose CENTS the scan's edge cut off whole (outside tuning seed 351 #114: the box
    /// printed past the paper, a sliver of the C left): the dollars, the word DOLLARS and two digits of cents still say the
    /// amount. Only for a run the caller found ending at the scan's edge, and, as every numerals' reading, only ever accepted
    /// where the words say the same amount.
    /// </summary>
    public static bool TryParseCutAtEdge(string? text, out long cents)
    {
        cents = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        // Round 16: the form's frame glued after the cents, read as a closing bracket or bar ("547 DOLLARS 00)"), as TryParseFound trims.
        var m = CentsWordLost().Match(Compact(text).TrimEnd(')', ']', '}', '|'));
        return m.Success && TryCentsOf(m, out cents);
    }

    public static bool TryParse(string? text, out long cents)
    {
        cents = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var compact = Compact(text);
        // OCR often reads a dollar sign as S; an S in front of asterisks or digits can be nothing else here.
        if (compact.Length > 1 && compact[0] == 'S' && (compact[1] == '*' || char.IsAsciiDigit(compact[1]))) compact = "$" + compact[1..];
        var m = DollarSign().Match(compact);
        if (!m.Success && CommaCents().IsMatch(compact))
        {
            // "$47,50": a comma followed by exactly two digits at the end can only be the cents (thousands have three);
            // OCR reads the point as a comma at low resolution.
            var comma = compact.LastIndexOf(',');
            m = DollarSign().Match(compact[..comma] + "." + compact[(comma + 1)..]);
        }
        if (!m.Success && ColonCents().IsMatch(compact))
        {
            var colon = compact.LastIndexOf(':');
            m = DollarSign().Match(compact[..colon] + "." + compact[(colon + 1)..]);
        }
        if (!m.Success) m = InWords().Match(compact);
        return m.Success && TryCentsOf(m, out cents);
    }

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    /// <summary>The amount of a match's dollars (group d, thousands commas allowed) and cents (group c); at most 9 digits of dollars.</summary>
    private static bool TryCentsOf(Match m, out long cents)
    {
        cents = 0;
        var digits = m.Groups["d"].Value.Replace(",", "", StringComparison.Ordinal);
        if (digits.Length > 9) return false;
        cents = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) * 100
              + long.Parse(m.Groups["c"].Value.Replace('O', '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        return cents > 0;
    }
}
