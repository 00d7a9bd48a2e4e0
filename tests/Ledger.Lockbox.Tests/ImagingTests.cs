using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

public class ImagingTests
{
    private static GrayImage Paper(int width, int height, int grain, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)Math.Clamp(235 + (grain == 0 ? 0 : random.Next(-grain, grain + 1)), 0, 255);
        return new GrayImage(width, height, pixels);
    }

    [Fact]
    public void Grainy_paper_measures_above_the_median_threshold_and_flat_paper_below()
    {
        Assert.True(Paper(400, 200, 0, 1).PaperGrain() < 1);
        Assert.True(Paper(400, 200, 3, 1).PaperGrain() < 7.5);
        Assert.True(Paper(400, 200, 20, 1).PaperGrain() > 7.5);
    }

    [Fact]
    public void The_median_removes_a_speck_and_keeps_a_stroke()
    {
        var image = Paper(40, 40, 0, 1);
        var pixels = image.Pixels;
        pixels[10 * 40 + 10] = 0; // a speck
        for (var y = 20; y < 30; y++)
            for (var x = 20; x < 23; x++)
                pixels[y * 40 + x] = 0; // a stroke three pixels wide
        var filtered = image.Median3();
        Assert.Equal(235, filtered[10, 10]);
        Assert.Equal(0, filtered[21, 25]);
        Assert.Equal(0, filtered[20, 25]);
    }
}

/// <summary>
/// The faster preprocessing (round 3) must give Tesseract the very same pixels as the straightforward code it replaced:
/// each is checked here against that code, kept as the reference, on pages with a lamp gradient, grain and print.
/// </summary>
public class PreprocessingEquivalenceTests
{
    private static GrayImage Page(int width, int height, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var paper = 150 + 90 * x / width + random.Next(-12, 13); // a lamp dimming one side, and grain
                var ink = (y / 9 % 3 == 0 && x / 5 % 4 != 0) || random.Next(200) == 0; // rows of strokes, specks
                pixels[y * width + x] = (byte)Math.Clamp(ink ? random.Next(10, 90) : paper, 0, 255);
            }
        return new GrayImage(width, height, pixels);
    }

    [Theory]
    [InlineData(333, 157, 1)]
    [InlineData(1440, 673, 2)]
    [InlineData(47, 30, 3)]
    public void Background_normalisation_gives_the_same_pixels_as_blending_each_pixel_from_scratch(int width, int height, int seed)
    {
        var page = Page(width, height, seed);
        Assert.Equal(ReferenceNormalizeBackground(page, 48), page.NormalizeBackground().Pixels);
    }

    [Theory]
    [InlineData(101, 40, 4)]
    [InlineData(1728, 31, 5)]
    [InlineData(33, 5, 6)]
    [InlineData(3, 3, 7)]
    public void The_vectorised_median_gives_the_same_pixels_as_the_scalar_one(int width, int height, int seed)
    {
        var page = Page(width, height, seed);
        Assert.Equal(ReferenceMedian3(page), page.Median3().Pixels);
    }

    [Theory]
    [InlineData(37, 11)]
    [InlineData(64, 9)]
    [InlineData(1, 1)]
    public void A_decoded_png_has_exactly_its_pixels_whatever_its_width(int width, int height)
    {
        var page = Page(width, height, 8);
        var info = new SkiaSharp.SKImageInfo(width, height, SkiaSharp.SKColorType.Gray8, SkiaSharp.SKAlphaType.Opaque);
        using var bitmap = new SkiaSharp.SKBitmap(info);
        System.Runtime.InteropServices.Marshal.Copy(page.Pixels, 0, bitmap.GetPixels(), page.Pixels.Length);
        using var png = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        var decoded = GrayImage.Decode(png.ToArray(), deskew: false);
        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        Assert.Equal(page.Pixels, decoded.Pixels);
    }

    private static byte[] ReferenceNormalizeBackground(GrayImage image, int block)
    {
        int width = image.Width, height = image.Height;
        var bw = (width + block - 1) / block;
        var bh = (height + block - 1) / block;
        var bg = new float[bw * bh];
        for (var by = 0; by < bh; by++)
            for (var bx = 0; bx < bw; bx++)
            {
                var histogram = new int[256];
                var n = 0;
                for (var y = by * block; y < Math.Min(height, (by + 1) * block); y++)
                    for (var x = bx * block; x < Math.Min(width, (bx + 1) * block); x++, n++)
                        histogram[image[x, y]]++;
                var target = n * 9 / 10;
                int v = 0, seen = 0;
                while (v < 255 && (seen += histogram[v]) < target) v++;
                bg[by * bw + bx] = Math.Max(v, 60);
            }
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            var fy = Math.Clamp((y - block / 2f) / block, 0, bh - 1);
            var y0 = (int)fy;
            var y1 = Math.Min(y0 + 1, bh - 1);
            var ty = fy - y0;
            for (var x = 0; x < width; x++)
            {
                var fx = Math.Clamp((x - block / 2f) / block, 0, bw - 1);
                var x0 = (int)fx;
                var x1 = Math.Min(x0 + 1, bw - 1);
                var tx = fx - x0;
                var b = (bg[y0 * bw + x0] * (1 - tx) + bg[y0 * bw + x1] * tx) * (1 - ty) + (bg[y1 * bw + x0] * (1 - tx) + bg[y1 * bw + x1] * tx) * ty;
                pixels[y * width + x] = (byte)Math.Clamp((int)(image[x, y] * 255f / b), 0, 255);
            }
        }
        return pixels;
    }

    private static byte[] ReferenceMedian3(GrayImage image)
    {
        var dst = (byte[])image.Pixels.Clone();
        for (var y = 1; y < image.Height - 1; y++)
            for (var x = 1; x < image.Width - 1; x++)
            {
                var window = new List<byte>(9);
                for (var dy = -1; dy <= 1; dy++)
                    for (var dx = -1; dx <= 1; dx++)
                        window.Add(image[x + dx, y + dy]);
                window.Sort();
                dst[y * image.Width + x] = window[4];
            }
        return dst;
    }
}
