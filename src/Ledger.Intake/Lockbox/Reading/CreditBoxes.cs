namespace Ledger.Intake.Lockbox.Reading;

/// <summary>The slip's CREDIT TO row found without its label (round 9).</summary>
internal static class CreditBoxes
{
    /// <summary>
    /// A stand-in for the `CREDIT TO:` label when OCR did not read it (a stamp over it: outside tuning seed 20 #50, the three box
    /// words read clearly beside it): each of the box words found once on the page, on one row, left to right as the form prints
    /// them (a box glued to its word read as a letter or two before it); the label is taken to end room for a box before the first word. Null otherwise. The boxes are then found and
    /// measured as under the label (<c>MoneyOrderReader.ReadCreditTo</c>): nothing is loosened in what counts as a mark.
    /// </summary>
    /// <remarks>Round 32: the first word (TRUST) and one other are enough (`eo` for MEDIA beside `crept to:`, a clean third-generator
    /// slip, tuning 6 #37): the boxes are still three squares on the row, taken left to right from before the first word.</remarks>
    public static LabelHit? LabelFromWords(PageLayout page, IReadOnlyList<string> words)
    {
        var found = words.Select(w => Enumerable.Range(0, page.Words.Count).Where(j => IsBoxWord(page.Keys[j], w)).ToList()).ToList();
        if (found.Any(f => f.Count > 1) || found[0].Count == 0 || found.Count(f => f.Count == 1) < 2) return null;
        var boxes = found.Where(f => f.Count == 1).Select(f => page.Words[f[0]].Box).ToList();
        for (var i = 1; i < boxes.Count; i++)
            if (boxes[i].Left <= boxes[i - 1].Right || boxes[i].VerticalOverlap(boxes[i - 1]) < 0.3) return null;
        var first = boxes[0];
        var h = Math.Max(Math.Min(first.Height, page.TextHeight), 8);
        var end = first.Left - 4 * h;
        return end <= 0 ? null : new LabelHit([], Imaging.PixelRect.FromEdges(end - 1, first.Top, end, first.Bottom));
    }

    /// <summary>
    /// Round 32: the label's `TO:` alone when OCR read `CREDIT` as noise or not at all and lost box words too (`TO:` at 88 beside
    /// a box glued into `Trust`, noisy third-generator slip, tuning 5 #109; `TO:` with TRUST lost on a skewed one, tuning 6 #69):
    /// the one word on the slip that reads exactly `TO:`, the colon included. Null when there is none or more than one.
    /// </summary>
    public static LabelHit? LabelFromTo(PageLayout page)
    {
        var to = Enumerable.Range(0, page.Words.Count).Where(j => page.Words[j].Text.Trim().ToUpperInvariant() == "TO:").Take(2).ToList();
        return to.Count == 1 ? new LabelHit(to, page.Words[to[0]].Box) : null;
    }

    /// <summary>
    /// The word as OCR may read it, its box glued to it read as a letter or two before it (`LJTRUST`, `XMEDIA`). Round 20: or as
    /// strokes around those (`[X)/MEDIA`, key `X)/MEDIA`, under a stamp on outside tuning seed 558 #41): at most two letters and
    /// five characters before the word.
    /// </summary>
    internal static bool IsBoxWord(string key, string word)
    {
        if (PageLayout.IsWord(key, word)) return true;
        if (!key.EndsWith(word, StringComparison.Ordinal)) return false;
        var box = key[..^word.Length];
        return box.Length <= 5 && box.Count(char.IsLetterOrDigit) <= 2;
    }

    /// <summary>
    /// Where the `CREDIT TO:` print ends: the label's box, unless OCR glued the first box to `TO` as strokes after it (`TO:.{-]`,
    /// outside tuning seed 557 #60: the box read as the label's). Then the end is taken at `TO:`'s share of the word's
    /// characters, never further right than the box's end.
    /// Round 23: the label's last word is the one that starts rightmost, and the print ends with it: OCR boxed `CREDIT` over
    /// `TO:` and the TRUST box to TRUST's end on a skewed slip (outside tuning seed 620 #64: 345 px for six letters), and the
    /// box it covered was not looked at ("2 boxes on the row").
    /// </summary>
    internal static int LabelPrintEnd(PageLayout page, LabelHit label)
    {
        if (label.WordIndexes.Count == 0) return label.Box.Right;
        var last = label.WordIndexes.MaxBy(j => page.Words[j].Box.Left);
        var word = page.Words[last].Box;
        var text = page.Words[last].Text.ToUpperInvariant();
        var to = text.LastIndexOf("TO", StringComparison.Ordinal);
        if (to < 0) return word.Right;
        var end = to + 2;
        if (end < text.Length && text[end] == ':') end++;
        if (end == text.Length || text[end..].Any(char.IsLetterOrDigit)) return word.Right;
        return Math.Min(word.Right, word.Left + word.Width * end / text.Length);
    }
}
