using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Intake.Lockbox.Reading;

/// <summary>
/// The biggest line of glyphs in a region of the page, cut out on its own: the courtesy amount is the largest print in
/// its place (under or beside AMOUNT / DOLLARS AND CENTS, or inside its box), and the page pass often does not read it as
/// a line at all when a box's edges are glued to it (one tall word of noise such as "ene" or "pees Soe"). Found from the
/// pixels alone (ink components grouped into a line), so it does not depend on what OCR made of the place.
/// </summary>
internal static class NumeralLine
{
    /// <summary>
    /// The crop of the tallest line of at least three glyphs inside <paramref name="region"/> (in page coordinates), with a
    /// margin and with what is not a glyph (box edges, rules, frames) whitened; null when the region holds no such line.
    /// </summary>
    /// <param name="row">Round 30: the row of words the line is sought for (page coordinates): a line on it comes before a taller
    /// line above or below it (a slip's next field, typed larger or in another face, was cut out for the sender's street:
    /// third generator's slips, tuning 4 #2 and #25).</param>
    public static GrayImage? Find(GrayImage page, PixelRect region, int textHeight, PixelRect? row = null) =>
        Locate(page, region, textHeight, row)?.Image;

    /// <summary>
    /// Round 32: the line <see cref="Find"/> finds in the region, when it runs into the region's left or right edge (glyph-sized
    /// ink on the line's band cut by the edge, as near the line as its glyphs are to each other), found again in the region
    /// widened past that edge; null when it does not run out. A place taken from a caption beside the numerals may begin inside
    /// them: above-left of NOT VALID OVER, the place began inside `$*****60.00` (third generator's MoneyGram form, tuning 6
    /// #161), the 6 cut by its edge was left out and the rest read `30.00`.
    /// </summary>
    public static GrayImage? FindPastEdges(GrayImage page, PixelRect region, int textHeight)
    {
        var found = Locate(page, region, textHeight, null);
        var widened = false;
        for (var i = 0; i < 2 && found is { } f && (f.RunsOutLeft || f.RunsOutRight); i++)
        {
            var step = 12 * Math.Max(f.Box.Height, textHeight);
            var wider = PixelRect.FromEdges(f.RunsOutLeft ? region.Left - step : region.Left, region.Top, f.RunsOutRight ? region.Right + step : region.Right, region.Bottom)
                .ClampTo(page.Width, page.Height);
            if (wider == region) break;
            (region, widened) = (wider, true);
            found = Locate(page, region, textHeight, null);
        }
        return widened ? found?.Image : null;
    }

    /// <summary>A line found: its image, its glyphs' box on the page, and whether glyph-sized ink cut by the region's edge continues it.</summary>
    private sealed record LineFound(GrayImage Image, PixelRect Box, bool RunsOutLeft, bool RunsOutRight);

