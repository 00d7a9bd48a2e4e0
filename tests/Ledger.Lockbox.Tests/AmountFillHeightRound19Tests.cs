using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 19 (issue #11, our postal layout): the postal box pads its numerals with fill to seven places, so a small amount is
/// mostly asterisks (`$******5.00`; `$*****48.91`, where the tall pieces were fewer than the asterisks). The page pass read nothing in the box; the line cut
/// out of the pixels (NumeralLine.Find) took the median glyph's height, an asterisk's, and whitened the digits, taller than
/// 1.6 of it, as frames: every re-read was empty and the two orders waited beside words read at 92 and 95 (tuning seeds
/// 9723 #224 and 9724 #170). The tall glyphs now set the height when every other glyph hangs in their upper part.
/// </summary>
[Collection("ocr")]
public class AmountFillHeightRound19Tests(EngineFixture fixture)
{
    [Theory]
    [InlineData(9723, 224, "68400851332", 500L)]
    [InlineData(9724, 170, "23085362193", 4891L)]
    public void A_postal_amount_mostly_of_fill_is_read_from_its_line(int seed, int sequence, string serial, long cents)
    {
        using var order = TuningItems.Order(seed, sequence, serial);
        var reading = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path));
        Assert.Equal(cents, reading.AgreedAmount?.MinorUnits);
        Assert.Equal(cents, reading.CourtesyAmount.Value?.MinorUnits);
    }

    [Fact]
    public void Fill_hanging_from_the_top_gives_the_tall_glyphs_height()
    {
        // `$******5.00`: the dollar sign and three digits 40 px tall on a baseline at 50, six asterisks 20 px tall from the top.
        var line = new List<AsteriskFill.Blob> { Glyph(0, 6, 48) };
        line.AddRange(Enumerable.Range(0, 6).Select(k => Glyph(30 + 22 * k, 10, 20)));
        line.AddRange([Glyph(170, 10, 40), Glyph(215, 10, 40), Glyph(245, 10, 40)]);
        Assert.Equal(40, NumeralLine.FillAwareHeight(line));
    }

    [Fact]
    public void Short_glyphs_on_the_baseline_or_two_tall_pieces_keep_the_median_height()
    {
        // Six short glyphs standing on the baseline (small print, points): not fill, the median stands.
        var standing = new List<AsteriskFill.Blob> { Glyph(0, 6, 48) };
        standing.AddRange(Enumerable.Range(0, 6).Select(k => Glyph(30 + 22 * k, 30, 20)));
        standing.AddRange([Glyph(170, 10, 40), Glyph(215, 10, 40), Glyph(245, 10, 40)]);
        Assert.Equal(20, NumeralLine.FillAwareHeight(standing));
        // Only two tall pieces (a box's two sides beside a line of digits): the median stands.
        var boxed = new List<AsteriskFill.Blob> { Glyph(0, 0, 60), Glyph(300, 0, 60) };
        boxed.AddRange(Enumerable.Range(0, 5).Select(k => Glyph(30 + 30 * k, 10, 30)));
        Assert.Equal(30, NumeralLine.FillAwareHeight(boxed));
        // A plain line of digits.
        Assert.Equal(40, NumeralLine.FillAwareHeight(Enumerable.Range(0, 5).Select(k => Glyph(30 * k, 10, 40)).ToList()));
    }

    private static AsteriskFill.Blob Glyph(int left, int top, int height) => new(new PixelRect(left, top, 18, height), []);
}
