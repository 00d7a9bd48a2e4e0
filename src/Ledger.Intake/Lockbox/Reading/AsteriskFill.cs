using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Intake.Lockbox.Reading;

/// <summary>
/// Erases the asterisk fill of a courtesy amount ("$****321.62") by its shape, so that the numerals can be read alone.
/// Tesseract reads a run of asterisks beside digits as digits or letters ("S$. 4321 62", "$9708.32"). An asterisk is a
/// small blot that hangs from the top of the line: its bottom is well above the baseline the digits stand on. Digits,
/// the dollar sign (taller than the digits) and the point and comma (on the baseline) are left as they are.
/// </summary>
internal static class AsteriskFill
{
    /// <summary>
    /// The crop with every blot that stays in the upper part of the line whitened, on a white margin; null when no line of
    /// glyphs is found in it.
    /// </summary>
    /// <param name="splitMerged">Also take fill out of a wide blot where asterisks touch each other or the "$"; for numerals
    /// only: in words the overhang of a T or a Y would go with it.</param>
    public static GrayImage? Erase(GrayImage crop, bool splitMerged)
    {
        var ink = InkThreshold(crop);
        var blobs = Components(crop, ink);
        // A glyph does not touch the crop's top or bottom edge (a neighbouring line cut by the crop does), and it is not a
        // frame or a rule (thin ink over a wide box).
        var glyphs = blobs.Where(b => b.Box.Top > 0 && b.Box.Bottom < crop.Height && b.Pixels.Count >= 0.12 * b.Box.Width * b.Box.Height).ToList();
        if (glyphs.Count < 2) return null;
        // The line's glyph height: the tall components (digits, $) set it; asterisks are about half as tall.
        var tallest = glyphs.Max(b => b.Box.Height);
        var tall = glyphs.Where(b => b.Box.Height >= 0.6 * tallest && b.Box.Width < 2 * tallest).ToList();
        if (tall.Count < 2) return null;
        var height = Median(tall.Select(b => b.Box.Height));
        var top = Median(tall.Select(b => b.Box.Top));
        var baseline = Median(tall.Select(b => b.Box.Bottom));
        if (height < 8) return null;
        // Fill: not as tall as a digit, ending above the lower third of the line (a point or comma sits on the baseline), and
        // starting near the top of the line (a speck in the middle of the line is left for OCR to ignore).
        var fill = glyphs.Where(b => b.Box.Height < 0.75 * height && b.Box.Bottom < top + 0.72 * (baseline - top)
                                     && b.Box.Top < top + 0.35 * height && b.Box.Height >= 0.25 * height
                                     // an asterisk is about as wide as it is tall (a serif or a bar of a T that broke off is flat)
                                     && b.Box.Width >= 0.6 * b.Box.Height && b.Box.Width <= 1.6 * b.Box.Height).ToHashSet();
        var pixels = (byte[])crop.Pixels.Clone();
        var w = crop.Width;
        // Whiten each blot with its grey rim (its box, two pixels wider), except what lies within two pixels of other ink.
        var kept = new bool[pixels.Length];
        foreach (var b in blobs.Where(b => !fill.Contains(b)))
            foreach (var i in b.Pixels)
                for (var dy = -2; dy <= 2; dy++)
                    for (var dx = -2; dx <= 2; dx++)
                    {
                        int x = i % w + dx, y = i / w + dy;
                        if (x >= 0 && x < w && y >= 0 && y < crop.Height) kept[y * w + x] = true;
                    }
        foreach (var b in fill)
            for (var y = Math.Max(0, b.Box.Top - 2); y < Math.Min(crop.Height, b.Box.Bottom + 2); y++)
                for (var x = Math.Max(0, b.Box.Left - 2); x < Math.Min(w, b.Box.Right + 2); x++)
                    if (!kept[y * w + x]) pixels[y * w + x] = 255;
        // Asterisks that touch each other and the "$" make one wide blot: its columns whose ink all hangs in the upper part
        // of the line, over a run as wide as an asterisk, are fill too.
        var mid = top + 0.72 * (baseline - top);
        var fillColumns = new List<(int From, int To)>();
        foreach (var b in glyphs.Where(b => splitMerged && !fill.Contains(b) && b.Box.Width > 1.3 * height))
        {
            var lowest = new int[b.Box.Width];
            Array.Fill(lowest, -1);
            foreach (var i in b.Pixels) lowest[i % w - b.Box.Left] = Math.Max(lowest[i % w - b.Box.Left], i / w);
            for (var x = 0; x < lowest.Length;)
            {
                var end = x;
                while (end < lowest.Length && lowest[end] < mid) end++;
                if (end - x >= 0.3 * height)
                {
                    fillColumns.Add((b.Box.Left + x, b.Box.Left + end));
                    foreach (var i in b.Pixels.Where(i => i % w >= b.Box.Left + x && i % w < b.Box.Left + end)) pixels[i] = 255;
                }
                x = Math.Max(end, x + 1);
            }
        }

        // The columns the fill took are closed up (a wide gap splits the line for Tesseract: "$" and "17.00" are then
        // read as two lines, or not at all), and the line is brought to the glyph height Tesseract reads best.
        var gone = new bool[w];
        foreach (var b in fill)
            for (var x = Math.Max(0, b.Box.Left - 2); x < Math.Min(w, b.Box.Right + 2); x++) gone[x] = true;
        foreach (var (from, to) in fillColumns)
            for (var x = from; x < to; x++) gone[x] = true;
        for (var x = 0; x < w; x++)
        {
            if (!gone[x]) continue;
            for (var y = 0; y < crop.Height && gone[x]; y++) gone[x] = pixels[y * w + x] >= ink;
        }
        var columns = Enumerable.Range(0, w).Where(x => !gone[x]).ToList();
        // A white margin of half a line: Tesseract reads a line touching the crop's edge badly.
        var pad = Math.Max(8, height / 2);
        var pw = columns.Count + 2 * pad;
        var ph = crop.Height + 2 * pad;
        var padded = new byte[pw * ph];
        Array.Fill(padded, (byte)255);
        for (var y = 0; y < crop.Height; y++)
            for (var i = 0; i < columns.Count; i++) padded[(y + pad) * pw + pad + i] = pixels[y * w + columns[i]];
        var line = new GrayImage(pw, ph, padded);
        return height > 40 ? line.Scale(32.0 / height) : line;
    }

