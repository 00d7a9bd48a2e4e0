using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Intake.Lockbox.Reading;

/// <summary>
/// A MICR line read by its structure, from the pixels: fields of digits bounded by the E-13B symbols (transit ⑆, on-us ⑈,
/// amount ⑇, dash ⑉). OCR reads a symbol as a quote, a colon, a bar or a digit ("1", "4", "0"), so a symbol glued to the
/// serial makes its reading one digit too long ("43384793444" for 4338479344), and a re-read of the same crop repeats it.
/// Here a symbol is known by its shape, not by what OCR made of it: it is built of solid bars and squares (ink filling its
/// box), which no digit is; a digit is an ink component as tall as the line's print. The fields between symbols are counted
/// glyph by glyph, so a reading of a field must have as many digits as it has glyphs, and a field can be cut out alone (the
/// symbols and everything else whitened) and read again with nothing beside it to be taken for a digit.
/// </summary>
internal sealed class MicrLine
{
    /// <summary>
    /// What ends a field on one side: the end of the region read, a wide gap, a symbol, other ink, or other ink as close as
    /// the next digit would be (the field may go on under it: a digit glued to a title or a stamp is not counted).
    /// </summary>
    internal enum Bound { Edge, Gap, Symbol, Unclear, Glued }

    /// <summary>A run of digit glyphs with no symbol, no wide gap and nothing unexplained between them (page coordinates).</summary>
    internal sealed record Field(IReadOnlyList<PixelRect> Glyphs, Bound Before, Bound After)
    {
        /// <summary>
        /// Round 22: a glyph of the field was cut out of a signature's or a stamp's stroke across the line (`RunsOutOfBand`):
        /// counted and read as any glyph, but only as a second print that agrees with another, never as a print standing alone.
        /// </summary>
        public bool Stroked { get; init; }

        public int Count => Glyphs.Count;
        public PixelRect Box => Glyphs.Aggregate(default(PixelRect), (a, b) => a.Union(b));
        /// <summary>Ink glued to either end: digits may be hidden in it, so the field's count of glyphs is not the number's length.</summary>
        public bool Open => Before == Bound.Glued || After == Bound.Glued;
    }

    private readonly GrayImage _crop;
    private readonly PixelRect _region;
    private readonly List<AsteriskFill.Blob> _blobs;
    private readonly Dictionary<Field, List<AsteriskFill.Blob>> _fieldBlobs = [];
    /// <summary>The band of the line's digits, crop coordinates.</summary>
    private PixelRect _band;

    private MicrLine(GrayImage crop, PixelRect region, List<AsteriskFill.Blob> blobs, int glyphHeight)
    {
        _crop = crop;
        _region = region;
        _blobs = blobs;
        GlyphHeight = glyphHeight;
    }

    /// <summary>The line's digit height in pixels.</summary>
    public int GlyphHeight { get; }

    /// <summary>Symbols found on the line (clusters of solid bars and squares the height of a symbol).</summary>
    public int Symbols { get; private set; }

    public IReadOnlyList<Field> Fields { get; private set; } = [];

    /// <summary>
    /// The line through <paramref name="near"/> (the box of words the page pass read on it), taken some fourteen glyph
    /// heights either side; null when no digit-sized print is found there.
    /// </summary>
    public static MicrLine? Find(GrayImage page, PixelRect near)
    {
        var h0 = Math.Max(near.Height, 8);
        var region = PixelRect.FromEdges(near.Left - 14 * h0, near.Top - h0, near.Right + 14 * h0, near.Bottom + h0).ClampTo(page.Width, page.Height);
        if (region.IsEmpty) return null;
        var crop = page.Crop(region);
        var blobs = AsteriskFill.Components(crop, AsteriskFill.InkThreshold(crop));
        var local = new PixelRect(near.Left - region.Left, near.Top - region.Top, near.Width, near.Height);

        // The line's digits: print under the words the page pass read, not solid, of the height most of it has (OCR's box may
        // be much taller than the print: a quote, a speck or a signature's stroke above it).
        var under = blobs.Where(b => b.Box.Left < local.Right && b.Box.Right > local.Left && b.Box.VerticalOverlap(local) > 0.5
                && b.Box.Height >= Math.Max(8, 0.2 * local.Height) && b.Box.Height <= 1.3 * local.Height && Fill(b) < SolidFill)
            .ToList();
        if (under.Count < 3) return null;
        var typical = Median(under.Select(b => b.Box.Height));
        var digits = under.Where(b => b.Box.Height >= 0.75 * typical && b.Box.Height <= 1.3 * typical).ToList();
        if (digits.Count < 3) return null;
        var height = Median(digits.Select(b => b.Box.Height));
        var top = Median(digits.Select(b => b.Box.Top));
        var baseline = Median(digits.Select(b => b.Box.Bottom));
        var line = new MicrLine(crop, region, blobs, height);
        line.Parse(top, baseline);
        return line;
    }

