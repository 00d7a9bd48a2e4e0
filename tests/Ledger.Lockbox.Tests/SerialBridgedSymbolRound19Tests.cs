using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 19, outside20 (issue #11, outside forms): outside tuning seed 547 #83 (heritage, clean). The title covers the top print, so the
/// MICR line's serial is the only print read. On the cleaned page the symbol before the serial (a tall bar and a short one)
/// was one blob with the gap between its bars filled; that gap joined the short bar's group, wider than a third of the
/// line's height, so `MicrLine.IsBars` said no bars, the symbol counted as a glyph and the field under `5965298487` had 11
/// glyphs: the reading had no field and the order waited. With the gap's two columns allowed, the field is bounded by two
/// symbols, counts 10 glyphs, and cut out alone reads the same digits.
/// </summary>
[Collection("ocr")]
public class SerialBridgedSymbolRound19Tests(EngineFixture fixture, OutsideSeed547 outside) : IClassFixture<OutsideSeed547>
{
    [Fact]
    public void Outside_547_item_83_posts_the_serial_its_MICR_field_shows()
    {
        var order = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(outside.Order(83)));
        Assert.Equal("5965298487", order.Serial.Value);
        Assert.Equal(34600L, order.AgreedAmount?.MinorUnits);
    }
}
