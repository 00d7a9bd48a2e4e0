using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 27 (issue #11): prairie-bank orders whose serial the page pass read in neither print as digits, and whose MICR line
/// it read as a few letters spread over the whole line ("Se" at 36 in a box 626 px wide and 69 tall, tuning seed 9824 #11;
/// "es" at 30 over 524 px, 9803 #112; "ene" / "ee" over 292 and 305 px, 9803 #191): no segment named it a MICR line, so its
/// fields were never cut out and read. A word more than twice its height wide per character (`ReadAsTooFewLetters`) now
/// names its line for the MICR search; the symbols and a field between two of them must still be found in the pixels, and the
/// serial still stands only on round 16's two reads of the field cut out alone (or the print at the label agreeing with it).
/// </summary>
[Collection("ocr")]
public class SerialMicrLineRound27Tests(EngineFixture fixture)
{
    private readonly MoneyOrderReader _reader = new();

    [Theory]
    [InlineData("Se", 36, 626, 69, true)]    // 9824 #11's MICR line
    [InlineData("ee", 26, 305, 67, true)]    // 9803 #191's
    [InlineData("ene", 27, 292, 67, false)]  // under twice the height a character: could be letters
    [InlineData("Se", 60, 626, 69, false)]   // a reading above 50 is a reading
    [InlineData("DOLLARS", 96, 215, 31, false)]
    [InlineData("W", 20, 60, 31, false)]
    public void A_word_of_a_few_letters_over_a_long_run_of_print(string text, double confidence, int width, int height, bool expected) =>
        Assert.Equal(expected, MoneyOrderReader.ReadAsTooFewLetters(new OcrWord(text, confidence, new PixelRect(0, 0, width, height), 0)));

    [Theory]
    [InlineData(9824, 11, "7381081421")]
    [InlineData(9803, 112, "7917753520")]
    [InlineData(9803, 191, "5729101083")]
    public void The_MICR_line_read_as_a_few_wide_letters_gives_the_serial(int seed, int sequence, string serial)
    {
        using var order = TuningItems.Order(seed, sequence, serial);
        Assert.Equal(serial, _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path)).Serial.Value);
    }

    [Fact]
    public void With_the_MICR_line_gone_the_unread_top_print_waits()
    {
        // 9824 #11 with its MICR line whitened: the top print was read as "TabIOETAG" at 0, and no other print says the number.
        using var order = TuningItems.Order(9824, 11, "7381081421");
        // The MICR line lies on rows 902–971, x 137–763 (read from this scan).
        var image = OutsideDrawnBatch.Whitened(GrayImage.Load(order.Path), PixelRect.FromEdges(100, 880, 1000, 990), paper: 235);
        Assert.Null(_reader.ReadMoneyOrder(fixture.Engine, image).Serial.Value);
    }
}