    private static LineFound? Locate(GrayImage page, PixelRect region, int textHeight, PixelRect? row)
    {
        region = region.ClampTo(page.Width, page.Height);
        if (region.IsEmpty) return null;
        var crop = page.Crop(region);
        var ink = AsteriskFill.InkThreshold(crop);
        var blobs = AsteriskFill.Components(crop, ink);
        // Glyph-sized ink: not a speck, not a frame or rule (thin ink over a wide box), not cut by the region's edge.
        // Round 24: nor a box's side, a line of ink one or two pixels wide as tall as the box, which is solid ink however thin:
        // postal's double-ruled DOLLARS AND CENTS box gave a "line" of its two left sides and the `$` (ours tuning 9782 #184,
        // `$*****95.35` in a bold serif face, 48 px `$`, 82 px sides), taller than the digits beside it, and the numerals were
        // never read. No glyph of print is that thin: a 1's or an I's stem is wider than a tenth of its height and 3 px.
        var glyphs = blobs.Where(b => b.Box.Top > 0 && b.Box.Bottom < crop.Height && b.Box.Left > 0 && b.Box.Right < crop.Width
                && b.Box.Height >= 0.6 * textHeight && b.Box.Height <= 5 * textHeight && b.Box.Width <= 8 * b.Box.Height
                && b.Box.Width >= Math.Max(3, 0.1 * b.Box.Height)
                && b.Pixels.Count >= 0.12 * b.Box.Width * b.Box.Height)
            .OrderBy(b => b.Box.Left).ToList();
        // Lines: glyphs that share most of their height with the line's first glyph, with no gap wider than three heights.
        var lines = new List<List<AsteriskFill.Blob>>();
        foreach (var g in glyphs)
        {
            var line = lines.FirstOrDefault(l => l[^1].Box.VerticalOverlap(g.Box) > 0.5 && g.Box.Left - l[^1].Box.Right < 3 * Math.Max(l[^1].Box.Height, g.Box.Height)
                && Math.Max(l[0].Box.Height, g.Box.Height) < 1.8 * Math.Min(l[0].Box.Height, g.Box.Height));
            if (line is null) lines.Add([g]);
            else line.Add(g);
        }
        var onRow = row is { } r ? r with { Left = r.Left - region.Left, Top = r.Top - region.Top } : (PixelRect?)null;
        var best = lines.Where(l => l.Count >= 3)
            .OrderByDescending(l => onRow is { } o && l.Select(b => b.Box).Aggregate((a, b) => a.Union(b)).VerticalOverlap(o) > 0.5)
            .ThenByDescending(l => Median(l.Select(b => b.Box.Height)))
            .ThenByDescending(l => l.Count)
            .FirstOrDefault();
        if (best is null) return null;
        var height = FillAwareHeight(best);
        var box = best.Select(b => b.Box).Aggregate((a, b) => a.Union(b));
        var lineBox = box.Inflate(height, Math.Max(4, height / 3)).ClampTo(crop.Width, crop.Height);
        // Whiten what is not print of this line: frames and rules (thin ink over a wide or tall box) and ink that crosses the
        // line's band edges (the neighbouring line, a box edge), so that the line stands alone on white.
        var pixels = (byte[])crop.Pixels.Clone();
        foreach (var b in blobs)
        {
            var frame = b.Pixels.Count < 0.12 * b.Box.Width * b.Box.Height || b.Box.Height > 1.6 * height;
            var outside = b.Box.Top < lineBox.Top || b.Box.Bottom > lineBox.Bottom;
            if (frame || outside)
                foreach (var i in b.Pixels) pixels[i] = 255;
        }
        // Ink cut by the region's side edge, on the line's band and about its glyphs' size, no further from its end glyph than
        // the line's widest gap allows: the line goes on past the edge.
        bool RunsOut(bool left) => blobs.Any(b => (left ? b.Box.Left == 0 : b.Box.Right == crop.Width)
            && b.Box.VerticalOverlap(box) > 0.5 && b.Box.Height >= 0.6 * height && b.Box.Height <= 1.6 * height
            && (left ? best[0].Box.Left - b.Box.Right : b.Box.Left - best[^1].Box.Right) < 3 * height);
        return new LineFound(new GrayImage(crop.Width, crop.Height, pixels).Crop(lineBox),
            box with { Left = box.Left + region.Left, Top = box.Top + region.Top }, RunsOut(left: true), RunsOut(left: false));
    }

    /// <summary>
    /// The tallest line of glyphs in <paramref name="region"/> that the page pass did not read: the boxes of the words it read
    /// (<paramref name="read"/>) are whitened first, so the title, the serial and the other print it was sure of do not compete.
    /// For courtesy numerals the page pass skipped or read as junk (a box on hatching, a skewed box) when no caption says where.
    /// </summary>
    public static GrayImage? FindUnread(GrayImage page, IEnumerable<PixelRect> read, PixelRect region, int textHeight) =>
        FindUnreadLines(page, read, region, textHeight, 1).FirstOrDefault().Image;

