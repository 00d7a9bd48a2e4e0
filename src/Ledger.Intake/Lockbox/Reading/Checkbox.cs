using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Intake.Lockbox.Reading;

/// <summary>Finds a printed square in a search area and measures the ink inside it.</summary>
internal static class Checkbox
{
    /// <summary>Share of dark pixels inside the box's border, or null when no clear square is there.</summary>
    public static double? InkInside(GrayImage image, PixelRect search, int expectedSide)
    {
        var r = search.ClampTo(image.Width, image.Height);
        if (r.IsEmpty) return null;
        // A 2-pixel border scanned at 200 dpi is mid-gray, not black: the borders are looked for with a lighter threshold.
        const byte border = 180;
        var cols = new int[r.Width];
        for (var y = 0; y < r.Height; y++)
        {
            var row = (r.Top + y) * image.Width + r.Left;
            for (var x = 0; x < r.Width; x++)
                if (image.Pixels[row + x] < border) cols[x]++;
        }
        if (!TryEdges(cols, expectedSide, out var left, out var right)) return null;
        // Rows counted between the two side borders only, so neighbouring label text cannot pose as a border.
        var rows = new int[r.Height];
        for (var y = 0; y < r.Height; y++)
        {
            var row = (r.Top + y) * image.Width + r.Left;
            for (var x = left; x <= right; x++)
                if (image.Pixels[row + x] < border) rows[y]++;
        }
        if (!TryEdges(rows, expectedSide, out var top, out var bottom)) return null;
        var inset = Math.Max(4, expectedSide / 7);
        var inner = PixelRect.FromEdges(r.Left + left + inset, r.Top + top + inset, r.Left + right - inset + 1, r.Top + bottom - inset + 1);
        return inner.Width < 4 || inner.Height < 4 ? null : image.DarkShare(inner);
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
