using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 10 (issue #11), the MICR field read cut out alone (bounded by symbols, its glyphs counted) as the serial's second print:
/// it proves the length of a top print whose glyphs could not be counted (outside seed 260 #9), and it stands against the page
/// pass's misreading of the top print when that print, read again on its own, spells it (outside seed 260 #125).
/// </summary>
[Collection("ocr")]
public class SerialMicrFieldRound10Tests(EngineFixture fixture, OutsideSeed260 outside) : IClassFixture<OutsideSeed260>
{
    private readonly MoneyOrderReader _reader = new();

    [Fact]
    public void A_top_print_whose_glyphs_ran_together_stands_on_the_MICR_field_that_spells_it()
    {
        // bank_lakeside, noisy: the top print "46133075856" at 97 lies over 19 pieces of grainy ink, not 11 glyphs; the MICR
        // field of 11 glyphs between two symbols reads 46133075856 cut out alone.
        var image = GrayImage.Load(outside.Order(9));
        Assert.Equal("46133075856", _reader.ReadMoneyOrder(fixture.Engine, image).Serial.Value);

        // The MICR field whitened (near x 454–669, y 815–839 on this scan): nothing proves the top print's length; it waits.
        var withoutMicr = OutsideDrawnBatch.Whitened(image, PixelRect.FromEdges(440, 805, 690, 850));
        Assert.Null(_reader.ReadMoneyOrder(fixture.Engine, withoutMicr).Serial.Value);
    }

    [Fact]
    public void The_MICR_fields_own_read_stands_when_the_top_print_read_again_spells_it()
    {
        // bank_lakeside, clean: the page pass read the top print "55999193918" at 6 and nothing of the MICR line; the MICR field
        // cut out alone reads 55990193918, and so does the top print's crop read with the digit list.
        var image = GrayImage.Load(outside.Order(125));
        Assert.Equal("55990193918", _reader.ReadMoneyOrder(fixture.Engine, image).Serial.Value);

        // The top print whitened (near x 1210–1412, y 42–65): the MICR field is the only print of the number. Round 10 left it
        // waiting; round 16 takes the field cut out alone read twice alike, with the digit list and without, its 0/6/8/9 glyphs
        // as their holes say (SerialMicrRound16Tests), the two readings a field the page pass read as digits stands on.
        var withoutTop = OutsideDrawnBatch.Whitened(image, PixelRect.FromEdges(1195, 30, 1430, 78));
        var alone = _reader.ReadMoneyOrder(fixture.Engine, withoutTop).Serial;
        Assert.Equal("55990193918", alone.Value);
        Assert.Contains("MICR field read twice", alone.RawText, StringComparison.Ordinal);
    }
}