    /// <summary>A symbol's bars and squares are solid: ink fills their box. The strokes of a digit fill half of its box or less.</summary>
    private const double SolidFill = 0.78;

    private static double Fill(AsteriskFill.Blob b) => (double)b.Pixels.Count / (b.Box.Width * b.Box.Height);

    /// <summary>
    /// Round 19: how much of its box a blob fills without its thin edges: at most two columns at either side and two rows at
    /// either end holding under half as much ink as its fullest column or row (a bar's grey edge, a background wave line's
    /// pixels taken in with it). How much of them the threshold takes in depends on the crop it was measured on, so one bar
    /// read from two regions of one line was solid in one and a digit-sized piece in the other (outside tuning 510 #23,
    /// 511 #114: a symbol's tall bar at fill 0.75, its field glued to it). Two columns cannot take a digit's flag and foot away.
    /// 0 when a column of what is left holds more than one run of ink (a bar has no hole; a digit's ring or two strokes do).
    /// </summary>
    internal static double CoreFill(AsteriskFill.Blob b, int imageWidth)
    {
        var box = b.Box;
        var columns = new int[box.Width];
        var rows = new int[box.Height];
        foreach (var i in b.Pixels)
        {
            columns[i % imageWidth - box.Left]++;
            rows[i / imageWidth - box.Top]++;
        }
        var (left, right) = Trim(columns);
        var (top, bottom) = Trim(rows);
        var tops = new int[right - left];
        var bottoms = new int[right - left];
        var counts = new int[right - left];
        Array.Fill(tops, int.MaxValue);
        Array.Fill(bottoms, -1);
        foreach (var i in b.Pixels)
        {
            int x = i % imageWidth - box.Left - left, y = i / imageWidth - box.Top;
            if (x < 0 || x >= right - left || y < top || y >= bottom) continue;
            tops[x] = Math.Min(tops[x], y);
            bottoms[x] = Math.Max(bottoms[x], y);
            counts[x]++;
        }
        for (var x = 0; x < counts.Length; x++)
            if (counts[x] > 0 && counts[x] < bottoms[x] - tops[x] + 1) return 0;
        return (double)counts.Sum() / ((right - left) * (bottom - top));

        static (int Start, int End) Trim(int[] counts)
        {
            var thin = counts.Max() / 2.0;
            int start = 0, end = counts.Length;
            while (start < 2 && end - start > 2 && counts[start] < thin) start++;
            while (counts.Length - end < 2 && end - start > 2 && counts[end - 1] < thin) end--;
            return (start, end);
        }
    }