    /// <summary>Between the print's dark and the paper: the crop's own, as scans differ in contrast.</summary>
    internal static byte InkThreshold(GrayImage crop)
    {
        var histogram = Histogram(crop);
        var dark = Percentile(histogram, 0.01);
        var paper = Percentile(histogram, 0.6);
        // Halfway: lighter takes in the grain of a noisy scan, darker breaks the thin strokes of a serif print.
        return (byte)((dark + paper) / 2);
    }

    /// <summary>How many pixels of the image hold each gray level.</summary>
    internal static int[] Histogram(GrayImage image)
    {
        var histogram = new int[256];
        foreach (var p in image.Pixels) histogram[p]++;
        return histogram;
    }

    /// <summary>The gray level below which <paramref name="share"/> of the histogram's pixels lie.</summary>
    internal static byte Percentile(int[] histogram, double share)
    {
        var target = (long)(share * histogram.Sum(n => (long)n));
        long seen = 0;
        for (var v = 0; v < 256; v++)
            if ((seen += histogram[v]) > target) return (byte)v;
        return 255;
    }

    internal sealed record Blob(PixelRect Box, List<int> Pixels);

    /// <summary>8-connected components of ink (darker than <paramref name="ink"/>) of at least <paramref name="minPixels"/> pixels.</summary>
    internal static List<Blob> Components(GrayImage image, byte ink, int minPixels = 4)
    {
        var (w, h, px) = (image.Width, image.Height, image.Pixels);
        var seen = new bool[px.Length];
        var blobs = new List<Blob>();
        var stack = new Stack<int>();
        for (var start = 0; start < px.Length; start++)
        {
            if (seen[start] || px[start] >= ink) continue;
            var list = new List<int>();
            int minX = w, minY = h, maxX = -1, maxY = -1;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                list.Add(i);
                int x = i % w, y = i / w;
                minX = Math.Min(minX, x); maxX = Math.Max(maxX, x); minY = Math.Min(minY, y); maxY = Math.Max(maxY, y);
                for (var dy = -1; dy <= 1; dy++)
                {
                    var ny = y + dy;
                    if (ny < 0 || ny >= h) continue;
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var nx = x + dx;
                        if (nx < 0 || nx >= w) continue;
                        var n = ny * w + nx;
                        if (seen[n] || px[n] >= ink) continue;
                        seen[n] = true;
                        stack.Push(n);
                    }
                }
            }
            // Single specks of grain are no glyph (by default).
            if (list.Count >= minPixels) blobs.Add(new Blob(PixelRect.FromEdges(minX, minY, maxX + 1, maxY + 1), list));
        }
        return blobs;
    }

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
