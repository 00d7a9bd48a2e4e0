using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 24 (issue #11, the deposit slip every layout shares): a name read `LAST,` is not whole, a number's word the page pass
/// read as letters is measured by the crop's digits, a value's word with no letter or digit does not stretch the number's crop.
/// </summary>
public class SlipRulesRound24Tests
{
    [Theory]
    [InlineData("ST. JOHN,", true)]
    [InlineData("DE LA CRUZ, _", true)]
    [InlineData("ST. JOHN, KAREN", false)]
    [InlineData("KAREN ST. JOHN", false)]
    [InlineData("ST. JOHN", false)]
    public void A_read_ending_at_a_comma_lacks_the_first_name(string read, bool endsAtComma) =>
        Assert.Equal(endsAtComma, SlipNames.EndsAtComma(read));

    [Theory]
    [InlineData("eos", "19708-", "19708")]   // tuning 9787 #350: the page pass's word read as letters
    [InlineData("31925-", "31925-5", "31925-")] // the page pass's digits measure as before
    [InlineData("eos", "EOS", "eos")]        // no digits anywhere: nothing to measure with
    [InlineData("eos", "19A08", "eos")]      // a letter in the crop's read: not a number's characters
    public void The_number_is_measured_by_the_page_pass_or_else_the_crops_digits(string page, string crop, string measured) =>
        Assert.Equal(measured, ResidentNumberDigits.MeasuredText(page, crop));
}

/// <summary>
/// The round-24 slip read from its image (our generator, postal; the slip is the same for every layout). The slips settled to
/// their person by the roster are cases of <see cref="SlipImageRound21Tests"/>'s theory.
/// </summary>
[Collection("ocr")]
public class SlipImageRound24Tests(EngineFixture fixture)
{
    [Fact]
    public void The_street_under_its_label_stops_before_the_city_under_the_second_columns_label()
    {
        // Tuning 9789 #98 (clean, two columns): `RICHMOND,` begins 2 px left of CITY, STATE ZIP and was read into the street.
        using var slip = TuningItems.Slip(9789, 98, "57044-249");
        var reading = new MoneyOrderReader().ReadDepositSlip(fixture.Engine, GrayImage.Load(slip.Path));
        Assert.Equal("7590 LAKE RD", reading.SenderAddress.Value);
        Assert.Equal("RICHMOND, VA 23220", reading.CityStateZip.Value);
        Assert.All(reading.AddressReads.Where(r => r.Line == AddressLine.Street), r => Assert.DoesNotContain("RICHMOND", r.Text));
    }
}
