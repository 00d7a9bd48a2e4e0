using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 16 (issue #11, outside forms): the MICR print when the page pass read its E-13B glyphs as letters. A line holding a
/// word the page pass could not read is looked at for symbols (a postal order's check digit then confirms the field's own read,
/// outside seed 471 #111), and a field bounded by symbols, read cut out alone with the digit list and without any list, both
/// spelling the same digits, is the MICR print read twice (a lakeside order whose title covers the whole top print, #79).
/// </summary>
[Collection("ocr")]
public class SerialMicrRound16Tests(EngineFixture fixture, OutsideSeed471 outside) : IClassFixture<OutsideSeed471>
{
    private readonly MoneyOrderReader _reader = new();

    [Theory]
    [InlineData("ROLETERE", 0, true)]     // 471 #111's MICR line, read as letters
    [InlineData("nesSeseh2id", 0, true)]
    [InlineData("ROLETERE", 12, false)]   // a word read above noise is a reading
    [InlineData("ERR", 0, false)]         // too short to tell from a speck or a mark
    [InlineData("SERVICES", 96, false)]
    public void A_word_read_as_noise_is_long_and_read_at_no_confidence(string text, double confidence, bool expected) =>
        Assert.Equal(expected, MoneyOrderReader.ReadAsNoise(new OcrWord(text, confidence, new PixelRect(0, 0, 100, 25), 0)));

    [Fact]
    public void A_reading_must_say_what_the_glyphs_holes_say()
    {
        const DigitForm u = DigitForm.Unclear, z = DigitForm.Zero, s = DigitForm.Six, e = DigitForm.Eight, n = DigitForm.Nine;
        // 477 #140's MICR field: every 0, 6, 8, 9 read as its holes say, its closed 4 with a 9's hole.
        Assert.True(MoneyOrderReader.ShapesAgree("54199662880", [u, n, u, n, n, s, s, u, e, e, z]));
        Assert.False(MoneyOrderReader.ShapesAgree("54199662880", [u, n, u, n, n, s, e, u, e, e, z])); // a 6 read where the holes say 8
        Assert.False(MoneyOrderReader.ShapesAgree("54199662380", [u, n, u, n, n, s, s, u, e, e, z])); // a 3 read where they say 8
        Assert.False(MoneyOrderReader.ShapesAgree("54199662880", [u, n, u, n, n, s, s, u, e, e])); // a glyph short
        Assert.True(MoneyOrderReader.ShapesAgree("71238653621", [u, u, u, u, u, u, u, u, u, u, u])); // holes that say nothing
    }

    [Fact]
    public void A_postal_MICR_line_read_as_letters_is_found_and_its_check_digit_confirms_the_field()
    {
        // usps, clean: the top print glued to the title ("SERVIOE!6187646107"), the MICR line read "i ERR ERE ht ROLETERE TOY
        // 30" (no run of digits, no colon); its serial field cut out alone reads 46187646107, whose mod-9 digit holds.
        var image = GrayImage.Load(outside.Order(111));
        Assert.Equal("46187646107", _reader.ReadMoneyOrder(fixture.Engine, image).Serial.Value);

        // The MICR line whitened (near x 120–680, y 770–830 on this scan): no print of the serial is readable; it waits.
        var withoutMicr = OutsideDrawnBatch.Whitened(image, PixelRect.FromEdges(100, 760, 700, 840));
        Assert.Null(_reader.ReadMoneyOrder(fixture.Engine, withoutMicr).Serial.Value);
    }

    [Fact]
    public void A_MICR_field_read_as_letters_stands_when_read_twice_alike_cut_out_alone()
    {
        // bank_lakeside (an issuer the reader does not know: no check digit), skewed: the title's LOAN printed over the top
        // print (read "LOAK?2"), the MICR serial field read "TA258683621" by the page pass; cut out alone between its two
        // symbols it reads 71238653621 with the digit list and without.
        var image = GrayImage.Load(outside.Order(79));
        var serial = _reader.ReadMoneyOrder(fixture.Engine, image).Serial;
        Assert.Equal("71238653621", serial.Value);
        Assert.Contains("MICR field read twice", serial.RawText, StringComparison.Ordinal);

        // The MICR line whitened (near x 260–770, y 775–840): nothing else prints the number; it waits.
        var withoutMicr = OutsideDrawnBatch.Whitened(image, PixelRect.FromEdges(240, 765, 790, 850));
        Assert.Null(_reader.ReadMoneyOrder(fixture.Engine, withoutMicr).Serial.Value);
    }
}
