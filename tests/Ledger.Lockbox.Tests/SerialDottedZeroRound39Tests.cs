using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 39 (issue #11): a postal serial stands on its check digit and a second reading of its print, but a sum mod 9 does not
/// change when a 0 is read as 9, and one engine reads one glyph alike twice. Third tuning 9 #23 (usps, an illegible order going
/// back to its sender): the top print `10999225113` in DejaVu Sans Mono, whose zero has a dot inside, was read `19999225113` on
/// the page and again in its crop; the MICR line was not read. The glyph under the read 9 is plainly a ring, so that reading no
/// longer stands.
/// </summary>
[Collection("ocr")]
public class SerialDottedZeroRound39Tests(EngineFixture fixture, ThirdSeed9Round39 nine) : IClassFixture<ThirdSeed9Round39>
{
    [Fact]
    public void A_check_digit_does_not_stand_for_a_nine_whose_glyph_is_a_zero()
    {
        var order = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(nine.Scan(23, "order")));
        Assert.NotEqual("19999225113", order.Serial.Value);
        Assert.True(string.IsNullOrEmpty(order.Serial.Value) || order.Serial.Value == "10999225113", order.Serial.RawText);
    }
}
