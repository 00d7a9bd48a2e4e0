using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Intake.Lockbox.Reading;

/// <summary>
/// Round 36: the page with its loose specks whitened, for a second page pass. Dust and speckle on a noisy scan sit beside the print
/// and the page pass takes them into its words: a clear `$125.00` read as one 64-px-tall word `Sizor8e` at 0, its words at 9
/// (third generator's MoneyGram form, tuning 6 #89); without the specks both read at 92–96. A speck is a blob of ink no larger
/// than a fifth of the print's height that is none of what print's small marks are: not inside a glyph's box (a dotted zero's
/// dot), not a point, comma or dot level with the bottom or top of a glyph close beside it, not one dot of a lattice of dots
/// (dot-matrix print: other small blobs right beside it). Read only when the page as scanned left the amount unsettled
/// (MoneyOrderReader.ReadMoneyOrder).
/// </summary>
internal static class Specks
{
    /// <summary>What counts as ink on a page whose paper was evened out to white.</summary>
    private const byte Ink = 150;

    /// <summary>The page with its specks whitened, or the very same page when it has none.</summary>
    public static GrayImage Removed(GrayImage page, int textHeight)
    {
        var specks = Find(page, textHeight);
        if (specks.Count == 0) return page;
        var pixels = (byte[])page.Pixels.Clone();
        // The speck's grey halo (blur, JPEG) with it: a pixel round its box.
        foreach (var s in specks)
            for (var y = Math.Max(0, s.Top - 1); y <= Math.Min(page.Height - 1, s.Bottom); y++)
                Array.Fill(pixels, (byte)255, y * page.Width + Math.Max(0, s.Left - 1), Math.Min(page.Width, s.Right + 1) - Math.Max(0, s.Left - 1));
        return new GrayImage(page.Width, page.Height, pixels);
    }

    /// <summary>The boxes of the page's specks.</summary>
    internal static List<PixelRect> Find(GrayImage page, int textHeight)
    {
        var h = Math.Max(textHeight, 12);
        var blobs = Blobs(page);
        var small = Math.Max(3, h / 5);
        var glyphs = blobs.Where(b => b.Height >= h / 2 || b.Width >= h).ToList();
        var dots = blobs.Where(b => b.Width <= small && b.Height <= small).ToList();
        var specks = new List<PixelRect>();
        foreach (var d in dots)
        {
            if (glyphs.Any(g => Inside(d, g) || MarkBeside(d, g, h))) continue;
            if (dots.Any(o => o != d && Gap(d.Left, d.Right, o.Left, o.Right) <= h / 4 && Gap(d.Top, d.Bottom, o.Top, o.Bottom) <= h / 4)) continue;
            specks.Add(d);
        }
        return specks;
    }

    private static bool Inside(PixelRect d, PixelRect g) => d.Left >= g.Left && d.Right <= g.Right && d.Top >= g.Top && d.Bottom <= g.Bottom;

    /// <summary>A point, comma or dot: within half a print height of the glyph beside it, level with its bottom or its top.</summary>
    private static bool MarkBeside(PixelRect d, PixelRect g, int h) =>
        Gap(d.Left, d.Right, g.Left, g.Right) <= h / 2 && d.Top >= g.Top - h / 5 && d.Bottom <= g.Bottom + h / 5
        && (Math.Abs(d.Bottom - g.Bottom) <= h / 5 || Math.Abs(d.Top - g.Top) <= h / 5);

    /// <summary>The distance between two spans of pixels (0 when they overlap or touch); right and bottom edges exclusive.</summary>
    private static int Gap(int a0, int a1, int b0, int b1) => Math.Max(0, Math.Max(b0 - a1, a0 - b1));

    /// <summary>The boxes of the page's blobs of ink (8-connected, however small), right and bottom edges exclusive.</summary>
    private static List<PixelRect> Blobs(GrayImage page) => [.. AsteriskFill.Components(page, Ink, minPixels: 1).Select(b => b.Box)];
}