    /// <summary>
    /// Round 33: the unread lines of <see cref="FindUnread"/>, tallest first, each whitened before the next is sought, at most
    /// <paramref name="max"/>: a received stamp's date (`DEC 02 2026`, larger than the numerals) was the tallest unread line
    /// beside a clear `$****5.32` the page pass had not read at all (third generator's MoneyGram form, tuning 7 #118).
    /// </summary>
    /// <returns>Each line's image and its glyphs' box on the page.</returns>
    public static IEnumerable<(GrayImage Image, PixelRect Box)> FindUnreadLines(GrayImage page, IEnumerable<PixelRect> read, PixelRect region, int textHeight, int max)
    {
        region = region.ClampTo(page.Width, page.Height);
        if (region.IsEmpty) yield break;
        var crop = page.Crop(region);
        var pixels = (byte[])crop.Pixels.Clone();
        foreach (var box in read)
        {
            var b = box.Inflate(2, 2);
            for (var y = Math.Max(b.Top, region.Top); y < Math.Min(b.Bottom, region.Bottom); y++)
                for (var x = Math.Max(b.Left, region.Left); x < Math.Min(b.Right, region.Right); x++)
                    pixels[(y - region.Top) * crop.Width + x - region.Left] = 255;
        }
        for (var k = 0; k < max; k++)
        {
            var unread = new GrayImage(crop.Width, crop.Height, (byte[])pixels.Clone());
            if (Locate(unread, unread.Bounds, textHeight, null) is not { } found) yield break;
            yield return (found.Image, found.Box with { Left = found.Box.Left + region.Left, Top = found.Box.Top + region.Top });
            var done = found.Box.Inflate(2, 2).ClampTo(crop.Width, crop.Height);
            for (var y = done.Top; y < done.Bottom; y++)
                for (var x = done.Left; x < done.Right; x++)
                    pixels[y * crop.Width + x] = 255;
        }
    }

    /// <summary>
    /// Round 25: the ruled boxes of the page above <paramref name="above"/>, top to bottom: frames much wider than a line of print
    /// (ten text heights or more, less than the page's own frame) and two to eight lines tall, whose ink runs along their edges
    /// (print inside a box is ink of its own). The courtesy amount is printed in such a box on many forms (postal's DOLLARS AND
    /// CENTS box); its rules say where it is when the page pass read neither the numerals nor their caption (a skewed page's
    /// date row read into the caption as one line of junk, `20S ans AND. dbs`: ours tuning 9805 #197).
    /// </summary>
    public static List<PixelRect> RuledBoxes(GrayImage page, int textHeight, int above)
    {
        var h = Math.Max(textHeight, 12);
        var region = PixelRect.FromEdges(0, 0, page.Width, Math.Min(above, page.Height));
        if (region.IsEmpty) return [];
        var crop = page.Crop(region);
        // A form's rules are hairlines, lighter than the print's strokes: ink is anything a fifth of the way from paper to print.
        var ink = DigitShape.InkThresholdAt(crop, 0.8);
        return AsteriskFill.Components(crop, ink)
            .Where(b => b.Box.Width >= 10 * h && b.Box.Width < 0.9 * page.Width && b.Box.Height >= 2 * h && b.Box.Height <= 8 * h
                && b.Pixels.Count < 0.25 * b.Box.Width * b.Box.Height && Inside(b, b.Box.Inflate(-h / 2, -h / 2), crop.Width) < 0.1 * b.Pixels.Count)
            .Select(b => b.Box)
            .OrderBy(b => b.Top).ToList();

        static int Inside(AsteriskFill.Blob b, PixelRect inner, int width) =>
            b.Pixels.Count(i => i % width >= inner.Left && i % width < inner.Right && i / width >= inner.Top && i / width < inner.Bottom);
    }

