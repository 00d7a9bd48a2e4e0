using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 25 (issue #11): a postal order whose top print read two ways a 0/9 apart, which the postal check digit (sum mod 9)
/// cannot tell apart. Tuning seed 9806 #429 (stamped): the page pass and the print's glyphs cut out alone read 76106438155,
/// the line at the serial label read alone 76196438155 (both check); the MICR repeat's serial field, a stamp's frame touching
/// its on-us symbol, counts twelve glyphs and reads 761064381554 cut out alone: the serial and its symbol read as a twelfth
/// digit (no serial has twelve), a second print that spells the top print's page-pass reading (`MoneyOrderReader.OtherPrint`).
/// </summary>
[Collection("ocr")]
public class SerialMicrSymbolDigitRound25Tests(EngineFixture fixture)
{
    private readonly MoneyOrderReader _reader = new();

    [Fact]
    public void The_MICR_field_with_its_symbol_read_as_a_twelfth_digit_confirms_the_top_print()
    {
        using var order = TuningItems.Order(9806, 429, "76106438155");
        Assert.Equal("76106438155", _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path)).Serial.Value);
    }

    [Fact]
    public void With_the_MICR_line_gone_the_top_print_read_two_ways_waits()
    {
        // The same order with its MICR line whitened: one print read 0 and 9 by its own reads, both passing mod 9; a person looks.
        using var order = TuningItems.Order(9806, 429, "76106438155");
        var image = GrayImage.Load(order.Path);
        // The MICR line lies on rows 600–628, x 85–510 (read from this scan); the stamp's lower edge crosses it there too.
        Assert.Null(_reader.ReadMoneyOrder(fixture.Engine, OutsideDrawnBatch.Whitened(image, 80, 596, 515, 632, paper: 235)).Serial.Value);
    }

    [Theory]
    [InlineData("76106438155", "761064381554", true)]
    [InlineData("76106438155", "761964381554", false)]
    [InlineData("76106438155", "476106438155", false)]
    [InlineData("7610643815", "76106438155", false)]
    public void A_twelve_digit_field_read_is_the_eleven_digit_serial_and_its_symbol(string value, string fieldRead, bool repeat) =>
        Assert.Equal(repeat, MoneyOrderReader.RepeatWithSymbolDigit(value, fieldRead));
}
