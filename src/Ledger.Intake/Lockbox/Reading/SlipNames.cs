using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Intake.Lockbox.Reading;

/// <summary>Names as the slip's reads spell them.</summary>
internal static class SlipNames
{
    /// <summary>
    /// The read without a first token of one or two characters that is not a word of the name (`E WILLIAMS, CHARLES`,
    /// `ME LINDA WALKER`: the rule's end or a speck at the start of a crop or cut-out line, outside tuning seeds 20 and 40),
    /// when two words of letters remain; else null. Only ever one more reading for the roster (or the purchaser's name) to
    /// confirm: a name by itself it is not.
    /// </summary>
    public static string? WithoutLeadingMark(string read)
    {
        var space = read.IndexOf(' ', StringComparison.Ordinal);
        if (space is not (1 or 2)) return null;
        var rest = read[(space + 1)..].Trim();
        if (rest.Length == 0 || !char.IsAsciiLetter(rest[0])) return null;
        // Round 27: a period read for the space between the names (`ME KEISHA.GONZALEZ`, outside tuning 637 #183) parts two words.
        var words = rest.Split([' ', ',', '.'], StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsAsciiLetter));
        return words >= 2 ? rest : null;
    }

    /// <summary>
    /// Round 24: the read ends at a comma (marks a rule or grain leaves after it aside): `LAST,` of a name written LAST, FIRST,
    /// the first name not read. Not a whole name, whatever words the last name has (`ST. JOHN,`, `DE LA CRUZ,`).
    /// </summary>
    public static bool EndsAtComma(string read) => read.TrimEnd(' ', '.', '_', '|', '-', '~', '\'', '"').EndsWith(',');

    /// <summary>
    /// How many of the name's words to keep: trailing words in lower case after a name typed in capitals are not part of it
    /// (`LOPEZ, DARNELL mesial aeapahcant`: the page pass reading a signature, a stamp's edge or grain beside the value as
    /// words; the crop, read with capitals only, spells `LOPEZ, DARNELL`). Dropped only when two words of capitals remain, so a
    /// name typed in mixed case is left as it is. The name kept still needs a second read to agree, or the roster.
    /// </summary>
    public static int WithoutTrailingJunk(IReadOnlyList<string> words)
    {
        var keep = BeforeLowerCase(words);
        if (keep == words.Count) return keep;
        var body = words.Take(keep).ToList();
        var capitals = body.All(w => !w.Any(char.IsLower)) && body.Count(w => w.Count(char.IsAsciiLetter) >= 2) >= 2;
        return capitals ? keep : words.Count;
    }

    /// <summary>How many words come before the trailing words holding lower case (all of them when none do).</summary>
    public static int BeforeLowerCase(IReadOnlyList<string> words)
    {
        var keep = words.Count;
        while (keep > 0 && words[keep - 1].Any(char.IsLower)) keep--;
        return keep;
    }

    /// <summary>
    /// Round 9: a name in capitals of one word followed by lower-case words (`HERNANDEZ, pee ee cee ere` for HERNANDEZ, LUIS,
    /// tuning seed 8400 #261: the skewed rule under the first name read as words; `RICHARD Ba Sc` on a held-back slip). The
    /// junk is not dropped (one word would remain, and a name of one word is no name), but the name as read lacks a word:
    /// the reads that look for a lost word are made, as for a name read as one word. Only readings for the roster come of it.
    /// </summary>
    public static bool LostWordBehindJunk(IReadOnlyList<string> words)
    {
        var keep = BeforeLowerCase(words);
        return keep > 0 && keep < words.Count && words.Take(keep).Count(w => w.Count(char.IsAsciiLetter) >= 2) == 1
            && words.Take(keep).All(w => !w.Any(char.IsLower));
    }

    /// <summary>
    /// Round 40: whether page word <paramref name="next"/> stands where the next word of a name ending at <paramref name="last"/>
    /// would: its top on the name's line, at least as tall as the name's letters (less a fifth: its box may take in the field's
    /// frame below, `mun` 51 px tall beside `LA` 21), a word's gap after it (less than one and a half letter heights). Grain and
    /// a signature read as words lie farther off or lower. Only more readings come of it, for the roster to confirm.
    /// </summary>
    public static bool NextWordOf(PageLayout page, int last, int next)
    {
        var (a, b) = (page.Words[last].Box, page.Words[next].Box);
        var h = Math.Max(a.Height, 10);
        return Math.Abs(b.Top - a.Top) <= 0.3 * h && b.Height >= 0.8 * a.Height && b.Left >= a.Right && b.Left - a.Right < 1.5 * h;
    }

    /// <summary>
    /// Round 41: glyphs as tall as the word's letters, two or more, start a word's space after the page word <paramref name="word"/>
    /// (from a third to one and a half print heights on, on its row) and no page word covers them: the page pass lost a whole
    /// word there (`ELIZABETH DE LA` at 95 for the plainly typed ELIZABETH DE LA CRUZ, third tuning 14 #99, a noisy slip).
    /// </summary>
    public static bool WordAfter(GrayImage image, PageLayout page, int word)
    {
        var box = page.Words[word].Box;
        var h = Math.Max(box.Height, 10);
        var reach = PixelRect.FromEdges(box.Right, box.Top, Math.Min(image.Width, box.Right + 3 * h), box.Bottom);
        if (reach.IsEmpty) return false;
        var glyphs = DigitShape.Glyphs(image, reach).Where(g => g.Box.Height >= 0.6 * box.Height && g.Box.VerticalOverlap(box) > 0.5).OrderBy(g => g.Box.Left).ToList();
        if (glyphs.Count < 2 || glyphs[0].Box.Left - box.Right < h / 3 || glyphs[0].Box.Left - box.Right > 1.5 * h) return false;
        return !glyphs.Take(2).Any(g => UnderAnotherWord(page, word, g.Box));
    }

    /// <summary>A page word other than <paramref name="word"/> covers the glyph's middle on its row: the page pass read it.</summary>
    private static bool UnderAnotherWord(PageLayout page, int word, PixelRect glyph) =>
        Enumerable.Range(0, page.Words.Count).Any(j => j != word && page.Words[j].Box.Left <= glyph.Left + glyph.Width / 2
            && page.Words[j].Box.Right > glyph.Left + glyph.Width / 2 && page.Words[j].Box.VerticalOverlap(glyph) > 0.5);

    /// <summary>
    /// Round 23: a glyph as tall as the word's letters starts within half a print height after the page word
    /// <paramref name="word"/> (a letter's gap, not a word's space), and no page word covers it: the page pass stopped short of
    /// the value's last letter (`TORRE` for TORRES, outside tuning 612 #179, a clean typed slip).
    /// </summary>
    public static bool LetterAfter(GrayImage image, PageLayout page, int word)
    {
        var box = page.Words[word].Box;
        var h = Math.Max(box.Height, 10);
        var reach = PixelRect.FromEdges(box.Left, box.Top, Math.Min(image.Width, box.Right + h), box.Bottom);
        return DigitShape.Glyphs(image, reach).Any(g => g.Box.Left >= box.Right - 1 && g.Box.Left - box.Right < h / 2
            && g.Box.Height >= 0.6 * box.Height && !UnderAnotherWord(page, word, g.Box));
    }
}