    /// <summary>
    /// Round 30: whether the line prints a point before its last two digits: a dot on the baseline, far smaller than a digit,
    /// between the last two glyphs of a digit's height and the one before them. Tesseract drops a point set wide in a bold
    /// face (`$5 52` read from `$*****5.52`: third generator's Western Union form, tuning 4 #167); the pixels still show it.
    /// </summary>
    public static bool PointBeforeLastTwo(GrayImage line)
    {
        var blobs = AsteriskFill.Components(line, AsteriskFill.InkThreshold(line));
        if (blobs.Count < 4) return false;
        var tallest = blobs.Max(b => b.Box.Height);
        var digits = blobs.Where(b => b.Box.Height >= 0.7 * tallest).OrderBy(b => b.Box.Left).ToList();
        if (digits.Count < 3) return false;
        var (before, first) = (digits[^3].Box, digits[^2].Box);
        var height = first.Height;
        var baseline = first.Bottom;
        return blobs.Any(b => b.Box.Left >= before.Right - 1 && b.Box.Right <= first.Left + 1
            && b.Box.Height <= 0.3 * height && b.Box.Width <= 0.4 * height && b.Box.Height >= 0.08 * height
            && Math.Abs(b.Box.Bottom - baseline) <= 0.15 * height);
    }

    /// <summary>
    /// Round 30: the crop with its thin strokes gone: ink no thicker than two pixels (a signature's pen line across the numerals:
    /// third generator's credit union form, tuning 4 #187 `$75.00` under a signature's loops) glues every glyph into one blob,
    /// and no line of glyphs is found. A 3×3 opening of the ink (paper grown over it, then the ink grown back) removes such
    /// strokes and keeps bold print, whose strokes are wider.
    /// </summary>
    public static GrayImage WithoutThinStrokes(GrayImage crop) => Filter3(Filter3(crop, lightest: true), lightest: false);

    /// <summary><see cref="Find"/> in the region with its thin strokes gone (<see cref="WithoutThinStrokes"/>).</summary>
    public static GrayImage? FindWithoutThinStrokes(GrayImage page, PixelRect region, int textHeight)
    {
        region = region.ClampTo(page.Width, page.Height);
        if (region.IsEmpty) return null;
        var opened = WithoutThinStrokes(page.Crop(region));
        return Find(opened, opened.Bounds, textHeight);
    }

