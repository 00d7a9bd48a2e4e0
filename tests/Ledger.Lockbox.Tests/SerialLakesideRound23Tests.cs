using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 23 (issue #11): lakeside serials (an issuer this reader does not know: no check digit is judged) that waited though
/// the MICR repeat is clear. Outside tuning 610 #26 (noisy): the top print's first two digits under the title's `N`, read
/// `012273069`; the page pass read the MICR line's routing and serial fields as letters ("SARE", "RRR") and only its last field
/// as digits (`"41`), so no MICR line was looked for and nothing was read. The line is now found from a segment with two digits;
/// the serial field between its symbols read twice and the top print's visible end under the title's ink confirm it
/// (`StartUnderInk`). Outside tuning 612 #133 (noisy): the label `SERIAL NUMBER` squeezed between the title's `LOAN` and the
/// serial, its `R` counted as a twelfth glyph of the top print's field, while the MICR field lost two glyphs to its symbol: both
/// prints read 99875671879 by the page pass were refused for their glyph counts. The label's letter, smaller and set apart, is no
/// longer counted (`MicrLine.GlyphsLessLabelLetter`); the top print still stands only on the MICR print's reading of it.
/// </summary>
[Collection("ocr")]
public class SerialLakesideRound23Tests(EngineFixture fixture, OutsideSeed610 seed610, OutsideSeed612 seed612, OutsideSeed620 seed620)
    : IClassFixture<OutsideSeed610>, IClassFixture<OutsideSeed612>, IClassFixture<OutsideSeed620>
{
    private readonly MoneyOrderReader _reader = new();

    [Fact]
    public void A_micr_line_read_as_letters_is_still_found_and_its_serial_read()
    {
        var serial = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(seed610.Order(26))).Serial;
        Assert.Equal("27012273069", serial.Value);
    }

    [Fact]
    public void A_labels_last_letter_beside_the_top_print_is_not_one_of_its_digits()
    {
        var serial = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(seed612.Order(133))).Serial;
        Assert.Equal("99875671879", serial.Value);
    }

    [Fact]
    public void The_top_print_without_its_micr_repeat_still_waits()
    {
        // 612 #133 with the MICR line taken away: the top print, its field glued to the label's ink, is one print read once.
        var image = OutsideDrawnBatch.Whitened(GrayImage.Load(seed612.Order(133)), PixelRect.FromEdges(190, 640, 600, 690));
        Assert.Null(_reader.ReadMoneyOrder(fixture.Engine, image).Serial.Value);
    }

    [Fact]
    public void A_micr_print_read_two_ways_with_the_top_print_unread_still_waits()
    {
        // 620 #31 (noisy): the page pass read the MICR serial 38205277096, the field cut out alone 58205277096; the top print
        // under the title read as noise. One print read two ways, 3 and 5 (no hole to settle them): a person looks.
        var serial = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(seed620.Order(31))).Serial.Value;
        Assert.NotEqual("38205277096", serial);
        Assert.True(serial is null or "58205277096", $"serial {serial}");
    }
}
