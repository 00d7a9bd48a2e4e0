using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Intake.Lockbox.Reading;

/// <summary>What the pixels of one glyph say it is, among the digits Tesseract confuses on noisy scans (0, 6, 8, 9).</summary>
internal enum DigitForm { Unclear, Zero, Six, Eight, Nine }

/// <summary>
/// A check of the digits 0, 6, 8 and 9 by their topology, independent of Tesseract. On a noisy scan the page pass reads a
/// dotted zero (DejaVu Sans Mono) as 6, and two prints of one face read by one engine misread alike: $1,101.60 was posted for
/// $1,101.00 because both prints' cents read `60`. The enclosed holes of a glyph say which digit it is: a 0's one hole spans
/// nearly its full height (a dotted or slashed zero has ink inside it, or a slash splitting it side by side); a 6's one hole
/// sits in the lower part, its top open; a 9's in the upper part; an 8 has two, one above the other. Specks (islands of ink,
/// pin-holes in a stroke) smaller than a share of the glyph's height squared are ignored, so it holds at 200–300 dpi.
/// Anything else is <see cref="DigitForm.Unclear"/>: this check only ever speaks when the shape is plain.
/// </summary>
internal static class DigitShape
{
    /// <summary>One glyph: its ink (its own component plus any ink inside its box, such as a zero's dot), in page coordinates.</summary>
    /// <param name="Dotted">Round 31: cut from a dot-matrix print averaged over its lattice: its outline still steps by the
    /// lattice's rows (a staggered lattice's rows alternate by a dot), so its width is read over two rows.</param>
    internal sealed record Glyph(PixelRect Box, bool[] Ink, bool Dotted = false)
    {
        public bool this[int x, int y] => Ink[y * Box.Width + x];
    }

    /// <summary>
    /// The glyphs of a word, left to right: the ink components of the word's crop as tall as the word's print (a period, comma,
    /// asterisk or speck is not one), each with the smaller ink inside its box (a zero's dot) joined to it. Pieces of one digit
    /// broken by noise that share their columns are joined too.
    /// </summary>
    public static List<Glyph> Glyphs(GrayImage page, PixelRect box) => Glyphs(page, box, light: false);

    /// <summary>
    /// The glyphs of a word as <see cref="Glyphs(GrayImage, PixelRect)"/> cuts them, with ink taken at the crop's usual
    /// threshold or, when <paramref name="light"/>, at a lighter one (two thirds of the way from the darkest ink to the paper):
    /// a pale print at 200 dpi has its thin strokes (a 9's top, a 6's arc, a 0's ring ends) lighter than the usual threshold,
    /// so its digits come apart into their thick sides and say nothing (seed 7800 #237, #238).
    /// </summary>
    public static List<Glyph> Glyphs(GrayImage page, PixelRect box, bool light) => Glyphs(page, box, light ? 2.0 / 3 : 0.5);

    /// <summary>
    /// The glyphs of a word with ink taken at <paramref name="share"/> of the way from the crop's darkest ink to its paper (0.5
    /// the usual threshold, 2/3 the lighter one; round 10 looks at 3/4 and 4/5 for cents digits the other two said nothing of).
    /// </summary>
    internal static List<Glyph> Glyphs(GrayImage page, PixelRect box, double share, bool? dotted = null)
    {
        var pad = Math.Max(2, box.Height / 8);
        var region = box.Inflate(pad, pad).ClampTo(page.Width, page.Height);
        if (region.IsEmpty) return [];
        var crop = page.Crop(region);
        // Round 29: a dot-matrix print's strokes are a lattice of dots, so its glyphs enclose dozens of pin-holes and no digit's
        // hole; averaged over the lattice's pitch they are strokes again (third generator's grocery and MoneyGram forms). The
        // average leaves a stroke's edge gray, so the ink is cut darker (0.6 of the share), which keeps a small zero's holes
        // open; Tesseract's box leaves out the faint outer dots of a word's first glyph, so a dotted word is cut wider.
        var dots = dotted ?? IsDotMatrix(crop);
        if (dots)
        {
            // Round 31: averaged over the lattice's own pitch (a 3×3 mean leaves a 4-px lattice's dots apart).
            var pitch = LatticePitch(crop);
            region = box.Inflate(Math.Max(pad, box.Height / 3), pad).ClampTo(page.Width, page.Height);
            crop = page.Crop(region).BoxBlur(Math.Max(3, pitch | 1));
        }
        var blobs = AsteriskFill.Components(crop, share == 0.5 && !dots ? AsteriskFill.InkThreshold(crop) : InkThresholdAt(crop, dots ? 0.6 * share : share));
        if (dots) blobs = [.. blobs.SelectMany(b => SplitWide(b, crop.Width))];
        if (blobs.Count == 0) return [];
        var tallest = blobs.Max(b => b.Box.Height);
        var speck = Math.Max(4, tallest * tallest / 150);
        // A box edge or a rule's end left beside the word is as tall as print but a line, not a glyph: too thin for any digit.
        var tall = blobs.Where(b => b.Box.Height >= 0.6 * tallest && b.Pixels.Count >= speck && b.Box.Width >= Math.Max(3, 0.15 * b.Box.Height))
            .OrderBy(b => b.Box.Left).ToList();
        // A digit broken in two by noise: its pieces share most of their columns.
        var groups = new List<(PixelRect Box, List<AsteriskFill.Blob> Blobs)>();
        foreach (var b in tall)
        {
            var last = groups.Count == 0 ? default : groups[^1];
            var overlap = groups.Count == 0 ? 0 : Math.Min(last.Box.Right, b.Box.Right) - Math.Max(last.Box.Left, b.Box.Left);
            if (groups.Count > 0 && overlap > 0.6 * Math.Min(last.Box.Width, b.Box.Width))
                groups[^1] = (last.Box.Union(b.Box), [.. last.Blobs, b]);
            else groups.Add((b.Box, [b]));
        }
        var glyphs = new List<Glyph>();
        foreach (var (gbox, parts) in groups)
        {
            // Smaller ink wholly inside the glyph's box (a dotted zero's dot, a speck in a hole) belongs to it.
            var inside = blobs.Where(b => !parts.Contains(b) && b.Box.Left >= gbox.Left && b.Box.Right <= gbox.Right
                && b.Box.Top >= gbox.Top && b.Box.Bottom <= gbox.Bottom);
            var ink = new bool[gbox.Width * gbox.Height];
            foreach (var b in parts.Concat(inside))
                foreach (var i in b.Pixels)
                    ink[(i / crop.Width - gbox.Top) * gbox.Width + i % crop.Width - gbox.Left] = true;
            var onPage = new PixelRect(gbox.Left + region.Left, gbox.Top + region.Top, gbox.Width, gbox.Height);
            // Round 33: the widened cut of a dotted word may take in the next word's first letter (`00 CENTS`' C beside the
            // cents: third generator's MoneyGram form, tuning 7 #98); ink wholly outside the word's own columns is no glyph of it.
            if (dots && (onPage.Left >= box.Right || onPage.Right <= box.Left)) continue;
            glyphs.Add(new Glyph(onPage, ink, dots));
        }
        return glyphs;
    }