    /// <summary>Each pixel replaced by the lightest (or darkest) of its 3×3 neighbourhood, one pass across then one down.</summary>
    private static GrayImage Filter3(GrayImage image, bool lightest)
    {
        var (w, h, src) = (image.Width, image.Height, image.Pixels);
        var across = new byte[src.Length];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var v = src[y * w + x];
                if (x > 0) v = lightest ? Math.Max(v, src[y * w + x - 1]) : Math.Min(v, src[y * w + x - 1]);
                if (x < w - 1) v = lightest ? Math.Max(v, src[y * w + x + 1]) : Math.Min(v, src[y * w + x + 1]);
                across[y * w + x] = v;
            }
        var down = new byte[src.Length];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var v = across[y * w + x];
                if (y > 0) v = lightest ? Math.Max(v, across[(y - 1) * w + x]) : Math.Min(v, across[(y - 1) * w + x]);
                if (y < h - 1) v = lightest ? Math.Max(v, across[(y + 1) * w + x]) : Math.Min(v, across[(y + 1) * w + x]);
                down[y * w + x] = v;
            }
        return new GrayImage(w, h, down);
    }

    /// <summary>
    /// Round 30: the line with only its darkest ink kept, or null when it has little lighter ink. A stamp or a blot of gray ink
    /// across the words (third generator's `LOCKBOX BATCH` stamp over `FIFTEEN DOLLARS AND 00/100`: the print 0–50, the stamp's
    /// grain 110–210 on paper at 230) glues to the letters and the read fails; everything lighter than two fifths of the way
    /// from the darkest ink to the paper is whitened. Only where the lighter ink is at least as much as the dark (a clean line's
    /// anti-aliased rims are far less): a clean line is not read twice.
    /// </summary>
    public static GrayImage? DarkInkOnly(GrayImage line)
    {
        var histogram = AsteriskFill.Histogram(line);
        int dark = AsteriskFill.Percentile(histogram, 0.005), paper = AsteriskFill.Percentile(histogram, 0.5);
        if (paper - dark < 60) return null;
        var cut = dark + 0.4 * (paper - dark);
        var lighter = 0.85 * paper + 0.15 * dark;
        int darkInk = 0, lightInk = 0;
        for (var v = 0; v < 256; v++)
            if (v < cut) darkInk += histogram[v];
            else if (v < lighter) lightInk += histogram[v];
        if (darkInk == 0 || lightInk < darkInk) return null;
        var pixels = line.Pixels.Select(p => p < cut ? p : (byte)255).ToArray();
        return new GrayImage(line.Width, line.Height, pixels);
    }

    /// <summary>
    /// Round 32: a line printed in dots with its dots joined into strokes (averaged over the lattice's pitch, as the digit shapes
    /// are judged since round 31), or null when the line is no dot print. Tesseract reads dot-matrix print poorly as dots: a
    /// clean grocery form's `$ 200.04` read `266.64` from its line and `$ 200.04` at 91 with its dots joined (third tuning 7 #21,
    /// which still waits: its words in dots read `64/106` as they are, `84/188` joined); `50 DOLLARS 00 CENTS` in bold dots (#120) now posts.
    /// </summary>
    public static GrayImage? DotsJoined(GrayImage line) =>
        DigitShape.IsDotMatrix(line) ? line.BoxBlur(Math.Max(3, DigitShape.LatticePitch(line) | 1)) : null;

    /// <summary>
    /// The line as black glyphs on white paper with a margin around: grain left on a noisy scan's gray paper (which the
    /// page pass and a plain crop read as nothing, "" or "1", on seed 7800's noisy orders) is dropped, the glyphs kept whole.
    /// Ink is what <see cref="AsteriskFill.InkThreshold"/> finds; a component smaller than a decimal point is grain.
    /// </summary>
    public static GrayImage Binarized(GrayImage line)
    {
        var ink = AsteriskFill.InkThreshold(line);
        var minPixels = Math.Max(6, line.Height * line.Height / 200);
        var margin = Math.Max(8, line.Height / 3);
        var (w, h) = (line.Width + 2 * margin, line.Height + 2 * margin);
        var pixels = new byte[w * h];
        Array.Fill(pixels, (byte)255);
        foreach (var b in AsteriskFill.Components(line, ink).Where(b => b.Pixels.Count >= minPixels))
            foreach (var i in b.Pixels)
                pixels[(i / line.Width + margin) * w + i % line.Width + margin] = 0;
        return new GrayImage(w, h, pixels);
    }

    /// <summary>
    /// The line's glyph height: the median glyph's, unless the line is mostly asterisk fill. Round 19 (postal, `$******5.00`;
    /// `$*****48.91`, fewer tall pieces than asterisks): as many asterisks as other glyphs make the median an asterisk's height,
    /// about half a digit's, and the digits, taller than 1.6 of it, were whitened as frames. When the glyphs well taller than the median
    /// are three or more (a box has two sides) and every other glyph hangs in their upper part (ends above their lower third, as fill does: no digit,
    /// point or comma, all standing on the baseline), those tall glyphs set the height.
    /// Round 21: "well taller" is 1.3 times the median, not 1.6: the postal faces' asterisk is 0.61–0.64 of a digit's height
    /// (22 of 35–36 px, 23 of 35–36, 18 of 28–29 on tuning 9761 #281, 9758 #235, 9761 #200), so a digit a pixel short of 1.6
    /// asterisks was not "tall", stood on the baseline among the fill, and the line kept the asterisk's height (all three waited,
    /// `courtesy -- 0 ''`). The fill hanging from the top, not the ratio, is what tells fill from print: a line of capitals and
    /// small letters has its small letters on the baseline.
    /// </summary>
    internal static int FillAwareHeight(IReadOnlyList<AsteriskFill.Blob> line)
    {
        var height = Median(line.Select(b => b.Box.Height));
        var tall = line.Where(b => b.Box.Height > 1.3 * height).ToList();
        if (tall.Count < 3) return height;
        var top = Median(tall.Select(b => b.Box.Top));
        var baseline = Median(tall.Select(b => b.Box.Bottom));
        var hanging = line.Except(tall).All(b => b.Box.Bottom < top + 0.72 * (baseline - top));
        return hanging ? Median(tall.Select(b => b.Box.Height)) : height;
    }

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
