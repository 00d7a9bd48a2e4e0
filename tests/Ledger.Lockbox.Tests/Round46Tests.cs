using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 46 (issue #11): the slip's resident number that no reading settled keeps what every reading spelled, for the roster
/// to confirm (MoneyOrderReader.ReadDepositSlip); a serial settled on the page read again stands on the MICR print as that
/// reading's page pass read it, or on a MICR field of twelve glyphs read as the serial and its symbol (MoneyOrderReader.ReadMoneyOrder).
/// </summary>
[Collection("ocr")]
public class SlipReadingsPooledRound46ScanTests(EngineFixture fixture, ThirdSeed29Round46 seed29) : IClassFixture<ThirdSeed29Round46>
{
    [Fact]
    public void A_number_under_a_stamp_is_a_reading_for_the_roster_from_the_slip_read_again()
    {
        // The stamp over `RESIDENT NUMBER` hides the label from the first reading; the slip read without the stamp's gray finds it
        // and reads the value `83462-0930`, unsettled. Round 45 dropped that reading: the number was never looked up.
        var slip = new MoneyOrderReader().ReadDepositSlip(fixture.Engine, GrayImage.Load(seed29.Scan(261, "slip")));
        Assert.Null(slip.ResidentNumber.Value);
        Assert.Contains("83462-090", slip.ResidentNumber.Alternatives);
        Assert.Equal("DAVID MITCHELL", slip.ResidentName.Value);

        // Only the roster, holding that number under the name read, makes it the number; another person's name does not.
        var confirmed = LockboxDecider.ConfirmedByRoster(slip, n => n == "83462-090" ? ("MITCHELL", "DAVID") : null);
        Assert.Equal("83462-090", confirmed.ResidentNumber.Value);
        var stranger = LockboxDecider.ConfirmedByRoster(slip, n => n == "83462-090" ? ("HALL", "ROBERT") : null);
        Assert.Null(stranger.ResidentNumber.Value);
    }
}

[Collection("ocr")]
public class SerialReadAgainRound46ScanTests(EngineFixture fixture, ThirdSeed30Round46 seed30, ThirdSeed5040Round46 seed5040)
    : IClassFixture<ThirdSeed30Round46>, IClassFixture<ThirdSeed5040Round46>
{
    private string? SerialOf(GrayImage order) => new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, order).Serial.Value;

    [Theory]
    [InlineData(170, "65468188103")]  // the MICR field read 654681881039: its on-us symbol counted as a twelfth glyph
    [InlineData(472, "48004281846")]  // the page pass read the MICR print `F48004281846F`, its last digit glued to the symbol
    public void A_serial_settled_on_the_page_read_again_stands_beside_its_MICR_print(int sequence, string serial) =>
        Assert.Equal(serial, SerialOf(GrayImage.Load(seed30.Scan(sequence, "order"))));

    [Fact]
    public void A_MICR_serial_read_with_its_symbol_as_a_quote_stands_beside_the_top_print() =>
        Assert.Equal("30981921579", SerialOf(GrayImage.Load(seed5040.Scan(166, "order"))));

    [Fact]
    public void The_top_print_alone_does_not_stand_when_the_MICR_print_is_gone()
    {
        // Without the MICR line (the bottom of the form whitened) 170's top print waits, as the whole order did on round 45. The MICR readings the rules above take must be another print
        // (SerialMoneyGramWesternUnionRound26Tests: a top print whose own line was taken for a MICR line still waits alone).
        var image = GrayImage.Load(seed30.Scan(170, "order"));
        var withoutMicr = OutsideDrawnBatch.Whitened(image, new PixelRect(0, image.Height * 80 / 100, image.Width, image.Height * 20 / 100));
        Assert.Null(SerialOf(withoutMicr));
    }
}
