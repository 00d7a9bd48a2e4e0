using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;

namespace Ledger.Intake.Lockbox.Reading;

/// <summary>A label found on the page: its words and the box around them.</summary>
internal sealed record LabelHit(IReadOnlyList<int> WordIndexes, PixelRect Box);

/// <summary>
/// The words of a layout pass, with helpers to find printed labels and the words that belong to
/// them (to the right on the same row, or on the row under them). Nothing here knows pixel
/// positions of any one template.
/// </summary>
internal sealed class PageLayout
{
    /// <param name="restoreCollapsedWords">Round 21 (the deposit slip): a word whose box OCR collapsed onto the rule under it is
    /// kept, with its neighbour's height (<see cref="Uncollapsed"/>).</param>
    public PageLayout(IReadOnlyList<OcrWord> words, int width, int height, bool restoreCollapsedWords = false)
    {
        // Slivers a few pixels high are form rules read as "ee" or "—", not text.
        var kept = words.Where(w => w.Box.Height >= 7).ToList();
        if (restoreCollapsedWords) kept.AddRange(words.Where(w => w.Box.Height < 7).Select(w => Uncollapsed(w, kept)).OfType<OcrWord>().ToList());
        Words = kept.OrderBy(w => w.Box.Top).ThenBy(w => w.Box.Left).ToList();
        Keys = Words.Select(w => Normalize(w.Text)).ToArray();
        Width = width;
        Height = height;
        Segments = BuildSegments();
    }

    /// <summary>
    /// Runs of words on one row with no wide gap between them, top to bottom: a field's value, a label, a line of
    /// print. Built from the boxes alone, so columns a form keeps apart stay apart whatever Tesseract's blocks say.
    /// </summary>
    public IReadOnlyList<List<int>> Segments { get; }

    private List<List<int>> BuildSegments()
    {
        var byLeft = Enumerable.Range(0, Words.Count).OrderBy(j => Words[j].Box.Left).ToList();
        var used = new bool[Words.Count];
        var segments = new List<List<int>>();
        foreach (var start in byLeft)
        {
            if (used[start]) continue;
            used[start] = true;
            var segment = new List<int> { start };
            while (true)
            {
                var last = Words[segment[^1]].Box;
                var h = Math.Max(last.Height, 8);
                var next = byLeft.Where(j => !used[j] && Words[j].Box.Left >= last.Left + last.Width / 2
                        && Words[j].Box.Left - last.Right < 1.6 * h && Words[j].Box.VerticalOverlap(last) > 0.5)
                    .Cast<int?>().FirstOrDefault();
                if (next is not { } n) break;
                used[n] = true;
                segment.Add(n);
            }
            segments.Add(segment);
        }
        return segments.OrderBy(s => Words[s[0]].Box.Top).ThenBy(s => Words[s[0]].Box.Left).ToList();
    }

