using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 36 (issue #11): loose specks whitened for a second page pass (Reading/Specks), and print's own small marks kept: a point
/// or comma level with the glyph beside it, a dot inside a glyph's box, the dots of a dot-matrix lattice.
/// </summary>
public class SpecksRound36Tests
{
    private const int TextHeight = 20;

    [Fact]
    public void A_loose_speck_and_one_above_a_glyph_are_found_and_whitened()
    {
        var page = Page();
        Fill(page, 100, 8, 2, 2);  // alone on the paper
        Fill(page, 24, 12, 2, 2);  // over a glyph's top, not level with it
        var specks = Specks.Find(Image(page), TextHeight);
        Assert.Equal([new PixelRect(24, 12, 2, 2), new PixelRect(100, 8, 2, 2)], specks.OrderBy(s => s.Left));
        var removed = Specks.Removed(Image(page), TextHeight);
        Assert.Equal(255, removed[100, 8]);
        Assert.Equal(255, removed[25, 13]);
        // The glyphs stay as they were.
        Assert.Equal(0, removed[25, 30]);
        Assert.Equal(0, removed[45, 30]);
    }

    [Fact]
    public void Marks_of_print_are_not_specks()
    {
        var page = Page();
        Fill(page, 35, 37, 3, 3);    // a point between two digits, on their baseline
        Fill(page, 55, 20, 3, 3);    // a dot level with the top of the glyph before it
        Fill(page, 66, 28, 3, 3);    // the dot inside a zero's ring
        for (var x = 120; x < 160; x += 4) Fill(page, x, 50, 2, 2); // a row of a dot-matrix lattice
        var image = Image(page);
        Assert.Empty(Specks.Find(image, TextHeight));
        Assert.Same(image, Specks.Removed(image, TextHeight));
    }

    [Fact]
    public void Ink_as_big_as_print_is_no_speck()
    {
        var page = Page();
        Fill(page, 100, 60, 6, 6);   // bigger than a fifth of the print's height
        Assert.Empty(Specks.Find(Image(page), TextHeight));
    }

    /// <summary>200×80 of paper with two glyph-sized blocks (20–32 and 40–52 across, 20–40 down) and a ring (60–74).</summary>
    private static byte[,] Page()
    {
        var page = new byte[80, 200];
        for (var y = 0; y < 80; y++)
            for (var x = 0; x < 200; x++) page[y, x] = 255;
        Fill(page, 20, 20, 12, 20);
        Fill(page, 40, 20, 12, 20);
        Fill(page, 60, 20, 14, 20);
        for (var y = 23; y < 37; y++)
            for (var x = 63; x < 71; x++) page[y, x] = 255;
        return page;
    }

    private static void Fill(byte[,] page, int left, int top, int width, int height)
    {
        for (var y = top; y < top + height; y++)
            for (var x = left; x < left + width; x++) page[y, x] = 0;
    }

    private static GrayImage Image(byte[,] page)
    {
        var (h, w) = (page.GetLength(0), page.GetLength(1));
        var pixels = new byte[w * h];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++) pixels[y * w + x] = page[y, x];
        return new GrayImage(w, h, pixels);
    }
}
