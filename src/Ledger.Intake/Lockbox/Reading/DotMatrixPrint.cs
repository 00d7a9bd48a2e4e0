using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Intake.Lockbox.Reading;

/// <summary>
/// Round 34: dot-matrix print joined into strokes for a second page pass. A dot-matrix printer's glyphs are lattices of dots; the
/// page pass reads them far worse than solid print (third generator's grocery form with both amounts in dots: 22 of its 39
/// legible orders over tuning 4–8 waited, against 47 of 702 orders printed solid). The dotted regions of the page are found by
/// their ink running in lattice steps (<see cref="LatticeSteps"/>) and replaced by their mean over the lattice's pitch, its ink
/// cut darker than half way (a stroke's edge is grey after the mean, as DigitShape cuts a dotted word) and made solid. Read only
/// when the page as scanned left the amount unsettled (MoneyOrderReader.ReadMoneyOrder): a dotted zero's centre dot joins its
/// ring into a barred oval, which the engine reads as a 6 or an 8 more often than it read the dots so.
/// </summary>
internal static class DotMatrixPrint
{
    /// <summary>The side of the square cells the lattice steps are counted in, in pixels.</summary>
    private const int Cell = 16;

    /// <summary>Lattice steps a cell needs to count as dotted (<see cref="LatticeSteps"/>).</summary>
    private const int StepsPerCell = 4;

    /// <summary>Dotted cells a region needs: a word of dots, not a speck of grain or a signature's crossing.</summary>
    private const int CellsPerRegion = 4;

    /// <summary>What counts as ink on a page whose paper was evened out to white.</summary>
    private const byte Ink = 128;

    /// <summary>The page with its dotted regions (<see cref="Regions"/>) joined, or the very same page when it has none.</summary>
    public static GrayImage Joined(GrayImage page, List<PixelRect> regions) => regions.Count > 0 ? Join(page, regions) : page;

    /// <summary>The page with its dotted regions joined, seeking them first.</summary>
    public static GrayImage Joined(GrayImage page) => Joined(page, Regions(page));

    /// <summary>The boxes of the page's dotted print: runs of cells rich in lattice steps, each widened by a cell.</summary>
    internal static List<PixelRect> Regions(GrayImage page)
    {
        var (w, h) = (page.Width, page.Height);
        var (cols, rows) = ((w + Cell - 1) / Cell, (h + Cell - 1) / Cell);
        var counts = new int[cols * rows];
        foreach (var (x, y) in LatticeSteps(page)) counts[y / Cell * cols + x / Cell]++;
        var dotted = counts.Select(c => c >= StepsPerCell).ToArray();
        var regions = new List<PixelRect>();
        var seen = new bool[dotted.Length];
        var stack = new Stack<int>();
        for (var start = 0; start < dotted.Length; start++)
        {
            if (!dotted[start] || seen[start]) continue;
            int minX = cols, minY = rows, maxX = -1, maxY = -1, n = 0;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                n++;
                var (cx, cy) = (i % cols, i / cols);
                (minX, maxX, minY, maxY) = (Math.Min(minX, cx), Math.Max(maxX, cx), Math.Min(minY, cy), Math.Max(maxY, cy));
                // Cells of one word touch or leave one cell between them (the gap between two words of a line).
                for (var dy = -1; dy <= 1; dy++)
                    for (var dx = -2; dx <= 2; dx++)
                    {
                        var (nx, ny) = (cx + dx, cy + dy);
                        if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) continue;
                        var j = ny * cols + nx;
                        if (dotted[j] && !seen[j]) { seen[j] = true; stack.Push(j); }
                    }
            }
            // Specks and a guilloche's lines across a dark title banner can step like a lattice too (third tuning 8 #13, #167): that
            // costs a second page pass on an order whose amount waits, and nothing else (only the amount is taken from it).
            if (n >= CellsPerRegion)
                regions.Add(PixelRect.FromEdges((minX - 1) * Cell, (minY - 1) * Cell, (maxX + 2) * Cell, (maxY + 2) * Cell).ClampTo(w, h));
        }
        return regions;
    }

    /// <summary>
    /// Where the page's ink runs in lattice steps: along a row or a column, a fifth short run of ink (at most three pixels) in a
    /// chain of them each one or two pixels of paper from the last. A lattice does that through every stroke along one axis or
    /// both (its dots touching along the other); solid print only where a hairline or grain happens to line up.
    /// </summary>
    private static List<(int X, int Y)> LatticeSteps(GrayImage page)
    {
        var (w, h, px) = (page.Width, page.Height, page.Pixels);
        var found = new List<(int, int)>();
        void Line(int start, int step, int length)
        {
            var (runStart, lastEnd, chain) = (-1, -10, 0);
            for (var i = 0; i <= length; i++)
            {
                var on = i < length && px[start + i * step] < Ink;
                if (on && runStart < 0) runStart = i;
                if (on || runStart < 0) continue;
                var (len, gap) = (i - runStart, runStart - lastEnd);
                chain = len <= 3 && gap is >= 1 and <= 2 ? chain + 1 : len <= 3 ? 1 : 0;
                if (chain >= 5)
                {
                    var at = start + (runStart + i) / 2 * step;
                    found.Add((at % w, at / w));
                }
                (lastEnd, runStart) = (i, -1);
            }
        }
        for (var y = 0; y < h; y++) Line(y * w, 1, w);
        for (var x = 0; x < w; x++) Line(x, w, h);
        return found;
    }

    private static GrayImage Join(GrayImage page, List<PixelRect> regions)
    {
        var pixels = (byte[])page.Pixels.Clone();
        foreach (var region in regions)
        {
            var crop = page.Crop(region);
            var pitch = DigitShape.LatticePitch(crop);
            var mean = crop.BoxBlur(Math.Max(3, pitch | 1));
            // As DigitShape cuts a dotted word: the mean leaves a stroke's edge grey, so the ink is cut darker than half way.
            var cut = DigitShape.InkThresholdAt(mean, 0.6 * 0.5);
            for (var y = 0; y < region.Height; y++)
                for (var x = 0; x < region.Width; x++)
                    pixels[(region.Top + y) * page.Width + region.Left + x] = mean[x, y] < cut ? (byte)0 : (byte)255;
        }
        return new GrayImage(page.Width, page.Height, pixels);
    }
}
