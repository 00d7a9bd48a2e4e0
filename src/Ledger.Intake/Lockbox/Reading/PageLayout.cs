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
    public PageLayout(IReadOnlyList<OcrWord> words, int width, int height)
    {
        // Slivers a few pixels high are form rules read as "ee" or "—", not text.
        Words = words.Where(w => w.Box.Height >= 10).OrderBy(w => w.Box.Top).ThenBy(w => w.Box.Left).ToList();
        Keys = Words.Select(w => Normalize(w.Text)).ToArray();
        Width = width;
        Height = height;
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
            if (Keys[i] != tokens[0]) continue;
            var chain = new List<int> { i };
            var ok = true;
            for (var t = 1; t < tokens.Length && ok; t++)
            {
                var prev = Words[chain[^1]];
                var next = Enumerable.Range(0, Words.Count)
                    .Where(j => !chain.Contains(j) && Keys[j] == tokens[t]
                        && Words[j].Box.Left > prev.Box.Left && Words[j].Box.VerticalOverlap(prev.Box) > 0.5
                        && Words[j].Box.Left - prev.Box.Right < 3 * Math.Max(prev.Box.Height, 10))
                    .OrderBy(j => Words[j].Box.Left)
                    .Cast<int?>()
                    .FirstOrDefault();
                if (next is null) ok = false;
                else chain.Add(next.Value);
            }
            if (!ok) continue;
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
            right = Words[j].Box.Right;
        }
        return result;
    }

    /// <summary>The words of the first row under the label that starts near the label's left edge.</summary>
    public List<int> Below(PixelRect label, ISet<int> stop, double maxDropInHeights = 4, int? rightLimit = null)
    {
        var h = Math.Max(label.Height, 10);
        var limit = rightLimit ?? Width;
        var candidates = Enumerable.Range(0, Words.Count)
            .Where(j => !stop.Contains(j) && Words[j].Box.Top > label.Bottom - h / 3 && Words[j].Box.Top < label.Bottom + maxDropInHeights * h
                && Words[j].Box.Left >= label.Left - 2 * h && Words[j].Box.Left < limit)
            .OrderBy(j => Words[j].Box.Top)
            .ToList();
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
