using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 26 (issue #11): legible prairie-bank (ten digits, no check digit) and other-bank orders (an issuer the reader does not
/// know) that waited on a serial clear to the eye, for want of its second reading.
/// - Tuning seed 9827 #10 (noisy, the MICR line off the scan), 9827 #214 (clean, a signature across the MICR repeat), 9825 #81,
///   9826 #14, 9827 #247 (noisy): the page pass read the top print right, but its word box reached up to the frame's top rule
///   (80 px tall over digits 35 px tall), and both crops of that box read nothing; the crop held to the glyphs the line's
///   structure counts under the words reads the print again (`MoneyOrderReader.GlyphsCrop`).
/// - 9824 #242 (noisy): the form's frame, 1 px wide, cut in two pieces by the line's band beside the top print, was counted as a
///   MICR symbol, so the top print was taken for a MICR field, whose cut read 3015157213 against both prints' 5015157213
///   (`MicrLine.IsRuleSliver`).
/// - 9826 #13 (clean, other-bank): the top print's cut read "75355569770" for ten glyphs (a wave line glued to a 5), no reading
///   of those glyphs (`MoneyOrderReader.GlyphForGlyph`); its crops and the MICR field read 7555569770, the page pass 7355569770.
/// - 9827 #394 (clean, other-bank): a signature's loops over the MICR repeat's first digits, the page pass's word there
///   "99466379272" at 40 in a box 135 px tall; held to the line's band (`MicrLine.BandUnder`) it reads 99366379272 as the top print.
/// </summary>
[Collection("ocr")]
public class SerialBankRound26Tests(EngineFixture fixture)
{
    private readonly MoneyOrderReader _reader = new();

    [Theory]
    [InlineData(9827, 10, "7777578330")]
    [InlineData(9827, 214, "8825753400")]
    [InlineData(9826, 14, "8719706403")]
    [InlineData(9824, 242, "5015157213")]
    [InlineData(9826, 13, "7555569770")]
    [InlineData(9827, 394, "99366379272")]
    public void A_serial_two_readings_spell_is_read(int seed, int sequence, string serial)
    {
        using var order = TuningItems.Order(seed, sequence, serial);
        Assert.Equal(serial, _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path)).Serial.Value);
    }

    [Fact]
    public void With_the_MICR_line_gone_a_top_print_read_two_ways_waits()
    {
        // 9826 #13 with its MICR line whitened: the top print read 7355569770 by the page pass and 7555569770 by its crops, and
        // no second print says which: a person looks.
        using var order = TuningItems.Order(9826, 13, "7555569770");
        // The MICR line lies on rows 723–748, x 240–730 (read from this scan).
        var image = OutsideDrawnBatch.Whitened(GrayImage.Load(order.Path), PixelRect.FromEdges(200, 712, 780, 760), paper: 235);
        Assert.Null(_reader.ReadMoneyOrder(fixture.Engine, image).Serial.Value);
    }

    [Theory]
    [InlineData(3, 22, true)]   // the frame's rule, two pieces 1 px wide (9824 #242)
    [InlineData(4, 22, true)]
    [InlineData(7, 23, false)]  // the narrowest symbol seen on tuning scans
    [InlineData(15, 22, false)]
    public void A_solid_token_narrower_than_a_fifth_of_the_digits_is_a_rule_not_a_symbol(int width, int h, bool sliver) =>
        Assert.Equal(sliver, MicrLine.IsRuleSliver(new PixelRect(0, 0, width, h), h));

    [Theory]
    [InlineData("7555569770", 10, true)]
    [InlineData("75355569770", 10, false)]
    [InlineData("755556977", 10, false)]
    [InlineData("75555697?0", 10, false)]
    public void A_cut_read_speaks_for_its_glyphs_only_digit_for_glyph(string read, int glyphs, bool speaks) =>
        Assert.Equal(speaks, MoneyOrderReader.GlyphForGlyph(read, new MicrLine.Field(
            Enumerable.Range(0, glyphs).Select(i => new PixelRect(i * 20, 0, 15, 24)).ToList(), MicrLine.Bound.Gap, MicrLine.Bound.Gap)));

    [Fact]
    public void The_glyphs_crop_holds_to_the_glyphs()
    {
        var crop = MoneyOrderReader.GlyphsCrop(PixelRect.FromEdges(1559, 87, 1855, 122));
        Assert.Equal(PixelRect.FromEdges(1554, 76, 1860, 133), crop);
    }
}
