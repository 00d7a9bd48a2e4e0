using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 20 (issue #11, safety): held-back outside seed 1052 #46 (usps, stamped, clean to the eye) posted serial 8978419594
/// for 78978419594. The top print's first digit sits under the title's last letter, and the print read at the serial label lost
/// it; that reading stood because no reading of its own length contradicted it, while the MICR field between its symbols read
/// the whole 11 digits with USPS's check digit holding. A value one digit shorter than the issuer's serial, held by a MICR
/// field's read of the issuer's length whose check digit holds, now waits (`MoneyOrderReader.LostADigitOfACheckedField`).
/// Seed 1052 is burnt for held-back use.
/// </summary>
[Collection("ocr")]
public class SerialLostDigitRound20Tests(EngineFixture fixture, OutsideSeed1052 outside) : IClassFixture<OutsideSeed1052>
{
    private const string Printed = "78978419594";
    private const string FirstDigitLost = "8978419594";
    private readonly MoneyOrderReader _reader = new();

    [Fact]
    public void The_serial_that_lost_its_first_digit_is_not_posted()
    {
        var serial = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(outside.Order(46))).Serial.Value;
        Assert.NotEqual(FirstDigitLost, serial);
        Assert.True(serial is null or Printed, $"serial {serial}");
    }

    [Theory]
    [InlineData(FirstDigitLost, Printed, true)]            // the first digit lost (1052 #46)
    [InlineData("7897841959", Printed, true)]              // the check digit lost
    [InlineData(FirstDigitLost, "78978419595", false)]     // the field's read fails USPS's check: nothing says it is the serial
    [InlineData(Printed, Printed, false)]                  // the issuer's length: not this rule's
    [InlineData("1234567890", Printed, false)]             // the field does not hold it
    public void A_usps_value_one_digit_short_waits_only_beside_a_checked_field_that_holds_it(string value, string micr, bool lost) =>
        Assert.Equal(lost, MoneyOrderReader.LostADigitOfACheckedField(value, MoneyOrderIssuer.PostalService, [micr]));

    [Fact]
    public void An_issuer_without_a_check_digit_or_an_unknown_issuer_is_not_judged_by_it()
    {
        Assert.False(MoneyOrderReader.LostADigitOfACheckedField("2985650520", MoneyOrderIssuer.WesternUnion, ["42985650520"]));
        Assert.False(MoneyOrderReader.LostADigitOfACheckedField(FirstDigitLost, null, [Printed]));
    }

    [Fact]
    public void A_moneygram_field_read_passing_luhn_holds_the_shorter_value()
    {
        // 7992739871 + Luhn check digit 3.
        Assert.True(MoneyOrderIssuer.MoneyGram.IsValidSerial("79927398713"));
        Assert.True(MoneyOrderReader.LostADigitOfACheckedField("9927398713", MoneyOrderIssuer.MoneyGram, ["79927398713"]));
        Assert.False(MoneyOrderReader.LostADigitOfACheckedField("9927398714", MoneyOrderIssuer.MoneyGram, ["79927398714"]));
    }
}
