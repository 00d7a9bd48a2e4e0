using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 16 (issue #11): a serial confirmed only by a re-read of its own print waited beside a reading one digit shorter that
/// it holds (`HoldsShorter`: a MICR symbol read as one more digit), even when that shorter reading was the page pass losing a
/// digit: the last glyph of a clean top print dropped from its word (9671 #128), or the MICR print's last digit glued to its
/// on-us symbol or to a signature (9671 #51, 9672 #110). Three of the ten legible orders main kept waiting on tuning seeds
/// 9671–9672, two of them western-union (`MoneyOrderReader.ReadSerial`, `ShorterReadingsMisread`).
/// </summary>
[Collection("ocr")]
public class SerialShorterReadingRound16Tests(EngineFixture fixture)
{
    private readonly MoneyOrderReader _reader = new();

    [Theory]
    // western-union, stamped: the top print read "8989418235" over 11 glyphs that, cut out alone, read 89894182352, as the MICR
    // field between its two symbols did.
    [InlineData(9671, 128, "89894182352")]
    // western-union, noisy: the MICR print read "6738367493", its last digit glued to the on-us symbol; the top print's 11 glyphs,
    // sealed, read 67383674934 twice.
    [InlineData(9671, 51, "67383674934")]
    // other-bank (an 11-digit serial), stamped: the MICR print's last digits run into the signature, "7628190375".
    [InlineData(9672, 110, "76281903753")]
    public void A_shorter_reading_of_a_print_that_lost_a_digit_does_not_hold_the_serial_back(int seed, int sequence, string serial)
    {
        using var order = TuningItems.Order(seed, sequence, serial);
        Assert.Equal(serial, _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path)).Serial.Value);
    }

    [Fact]
    public void A_top_print_of_ten_glyphs_does_not_let_the_MICR_fields_eleven_digits_stand()
    {
        // 9671 #128 with the top print's last glyph whitened (x 1583–1613 on the row 80–123 of this scan): the top print is now a
        // sealed print of ten glyphs reading 8989418235, so the MICR field's eleventh digit is not taken (what the ten digits
        // read at the label and on the page get is the rule of round 9, unchanged).
        using var order = TuningItems.Order(9671, 128, "89894182352");
        var image = OutsideDrawnBatch.Whitened(GrayImage.Load(order.Path), PixelRect.FromEdges(1583, 80, 1614, 124), paper: 245);
        Assert.NotEqual("89894182352", _reader.ReadMoneyOrder(fixture.Engine, image).Serial.Value);
    }

    [Fact]
    public void A_MICR_field_sealed_at_ten_glyphs_still_holds_back_an_eleven_digit_top_print()
    {
        // 9671 #51 with the MICR print's glued last digit and on-us symbol whitened (x 621–668 on the row 628–667): the field is
        // ten glyphs after a symbol, sealed, read alone 6738367493, so the top print's eleventh digit is disputed: a person looks.
        using var order = TuningItems.Order(9671, 51, "67383674934");
        var image = OutsideDrawnBatch.Whitened(GrayImage.Load(order.Path), PixelRect.FromEdges(621, 628, 669, 668), paper: 245);
        Assert.Null(_reader.ReadMoneyOrder(fixture.Engine, image).Serial.Value);
    }
}
