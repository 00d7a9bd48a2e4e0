using Ledger.Domain;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using Ledger.Samples.Lockbox;
using static Ledger.Lockbox.Tests.OcrWords;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 6, the courtesy crop reads (issue #11): courtesy numerals the page pass did not read are looked for at their layout's caption and read as a
/// crop of their own (digits and $ . , * only). The crop is one more reading of the numerals: it counts only where the words
/// say the same amount.
/// </summary>
[Collection("ocr")]
public class CourtesyCropTests(EngineFixture fixture)
{
    [Fact]
    public void A_lone_DOLLARS_caption_points_at_the_box_above_it()
    {
        // Prairie-bank as the page pass read seed 7800 #12 (2088 px wide): the legal line, a lone DOLLARS under the courtesy box
        // (box about 1470–2050 × 282–376), and nothing of the box itself.
        var page = new PageLayout(
        [
            W("TWO", 95, 495, 60, 24), W("THOUSAND", 165, 492, 160, 24), W("AND", 700, 485, 60, 24), W("00/100", 770, 484, 110, 24),
            W("DOLLARS", 890, 482, 130, 24), W("DOLLARS", 1820, 432, 90, 18),
        ], 2088, 976);
        var places = MoneyOrderReader.NumeralPlaces(page, []);
        var box = PixelRect.FromEdges(1470, 282, 2050, 376);
        Assert.Contains(places, p => p.Left <= box.Left && p.Top <= box.Top && p.Right >= box.Right && p.Bottom >= box.Bottom);
        // The DOLLARS that ends the amount in words is no caption: nothing is looked for around it.
        Assert.DoesNotContain(places, p => p.Left < 890 && p.Right > 1020 && p.Bottom >= 482);
    }

    [Theory]
    [InlineData("$***53.57", 5357)]
    [InlineData("$ 2572.00", 257200)]
    public void Numerals_on_grainy_gray_paper_read_once_binarized(string printed, long cents)
    {
        // Seed 7800 #99 (a noisy scan): the numerals cut out clean to the eye, on gray paper full of grain, which the crop read
        // as ""; black on white with the grain dropped, they read. (Heavy fill still merges: "$****551.11" reads 5111 here.)
        var numerals = GrayImage.Decode(LockboxSampleImages.RenderTextLine(printed, 50));
        var (width, height) = (numerals.Width + 40, numerals.Height + 40);
        var rng = new Random(11);
        var px = new byte[width * height];
        for (var i = 0; i < px.Length; i++) px[i] = (byte)rng.Next(170, 225);
        for (var i = 0; i < px.Length / 60; i++) px[rng.Next(px.Length)] = (byte)rng.Next(60, 120);
        for (var y = 0; y < numerals.Height; y++)
            for (var x = 0; x < numerals.Width; x++)
            {
                var p = numerals.Pixels[y * numerals.Width + x];
                if (p < 128) px[(y + 20) * width + x + 20] = (byte)(p / 3 + rng.Next(0, 40));
            }
        var line = NumeralLine.Find(new GrayImage(width, height, px), new PixelRect(0, 0, width, height), textHeight: 20);
        Assert.NotNull(line);
        var clean = NumeralLine.Binarized(line);
        Assert.All(clean.Pixels, p => Assert.True(p is 0 or 255));
        fixture.Engine.SetImage(clean);
        var read = fixture.Engine.Read(clean.Bounds, PageSegMode.SingleLine, "0123456789$.,*").Text;
        Assert.True(CourtesyAmount.TryParseFound(read, out var parsed), read);
        Assert.Equal(cents, parsed);
    }

    [Fact]
    public void Boxed_numerals_that_disagree_with_the_words_give_no_amount()
    {
        // However the numerals are found (page pass, box, caption crop), a crop never decides an amount on its own.
        var png = LockboxSampleImages.RenderMoneyOrder("FIRST_PRAIRIE_BANK", "2407402419", "$ 2572.00", "TWO THOUSAND FIVE HUNDRED SEVENTY AND 00/100 DOLLARS",
            layout: OrderLayout.PrairieBank);
        var reading = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Decode(png));
        Assert.Null(reading.AgreedAmount);
        Assert.Equal(Money.Usd(2570_00), reading.LegalAmount.Value);
    }
}