    /// <summary>
    /// Round 21: a word of capitals OCR boxed one or two pixels high on the rule under it (`RICHARD` 148x2 beside `ANDERSON`
    /// 157x57, `BARBARA` 167x1 beside `TAYLOR`, `DAVID` 108x2 after `DE LA CRUZ,` on tuning seeds 9760/9761 slips: the first or
    /// last name dropped as a sliver, and the name waited). It is print, not a rule read as text, when it lies within the
    /// height of a word beside it on its row (a gap under two of that word's heights) and is as wide for its characters as
    /// that word (0.6–1.6 times): rules read as text are lower case (`ee`, `aoe`) or far wider than their letters (`ES` 734 px).
    /// The word takes its neighbour's top and height; null when it is no such word. What it reads still needs its evidence.
    /// Round 25: a quote mark read at the sliver's start or end (`‘JESSICA` 159x2 at 59 beside `TORRES`, ours tuning 9803 #207: a
    /// speck at the rule's edge) is no character of a typed value and does not make the word a rule; the letters are judged.
    /// </summary>
    internal static OcrWord? Uncollapsed(OcrWord sliver, IReadOnlyList<OcrWord> words)
    {
        var text = sliver.Text.Trim().Trim('‘', '’', '“', '”', '"', '`');
        var chars = text.Count(char.IsAsciiLetterOrDigit);
        if (text.Count(char.IsAsciiLetter) < 2 || text.Any(char.IsLower) || text.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not (',' or '.' or '\'' or '-')))
            return null;
        var box = sliver.Box;
        var beside = words.Where(n => n.Box.Height >= 7 && n.Box.Top <= box.Top && box.Bottom <= n.Box.Bottom + 2
                && n.Text.Count(char.IsAsciiLetterOrDigit) >= 2
                && Math.Max(n.Box.Left - box.Right, box.Left - n.Box.Right) < 2 * n.Box.Height)
            .Where(n =>
            {
                var ratio = ((double)box.Width / chars) / ((double)n.Box.Width / n.Text.Count(char.IsAsciiLetterOrDigit));
                return ratio is >= 0.6 and <= 1.6;
            })
            .OrderBy(n => Math.Max(n.Box.Left - box.Right, box.Left - n.Box.Right))
            .FirstOrDefault();
        return beside is null ? null : sliver with { Box = new PixelRect(box.Left, beside.Box.Top, box.Width, beside.Box.Height) };
    }

    /// <summary>The median word height: the page's text size, whatever the scan's dpi.</summary>
    public int TextHeight
    {
        get
        {
            if (Words.Count == 0) return 20;
            var heights = Words.Select(w => w.Box.Height).Order().ToList();
            return heights[heights.Count / 2];
        }
    }

    /// <summary>A printed label word as OCR may have read it: exact, or one letter off for words of four letters or more.</summary>
    public static bool IsWord(string key, string word) =>
        key == word || (word.Length >= 4 && Math.Abs(key.Length - word.Length) <= 1 && Levenshtein(key, word) <= (word.Length >= 8 ? 2 : 1));

    internal static int Levenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }

    public IReadOnlyList<OcrWord> Words { get; }
    public string[] Keys { get; }
    public int Width { get; }
    public int Height { get; }

    /// <summary>Upper case, without the punctuation that labels carry or lose ("NAME:", "ZIP,").</summary>
    public static string Normalize(string text)
    {
        var upper = text.ToUpperInvariant();
        var start = 0;
        var end = upper.Length;
        while (start < end && !char.IsLetterOrDigit(upper[start])) start++;
        while (end > start && !char.IsLetterOrDigit(upper[end - 1])) end--;
        return upper[start..end];
    }

    public string AllText => string.Join(' ', Keys);

    /// <summary>Every place where the given words follow one another on one row.</summary>
    public IEnumerable<LabelHit> Find(params string[] tokens)
    {
        for (var i = 0; i < Words.Count; i++)
        {
            if (!IsWord(Keys[i], tokens[0])) continue;
            var chain = new List<int> { i };
            var ok = true;
            for (var t = 1; t < tokens.Length && ok; t++)
            {
                var prev = Words[chain[^1]];
                var next = Enumerable.Range(0, Words.Count)
                    .Where(j => !chain.Contains(j) && IsWord(Keys[j], tokens[t])
                        && Words[j].Box.Left > prev.Box.Left && Words[j].Box.VerticalOverlap(prev.Box) > 0.5
                        && Words[j].Box.Left - prev.Box.Right < 3 * Math.Max(prev.Box.Height, 10))
                    .OrderBy(j => Words[j].Box.Left)
                    .Cast<int?>()
                    .FirstOrDefault();
                if (next is null) ok = false;
                else chain.Add(next.Value);
            }
            if (!ok) continue;
            // Round 8: the label's last word split by OCR (`NAM` `E`, outside tuning seed 40 #144): the rest, glued to it, is label
            // too, not the value (the name was read as `E`).
            var tail = Words[chain[^1]].Box;
            if (Keys[chain[^1]] is var lastKey && lastKey.Length > 0 && lastKey != tokens[^1] && tokens[^1].StartsWith(lastKey, StringComparison.Ordinal)
                && Enumerable.Range(0, Words.Count).FirstOrDefault(j => !chain.Contains(j) && Keys[j] == tokens[^1][lastKey.Length..]
                    && Words[j].Box.Left >= tail.Right - 2 && Words[j].Box.Left - tail.Right < Math.Max(tail.Height, 10) / 2
                    && Words[j].Box.VerticalOverlap(tail) > 0.5, -1) is var rest and >= 0)
                chain.Add(rest);
            var box = chain.Select(j => Words[j].Box).Aggregate((a, b) => a.Union(b));
            yield return new LabelHit(chain, box);
        }
    }

    /// <summary>Words on the label's row to its right, up to a wide gap or a word in <paramref name="stop"/>.</summary>
    public List<int> RightOf(PixelRect label, ISet<int> stop, double maxFirstGapInHeights = 24, double maxGapInHeights = 2.5)
    {
        var h = Math.Max(label.Height, 10);
        var row = Enumerable.Range(0, Words.Count)
            .Where(j => Words[j].Box.Left >= label.Right - 2 && Words[j].Box.VerticalOverlap(label) > 0.4)
            .OrderBy(j => Words[j].Box.Left)
            .ToList();
        var result = new List<int>();
        var right = label.Right;
        foreach (var j in row)
        {
            if (stop.Contains(j)) break;
            var gap = Words[j].Box.Left - right;
            if (gap > (result.Count == 0 ? maxFirstGapInHeights : maxGapInHeights) * h) break;
            result.Add(j);
            // A word OCR boxed inside the one before it (`ae` on `HALL,` in `HALL, ae RICHARD`, tuning seed 9760 #450) does not
            // move the row's end back: the gap to the next word is from the furthest right any word reaches.
            right = Math.Max(right, Words[j].Box.Right);
        }
        return result;
    }

    /// <summary>The words of the first row under the label that starts near the label's left edge.</summary>
    /// <param name="byMiddle">A word whose middle is under the label counts even when its box reaches up beside the label (the
    /// deposit slip: OCR boxes a value over its rule 88 px tall, from the label's row down).</param>
    /// <param name="nearLabelFirst">The first row is the first that starts near the label's left edge: a speck far to the right a
    /// little higher than the value (`=` beside the slip's resident number, tuning seed 8200 #239) does not hide it (round 8).</param>
    public List<int> Below(PixelRect label, ISet<int> stop, double maxDropInHeights = 4, int? rightLimit = null, bool byMiddle = false,
        bool nearLabelFirst = false)
    {
        var h = Math.Max(label.Height, 10);
        var limit = rightLimit ?? Width;
        var candidates = Enumerable.Range(0, Words.Count)
            .Where(j => !stop.Contains(j) && (Words[j].Box.Top > label.Bottom - h / 3 || (byMiddle && Words[j].Box.CenterY > label.Bottom))
                && Words[j].Box.Top < label.Bottom + maxDropInHeights * h
                && Words[j].Box.Left >= label.Left - 2 * h && Words[j].Box.Left < limit)
            .OrderBy(j => Words[j].Box.Top)
            .ToList();
        bool NearLabel(int j) => Words[j].Box.Left <= label.Left + 6 * h;
        if (nearLabelFirst)
            candidates = candidates.Where(j => NearLabel(j) || candidates.Any(k => NearLabel(k) && Words[j].Box.VerticalOverlap(Words[k].Box) > 0.4)).ToList();
        if (candidates.Count == 0) return [];
        var first = Words[candidates[0]].Box;
        var row = candidates.Where(j => Words[j].Box.VerticalOverlap(first) > 0.4).OrderBy(j => Words[j].Box.Left).ToList();
        return Words[row[0]].Box.Left > label.Left + 6 * h ? [] : row;
    }

    /// <summary>The row after the given words (same left edge within a few heights), for multi-line values such as addresses.</summary>
    public List<int> NextRow(IReadOnlyList<int> row, ISet<int> stop)
    {
        if (row.Count == 0) return [];
        var box = Box(row);
        var h = Math.Max(row.Max(j => Words[j].Box.Height), 10);
        var candidates = Enumerable.Range(0, Words.Count)
            .Where(j => !row.Contains(j) && !stop.Contains(j) && Words[j].Box.Top > box.Top + h / 2 && Words[j].Box.Top < box.Bottom + 2.2 * h
                && Words[j].Box.Left >= box.Left - 2 * h && Words[j].Box.Left < box.Right + h)
            .OrderBy(j => Words[j].Box.Top)
            .ToList();
        if (candidates.Count == 0) return [];
        var first = Words[candidates[0]].Box;
        if (Math.Abs(candidates.Min(j => Words[j].Box.Left) - box.Left) > 2 * h) return [];
        return candidates.Where(j => Words[j].Box.VerticalOverlap(first) > 0.4).OrderBy(j => Words[j].Box.Left).ToList();
    }

    /// <summary>The run of words on word <paramref name="index"/>'s row with no wide gap between them.</summary>
    public List<int> Segment(int index, double maxGapInHeights = 2.0)
    {
        var seed = Words[index].Box;
        var h = Math.Max(seed.Height, 10);
        var row = Enumerable.Range(0, Words.Count).Where(j => Words[j].Box.VerticalOverlap(seed) > 0.4).OrderBy(j => Words[j].Box.Left).ToList();
        var at = row.IndexOf(index);
        var lo = at;
        var hi = at;
        while (lo > 0 && Words[row[lo]].Box.Left - Words[row[lo - 1]].Box.Right < maxGapInHeights * h) lo--;
        while (hi < row.Count - 1 && Words[row[hi + 1]].Box.Left - Words[row[hi]].Box.Right < maxGapInHeights * h) hi++;
        return row.GetRange(lo, hi - lo + 1);
    }

    public PixelRect Box(IEnumerable<int> words) => words.Select(j => Words[j].Box).Aggregate(default(PixelRect), (a, b) => a.Union(b));

    public string Text(IEnumerable<int> words) => string.Join(' ', words.Select(j => Words[j].Text));

    public double MinConfidence(IEnumerable<int> words) => words.Select(j => Words[j].Confidence).DefaultIfEmpty(0).Min();
}
