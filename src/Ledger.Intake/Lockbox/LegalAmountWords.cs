using System.Globalization;
using System.Text;

namespace Ledger.Intake.Lockbox;

/// <summary>
/// The legal amount of a money order in words, e.g. "ONE HUNDRED TWENTY-FIVE AND 00/100 DOLLARS".
/// The parser is strict: one unknown or misplaced word and it refuses, because a lenient reading
/// of a smudged word is exactly how a wrong amount gets posted. The one leniency: a single misread letter in a word
/// of the amount, which can only be one word (see <c>Corrected</c>); and two in a long word when both are dot-matrix
/// misreads (<c>DottedMisread</c>).
/// </summary>
public static class LegalAmountWords
{
    private static readonly string[] Units =
        ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN",
         "ELEVEN", "TWELVE", "THIRTEEN", "FOURTEEN", "FIFTEEN", "SIXTEEN", "SEVENTEEN", "EIGHTEEN", "NINETEEN"];

    private static readonly string[] Tens = ["", "", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY"];

    public const long MaxCents = 999_999_99;

    /// <summary>Writes 12500 as "ONE HUNDRED TWENTY-FIVE AND 00/100 DOLLARS".</summary>
    public static string ToWords(long cents)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cents, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cents, MaxCents);
        var dollars = cents / 100;
        var sb = new StringBuilder();
        if (dollars >= 1000)
        {
            AppendGroup(sb, (int)(dollars / 1000));
            sb.Append(" THOUSAND");
        }
        if (dollars % 1000 != 0)
        {
            if (sb.Length > 0) sb.Append(' ');
            AppendGroup(sb, (int)(dollars % 1000));
        }
        sb.Append(CultureInfo.InvariantCulture, $" AND {cents % 100:00}/100 DOLLARS");
        return sb.ToString();
    }

    private static void AppendGroup(StringBuilder sb, int n)
    {
        if (n >= 100)
        {
            sb.Append(Units[n / 100]).Append(" HUNDRED");
            n %= 100;
            if (n == 0) return;
            sb.Append(' ');
        }
        if (n < 20) sb.Append(Units[n]);
        else
        {
            sb.Append(Tens[n / 10]);
            if (n % 10 != 0) sb.Append('-').Append(Units[n % 10]);
        }
    }

    /// <summary>
    /// Parses the words back to cents; false for anything that is not exactly such a phrase. Accepted shapes (the
    /// forms issuers print): NUMBER AND xx/100 [DOLLARS], NUMBER DOLLARS [AND] xx CENTS, NUMBER DOLLARS AND xx/100,
    /// with or without hyphens, fenced or padded with asterisks or dashes.
    /// </summary>
    public static bool TryParse(string? text, out long cents)
    {
        cents = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var tokens = Tokens(text);
        var pos = 0;
        if (!TryNumber(tokens, ref pos, out var dollars) || dollars == 0) return false;
        var sawDollars = Take(tokens, ref pos, "DOLLARS");
        var sawAnd = Take(tokens, ref pos, "AND");
        int c;
        if (pos < tokens.Count && TryCents(tokens[pos], out c))
        {
            // xx/100: AND must come first; DOLLARS may follow (or came before).
            if (!sawAnd) return false;
            pos++;
            if (!sawDollars) Take(tokens, ref pos, "DOLLARS");
        }
        else if (sawDollars && pos + 1 < tokens.Count && tokens[pos].Length == 2 && tokens[pos].All(char.IsAsciiDigit) && tokens[pos + 1] == "CENTS")
        {
            c = (tokens[pos][0] - '0') * 10 + tokens[pos][1] - '0';
            pos += 2;
        }
        else return false;
        if (pos != tokens.Count) return false;
        cents = dollars * 100 + c;
        return cents <= MaxCents;
    }

    /// <summary>
    /// The words parse (<see cref="TryParse"/>) and every one of them was read as printed: no misread letter corrected, no
    /// fence letters taken off a first word, no split word joined, no denominator read as another number. What the page pass read
    /// that plainly is a print of the number independent of the numerals (round 9: it settles a digit shape of the dollars).
    /// </summary>
    public static bool ReadsPlainly(string? text)
    {
        if (!TryParse(text, out _)) return false;
        Tokens(text!, out var repaired);
        return !repaired;
    }

    /// <summary>
    /// Round 33: the words parse and the words before their last AND (the dollars: `TEN` of `TEN AND 66/166 DOLLARS`, `SEVENTY
    /// DOLLARS` of `SEVENTY DOLLARS AND 66 CENTS`) were read as printed; the cents after it may have been repaired (a denominator
    /// read as another number, an O for a zero). The cents are numerals in both prints and always judged by their glyphs; what the
    /// dollars' letters say is independent of how the page pass read the fraction's digits (a dot-matrix `00/100` read `66/166`
    /// beside `TEN`: third generator's grocery form, tuning 7 #141).
    /// </summary>
    public static bool ReadsDollarsPlainly(string? text)
    {
        if (!TryParse(text, out _)) return false;
        var upper = text!.ToUpperInvariant();
        var and = System.Text.RegularExpressions.Regex.Matches(upper, "(?<![A-Z])AND(?![A-Z])").LastOrDefault();
        if (and is null || and.Index == 0) return ReadsPlainly(text);
        Tokens(upper[..and.Index], out var repaired);
        return !repaired;
    }

    /// <summary>Upper-case words, hyphenated numbers split, asterisk and dash filler dropped.</summary>
    internal static List<string> Tokens(string text) => Tokens(text, out _);

    /// <summary>As <see cref="Tokens(string)"/>; <paramref name="repaired"/> tells whether any word was repaired on the way.</summary>
    internal static List<string> Tokens(string text, out bool repaired) => Tokens(text, out repaired, out _);

    /// <summary>
    /// As <see cref="Tokens(string, out bool)"/>; <paramref name="asRead"/> holds each token before a misread letter in it was
    /// corrected (the fill cut off a first word and split words joined already), index for index.
    /// </summary>
    internal static List<string> Tokens(string text, out bool repaired, out List<string> asRead)
    {
        repaired = false;
        // Specks between words read as "." "~" "“" "'" (FORTY. “TWO, DOLLARS.AND.00, FOUR'DOLLARS): separators, not parts of a word.
        // Round 30: so is an asterisk between words (`AND*00/100`, a stamp's edge in the gap: third generator's tuning 4 #131);
        // no letter of a number word is read as one.
        var spaced = new string(text.ToUpperInvariant().Select(ch => ch is '.' or ',' or ':' or ';' or '_' or '|' or '"' or '~' or '“' or '”' or '‘' or '’' or '=' or '\'' or '*' ? ' ' : ch).ToArray());
        var tokens = spaced
            .Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Trim('*', '=', '.', ',', ':', ';', '_', '|', '\'', '"', '~'))
            .SelectMany(SplitHyphen)
            .ToList();
        // Printers fill the rest of the line with asterisks or dashes.
        tokens.RemoveAll(t => t.Trim('*', '-', '=').Length == 0);
        // Round 33: the cents run into the word after them (`AND~00CENTS`: third generator's postal form, tuning 7 #35).
        for (var i = 0; i < tokens.Count; i++)
            if (System.Text.RegularExpressions.Regex.Match(tokens[i], "^([0-9]{2}(?:/100)?)(CENTS|DOLLARS)$") is { Success: true } glued)
            {
                tokens[i] = glued.Groups[2].Value;
                tokens.Insert(i, glued.Groups[1].Value);
                repaired = true;
            }
        // Round 33: two words OCR ran together (`ONEHUNDRED`, or `ONEWHUNDRED` with a stamp's speck read between them: third
        // generator's MoneyGram form, tuning 7 #41): a token no word of the amount, made of exactly two of them, at most one
        // character between, in exactly one way. One character cannot hide a number word.
        for (var i = 0; i < tokens.Count; i++)
            if (JoinedWords(tokens[i]) is { } pair)
            {
                tokens[i] = pair.Second;
                tokens.Insert(i, pair.First);
                repaired = true;
            }
        // A word OCR split in two ("S EVEN", "FOR TY"): two pieces, neither a word of the amount, that make one exactly.
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (Array.IndexOf(Vocabulary, tokens[i]) >= 0 || Array.IndexOf(Vocabulary, tokens[i + 1]) >= 0 || Corrected(tokens[i + 1]) != tokens[i + 1]) continue;
            if (!tokens[i].All(char.IsAsciiLetter) || !tokens[i + 1].All(char.IsAsciiLetter) || Array.IndexOf(Vocabulary, tokens[i] + tokens[i + 1]) < 0) continue;
            tokens[i] += tokens[i + 1];
            tokens.RemoveAt(i + 1);
            repaired = true;
        }
        // Asterisks fenced tight against the first word come back as letters ("**KQONE"): a first word that is a number
        // word behind a few such letters is that number word. The amount must still agree with the numerals.
        // No number word starts with K, Q, X, *, #, + or &, so they cannot be its first letter; the rest may have one misread
        // letter ("**kSTX", "*KKGEVEN": SIX, SEVEN), as any word of the amount. An E or F among them ("*eKSEVEN", "*kFQOUR":
        // fill read as KF, then FOUR with its F read as Q) only beside a letter that can be nothing but fill: EIGHT, ELEVEN and
        // the F words start with them.
        // Round 10: exactly one number word must fit, whatever the cut, and the first word as it is with one letter misread
        // counts as a fit too: "KINE" is NINE, or a K before ONE; "*FQEVEN" is SEVEN behind "F", or TEN behind "FQE"; such a
        // word is no reading (the exhaustive tests found them: the numerals agreeing with either must not settle it).
        if (tokens.Count > 0 && !IsNumberWord(tokens[0]))
        {
            var t = tokens[0];
            var whole = Corrected(t);
            var cuts = Enumerable.Range(1, Math.Max(0, Math.Min(3, t.Length - 1)))
                .Where(cut => t[..cut].All(ch => ch is 'K' or 'Q' or 'X' or '*' or '#' or '+' or '&' or 'E' or 'F') && IsNumberWord(Corrected(t[cut..])))
                .ToList();
            var fits = cuts.Select(cut => Corrected(t[cut..])).Concat(IsNumberWord(whole) ? [whole] : []).Distinct().Count();
            if (fits > 1)
            {
                tokens[0] = "??" + t;
                repaired = true;
            }
            else if (!IsNumberWord(whole) && cuts.Where(cut => t[..cut].Any(ch => ch is not ('E' or 'F'))).Cast<int?>().FirstOrDefault() is { } cut)
            {
                tokens[0] = t[cut..];
                repaired = true;
            }
        }
        asRead = [.. tokens];
        for (var i = 0; i < tokens.Count; i++)
        {
            var corrected = Corrected(tokens[i]);
            repaired |= corrected != tokens[i];
            tokens[i] = corrected;
        }
        return tokens;
    }

    private static readonly string[] Vocabulary =
        [.. Units.Skip(1), .. Tens.Skip(2), "HUNDRED", "THOUSAND", "AND", "DOLLARS", "CENTS"];

    /// <summary>
    /// One letter misread in a word of the amount ("STX" for SIX, "FTVE" for FIVE) is that word: no two words of the
    /// vocabulary of the same length differ in one letter only, so the correction is never a choice between two. An "O"
    /// for a zero in the cents ("OO CENTS", "O0/100") is a zero. The amount still stands only if the numerals agree.
    /// </summary>
    private static string Corrected(string token)
    {
        // Round 33: and an `@`, Tesseract's read of a dotted zero (`AND 6@ CENTS`: third generator's MoneyGram form, tuning 4 #153).
        if (token.Length >= 2 && token.Length <= 6 && token[..2].Any(ch => ch is 'O' or '@')
            && (token.Length == 2 || token[2..] == "/100") && token[..2].All(ch => ch is 'O' or '@' or (>= '0' and <= '9')))
            return token[..2].Replace('O', '0').Replace('@', '0') + token[2..];
        // The denominator is always 100: one character of it misread ("94/160", "69/300") says nothing about the amount, the
        // cents before it stand as read (and must still agree with the numerals).
        // Round 30: two, when both are what a dotted 1 or 0 is read as (`82/288`, `00/1E@` in dot-matrix print: third generator's
        // MoneyGram form, tuning 4 #130).
        if (token.Length == 6 && token[2] == '/' && char.IsAsciiDigit(token[0]) && char.IsAsciiDigit(token[1]) && token[3..] != "100"
            && token[3..].Zip("100").Count(p => p.First != p.Second) is var misread
            && (misread == 1 || (misread == 2 && token[3..].All(ch => char.IsAsciiDigit(ch) || ch is '@' or 'O' or 'E' or 'L' or 'I'))))
            return token[..3] + "100";
        // Round 33: one character more, where the denominator is a 1 and three of what a dotted 0 is read as, one of them a
        // misread (`66/1660` over a dot-matrix `00/100`: third generator's grocery form, tuning 6 #165; a plain `94/1000` is still
        // refused, as since round 9). The cents before it stand as read.
        if (token.Length == 7 && token[2] == '/' && char.IsAsciiDigit(token[0]) && char.IsAsciiDigit(token[1]) && token[3] == '1'
            && token[4..].All(ch => ch is '0' or '6' or '8' or '9' or '@' or 'O') && token[4..].Any(ch => ch != '0'))
            return token[..3] + "100";
        if (token.Length < 3 || Array.IndexOf(Vocabulary, token) >= 0) return token;
        string? match = null;
        foreach (var word in Vocabulary)
        {
            if (word.Length != token.Length) continue;
            var differ = 0;
            for (var k = 0; k < word.Length && differ < 2; k++) if (word[k] != token[k]) differ++;
            if (differ != 1) continue;
            if (match is not null) return token;
            match = word;
        }
        return match ?? DottedMisread(token) ?? token;
    }

    /// <summary>
    /// Round 45: a word of five letters or more with exactly two letters misread, each as dot-matrix print is misread: an F read
    /// as E (a speck under its last row of dots), an I read as T (its lower serif's dots lost). `***ETFTY DOLLARS AND 00 CENTS***`
    /// and `***ETFTEEN AND 66/188` (third grocery tuning 27 #118, held-back 5040 #91: FIFTY and FIFTEEN in dots). Only when one
    /// word of the vocabulary is so reached; the amount still stands only if the numerals agree.
    /// </summary>
    private static string? DottedMisread(string token)
    {
        if (token.Length < 5) return null;
        string? match = null;
        foreach (var word in Vocabulary)
        {
            if (word.Length != token.Length) continue;
            var differ = 0;
            var dotted = true;
            for (var k = 0; k < word.Length; k++)
                if (word[k] != token[k])
                {
                    differ++;
                    dotted &= (token[k], word[k]) is ('E', 'F') or ('T', 'I');
                }
            if (differ != 2 || !dotted) continue;
            if (match is not null) return null;
            match = word;
        }
        return match;
    }

    private static bool Take(List<string> tokens, ref int pos, string word)
    {
        if (pos >= tokens.Count || tokens[pos] != word) return false;
        pos++;
        return true;
    }

    /// <summary>The two words of the amount a token is, run together with at most one character between; null unless exactly one way.</summary>
    internal static (string First, string Second)? JoinedWords(string token)
    {
        if (token.Length < 6 || Array.IndexOf(Vocabulary, token) >= 0 || !token.All(char.IsAsciiLetter)) return null;
        var splits = new List<(string, string)>();
        for (var cut = 3; cut <= token.Length - 3; cut++)
            for (var gap = 0; gap <= 1 && cut + gap <= token.Length - 3; gap++)
                if (Array.IndexOf(Vocabulary, token[..cut]) >= 0 && Array.IndexOf(Vocabulary, token[(cut + gap)..]) >= 0)
                    splits.Add((token[..cut], token[(cut + gap)..]));
        return splits.Count == 1 ? splits[0] : null;
    }

    private static IEnumerable<string> SplitHyphen(string token)
    {
        // "TWENTY-FIVE" is two words; a lone hyphen or filler is dropped by the caller.
        if (token.Length > 1 && token.Contains('-', StringComparison.Ordinal) && token.Trim('-').Length > 0 && !token.All(c => c is '-' or '*'))
            return token.Split('-', StringSplitOptions.RemoveEmptyEntries);
        return [token];
    }

    private static bool TryCents(string token, out int cents)
    {
        cents = 0;
        return token.Length == 6 && token.EndsWith("/100", StringComparison.Ordinal)
            && char.IsAsciiDigit(token[0]) && char.IsAsciiDigit(token[1])
            && int.TryParse(token.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out cents);
    }

    private static bool TryNumber(List<string> tokens, ref int pos, out long value)
    {
        value = 0;
        var start = pos;
        if (!TryGroup(tokens, ref pos, out var first)) return false;
        if (pos < tokens.Count && tokens[pos] == "THOUSAND")
        {
            pos++;
            value = first * 1000L;
            var save = pos;
            if (TryGroup(tokens, ref pos, out var rest)) value += rest;
            else pos = save;
            return true;
        }
        value = first;
        return pos > start;
    }

    /// <summary>1..999: [UNIT HUNDRED] [TENS[-UNIT] | TEEN | UNIT].</summary>
    private static bool TryGroup(List<string> tokens, ref int pos, out int value)
    {
        value = 0;
        var start = pos;
        if (pos + 1 < tokens.Count && UnitValue(tokens[pos]) is >= 1 and <= 9 && tokens[pos + 1] == "HUNDRED")
        {
            value = UnitValue(tokens[pos]) * 100;
            pos += 2;
        }
        if (pos < tokens.Count)
        {
            var tens = Array.IndexOf(Tens, tokens[pos]);
            if (tens >= 2)
            {
                value += tens * 10;
                pos++;
                if (pos < tokens.Count && UnitValue(tokens[pos]) is >= 1 and <= 9)
                {
                    value += UnitValue(tokens[pos]);
                    pos++;
                }
            }
            else if (UnitValue(tokens[pos]) is >= 1 and <= 19)
            {
                value += UnitValue(tokens[pos]);
                pos++;
            }
        }
        return pos > start && value > 0;
    }

    private static int UnitValue(string token) => Array.IndexOf(Units, token);

    /// <summary>A word that can be part of a number in words (ONE … NINETY, HUNDRED, THOUSAND).</summary>
    public static bool IsNumberWord(string token) =>
        UnitValue(token) >= 1 || Array.IndexOf(Tens, token) >= 2 || token is "HUNDRED" or "THOUSAND";
}