    /// <summary>
    /// Whether a blob is solid bars standing side by side: its columns fall into flat groups (one top and one bottom each), two
    /// or more of them bars (every column one run of ink, at least a third of the line's height tall, at most a third of it
    /// wide, not all of one height), with at most two columns of anything else between them or at either end (the ink that
    /// bridges two bars, a bar's grey edge). No digit is: a digit's columns cross two strokes (0, 2, 3, 5, 6, 8, 9, 4, a 1's
    /// flag over its foot) or run along a slant (7); a letter L's foot is too flat and too long.
    /// </summary>
    internal static bool IsBars(AsteriskFill.Blob b, int imageWidth, int h)
    {
        var box = b.Box;
        var tops = new int[box.Width];
        var bottoms = new int[box.Width];
        var counts = new int[box.Width];
        Array.Fill(tops, int.MaxValue);
        Array.Fill(bottoms, -1);
        foreach (var i in b.Pixels)
        {
            int x = i % imageWidth - box.Left, y = i / imageWidth;
            tops[x] = Math.Min(tops[x], y);
            bottoms[x] = Math.Max(bottoms[x], y);
            counts[x]++;
        }
        var tolerance = Math.Max(1, h / 10);
        var groups = new List<(int Start, int Width, int Height)>();
        var start = 0;
        for (var x = 1; x <= box.Width; x++)
        {
            if (x < box.Width && Math.Abs(tops[x] - tops[start]) <= tolerance && Math.Abs(bottoms[x] - bottoms[start]) <= tolerance) continue;
            groups.Add((start, x - start, bottoms[start] - tops[start] + 1));
            start = x;
        }
        // Blur leaves a column or two between two bars (the ink bridging them, touching only corner to corner, a bar's grey
        // edge); more is a slant or a curve. Round 19: or a background wave line crossing from one bar to the next, a run no
        // taller than the tolerance in every column of the gap, up to a fifth of the line's height wide (outside 1039 #5: an
        // on-us symbol's tall and short bar 3 px apart at h 25, joined by a wave line one row thick, was counted as a digit
        // glyph and read as "4" before the serial). A digit's slant or curve is taller than that in its columns.
        var bars = new List<(int Start, int Width, int Height)>();
        var between = 0;
        var thinOnly = true;
        foreach (var g in groups)
        {
            if (g.Width >= 2 && g.Height >= h / 3.0)
            {
                // A bar is solid: each of its columns one run, as many pixels as its extent (a digit's ring has a hole).
                for (var x = g.Start; x < g.Start + g.Width; x++)
                    if (counts[x] < bottoms[x] - tops[x] + 1) return false;
                bars.Add(g);
                between = 0;
                thinOnly = true;
                continue;
            }
            between += g.Width;
            thinOnly &= g.Height <= tolerance && Enumerable.Range(g.Start, g.Width).All(x => counts[x] == bottoms[x] - tops[x] + 1);
            if (between > 2 && !(thinOnly && between <= h / 5.0)) return false;
        }
        // Round 19 (outside20): a bar may be two columns wider than a third of the line's height: the page's cleaning can fill the gap
        // between two bars over the shorter one's height, and those columns, flat and as tall as it, join its group (outside
        // tuning 547 #83, heritage: bars 5 wide at h = 16 made a group of 7 with the gap, so the symbol before the serial
        // counted as a glyph and the field read 11 glyphs for 10 digits). Every column of a bar must still be one run of ink.
        // Round 32: or half the line's height, when the print is heavy: an on-us symbol's bar and square printed with a thick stroke
        // are one blob (a bar 11 px wide and a square 9 px wide glued above its right side at h 24, third tuning 4 #198: the
        // serial's field counted 11 glyphs for 10 digits and the MICR print never confirmed the top one). Each bar is still one
        // solid run of ink per column, side by side with no slant or curve between them, which no digit is.
        return bars.Count >= 2 && bars.All(g => g.Width <= h / 2.0 + 2)
            && bars.Max(g => g.Height) - bars.Min(g => g.Height) > tolerance;
    }

    /// <summary>
    /// Round 26: solid ink narrower than a fifth of the digits' height is a rule's sliver, not a symbol: the form's frame, one or
    /// two pixels wide, in pieces where it crosses the line's band (prairie-bank tuning seed 9824 #242: two pieces 1 px wide
    /// beside the top print, h 22, counted as a symbol, so the top print was read as a MICR field). An E-13B symbol's bars and
    /// squares stand side by side, and it is a third of the digits' height wide or more (7–24 px at h 23–35 on tuning scans).
    /// </summary>
    internal static bool IsRuleSliver(PixelRect token, int h) => token.Width < 0.2 * h;

    private enum Kind { Glyph, Solid, Unclear }

