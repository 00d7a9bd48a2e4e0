using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 24 (issue #11): legible prairie-bank orders (ten digits, no check digit) that waited on a serial clear to the eye.
/// Tuning seed 9771 #159 (noisy): the page pass read neither print as digits (the top print as "ioeaian", the MICR repeat under
/// a signature's loops), yet the top print's ten glyphs, counted and sealed by gaps, cut out alone read 1192751849 with the
/// digit list and without, and the MICR field a signature ran across, cut out alone, reads the same ten digits
/// (`MoneyOrderReader.TwoFieldsAgree`). Tuning seed 9771 #180 (noisy): the label `NO.` read as "wo.", the top print 4215740311
/// counted ten glyphs between two gaps, the MICR repeat read "42157403114" with its blurred on-us symbol counted as an eleventh
/// glyph: a print of the issuer's serial length is sealed as a labelled one is (`MoneyOrderReader.Settle`).
/// </summary>
[Collection("ocr")]
public class SerialPrairieRound24Tests(EngineFixture fixture)
{
    private readonly MoneyOrderReader _reader = new();

    [Theory]
    [InlineData(9771, 159, "1192751849")]
    [InlineData(9771, 180, "4215740311")]
    public void A_serial_both_prints_spell_is_read(int seed, int sequence, string serial)
    {
        using var order = TuningItems.Order(seed, sequence, serial);
        Assert.Equal(serial, _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path)).Serial.Value);
    }

    [Fact]
    public void With_the_MICR_line_gone_the_top_print_alone_does_not_stand()
    {
        // 9771 #159 with its MICR line and the signature over it whitened: the top print cut out alone is one print read twice,
        // and a serial without a check digit needs a second print.
        using var order = TuningItems.Order(9771, 159, "1192751849");
        var image = GrayImage.Load(order.Path);
        Assert.Equal("1192751849", _reader.ReadMoneyOrder(fixture.Engine, image).Serial.Value);
        // The MICR line lies on rows 749–780 (read from this scan), the signature's loops above it.
        Assert.Null(_reader.ReadMoneyOrder(fixture.Engine, OutsideDrawnBatch.Whitened(image, 200, 690, 1000, 800, paper: 235)).Serial.Value);
    }

    [Fact]
    public void With_ink_right_after_the_top_print_the_longer_reading_is_not_settled_away()
    {
        // 9771 #180 with a digit-sized bar just after the top print's last digit: the print is no longer sealed at its end, it
        // may hold an eleventh digit there, so the MICR reading's eleventh digit may be one; a person looks.
        using var order = TuningItems.Order(9771, 180, "4215740311");
        var image = GrayImage.Load(order.Path);
        Assert.Equal("4215740311", _reader.ReadMoneyOrder(fixture.Engine, image).Serial.Value);
        // The top print's last digit ends near x 1283 on the rows 64–86 (read from this scan).
        Assert.Null(_reader.ReadMoneyOrder(fixture.Engine, OutsideDrawnBatch.Painted(image, PixelRect.FromEdges(1289, 66, 1292, 86), 40)).Serial.Value);
    }
}
