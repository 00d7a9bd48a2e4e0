using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 18 (issue #11, safety): a serial standing on the issuer's check digit alone. USPS's mod-9 digit lets about one
/// multi-digit misread in nine through: on outside tuning seed 499 #32 (usps, noisy) the page pass read the MICR print
/// "42088702836" for 42034792836, both valid, and it posted on the check digit alone. The print read again alone, of another
/// kind (the MICR field cut out alone with the digit list), must spell the same digits.
/// </summary>
[Collection("ocr")]
public class SerialCheckDigitRound18Tests(EngineFixture fixture, OutsideSeed499 outside) : IClassFixture<OutsideSeed499>
{
    private const string Misread = "42088702836";
    private const string Printed = "42034792836";
    private readonly MoneyOrderReader _reader = new();

    [Fact]
    public void Both_readings_pass_the_mod_9_check_digit()
    {
        var usps = MoneyOrderIssuer.All.Single(i => i.Code == "USPS");
        Assert.True(usps.IsValidSerial(Misread));
        Assert.True(usps.IsValidSerial(Printed));
    }

    [Fact]
    public void A_check_digit_valid_misread_of_the_MICR_print_does_not_stand_and_the_two_prints_that_agree_do()
    {
        // The page pass's MICR reading is refused (its field cut out alone reads 42034792836); the top print at SERIAL NO. read
        // alone spells 42034792836 and so does the MICR field: two prints.
        var image = GrayImage.Load(outside.Order(32));
        Assert.Equal(Printed, _reader.ReadMoneyOrder(fixture.Engine, image).Serial.Value);
    }

    [Fact]
    public void Without_the_top_print_the_misread_never_stands()
    {
        // The top print whitened (near x 1420–1690, y 60–100 on this scan): only the MICR print is left. Its page-pass misread
        // must not stand on the check digit; the field's own reads may give the printed number, or a person looks.
        var image = GrayImage.Load(outside.Order(32));
        var withoutTop = OutsideDrawnBatch.Whitened(image, PixelRect.FromEdges(1410, 45, 1710, 112));
        var serial = _reader.ReadMoneyOrder(fixture.Engine, withoutTop).Serial.Value;
        Assert.NotEqual(Misread, serial);
        Assert.True(serial is null or Printed, $"serial {serial}");
    }
}
