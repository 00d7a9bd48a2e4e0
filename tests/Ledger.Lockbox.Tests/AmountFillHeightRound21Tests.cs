using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 21 (issue #11, our postal layout): postal amounts under $100 whose box the page pass did not read waited with the
/// words read and `courtesy -- 0 ''` (tuning 9758 #235 `$*****75.00`, 9761 #200 `$*****38.01`, 9761 #281 `$*****26.40`).
/// The line cut out of the pixels (NumeralLine.Find) is mostly asterisks, so its median glyph is an asterisk; round 19's
/// FillAwareHeight took the digits' height only when three glyphs were taller than 1.6 of it and every other glyph hung from
/// the top. The asterisk of these faces is 0.61–0.64 of a digit, so some digits were 1.6 asterisks tall and one a pixel
/// shorter (the 4 of 26.40: 35 px beside 36 and a 22-px asterisk); that one stood on the baseline among the "short" glyphs, the
/// line kept the asterisk's height, and every taller digit and the "$" were whitened as frames. "Well taller" is now 1.3 times
/// the median; the hanging fill still decides.
/// </summary>
[Collection("ocr")]
public class AmountFillHeightRound21Tests(EngineFixture fixture)
{
    [Theory]
    [InlineData(9758, 235, "87066620897", 7500L)]
    [InlineData(9761, 200, "47536210438", 3801L)]
    [InlineData(9761, 281, "74432739565", 2640L)]
    public void A_postal_amount_under_100_dollars_is_read_from_its_line(int seed, int sequence, string serial, long cents)
    {
        using var order = TuningItems.Order(seed, sequence, serial);
        var reading = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path));
        Assert.Equal(cents, reading.AgreedAmount?.MinorUnits);
        Assert.Equal(cents, reading.CourtesyAmount.Value?.MinorUnits);
    }

    [Fact]
    public void Digits_a_pixel_either_side_of_1_6_asterisks_give_the_digits_height()
    {
        // 9761 #281 as cut out: five asterisks 22 px tall from the top (80), then 2 6 4 0 standing on the baseline at 116,
        // the 4 one pixel shorter (35) than the others (36). The "$" (43 px) is a line of its own: too tall beside an asterisk.
        var line = Enumerable.Range(0, 5).Select(k => Glyph(100 + 25 * k, 80, 22)).ToList();
        line.AddRange([Glyph(228, 80, 36), Glyph(260, 80, 36), Glyph(310, 81, 35), Glyph(344, 80, 36)]);
        Assert.Equal(36, NumeralLine.FillAwareHeight(line));
    }

    [Fact]
    public void Capitals_beside_small_letters_on_the_baseline_keep_the_median_height()
    {
        // "Postal Money Order": capitals and ascenders 1.4 times the small letters, which stand on the baseline: not fill.
        var line = new List<AsteriskFill.Blob> { Glyph(0, 10, 28), Glyph(30, 18, 20), Glyph(55, 18, 20), Glyph(80, 12, 26), Glyph(105, 18, 20) };
        line.AddRange([Glyph(130, 10, 28), Glyph(160, 18, 20), Glyph(185, 18, 20), Glyph(210, 18, 20)]);
        Assert.Equal(20, NumeralLine.FillAwareHeight(line));
    }

    private static AsteriskFill.Blob Glyph(int left, int top, int height) => new(new PixelRect(left, top, 18, height), []);
}
