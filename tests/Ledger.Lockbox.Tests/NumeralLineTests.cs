using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using Ledger.Samples.Lockbox;

namespace Ledger.Lockbox.Tests;

[Collection("ocr")]
public class NumeralLineTests(EngineFixture fixture)
{
    /// <summary>
    /// A page region as the postal form prints its courtesy amount: a small caption, then the numerals in a drawn box a few
    /// pixels from the glyphs, with grain specks around. Returns the page and the region below the caption.
    /// </summary>
    private static (GrayImage Page, PixelRect Region) BoxedAmount(string numerals)
    {
        var caption = GrayImage.Decode(LockboxSampleImages.RenderTextLine("DOLLARS AND CENTS", 20));
        var amount = GrayImage.Decode(LockboxSampleImages.RenderTextLine(numerals, 52, serifBold: true));
        var width = Math.Max(caption.Width, amount.Width) + 80;
        var height = caption.Height + amount.Height + 60;
        var px = Enumerable.Repeat((byte)250, width * height).ToArray();
        void Blit(GrayImage img, int x0, int y0)
        {
            for (var y = 0; y < img.Height; y++)
                for (var x = 0; x < img.Width; x++) px[(y0 + y) * width + x0 + x] = Math.Min(px[(y0 + y) * width + x0 + x], img.Pixels[y * img.Width + x]);
        }
        Blit(caption, 40, 10);
        var top = caption.Height + 20;
        Blit(amount, 40, top);
        // The box: 3 px edges a little inside the rendered line's margin, so they run close to the glyphs.
        int left = 55, right = 40 + amount.Width - 30, boxTop = top + (int)(amount.Height * 0.12), boxBottom = top + amount.Height - 8;
        for (var t = 0; t < 3; t++)
        {
            for (var x = left; x <= right; x++) { px[(boxTop + t) * width + x] = 40; px[(boxBottom - t) * width + x] = 40; }
            for (var y = boxTop; y <= boxBottom; y++) { px[y * width + left + t] = 40; px[y * width + right - t] = 40; }
        }
        var rng = new Random(7);
        for (var i = 0; i < width * height / 400; i++) px[rng.Next(px.Length)] = 90;
        return (new GrayImage(width, height, px), PixelRect.FromEdges(0, caption.Height, width, height));
    }

    [Theory]
    [InlineData("$*****67.12", 6712)]
    [InlineData("$****675.00", 67500)]
    public void The_biggest_line_in_a_box_is_cut_out_without_its_edges_and_reads_as_the_amount(string printed, long cents)
    {
        var (page, region) = BoxedAmount(printed);
        var line = NumeralLine.Find(page, region, textHeight: 20);
        Assert.NotNull(line);
        // The box's edges are gone: no row of the crop is dark across most of its width.
        for (var y = 0; y < line.Height; y++)
            Assert.True(Enumerable.Range(0, line.Width).Count(x => line.Pixels[y * line.Width + x] < 128) < line.Width / 2, $"row {y} is a rule");
        var numerals = AsteriskFill.Erase(line, splitMerged: true);
        Assert.NotNull(numerals);
        fixture.Engine.SetImage(numerals);
        var read = fixture.Engine.Read(numerals.Bounds, PageSegMode.SingleLine, "$., 0123456789").Text;
        Assert.True(CourtesyAmount.TryParseFound(read, out var parsed), read);
        Assert.Equal(cents, parsed);
    }

    [Fact]
    public void A_region_with_only_grain_and_a_rule_holds_no_line()
    {
        var px = Enumerable.Repeat((byte)250, 600 * 120).ToArray();
        for (var x = 20; x < 580; x++) px[60 * 600 + x] = 40;
        var rng = new Random(3);
        for (var i = 0; i < 300; i++) px[rng.Next(px.Length)] = 90;
        Assert.Null(NumeralLine.Find(new GrayImage(600, 120, px), new PixelRect(0, 0, 600, 120), textHeight: 20));
    }
}
