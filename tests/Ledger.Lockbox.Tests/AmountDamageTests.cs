using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using Ledger.Samples.Lockbox;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 10 (issue #11, illegible orders): the amount is judged illegible on what its pixels show where it is printed (a blur
/// with no sharp strokes, a solid smear, paper missing), however the damage was drawn; a legible amount, clean, grainy,
/// stamped over or faint, never is. The damage here is drawn by this test, unlike either generator's.
/// </summary>
[Collection("ocr")]
public class AmountDamageTests(EngineFixture fixture)
{
    private readonly MoneyOrderReader _reader = new();

    [Theory]
    [InlineData("blur")]
    [InlineData("smear")]
    [InlineData("tear")]
    [InlineData("tear+blur")]
    public void A_destroyed_amount_is_judged_illegible(string how)
    {
        var (image, courtesy, legal) = Render();
        var kinds = how.Split('+');
        Damage(image, courtesy, kinds[0]);
        Damage(image, legal, kinds[^1]);
        var reading = _reader.ReadMoneyOrder(fixture.Engine, image);
        Assert.Null(reading.AgreedAmount);
        Assert.True(reading.AmountIllegible, reading.ToString());
    }

    [Fact]
    public void A_smeared_amount_printed_past_the_edge_of_the_scan_is_judged_illegible()
    {
        // The form prints its numerals up to its right edge (outside forms do): the smear reaches the image's edge across,
        // unlike the bed around a page, which runs along it.
        var (image, courtesy, legal) = Render();
        Damage(image, courtesy, "smear");
        Damage(image, legal, "blur");
        var cut = Crop(image, courtesy.Left + courtesy.Width / 2);
        var reading = _reader.ReadMoneyOrder(fixture.Engine, cut);
        Assert.True(reading.AmountIllegible, reading.ToString());
    }

    [Theory]
    [InlineData("clean")]
    [InlineData("noisy")]
    [InlineData("stamped")]
    [InlineData("faint")]
    public void A_legible_amount_shows_no_damage_where_it_is_printed(string condition)
    {
        var (image, courtesy, legal) = Render();
        if (condition == "noisy") Grain(image, sigma: 14, seed: 7);
        if (condition == "stamped") Stamp(image, courtesy, legal);
        if (condition == "faint") Faint(image, courtesy, legal);
        // The pixels' judgment on its own (the reader asks it only when no amount was read at all).
        fixture.Engine.SetImage(image, 300);
        var page = new PageLayout(fixture.Engine.ReadWords(PageSegMode.SparseText).Words, image.Width, image.Height);
        Assert.DoesNotContain(MoneyOrderReader.DamagedPlaces(page, image), p => Touches(p, courtesy) || Touches(p, legal));
        Assert.False(_reader.ReadMoneyOrder(fixture.Engine, image).AmountIllegible);
    }

    [Fact]
    public void A_torn_amount_on_hatched_paper_as_dark_as_the_pattern_is_judged_illegible()
    {
        // Round 11: the tear's flat gray is about the hatched paper's mean tone (outside tuning seed 301 #141: 248 beside hatched
        // paper averaging 252), darker only than the paper between the hatching's lines, which is the page's white. This drawn
        // tear is judged illegible by round 10's test too (flat where the paper carries a pattern): it guards the behaviour, it
        // does not isolate the round-11 rule, which only the tuning items 301 #129 and #141 show.
        var (image, courtesy, legal) = Render();
        var white = PaperWhite(image);
        Hatch(image, (byte)(white - 40));
        // The hatching (a line 40 levels darker every 10 px) darkens the paper's mean by 4; the tear is 3 below that mean, under
        // the 4 levels round 10 asked of missing paper, and 7 below the paper's white.
        var tone = (byte)(white - 7);
        foreach (var at in new[] { courtesy, legal })
            Map(image, Grow(image, at, at.Height / 2), (_, _, _) => tone);
        var reading = _reader.ReadMoneyOrder(fixture.Engine, image);
        Assert.Null(reading.AgreedAmount);
        Assert.True(reading.AmountIllegible, $"white {white}, tear {tone}: {reading}");
    }

    [Fact]
    public void A_legible_amount_in_a_white_panel_on_hatched_paper_shows_no_damage()
    {
        // The same flat areas, but the paper's own white (a panel the issuer printed the amounts in): never missing paper.
        var (image, courtesy, legal) = Render();
        var clean = (byte[])image.Pixels.Clone();
        Hatch(image, (byte)(PaperWhite(image) - 40));
        foreach (var at in new[] { courtesy, legal })
            Map(image, Grow(image, at, at.Height / 2), (x, y, _) => clean[y * image.Width + x]);
        fixture.Engine.SetImage(image, 300);
        var page = new PageLayout(fixture.Engine.ReadWords(PageSegMode.SparseText).Words, image.Width, image.Height);
        Assert.DoesNotContain(MoneyOrderReader.DamagedPlaces(page, image), p => Touches(p, courtesy) || Touches(p, legal));
        Assert.False(_reader.ReadMoneyOrder(fixture.Engine, image).AmountIllegible);
    }

    /// <summary>Diagonal hatching in a light gray over the whole form, as security paper carries (one-pixel lines every 10 px).
    /// The scan's outer tenth on each side stays plain, as the bed and margins around a form do.</summary>
    private static void Hatch(GrayImage image, byte shade) =>
        Map(image, new PixelRect(image.Width / 10, image.Height / 10, image.Width * 8 / 10, image.Height * 8 / 10),
            (x, y, v) => (x + y) % 10 == 0 ? Math.Min(v, shade) : v);

    /// <summary>The render's paper: its most frequent tone.</summary>
    private static int PaperWhite(GrayImage image) =>
        image.Pixels.GroupBy(v => v).OrderByDescending(g => g.Count()).First().Key;

    /// <summary>A MoneyGram form and where OCR finds its two amounts on the clean render.</summary>
    private (GrayImage Image, PixelRect Courtesy, PixelRect Legal) Render()
    {
        var png = LockboxSampleImages.RenderMoneyOrder("MONEYGRAM", "79927398713", "$125.00", "ONE HUNDRED TWENTY-FIVE AND 00/100 DOLLARS",
            layout: OrderLayout.MoneyGram);
        var image = GrayImage.Decode(png);
        fixture.Engine.SetImage(image, 300);
        var words = fixture.Engine.ReadWords(PageSegMode.SparseText).Words;
        var dollar = words.Single(w => w.Text.Contains("125.00", StringComparison.Ordinal));
        var first = words.Single(w => w.Text == "ONE");
        var legalWords = words.Where(w => w.LineKey == first.LineKey && w.Box.Left >= first.Box.Left).Select(w => w.Box).ToList();
        return (image, dollar.Box, legalWords.Aggregate(Union));
    }

    private static void Damage(GrayImage image, PixelRect at, string how)
    {
        var area = Grow(image, at, at.Height / 2);
        switch (how)
        {
            case "blur": // out of focus or wet: three wide box blurs make a Gaussian-like haze
                for (var i = 0; i < 3; i++) BoxBlur(image, area, at.Height / 2);
                break;
            case "smear": // ink dragged sideways and soaked in: darker and soft
                for (var i = 0; i < 2; i++) BoxBlur(image, area, at.Height / 3);
                Map(image, area, (_, _, v) => (byte)(v * 0.55));
                break;
            default: // torn away: a lid a little grayer than the paper, shaded from the torn edge, the edge a ragged soft line
                Map(image, area, (x, y, _) => (byte)(240 - 6 * (y - area.Top) / Math.Max(1, area.Height)));
                for (var x = area.Left; x < area.Right; x++)
                {
                    var y = area.Top + (int)(3 + 3 * Math.Sin(x / 7.0) + 2 * Math.Sin(x / 3.1));
                    for (var dy = 0; dy < 3; dy++) image.Pixels[(y + dy) * image.Width + x] = 140;
                }
                break;
        }
    }

    private static void Grain(GrayImage image, double sigma, int seed)
    {
        var rng = new Random(seed);
        Map(image, image.Bounds, (_, _, v) =>
        {
            var g = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            return (byte)Math.Clamp(v + g * sigma, 0, 255);
        });
    }

    /// <summary>A "PAID" stamp in gray ink over the right part of each amount, its strokes as bold as a title's.</summary>
    private static void Stamp(GrayImage image, params PixelRect[] over)
    {
        var stamp = GrayImage.Decode(LockboxSampleImages.RenderTextLine("PAID 11/24", size: 64, sansBold: true));
        foreach (var at in over)
        {
            var left = at.Left + at.Width / 3;
            var top = at.CenterY - stamp.Height / 2;
            for (var y = 0; y < stamp.Height; y++)
                for (var x = 0; x < stamp.Width; x++)
                {
                    int ix = left + x, iy = top + y;
                    if (ix < 0 || iy < 0 || ix >= image.Width || iy >= image.Height) continue;
                    var ink = (255 - stamp[x, y]) / 255.0 * 0.55; // the stamp's own coverage, at half strength
                    var i = iy * image.Width + ix;
                    image.Pixels[i] = (byte)(image.Pixels[i] * (1 - ink) + 110 * ink);
                }
        }
    }

    /// <summary>A weak ribbon: the print at a third of its contrast.</summary>
    private static void Faint(GrayImage image, params PixelRect[] areas)
    {
        foreach (var at in areas) Map(image, Grow(image, at, 4), (_, _, v) => (byte)(255 - (255 - v) / 3));
    }

    private static void Map(GrayImage image, PixelRect area, Func<int, int, byte, byte> f)
    {
        for (var y = area.Top; y < area.Bottom; y++)
            for (var x = area.Left; x < area.Right; x++)
                image.Pixels[y * image.Width + x] = f(x, y, image.Pixels[y * image.Width + x]);
    }

    private static void BoxBlur(GrayImage image, PixelRect area, int radius)
    {
        var copy = (byte[])image.Pixels.Clone();
        for (var y = area.Top; y < area.Bottom; y++)
            for (var x = area.Left; x < area.Right; x++)
            {
                int sum = 0, n = 0;
                for (var yy = Math.Max(0, y - radius); yy <= Math.Min(image.Height - 1, y + radius); yy += 2)
                    for (var xx = Math.Max(0, x - radius); xx <= Math.Min(image.Width - 1, x + radius); xx += 2)
                    {
                        sum += copy[yy * image.Width + xx];
                        n++;
                    }
                image.Pixels[y * image.Width + x] = (byte)(sum / n);
            }
    }

    private static GrayImage Crop(GrayImage image, int width)
    {
        var pixels = new byte[width * image.Height];
        for (var y = 0; y < image.Height; y++) Array.Copy(image.Pixels, y * image.Width, pixels, y * width, width);
        return new GrayImage(width, image.Height, pixels);
    }

    private static PixelRect Grow(GrayImage image, PixelRect r, int by)
    {
        int left = Math.Max(0, r.Left - by), top = Math.Max(0, r.Top - by);
        return new(left, top, Math.Min(image.Width, r.Right + by) - left, Math.Min(image.Height, r.Bottom + by) - top);
    }

    private static PixelRect Union(PixelRect a, PixelRect b)
    {
        int left = Math.Min(a.Left, b.Left), top = Math.Min(a.Top, b.Top);
        return new(left, top, Math.Max(a.Right, b.Right) - left, Math.Max(a.Bottom, b.Bottom) - top);
    }

    private static bool Touches(PixelRect a, PixelRect b) =>
        Math.Min(a.Right, b.Right) > Math.Max(a.Left, b.Left) && Math.Min(a.Bottom, b.Bottom) > Math.Max(a.Top, b.Top);
}