    /// <summary>
    /// Round 29: two dot-matrix digits the averaging ran together (`00` of `00/100` at 200 dpi, one blob as wide as 1.4 digits'
    /// height), cut at the column of least ink in their middle third; any other blob as it is.
    /// </summary>
    private static IEnumerable<AsteriskFill.Blob> SplitWide(AsteriskFill.Blob b, int cropWidth)
    {
        if (b.Box.Width <= 1.25 * b.Box.Height) { yield return b; yield break; }
        var columns = new int[b.Box.Width];
        foreach (var i in b.Pixels) columns[i % cropWidth - b.Box.Left]++;
        var (from, to) = (b.Box.Width / 3, 2 * b.Box.Width / 3);
        var cut = Enumerable.Range(from, Math.Max(1, to - from)).MinBy(x => columns[x]) + b.Box.Left;
        foreach (var part in new[] { b.Pixels.Where(i => i % cropWidth < cut).ToList(), b.Pixels.Where(i => i % cropWidth >= cut).ToList() })
        {
            if (part.Count == 0) continue;
            var (left, right) = (part.Min(i => i % cropWidth), part.Max(i => i % cropWidth));
            var (top, bottom) = (part.Min(i => i / cropWidth), part.Max(i => i / cropWidth));
            yield return new AsteriskFill.Blob(PixelRect.FromEdges(left, top, right + 1, bottom + 1), part);
        }
    }

