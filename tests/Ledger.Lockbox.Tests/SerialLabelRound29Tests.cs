using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 29 (issue #11): the third generator's MoneyGram form prints `SERIAL NUMBER` (or `NO.`) in capitals half the digits'
/// height, half a glyph from a ten-digit serial with no check digit. The label's last letter counted as ink glued to the
/// serial's first digit, which may hide a digit, so a serial read right at 61–95 stood on nothing and every such order waited.
/// A smaller print inside the digits' band, half a glyph or more away, is a label: the serial stands on its re-read, as any
/// serial without a check digit does.
/// </summary>
[Collection("ocr")]
public class SerialLabelRound29Tests(EngineFixture fixture, ThirdSeed4 third) : IClassFixture<ThirdSeed4>
{
    private readonly MoneyOrderReader _reader = new();

    [Theory]
    [InlineData(113, "8725401582")]   // stamped
    [InlineData(166, "8780184209")]   // clean, a background wave through the digits
    public void A_serial_beside_its_label_in_smaller_capitals_is_read(int sequence, string serial)
    {
        var reading = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(third.Scan(sequence, "order")));
        Assert.Equal(serial, reading.Serial.Value);
    }
}
