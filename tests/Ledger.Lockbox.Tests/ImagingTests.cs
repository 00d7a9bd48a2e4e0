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