    /// <summary>
    /// Whether a word's crop is printed in dots: at the usual threshold its ink encloses many pin-holes (paper of one to four
    /// pixels fenced by ink), at least five for each glyph-sized component of ink. A solid print encloses none but a digit's
    /// holes and the odd grain in a stroke, so a print wrongly taken for dots is only blurred by a pixel, its shapes kept.
    /// </summary>
    internal static bool IsDotMatrix(GrayImage crop)
    {
        var (w, h, px) = (crop.Width, crop.Height, crop.Pixels);
        if (w < 8 || h < 8) return false;
        var ink = AsteriskFill.InkThreshold(crop);
        var seen = new bool[px.Length];
        var stack = new Stack<int>();
        var pinholes = 0;
        for (var start = 0; start < px.Length; start++)
        {
            if (px[start] < ink || seen[start]) continue;
            var (area, border) = (0, false);
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                area++;
                var (x, y) = (p % w, p / w);
                border |= x == 0 || y == 0 || x == w - 1 || y == h - 1;
                if (x > 0 && px[p - 1] >= ink && !seen[p - 1]) { seen[p - 1] = true; stack.Push(p - 1); }
                if (x < w - 1 && px[p + 1] >= ink && !seen[p + 1]) { seen[p + 1] = true; stack.Push(p + 1); }
                if (y > 0 && px[p - w] >= ink && !seen[p - w]) { seen[p - w] = true; stack.Push(p - w); }
                if (y < h - 1 && px[p + w] >= ink && !seen[p + w]) { seen[p + w] = true; stack.Push(p + w); }
            }
            if (!border && area <= 4) pinholes++;
        }
        var glyphs = AsteriskFill.Components(crop, ink).Count(b => b.Box.Height >= h / 3);
        return pinholes >= 5 * Math.Max(1, glyphs);
    }

    /// <summary>
    /// Round 31: the pitch of a dot-matrix print's lattice, in pixels: the commonest distance from one dot's start to the next
    /// one's along a row or a column, where the two are near (a gap of at most four pixels: dots of one stroke, not two
    /// glyphs). Three when nothing says otherwise (the 3×3 mean of round 29).
    /// </summary>
    internal static int LatticePitch(GrayImage crop)
    {
        var (w, h, px) = (crop.Width, crop.Height, crop.Pixels);
        var ink = AsteriskFill.InkThreshold(crop);
        var counts = new int[9];
        void Line(int start, int step, int length)
        {
            var lastStart = -1;
            var lastEnd = -1;
            for (var i = 0; i < length; i++)
            {
                var on = px[start + i * step] < ink;
                var before = i > 0 && px[start + (i - 1) * step] < ink;
                if (on && !before)
                {
                    if (lastStart >= 0 && i - lastEnd <= 4 && i - lastStart is >= 2 and <= 8) counts[i - lastStart]++;
                    lastStart = i;
                }
                if (on) lastEnd = i;
            }
        }
        for (var y = 0; y < h; y++) Line(y * w, 1, w);
        for (var x = 0; x < w; x++) Line(x, w, h);
        var best = Enumerable.Range(2, 7).MaxBy(d => counts[d]);
        return counts[best] == 0 ? 3 : best;
    }

    /// <summary>Two thirds of the way from the crop's darkest ink (its darkest 1 %) to its paper (the 60th percentile).</summary>
    internal static byte LightInkThreshold(GrayImage crop)
    {
        var (dark, paper) = DarkAndPaper(crop);
        return (byte)((dark + 2 * paper) / 3);
    }

    /// <summary><paramref name="share"/> of the way from the crop's darkest ink (its darkest 1 %) to its paper (the 60th percentile).</summary>
    internal static byte InkThresholdAt(GrayImage crop, double share)
    {
        if (share == 2.0 / 3) return LightInkThreshold(crop);
        var (dark, paper) = DarkAndPaper(crop);
        return (byte)(dark + share * (paper - dark));
    }

    private static (int Dark, int Paper) DarkAndPaper(GrayImage crop)
    {
        var sorted = (byte[])crop.Pixels.Clone();
        Array.Sort(sorted);
        var dark = sorted[(int)(0.01 * (sorted.Length - 1))];
        var paper = sorted[(int)(0.6 * (sorted.Length - 1))];
        return (dark, paper);
    }

    /// <summary>The one glyph whose middle lies in <paramref name="box"/> (a glyph box the MICR line's structure found), or null.</summary>
    public static Glyph? GlyphAt(GrayImage page, PixelRect box)
    {
        var inside = Glyphs(page, box).Where(g => g.Box.Left + g.Box.Width / 2 >= box.Left && g.Box.Left + g.Box.Width / 2 < box.Right).ToList();
        return inside.Count == 1 ? inside[0] : null;
    }

    /// <summary>The holes of a glyph: paper regions (4-connected) its ink encloses, bigger than a pin-hole, with the ink inside each.</summary>
    internal sealed record Hole(PixelRect Box, int Area, bool Inked);

    public static List<Hole> Holes(Glyph g)
    {
        var (w, h) = (g.Box.Width, g.Box.Height);
        // The paper reached from outside the box is no hole; ink islands (a dot, a speck) count as paper here, so a dotted
        // zero's hole is its whole inside, and the island marks the hole as inked.
        var main = MainInk(g);
        var label = new int[w * h];
        var holes = new List<Hole>();
        var stack = new Stack<int>();
        var next = 1;
        for (var start = 0; start < label.Length; start++)
        {
            if (main[start] || label[start] != 0) continue;
            var id = next++;
            int minX = w, minY = h, maxX = -1, maxY = -1, area = 0;
            var outside = false;
            var inked = 0;
            label[start] = id;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                var (x, y) = (p % w, p / w);
                area++;
                if (g.Ink[p]) inked++;
                minX = Math.Min(minX, x); maxX = Math.Max(maxX, x); minY = Math.Min(minY, y); maxY = Math.Max(maxY, y);
                if (x == 0 || y == 0 || x == w - 1 || y == h - 1) outside = true;
                if (x > 0 && !main[p - 1] && label[p - 1] == 0) { label[p - 1] = id; stack.Push(p - 1); }
                if (x < w - 1 && !main[p + 1] && label[p + 1] == 0) { label[p + 1] = id; stack.Push(p + 1); }
                if (y > 0 && !main[p - w] && label[p - w] == 0) { label[p - w] = id; stack.Push(p - w); }
                if (y < h - 1 && !main[p + w] && label[p + w] == 0) { label[p + w] = id; stack.Push(p + w); }
            }
            // A pin-hole in a stroke (grain) is no hole: a digit's hole is a sizeable share of its height squared.
            if (!outside && area >= Math.Max(4, h * h / 60))
                holes.Add(new Hole(PixelRect.FromEdges(minX, minY, maxX + 1, maxY + 1), area, inked >= Math.Max(2, h * h / 400)));
        }
        return holes;
    }

    /// <summary>
    /// Which of 0, 6, 8, 9 the glyph's holes say it is, or <see cref="DigitForm.Unclear"/> when they say none plainly (no hole:
    /// a broken ring, a 1 or a 7; a hole neither spanning nor to one side; three holes).
    /// </summary>
    public static DigitForm Classify(Glyph g)
    {
        // Noise breaks strokes (an 8's lower bowl open by two pixels reads as a 9, a 9's bowl cut by one as nothing): the glyph
        // is judged as scanned and with gaps of a pixel or two closed, and speaks only where the two do not say different things.
        // A shape the closing changes into another is no plain shape; a glyph with no plain shape as scanned is taken as one
        // only when bridging single-pixel gaps gives it (wider closing turns a bold 5's narrow mouth into a bowl).
        var raw = ClassifyInk(g, barredZero: true);
        var closed = ClassifyInk(Closed(g));
        // An 8 whose bowl noise opened reads as a 6 or a 9 as scanned and closes into an 8 (seed 8100 #245, `82` printed 2 px
        // thin at 200 dpi). A small bold 6 or 9 closes too when its mouth is two pixels tall, and then the bowl the closing
        // made is the mouth's end, smaller than an 8's (round 20): such a glyph is not plainly anything.
        if (closed == DigitForm.Eight && raw is DigitForm.Six or DigitForm.Nine)
            return ClosedMouth(g, raw == DigitForm.Six) ? DigitForm.Unclear : DigitForm.Eight;
        // Round 30: a zero crossed by its dot (two holes either side of a bar as wide as the glyph) loses the smaller hole when
        // its gaps are closed and reads as a 6 or a 9 then; the closing filled a hole there, noise did not open one.
        if (raw == DigitForm.Zero && closed is DigitForm.Six or DigitForm.Nine && Holes(g).Count == 2) return raw;
        if (raw != DigitForm.Unclear) return closed == raw || closed == DigitForm.Unclear ? raw : DigitForm.Unclear;
        var bridged = ClassifyInk(Bridged(g));
        return bridged == closed ? bridged : DigitForm.Unclear;
    }

    /// <summary>
    /// Whether the bowl that closing a 6's or a 9's gaps adds (above a 6's bowl, below a 9's) is the end of its mouth rather than
    /// an 8's other bowl reopened by noise (round 20, outside tuning 559 #159 `66/100`, 560 #6 `19/100`, 560 #17 `92`: a 6 or 9
    /// 20 px tall in a bold face, its mouth one or two rows tall, judged an Eight and the amount read right in both prints
    /// waited). An 8's lower bowl is at least as big as its upper one: a lower bowl smaller than four fifths of the upper is a
    /// 9's tail curled back under its bowl. An 8's upper bowl is the smaller, so its size says less there: the added upper
    /// bowl must be shorter than 0.55 of the lower one and open to the right, straight out of the glyph, along at least half
    /// its rows (a noise gap in an 8's bowl is a break in its stroke, shorter than the bowl it opens).
    /// </summary>
    internal static bool ClosedMouth(Glyph g, bool six)
    {
        var holes = Holes(Closed(g));
        if (holes.Count != 2) return false;
        var (upper, lower) = holes[0].Box.Top <= holes[1].Box.Top ? (holes[0], holes[1]) : (holes[1], holes[0]);
        if (!six) return lower.Area < 0.8 * upper.Area;
        var (w, main) = (g.Box.Width, MainInk(g));
        int open = 0, openAtFoot = 0;
        for (var y = upper.Box.Top; y < upper.Box.Bottom; y++)
        {
            var x = w - 1;
            while (x >= upper.Box.Right - 1 && !main[y * w + x]) x--;
            var isOpen = x < upper.Box.Right - 1;
            if (isOpen) open++;
            openAtFoot = isOpen ? openAtFoot + 1 : 0;
        }
        if (open < 0.5 * upper.Box.Height) return false;
        // Round 40: or, whatever its height, open along its last rows only, down to the bowl: a 6's mouth runs from its arm's
        // end down to its bowl, while a break in an 8's stroke lies anywhere along it. A small bold or condensed 6 whose mouth
        // is two rows tall makes an added bowl three or four rows tall over a bowl of five to seven (`66/100` in DejaVu Sans
        // Condensed Bold at 17 px, third tuning 10 #154: judged an 8 in the words while the numerals' 6s were plain).
        return upper.Box.Height < 0.55 * lower.Box.Height || openAtFoot == open;
    }

    /// <summary>The glyph with one-pixel gaps bridged: paper with ink on both sides of it (across, up and down, or diagonally).</summary>
    internal static Glyph Bridged(Glyph g)
    {
        var (w, h) = (g.Box.Width, g.Box.Height);
        bool At(int x, int y) => x >= 0 && y >= 0 && x < w && y < h && g.Ink[y * w + x];
        var ink = (bool[])g.Ink.Clone();
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                if (!g.Ink[y * w + x] && ((At(x - 1, y) && At(x + 1, y)) || (At(x, y - 1) && At(x, y + 1))
                    || (At(x - 1, y - 1) && At(x + 1, y + 1)) || (At(x + 1, y - 1) && At(x - 1, y + 1))))
                    ink[y * w + x] = true;
        return g with { Ink = ink };
    }

    /// <summary>The glyph with gaps of up to two pixels in its strokes closed (a 3×3 dilation, then a 3×3 erosion).</summary>
    internal static Glyph Closed(Glyph g)
    {
        var (w, h) = (g.Box.Width, g.Box.Height);
        bool[] Pass(bool[] src, bool dilate)
        {
            var dst = new bool[src.Length];
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++)
                {
                    var any = false;
                    var all = true;
                    for (var dy = -1; dy <= 1; dy++)
                        for (var dx = -1; dx <= 1; dx++)
                        {
                            var (nx, ny) = (x + dx, y + dy);
                            // Outside the box is paper for the dilation and ink for the erosion, so the outline stays put.
                            var v = nx >= 0 && ny >= 0 && nx < w && ny < h ? src[ny * w + nx] : !dilate;
                            any |= v;
                            all &= v;
                        }
                    dst[y * w + x] = dilate ? any : all;
                }
            return dst;
        }
        return g with { Ink = Pass(Pass(g.Ink, true), false) };
    }

    /// <param name="barredZero">Round 29: whether a zero crossed by a bar may be judged a zero; only on the glyph as scanned,
    /// since closing an 8's gaps thickens its waist until it is as wide as its bowls.</param>
    private static DigitForm ClassifyInk(Glyph g, bool barredZero = false)
    {
        var h = (double)g.Box.Height;
        // A digit is taller than wide (a glyph twice as wide as tall is two digits run together).
        if (h < 8 || g.Box.Width > 1.1 * h || g.Box.Width < 0.25 * h) return DigitForm.Unclear;
        var holes = Holes(g);
        if (holes.Count == 2)
        {
            var (upper, lower) = holes[0].Box.Top <= holes[1].Box.Top ? (holes[0], holes[1]) : (holes[1], holes[0]);
            // One above the other: an 8 (the lower bowl starts below the upper one's middle, and the bowls share their columns;
            // a $ also encloses two, but one left above and one right below, where its bar crosses the S).
            var shared = Math.Min(upper.Box.Right, lower.Box.Right) - Math.Max(upper.Box.Left, lower.Box.Left);
            if (lower.Box.Top >= upper.Box.Top + upper.Box.Height / 2 && upper.Box.Bottom <= lower.Box.Top + lower.Box.Height / 2
                && upper.Box.Top <= 0.35 * h && lower.Box.Bottom >= 0.65 * h && shared >= 0.6 * Math.Min(upper.Box.Width, lower.Box.Width))
                // An 8 has a waist where its bowls meet. A dotted zero whose dot ran into its ring (a bold mono face at 200 dpi)
                // also encloses two holes one above the other, but its outline is as wide there as anywhere: not plainly anything.
                // Round 29: a zero whose bar or dot spans its inside (a dot-matrix print of a dotted zero, averaged over its
                // dots: third generator's grocery `$120.00`) is as wide at the bar as at its widest row, which lies between
                // the holes: plainly a zero. Between the two (neither waisted nor that wide) it is not plainly anything.
            {
                // Round 39: a barred zero only on a glyph 14 px tall or more (an 8 of 10–12 rows drawn on a lattice has no
                // waist to show); and where the bar is as wide as the glyph, a waist must last two rows, since a dot lattice
                // steps the outline in by a pixel on single rows (third 6 #90's dotted zeros were judged eights).
                var barred = barredZero && h >= 14 && Barred(g, upper.Box.Bottom, lower.Box.Top);
                return Waisted(g, upper.Box.Bottom, lower.Box.Top, sustained: barred) ? DigitForm.Eight : barred ? DigitForm.Zero : DigitForm.Unclear;
            }
            // Side by side, together spanning the height: a slashed zero's inside split by its slash.
            var both = upper.Box.Union(lower.Box);
            var sideBySide = Math.Min(upper.Box.Right, lower.Box.Right) - Math.Max(upper.Box.Left, lower.Box.Left) < 0.5 * Math.Min(upper.Box.Width, lower.Box.Width);
            if (sideBySide && both.Top <= 0.3 * h && both.Bottom >= 0.7 * h) return DigitForm.Zero;
            return DigitForm.Unclear;
        }
        if (holes.Count != 1) return DigitForm.Unclear;
        var hole = holes[0];
        var (top, bottom) = (hole.Box.Top / h, hole.Box.Bottom / h);
        // A 0: the hole spans nearly the full height, the ring closed above and below it.
        if (top <= 0.3 && bottom >= 0.7) return DigitForm.Zero;
        // A 6: the bowl below, its top open (ink above the hole is the stem, not a ring).
        if (top >= 0.35 && bottom >= 0.72 && !hole.Inked) return DigitForm.Six;
        // A 9: the bowl above, its bottom open.
        if (top <= 0.28 && bottom <= 0.65 && !hole.Inked) return DigitForm.Nine;
        return DigitForm.Unclear;
    }

    /// <summary>
    /// Whether the glyph's outline along the bar between its two holes (rows <paramref name="from"/> to <paramref name="to"/>,
    /// exclusive) is as wide as at its widest row and nowhere along it clearly narrower (86 %; an 8's waist is at most 85 %):
    /// an oval crossed by a bar. Round 30: the widest row lies on the bar (a dotted zero's bar rows start where its oval is
    /// still curving in, 89 % at the first of them: third generator's grocery `96/160` for 00/100); an 8 is widest at a bowl.
    /// </summary>
    private static bool Barred(Glyph g, int from, int to)
    {
        var widths = Enumerable.Range(0, g.Box.Height).Select(y => OutlineWidth(g, y)).ToArray();
        var widest = widths.Max();
        var bar = (to > from ? Enumerable.Range(from, to - from) : Enumerable.Range(Math.Max(0, from - 1), 2)).Where(y => y < g.Box.Height).Select(y => widths[y]).ToList();
        return bar.Count > 0 && bar.Max() >= widest && bar.Min() >= 0.86 * widest;
    }

    /// <summary>The outline's width at row <paramref name="y"/>; round 31: of a dotted glyph, the wider of the row and the next
    /// (the lattice's rows alternate by a dot, so single rows step in and out along a straight side).</summary>
    private static int OutlineWidth(Glyph g, int y) =>
        g.Dotted && y + 1 < g.Box.Height ? Math.Max(RowWidth(g, y), RowWidth(g, y + 1)) : RowWidth(g, y);

    private static int RowWidth(Glyph g, int y)
    {
        int first = -1, last = -1;
        for (var x = 0; x < g.Box.Width; x++)
            if (g[x, y]) { if (first < 0) first = x; last = x; }
        return first < 0 ? 0 : last - first + 1;
    }

    /// <summary>Whether the glyph's outline is clearly narrower between rows <paramref name="from"/> and <paramref name="to"/> than at its widest;
    /// with <paramref name="sustained"/>, narrower on two neighbouring rows (round 39).</summary>
    private static bool Waisted(Glyph g, int from, int to, bool sustained = false)
    {
        var widest = Enumerable.Range(0, g.Box.Height).Max(y => OutlineWidth(g, y));
        var waist = Enumerable.Range(Math.Max(0, from - 1), Math.Max(1, to - from + 2)).Where(y => y < g.Box.Height)
            .Min(y => sustained && y + 1 < g.Box.Height ? Math.Max(RowWidth(g, y), RowWidth(g, y + 1)) : OutlineWidth(g, y));
        return waist <= 0.85 * widest;
    }

    /// <summary>
    /// The glyph's own ink without islands: a dotted zero's dot or a speck in a hole is left out, so that the hole it sits in is
    /// one hole. An island is ink not 8-connected to the biggest component.
    /// </summary>
    private static bool[] MainInk(Glyph g)
    {
        var (w, h) = (g.Box.Width, g.Box.Height);
        var component = new int[w * h];
        var sizes = new List<int> { 0 };
        var stack = new Stack<int>();
        for (var start = 0; start < component.Length; start++)
        {
            if (!g.Ink[start] || component[start] != 0) continue;
            var id = sizes.Count;
            var size = 0;
            component[start] = id;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                size++;
                var (x, y) = (p % w, p / w);
                for (var dy = -1; dy <= 1; dy++)
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var (nx, ny) = (x + dx, y + dy);
                        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
                        var q = ny * w + nx;
                        if (g.Ink[q] && component[q] == 0) { component[q] = id; stack.Push(q); }
                    }
            }
            sizes.Add(size);
        }
        // The glyph's own ink: every component as tall as most of the glyph (a digit broken in two keeps both pieces).
        var tall = new HashSet<int>();
        var spans = new Dictionary<int, (int Top, int Bottom)>();
        for (var p = 0; p < component.Length; p++)
        {
            var id = component[p];
            if (id == 0) continue;
            var y = p / w;
            spans[id] = spans.TryGetValue(id, out var s) ? (Math.Min(s.Top, y), Math.Max(s.Bottom, y)) : (y, y);
        }
        foreach (var (id, (top, bottom)) in spans)
            if (bottom - top + 1 >= 0.5 * h) tall.Add(id);
        var main = new bool[w * h];
        for (var p = 0; p < main.Length; p++) main[p] = component[p] != 0 && tall.Contains(component[p]);
        return main;
    }

    /// <summary>The form a digit character names, or null for the digits this check does not judge.</summary>
    public static DigitForm? FormOf(char digit) => digit switch
    {
        '0' => DigitForm.Zero,
        '6' => DigitForm.Six,
        '8' => DigitForm.Eight,
        '9' => DigitForm.Nine,
        _ => null,
    };

    /// <summary>Characters that print as a glyph as tall as the word's print (not . , * ' " and the like); round 29: `@`, Tesseract's read of a dot-matrix zero (`66/1@6` over `00/100`).</summary>
    internal static bool IsTall(char c) => char.IsAsciiLetterOrDigit(c) || c is '$' or '/' or '&' or '#' or '%' or '(' or ')' or '@';

    /// <summary>
    /// The forms of the characters at <paramref name="indexes"/> of a word's text, from the word's glyphs on the page: the
    /// word's tall characters are matched to its glyphs one by one, when they count alike. Null for a character that could
    /// not be placed on a glyph of a digit's height.
    /// </summary>
    public static DigitForm?[] FormsAt(GrayImage page, PixelRect box, string text, IReadOnlyList<int> indexes) =>
        Placed(Glyphs(page, box), text, indexes, Classify);

    /// <summary>
    /// As <see cref="FormsAt(GrayImage, PixelRect, string, IReadOnlyList{int})"/>, with a 6 or a 9 taken only when its mouth
    /// shows (<see cref="ClassifyWithMouth"/>: an 8 whose upper bowl a speck filled has one hole low, as a 6 has, but no mouth);
    /// and with <paramref name="lightToo"/>, a character that says nothing is judged once more on the glyphs cut at the lighter
    /// ink threshold (a pale print whose thin strokes the usual one drops), where the lighter ink may also join a dotted zero's
    /// dot to its ring: a zero never has a mouth; a character still unjudged is judged at the paler passes of round 10
    /// (<see cref="PalerShares"/>).
    /// </summary>
    /// <param name="fromLeft">Round 31: the characters are the word's first two tall ones (a fraction's cents, `66/166`): they are
    /// placed on its first two glyphs even when the word's other characters and glyphs do not count alike (`86/1805"*` read over
    /// `66/100***`), as long as neither of those two glyphs is two characters run together.</param>
    public static DigitForm?[] FormsAt(GrayImage page, PixelRect box, string text, IReadOnlyList<int> indexes, bool lightToo, bool fromLeft = false)
    {
        var result = Placed(Glyphs(page, box), text, indexes, ClassifyWithMouth, fromLeft);
        if (!lightToo || result.All(f => f is { } x && x != DigitForm.Unclear)) return result;
        var light = Placed(Glyphs(page, box, light: true), text, indexes, ClassifyWithMouth, fromLeft);
        for (var k = 0; k < result.Length; k++)
            if (result[k] is null or DigitForm.Unclear && light[k] is { } seen && seen != DigitForm.Unclear && !MouthClosedByLighterInk(text, indexes[k], seen))
                result[k] = seen;
        return Blurred(page, box, text, indexes, Paler(page, box, text, indexes, result, fromLeft), fromLeft);
    }

    /// <summary>
    /// Round 33: a character still unjudged, judged on the glyphs cut as a dot-matrix print's are (averaged over a 3-pixel
    /// lattice, <see cref="Glyphs(GrayImage, PixelRect, double, bool?)"/>) when <see cref="IsDotMatrix"/> did not see the dots: at a
    /// 2-pixel pitch the pin-holes are grey, not paper, and the raw cut breaks each digit into pieces (`00/100` printed in dots at
    /// low resolution, judged `Zero, Unclear` as printed and `Zero, Zero` averaged: third generator's grocery form, tuning 5
    /// #146). A solid print averaged is only blurred by a pixel; the form is taken only when the usual and the lighter cut of
    /// the average say the same.
    /// </summary>
    private static DigitForm?[] Blurred(GrayImage page, PixelRect box, string text, IReadOnlyList<int> indexes, DigitForm?[] result, bool fromLeft)
    {
        if (result.All(f => f is { } x && x != DigitForm.Unclear)) return result;
        var usual = Placed(Glyphs(page, box, 0.5, dotted: true), text, indexes, ClassifyWithMouth, fromLeft);
        var lighter = Placed(Glyphs(page, box, 2.0 / 3, dotted: true), text, indexes, ClassifyWithMouth, fromLeft);
        for (var k = 0; k < result.Length; k++)
            if (result[k] is null or DigitForm.Unclear && usual[k] is { } seen && seen != DigitForm.Unclear && lighter[k] == seen)
                result[k] = seen;
        return result;
    }

    /// <summary>
    /// Round 26: a 6 or a 9 the lighter threshold shows as an 8 says nothing: lighter ink only adds ink, and it closes a thin
    /// 6's mouth into an 8's upper bowl (other-bank `AND 06/100` in a light face, its 6 plain in the numerals `$***440.06`: ours
    /// tuning 9822 #333), as the paler passes do (<see cref="Paler"/>). The digit is then unjudged in that print, so a cents 6
    /// or 9 must still be seen as itself in a print (MoneyOrderReader.DigitsDoubted); a 0 it shows still doubts a 6 (a dotted
    /// zero's ring, broken at the usual threshold, closes).
    /// </summary>
    internal static bool MouthClosedByLighterInk(string text, int index, DigitForm seen) =>
        seen == DigitForm.Eight && index >= 0 && index < text.Length && text[index] is '6' or '9';

    /// <summary>
    /// Round 10: the shares of the way from ink to paper at which a cents glyph that said nothing at the usual and the lighter
    /// threshold is judged once more. A pale serif print at 200 dpi (western-union's `29 CENTS`) has its hairlines (a 9's top,
    /// the bottom of its bowl) near 80 % of the way to the paper, so the 9 comes apart into its two sides at two thirds.
    /// Lighter ink only adds ink: a ring stays a ring (a 0 never opens into a 6 or 9's mouth); past 4/5 the paper's grain and
    /// printed background close a 9's mouth into an 8 (seen at 0.85 on seed 8400 #179), so it stops there.
    /// </summary>
    internal static readonly double[] PalerShares = [0.75, 0.8];

    /// <summary>
    /// The characters still unjudged judged at each of <see cref="PalerShares"/>. What they see counts only when it is a 6 or a 9
    /// and the digit read there, and when every pass that says something plain says the same (a 9 at 3/4 that is an 8 at 4/5 is
    /// not plainly anything). Lighter ink only adds ink: it cannot open a ring into a 6's or 9's mouth, nor turn an 8 into a 6 or
    /// 9 (a filled bowl is no hole and fences no mouth), so a 6 or 9 it shows is one. It does close a 6's or 9's mouth into an
    /// 8's bowl or a 0's ring (own seed 9000 #46, the 6 of `… AND 06 CENTS` an "8" at both): an 8 or a 0 it shows says nothing,
    /// whatever was read (a 6 read as 8 in both prints must not be confirmed by its mouth closing).
    /// </summary>
    private static DigitForm?[] Paler(GrayImage page, PixelRect box, string text, IReadOnlyList<int> indexes, DigitForm?[] result, bool fromLeft)
    {
        if (result.All(f => f is { } x && x != DigitForm.Unclear)) return result;
        var passes = PalerShares.Select(share => Placed(Glyphs(page, box, share), text, indexes, ClassifyWithMouth, fromLeft)).ToList();
        for (var k = 0; k < result.Length; k++)
        {
            if (result[k] is not (null or DigitForm.Unclear) || indexes[k] < 0 || indexes[k] >= text.Length) continue;
            var said = passes.Select(p => p[k]).Where(f => f is { } x && x != DigitForm.Unclear).Distinct().ToList();
            if (said.Count == 1 && said[0] is (DigitForm.Six or DigitForm.Nine) && said[0] == FormOf(text[indexes[k]])) result[k] = said[0];
        }
        return result;
    }

    private static DigitForm?[] Placed(List<Glyph> glyphs, string text, IReadOnlyList<int> indexes, Func<Glyph, DigitForm> classify, bool fromLeft = false) =>
        [.. PlacedGlyphs(glyphs, text, indexes, fromLeft).Select(g => g is null ? (DigitForm?)null : classify(g))];

    /// <summary>
    /// Round 42: the glyphs of a word's characters at <paramref name="indexes"/>, placed as <see cref="FormsAt(GrayImage, PixelRect, string, IReadOnlyList{int}, bool, bool)"/>
    /// places them (the usual cut; a dot-matrix print averaged over its lattice); null where a character could not be placed.
    /// </summary>
    internal static Glyph?[] GlyphsAt(GrayImage page, PixelRect box, string text, IReadOnlyList<int> indexes, bool fromLeft = false) =>
        PlacedGlyphs(Glyphs(page, box), text, indexes, fromLeft);

    /// <summary>
    /// Round 42: how alike two glyphs of one print are, -1 to 1: the correlation of their ink, each glyph's box cut into the
    /// same grid of cells (its share of ink in each). Two prints of one digit by one printer's face come out alike whatever the
    /// face; a 0 and a 6 differ in the 6's open top right and its inner stroke.
    /// </summary>
    internal static double Likeness(Glyph a, Glyph b)
    {
        var (ga, gb) = (InkGrid(a), InkGrid(b));
        double ma = ga.Average(), mb = gb.Average(), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < ga.Length; i++)
        {
            var (da, db) = (ga[i] - ma, gb[i] - mb);
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa == 0 || sbb == 0 ? 0 : sab / Math.Sqrt(saa * sbb);
    }

    private const int GridColumns = 8, GridRows = 12;

    /// <summary>The glyph's share of ink in each cell of a <see cref="GridColumns"/> × <see cref="GridRows"/> grid over its box,
    /// sampled at 3 × 3 points a cell (so a glyph narrower than the grid is sampled as a wide one is).</summary>
    private static double[] InkGrid(Glyph g)
    {
        var (w, h) = (g.Box.Width, g.Box.Height);
        var grid = new double[GridColumns * GridRows];
        for (var cy = 0; cy < GridRows; cy++)
            for (var cx = 0; cx < GridColumns; cx++)
            {
                var ink = 0;
                for (var sy = 0; sy < 3; sy++)
                    for (var sx = 0; sx < 3; sx++)
                        if (g[Math.Min(w - 1, (int)((cx + (sx + 0.5) / 3) * w / GridColumns)), Math.Min(h - 1, (int)((cy + (sy + 0.5) / 3) * h / GridRows))]) ink++;
                grid[cy * GridColumns + cx] = ink / 9.0;
            }
        return grid;
    }

    private static Glyph?[] PlacedGlyphs(List<Glyph> glyphs, string text, IReadOnlyList<int> indexes, bool fromLeft)
    {
        var result = new Glyph?[indexes.Count];
        if (glyphs.Count == 0) return result;
        var digitHeight = (double)glyphs.Select(x => x.Box.Height).OrderBy(v => v).ElementAt(glyphs.Count / 2);
        // Round 26: two digits run together (`00` of `93/100` or `04` of `$104.87` in a pale bold face at the lighter threshold,
        // ours tuning 9824 #427, 9827 #429) are one glyph wider than any digit: it stands for two characters and is judged as
        // neither (Classify calls a glyph that wide Unclear). Wider still, it could be three: nothing is placed.
        var spans = glyphs.Select(x => x.Box.Width > 1.2 * digitHeight ? 2 : 1).ToList();
        if (glyphs.Any(x => x.Box.Width > 2 * digitHeight)) return result;
        var firstChar = new int[glyphs.Count];
        for (var n = 1; n < glyphs.Count; n++) firstChar[n] = firstChar[n - 1] + spans[n - 1];
        var tallIndex = new int[text.Length];
        var count = 0;
        for (var i = 0; i < text.Length; i++) tallIndex[i] = IsTall(text[i]) ? count++ : -1;
        for (var k = 0; k < indexes.Count; k++)
        {
            var i = indexes[k];
            if (i < 0 || i >= text.Length || tallIndex[i] < 0) continue;
            // Counts differ (glyphs split or glued beyond that, a word's box that OCR stretched over the next word's glyphs:
            // `$***B61.` over the `00` beside it on seed 7800 #263): nothing is placed, since a digit judged on another glyph
            // says nothing.
            if (spans.Sum() != count && !(fromLeft && tallIndex[i] < 2 && spans.Count > tallIndex[i] && spans.Take(tallIndex[i] + 1).All(x => x == 1))) continue;
            var g = Array.IndexOf(firstChar, tallIndex[i]);
            var glyph = g >= 0 && g < glyphs.Count ? glyphs[g] : null;
            if (g < 0)
            {
                // Round 30: the second character of two run together: its half of the glyph, when they part cleanly.
                g = Array.IndexOf(firstChar, tallIndex[i] - 1);
                glyph = g >= 0 && spans[g] == 2 && SplitInTwo(glyphs[g]) is { } pair ? pair.Right : null;
            }
            // Round 30: two digits run together part at a column of almost no ink in their middle third (a dot-matrix `66/166`
            // whose 00 touch: third generator's MoneyGram form, tuning 4 #124); each half is judged as one glyph.
            else if (spans[g] != 1) glyph = SplitInTwo(glyphs[g])?.Left;
            // A digit is as tall as the word's other digits: a $ (taller) or a mark (shorter) on that place means the
            // characters and the glyphs were not matched right.
            if (glyph is not null && Math.Abs(glyph.Box.Height - digitHeight) <= 0.12 * digitHeight) result[k] = glyph;
        }
        return result;
    }

    /// <summary>
    /// <see cref="Classify"/>, a 6 or a 9 counting only with its one hole and its mouth plain: the paper between its hook and its
    /// bowl open to the side for rows on end (to the right for a 6, to the left for a 9). An 8 whose other bowl a speck filled,
    /// or a zero whose ring noise broke and whose dot ink joined across it, encloses one hole low or high as well, but its
    /// other bowl or its ring still fences the paper beside it.
    /// </summary>
    /// <summary>
    /// A glyph of two characters run together cut in two at the column of least ink in its middle third, when that column holds
    /// almost none (a sixth of the glyph's height at most: a touch, not a stroke); each half trimmed to its ink. Null otherwise.
    /// </summary>
    internal static (Glyph Left, Glyph Right)? SplitInTwo(Glyph g)
    {
        var (w, h) = (g.Box.Width, g.Box.Height);
        var columns = Enumerable.Range(0, w).Select(x => Enumerable.Range(0, h).Count(y => g[x, y])).ToArray();
        var cut = Enumerable.Range(w / 3, Math.Max(1, w / 3)).MinBy(x => columns[x]);
        if (columns[cut] > h / 6.0) return null;
        Glyph? Part(int from, int to)
        {
            var cells = new List<(int x, int y)>();
            for (var y = 0; y < h; y++)
                for (var x = from; x < to; x++)
                    if (g[x, y] && x != cut) cells.Add((x, y));
            if (cells.Count == 0) return null;
            var box = PixelRect.FromEdges(cells.Min(c => c.x), cells.Min(c => c.y), cells.Max(c => c.x) + 1, cells.Max(c => c.y) + 1);
            var ink = new bool[box.Width * box.Height];
            foreach (var (x, y) in cells) ink[(y - box.Top) * box.Width + x - box.Left] = true;
            return new Glyph(new PixelRect(g.Box.Left + box.Left, g.Box.Top + box.Top, box.Width, box.Height), ink, g.Dotted);
        }
        return Part(0, cut + 1) is { } left && Part(cut, w) is { } right ? (left, right) : null;
    }

    internal static DigitForm ClassifyWithMouth(Glyph g)
    {
        var form = Classify(g);
        if (form is not (DigitForm.Six or DigitForm.Nine)) return form;
        var holes = Holes(g);
        if (holes.Count == 1) return MouthOpen(g, holes[0], form == DigitForm.Six) ? form : DigitForm.Unclear;
        // Round 21: a 6 or 9 whose bowl noise broke has no hole as scanned, and Classify saw its shape once its gaps were
        // bridged (and closed alike); its mouth is judged on that glyph. Bridging and closing only add ink, so a mouth open
        // there is open in the scan too, and an 8's or a 0's fenced paper stays fenced (ours tuning 9759 #172, `$61.59`).
        if (holes.Count != 0) return DigitForm.Unclear;
        var bridged = Bridged(g);
        var mended = Holes(bridged).Count == 1 ? bridged : Closed(g);
        var mendedHoles = Holes(mended);
        return mendedHoles.Count == 1 && MouthOpen(mended, mendedHoles[0], form == DigitForm.Six) ? form : DigitForm.Unclear;
    }

    /// <summary>
    /// Whether the paper beside the bowl reaches from the glyph's side across two fifths of its width, for two rows or more
    /// (more on a big print): above the hole from the right (a 6), or below it from the left (a 9).
    /// </summary>
    internal static bool MouthOpen(Glyph g, Hole hole, bool six)
    {
        var (w, h) = (g.Box.Width, g.Box.Height);
        var main = MainInk(g);
        var (from, to) = six ? ((int)(0.12 * h), hole.Box.Top) : (hole.Box.Bottom, (int)Math.Ceiling(0.88 * h));
        int run = 0, best = 0;
        for (var y = from; y < to; y++)
        {
            var depth = 0;
            while (depth < w && !main[y * w + (six ? w - 1 - depth : depth)]) depth++;
            run = depth >= 0.4 * w ? run + 1 : 0;
            best = Math.Max(best, run);
        }
        // Two rows at 200 dpi: a bold 9's tail curls back up close under its bowl (seed 8100 #162, `91` in a 21 px bold face).
        return best >= Math.Max(2, 0.07 * h);
    }
}
