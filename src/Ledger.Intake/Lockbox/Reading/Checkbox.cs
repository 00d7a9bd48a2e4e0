using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Intake.Lockbox.Reading;

/// <summary>Finds a printed square in a search area and measures the ink inside it.</summary>
internal static class Checkbox
{
    /// <summary>Share of dark pixels inside the box's border, or null when no clear square is there.</summary>
    public static double? InkInside(GrayImage image, PixelRect search, int expectedSide) =>
        TryFind(image, search, expectedSide, out var inner) ? image.DarkShare(inner) : null;

    /// <summary>
    /// Every printed square along a band (a row of a form), left to right: a window slides along the band and keeps
    /// the squares it finds, once each. For a form whose boxes are fixed even when OCR misses the words beside them.
    /// </summary>
    public static List<PixelRect> FindAll(GrayImage image, PixelRect band, int expectedSide)
    {
        var found = new List<PixelRect>();
        var step = Math.Max(2, expectedSide / 3);
        for (var x = band.Left; x + expectedSide < band.Right; x += step)
        {
            var window = new PixelRect(x, band.Top, (int)(expectedSide * 1.8), band.Height);
            if (!TryFind(image, window, expectedSide, out var inner)) continue;
            if (found.Any(f => Math.Abs(f.Left - inner.Left) < expectedSide / 2)) continue;
            // A window that cut a box in half sees one side only; TryFind needs two sides, so what is kept is whole.
            found.Add(inner);
        }
        return found.OrderBy(f => f.Left).ToList();
    }

    private static bool TryFind(GrayImage image, PixelRect search, int expectedSide, out PixelRect inner)
    {
        inner = default;
        var r = search.ClampTo(image.Width, image.Height);
        if (r.IsEmpty) return false;
        // A 2-pixel border scanned at 200 dpi is mid-gray, not black: the borders are looked for with a lighter threshold.
        const byte border = 180;
        var cols = new int[r.Width];
        for (var y = 0; y < r.Height; y++)
        {
            var row = (r.Top + y) * image.Width + r.Left;
            for (var x = 0; x < r.Width; x++)
                if (image.Pixels[row + x] < border) cols[x]++;
        }
        if (!TryEdges(cols, expectedSide, out var left, out var right)) return false;
        // Rows counted between the two side borders only, so neighbouring label text cannot pose as a border.
        var rows = new int[r.Height];
        for (var y = 0; y < r.Height; y++)
        {
            var row = (r.Top + y) * image.Width + r.Left;
            for (var x = left; x <= right; x++)
                if (image.Pixels[row + x] < border) rows[y]++;
        }
        if (!TryEdges(rows, expectedSide, out var top, out var bottom)) return false;
        // A square, not a rule crossing a letter: the sides must be about as long as each other.
        if (Math.Abs((right - left) - (bottom - top)) > Math.Max(4, (right - left) / 4)) return false;
        var inset = Math.Max(4, expectedSide / 7);
        inner = PixelRect.FromEdges(r.Left + left + inset, r.Top + top + inset, r.Left + right - inset + 1, r.Top + bottom - inset + 1);
        return inner.Width >= 4 && inner.Height >= 4;
    }

    /// <summary>The two border lines: the outermost strong columns (or rows) that are about a box apart.</summary>
    private static bool TryEdges(int[] profile, int expectedSide, out int first, out int last)
    {
        first = last = -1;
        var max = profile.Max();
        if (max < expectedSide / 2) return false;
        var strong = Enumerable.Range(0, profile.Length).Where(i => profile[i] >= 0.7 * max).ToList();
        first = strong[0];
        last = strong[^1];
        var side = last - first;
        return side >= expectedSide * 0.6 && side <= expectedSide * 1.6;
    }
}