    private void Parse(int top, int baseline)
    {
        var h = GlyphHeight;
        var band = PixelRect.FromEdges(0, top, _crop.Width, baseline);
        _band = band;
        var onLine = new List<AsteriskFill.Blob>();
        var strokes = new HashSet<AsteriskFill.Blob>();
        foreach (var b in _blobs.Where(b => b.Box.VerticalOverlap(band) > 0.5 && Math.Max(b.Box.Width, b.Box.Height) >= 0.25 * h))
        {
            if (!RunsOutOfBand(b.Box, band, h))
            {
                onLine.Add(b);
                continue;
            }
            foreach (var piece in InBand(b, _crop.Width, band).Where(p => Math.Max(p.Box.Width, p.Box.Height) >= 0.25 * h))
            {
                onLine.Add(piece);
                strokes.Add(piece);
            }
        }
        var items = new List<(Kind Kind, PixelRect Box, List<AsteriskFill.Blob> Parts)>();
        var glued = new HashSet<AsteriskFill.Blob>();
        foreach (var b in onLine.OrderBy(b => b.Box.Left))
        {
            // A bar shorter than the digits may fill its box only without its thin edges (`CoreFill`); not a piece as tall as
            // the digits, which a 1 is, nor one that fills under 0.7 of its box (the bars seen lost 0.03–0.05 to their edges;
            // a light serif 9 broken at its hairlines has pieces whose core is solid: 9698 #306, `SerialBrokenGlyphRound18Tests`).
            var solid = (Fill(b) >= SolidFill || (b.Box.Height <= 0.9 * h && Fill(b) >= 0.7 && CoreFill(b, _crop.Width) >= SolidFill))
                        && b.Box.Width <= 0.6 * h && b.Box.Height <= 1.15 * h;
            // A symbol's bars printed (or thresholded) touching are one blob, the size of a digit and often filling its box only in
            // part; taken for a digit (or for one bar, a letter I) it made an 11-digit serial's field 12 glyphs long (outside lakeside forms, tuning seed 20).
            if (b.Box.Height <= 1.15 * h && b.Box.Width <= 1.1 * h && IsBars(b, _crop.Width, h))
            {
                solid = true;
                glued.Add(b);
            }
            var glyph = !solid && b.Box.Height >= 0.6 * h && b.Box.Height <= 1.3 * h && b.Box.Width <= 1.1 * h;
            items.Add((solid ? Kind.Solid : glyph ? Kind.Glyph : Kind.Unclear, b.Box, [b]));
        }
        // A digit broken in two (a thin stroke lost to the threshold) is one glyph: pieces sharing most of their columns.
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = i + 1; j < items.Count && items[j].Box.Left < items[i].Box.Right; j++)
            {
                var (a, b) = (items[i].Box, items[j].Box);
                var shared = Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left);
                if (shared < 0.5 * Math.Min(a.Width, b.Width)) continue;
                var union = a.Union(b);
                if ((items[i].Kind == Kind.Solid || items[j].Kind == Kind.Solid) && !FlagOfGlyph(items[i], items[j], union)) continue;
                // Round 22: a stroke's piece is joined with nothing: the glyph it was cut from is whole beside it.
                if (items[i].Parts.Any(strokes.Contains) || items[j].Parts.Any(strokes.Contains)) continue;
                var kind = union.Height >= 0.6 * h && union.Height <= 1.3 * h && union.Width <= 1.1 * h ? Kind.Glyph : Kind.Unclear;
                items[i] = (kind, union, [.. items[i].Parts, .. items[j].Parts]);
                items.RemoveAt(j);
                j--;
            }
        }
        // Round 22: a digit's flat stroke broken off by the threshold (a 5's top bar over its body, tuning seed 9773 #380: solid,
        // 11×5 px over a body 14 wide at h 24) is part of that glyph: a short solid piece right above or below one glyph, within its
        // columns, the two together a glyph's size. A symbol's bars and squares stand beside the digits, never over one.
        bool FlagOfGlyph((Kind Kind, PixelRect Box, List<AsteriskFill.Blob> Parts) x, (Kind Kind, PixelRect Box, List<AsteriskFill.Blob> Parts) y, PixelRect union)
        {
            var (flag, glyph) = x.Kind == Kind.Solid ? (x, y) : (y, x);
            return flag.Kind == Kind.Solid && glyph.Kind == Kind.Glyph && !flag.Parts.Any(glued.Contains) && flag.Box.Height <= 0.4 * h
                && flag.Box.Left >= glyph.Box.Left - 1 && flag.Box.Right <= glyph.Box.Right + 1
                && (flag.Box.Bottom <= glyph.Box.Top + 1 || glyph.Box.Bottom <= flag.Box.Top + 1)
                && union.Height >= 0.75 * h && union.Height <= 1.15 * h && union.Width <= 1.1 * h;
        }
        // Solid pieces close together are one symbol; a symbol stands as tall as a good part of the digits.
        var tokens = new List<(Kind Kind, PixelRect Box, List<AsteriskFill.Blob> Parts)>();
        foreach (var item in items)
        {
            if (item.Kind == Kind.Solid && tokens.Count > 0 && tokens[^1].Kind == Kind.Solid && item.Box.Left - tokens[^1].Box.Right < 0.45 * h)
                tokens[^1] = (Kind.Solid, tokens[^1].Box.Union(item.Box), [.. tokens[^1].Parts, .. item.Parts]);
            else tokens.Add(item);
        }
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != Kind.Solid || ((tokens[i].Parts.Count >= 2 || tokens[i].Parts.Any(glued.Contains)) && tokens[i].Box.Height >= 0.4 * h
                    && !IsRuleSliver(tokens[i].Box, h))) continue;
            // Every E-13B symbol is two pieces or more; one solid bar or square alone is a letter (I, l), a rule's end or a
            // speck: on the line it is ink nothing explains.
            tokens[i] = (Kind.Unclear, tokens[i].Box, tokens[i].Parts);
        }
        Symbols = tokens.Count(t => t.Kind == Kind.Solid);

        var fields = new List<Field>();
        var run = new List<(PixelRect Box, List<AsteriskFill.Blob> Parts)>();
        Bound before = Bound.Edge;
        for (var i = 0; i <= tokens.Count; i++)
        {
            var t = i < tokens.Count ? tokens[i] : default;
            var end = i == tokens.Count || t.Kind != Kind.Glyph || (run.Count > 0 && t.Box.Left - run[^1].Box.Right > 0.7 * h);
            if (end && run.Count > 0)
            {
                var after = i == tokens.Count ? Bound.Edge : Between(t.Kind, t.Box, t.Box.Left - run[^1].Box.Right);
                var field = new Field(run.Select(g => Shift(g.Box)).ToList(), before, after) { Stroked = run.Any(g => g.Parts.Any(strokes.Contains)) };
                fields.Add(field);
                _fieldBlobs[field] = run.SelectMany(g => g.Parts).ToList();
                run.Clear();
            }
            if (i == tokens.Count) break;
            if (t.Kind == Kind.Glyph)
            {
                if (run.Count == 0)
                {
                    var prev = i > 0 ? tokens[i - 1] : default;
                    before = i == 0 ? Bound.Edge : Between(prev.Kind, prev.Box, t.Box.Left - prev.Box.Right);
                }
                run.Add((t.Box, t.Parts));
            }
        }
        Fields = fields;

        // What ends a field: a glyph after a wide gap, a symbol, or ink that is neither. Ink closer than the gap between two
        // digits may hold digits of the field (a title or a stamp printed over its first digit): the field is glued to it.
        // Round 29: not a smaller print inside the digits' band, half a glyph height or more away, no taller than seven tenths
        // of them: a label's last letters (`SERIAL NUMBER 8780184209`, its capitals half the digits' height, 20 px from them at
        // h 35: third generator's MoneyGram form). A digit hidden under other ink leaves ink as tall as a digit, or a piece of it
        // at a digit's spacing (under half a glyph height); a label is no digit, and the reading still needs its second reading.
        Bound Between(Kind neighbour, PixelRect box, int gap) =>
            neighbour == Kind.Glyph || gap > 1.5 * h ? Bound.Gap
            : neighbour == Kind.Solid ? Bound.Symbol
            : gap <= 0.7 * h && !SmallerPrintInBand(box, gap) ? Bound.Glued : Bound.Unclear;
        bool SmallerPrintInBand(PixelRect box, int gap) =>
            gap >= 0.5 * h && box.Height <= 0.7 * h && box.Top >= top + 0.1 * h && box.Bottom <= baseline + 0.1 * h;
    }

    /// <summary>
    /// Round 22: ink that reaches half a glyph height or more out of the digits' band, above or below, and is more than twice
    /// the line's height tall (or half again as tall and three glyphs wide): a signature's loop, a stamp's or the form's frame
    /// drawn across the line. No digit or symbol of the line is; a neighbouring line's taller print is not twice as tall.
    /// </summary>
    private static bool RunsOutOfBand(PixelRect box, PixelRect band, int h) =>
        (box.Height > 2 * h || (box.Height > 1.3 * h && box.Width > 3 * h)) && (box.Top < band.Top - h / 2.0 || box.Bottom > band.Bottom + h / 2.0);

    /// <summary>Round 22: the pieces of a blob inside the band's rows (8-connected, as the blobs are).</summary>
    private static List<AsteriskFill.Blob> InBand(AsteriskFill.Blob blob, int imageWidth, PixelRect band)
    {
        var inside = blob.Pixels.Where(i => i / imageWidth >= band.Top && i / imageWidth < band.Bottom).ToHashSet();
        var pieces = new List<AsteriskFill.Blob>();
        var stack = new Stack<int>();
        while (inside.Count > 0)
        {
            var start = inside.First();
            inside.Remove(start);
            stack.Push(start);
            var list = new List<int>();
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                list.Add(i);
                int x = i % imageWidth, y = i / imageWidth;
                for (var dy = -1; dy <= 1; dy++)
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var n = (y + dy) * imageWidth + x + dx;
                        if (x + dx >= 0 && x + dx < imageWidth && inside.Remove(n)) stack.Push(n);
                    }
            }
            if (list.Count < 4) continue;
            int l = list.Min(i => i % imageWidth), r = list.Max(i => i % imageWidth), t = list.Min(i => i / imageWidth), btm = list.Max(i => i / imageWidth);
            pieces.Add(new AsteriskFill.Blob(PixelRect.FromEdges(l, t, r + 1, btm + 1), list));
        }
        return pieces;
    }

    /// <summary>
    /// Round 10: whether the ink under <paramref name="words"/> (page coordinates) ends clear at its start and at its end,
    /// whether or not its glyphs could be counted (bold or grainy digits run together into one piece of ink): no ink of the
    /// line reaches more than half a glyph height past the words' box, and the nearest ink beyond that side is more than one
    /// and a half glyph heights away (the gap <see cref="Bound.Gap"/> asks), with room seen up to there. A digit the reading
    /// missed at that end would be ink right there. Any ink reaching into the digits' band counts, however big (a stamp).
    /// </summary>
    public (bool Start, bool End) ClearEnds(PixelRect words)
    {
        var h = GlyphHeight;
        var local = new PixelRect(words.Left - _region.Left, words.Top - _region.Top, words.Width, words.Height);
        var ink = _blobs.Select(b => b.Box).Where(b => b.Top < _band.Bottom && b.Bottom > _band.Top && Math.Max(b.Width, b.Height) >= 0.25 * h).ToList();
        var under = ink.Where(b => b.Left + b.Width / 2 > local.Left && b.Left + b.Width / 2 < local.Right).ToList();
        if (under.Count == 0) return (false, false);
        int first = under.Min(b => b.Left), last = under.Max(b => b.Right);
        var others = ink.Except(under).ToList();
        var start = first >= local.Left - h / 2 && first - 1.5 * h >= 0 && !others.Any(b => b.Left < first && b.Right > first - 1.5 * h);
        var end = last <= local.Right + h / 2 && last + 1.5 * h <= _crop.Width && !others.Any(b => b.Right > last && b.Left < last + 1.5 * h);
        return (start, end);
    }

    /// <summary>
    /// Round 14: whether another print covers the start of the ink under <paramref name="words"/> (page coordinates): a piece of
    /// ink on the line that is not under the words, reaches to within a glued gap (0.7 glyph heights, as <see cref="Bound.Glued"/>)
    /// of their first glyph or into it, and stands taller than 1.3 glyph heights (a title's letters run into the digits, a
    /// stamp). A print's own label beside it is smaller than its digits (FORMATS.md's `SERIAL NO.`, `NO.`), so it never is.
    /// </summary>
    public bool CoveredStart(PixelRect words)
    {
        var h = GlyphHeight;
        var local = new PixelRect(words.Left - _region.Left, words.Top - _region.Top, words.Width, words.Height);
        var ink = _blobs.Select(b => b.Box).Where(b => b.Top < _band.Bottom && b.Bottom > _band.Top && Math.Max(b.Width, b.Height) >= 0.25 * h).ToList();
        var under = ink.Where(b => b.Left + b.Width / 2 > local.Left && b.Left + b.Width / 2 < local.Right).ToList();
        if (under.Count == 0) return false;
        var first = under.Min(b => b.Left);
        return ink.Except(under).Any(b => b.Left < first && b.Right >= first - 0.7 * h && b.Height > 1.3 * h);
    }

    private PixelRect Shift(PixelRect r) => new(r.Left + _region.Left, r.Top + _region.Top, r.Width, r.Height);

    /// <summary>
    /// The one field under <paramref name="words"/> (page coordinates) with as many glyphs as the words hold digits; null when
    /// there is none (a symbol read as a digit, a digit lost) or more than one. OCR's word boxes are loose (one often runs
    /// over the next field), so the count picks the field, not the box alone.
    /// </summary>
    public Field? FieldUnder(PixelRect words, int digits)
    {
        var under = FieldsUnder(words).Where(f => f.Count == digits).Take(2).ToList();
        return under.Count == 1 ? under[0] : null;
    }

    /// <summary>
    /// Round 26: the line's band of digits under <paramref name="words"/> (page coordinates): the words' columns, the band's rows
    /// (OCR's word box may reach far above and below the print: a signature's loops, the form's frame). Null when no field of
    /// the line has a glyph under the words.
    /// </summary>
    public PixelRect? BandUnder(PixelRect words) =>
        FieldsUnder(words).Any() ? PixelRect.FromEdges(words.Left, _band.Top + _region.Top, words.Right, _band.Bottom + _region.Top) : null;

    /// <summary>The fields with a glyph under <paramref name="words"/> (page coordinates).</summary>
    public IEnumerable<Field> FieldsUnder(PixelRect words) =>
        Fields.Where(f => f.Glyphs.Any(g => g.Left + g.Width / 2 > words.Left && g.Left + g.Width / 2 < words.Right));

    /// <summary>
    /// Round 23: the glyphs under <paramref name="words"/> (page coordinates), as <see cref="FieldsUnder"/> counts them, less a
    /// label's last letter taken into the print's first field: that field's first glyph when it lies left of the words, is
    /// under 0.8 of the height of the field's other glyphs and stands apart from the next glyph by more than twice the widest
    /// gap between them. A label is smaller print than its value and set apart from it (FORMATS.md's `SERIAL NUMBER`); a digit
    /// of the print is as tall as its neighbours and spaced as they are. Outside tuning 612 #133 (lakeside, the label squeezed
    /// between the title's `LOAN` and the serial): an `R` 15 px tall, 15 px before digits 23 px tall and 3–6 px apart.
    /// </summary>
    public int GlyphsLessLabelLetter(PixelRect words)
    {
        var fields = FieldsUnder(words).OrderBy(f => f.Box.Left).ToList();
        var count = fields.Sum(f => f.Count);
        if (fields.Count == 0 || fields[0].Count < 4) return count;
        var glyphs = fields[0].Glyphs;
        var rest = glyphs.Skip(1).ToList();
        var widestGap = Enumerable.Range(1, rest.Count - 1).Max(i => rest[i].Left - rest[i - 1].Right);
        var first = glyphs[0];
        var labelLetter = first.Left + first.Width / 2 < words.Left && first.Height < 0.8 * Median(rest.Select(g => g.Height))
            && rest[0].Left - first.Right > 2 * Math.Max(widestGap, 1);
        return labelLetter ? count - 1 : count;
    }

    /// <summary>
    /// Round 18: the glyphs under <paramref name="words"/> (page coordinates) counted with each glyph broken in two side by side
    /// taken once: two neighbouring pieces, each as tall as the line's print and at most 0.6 of its typical glyph's width, no
    /// more than a column or two apart, together no wider than 1.1 typical glyphs. A light serif digit's hairlines lost to the
    /// threshold leave its ring's left arc and its stem apart (a 9 as two pieces of 7 and 6 px beside glyphs of 14, prairie-bank
    /// tuning seed 9698 #306); a glyph the reading lost is a whole glyph's width on its own, and two narrow digits side by
    /// side (a serif "11") are wider than one glyph together.
    /// </summary>
    public int GlyphsJoiningBroken(PixelRect words)
    {
        var fields = FieldsUnder(words).ToList();
        var glyphs = fields.SelectMany(f => f.Glyphs).ToList();
        if (glyphs.Count == 0) return 0;
        var width = Median(glyphs.Select(g => g.Width));
        var gap = Math.Max(1, GlyphHeight / 12);
        bool Halves(PixelRect a, PixelRect b) => b.Left - a.Right <= gap && b.Right - a.Left <= 1.1 * width
            && a.Width <= 0.6 * width && b.Width <= 0.6 * width && a.Height >= 0.75 * GlyphHeight && b.Height >= 0.75 * GlyphHeight;
        var count = 0;
        foreach (var f in fields)
            for (var i = 0; i < f.Count; i++, count++)
                if (i + 1 < f.Count && Halves(f.Glyphs[i], f.Glyphs[i + 1])) i++;
        return count;
    }

    /// <summary>
    /// The field's glyphs alone on white: every other ink on the line (its symbols, the neighbouring fields, specks) left out,
    /// a margin of half a line around, brought to the glyph height Tesseract reads best.
    /// </summary>
    public GrayImage Cut(Field field)
    {
        var h = GlyphHeight;
        var keep = _fieldBlobs[field];
        var w = _crop.Width;
        var pixels = _crop.Pixels;
        // The field's ink with a rim of two pixels (its grey edge); everything else is left white.
        // Round 32: the rim takes in no ink of another component of the line: an on-us symbol's square a pixel from a 7 left a
        // sliver of itself in the cut, and `|7` was read as 1 (third tuning 7 #132, 4 #30: the MICR print then disagreed with the
        // top print). A stroke the field's glyphs were cut out of (Round 22) shares their pixels and stays as before.
        var mine = new bool[pixels.Length];
        foreach (var b in keep)
            foreach (var i in b.Pixels) mine[i] = true;
        var others = new bool[pixels.Length];
        foreach (var b in _blobs.Where(b => !b.Pixels.Any(i => mine[i])))
            foreach (var i in b.Pixels) others[i] = true;
        var kept = new bool[pixels.Length];
        foreach (var b in keep)
            foreach (var i in b.Pixels)
                for (var dy = -2; dy <= 2; dy++)
                    for (var dx = -2; dx <= 2; dx++)
                    {
                        int x = i % w + dx, y = i / w + dy;
                        if (x >= 0 && x < w && y >= 0 && y < _crop.Height) kept[y * w + x] = true;
                    }
        var box = keep.Select(b => b.Box).Aggregate((a, b) => a.Union(b));
        var pad = Math.Max(8, h / 2);
        var area = box.Inflate(pad, pad).ClampTo(_crop.Width, _crop.Height);
        // Only the field's own pixels inside the area; a white margin all round so the line does not touch the edge.
        var pw = box.Width + 2 * pad;
        var ph = box.Height + 2 * pad;
        var outPixels = new byte[pw * ph];
        Array.Fill(outPixels, (byte)255);
        for (var y = area.Top; y < area.Bottom; y++)
            for (var x = area.Left; x < area.Right; x++)
            {
                int ox = x - box.Left + pad, oy = y - box.Top + pad;
                if (ox >= 0 && ox < pw && oy >= 0 && oy < ph && kept[y * w + x] && !others[y * w + x]) outPixels[oy * pw + ox] = pixels[y * w + x];
            }
        var image = new GrayImage(pw, ph, outPixels);
        return h > 40 ? image.Scale(32.0 / h) : image;
    }

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
