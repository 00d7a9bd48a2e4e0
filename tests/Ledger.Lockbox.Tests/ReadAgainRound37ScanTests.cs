using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 37 (issue #11): scans of the third generator whose fields the page pass and the reading without specks (round 36) left
/// unsettled, each of which waited for keying in round 36. Stamped scans are read once more with the rubber stamp's mid gray
/// dropped as well (MoneyOrderReader.PagesAgain, PurchaserBlock.StampInk); a field is taken from such a reading only when it
/// settles there on its own evidence. A serial is taken from it only when the MICR print, as the page was first read, spells it.
/// </summary>
[Collection("ocr")]
public class ReadAgainRound37ScanTests(EngineFixture fixture, ThirdSeed7Round37 seven, ThirdSeed8Round37 eight)
    : IClassFixture<ThirdSeed7Round37>, IClassFixture<ThirdSeed8Round37>
{
    private readonly MoneyOrderReader _reader = new();

    [Theory]
    [InlineData(43, 12500)]  // bank `$***125.00`, its words under the stamp read at 0
    [InlineData(188, 25100)] // western-union `$251.00`, both prints under the stamp
    public void An_amount_under_a_stamp_is_read_with_the_stamps_gray_dropped(int sequence, long cents)
    {
        var order = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(eight.Scan(sequence, "order")));
        Assert.Equal(cents, order.AgreedAmount?.MinorUnits);
        Assert.False(order.AmountIllegible);
    }

    [Theory]
    [InlineData(3, "DAVID WHITE", "45699-839")]       // bank slip: the name read `DAVID WHITE (GER TN` through the stamp
    [InlineData(35, "ALLEN, CHARLES", "90121-298")]   // old postal slip: the name read `me | ce,`
    [InlineData(122, "ELIZABETH O'BRIEN", "14987-386")] // old postal slip: the number not read at all
    public void A_residents_name_and_number_under_a_stamp_are_read_with_the_stamps_gray_dropped(int sequence, string name, string number)
    {
        var slip = _reader.ReadDepositSlip(fixture.Engine, GrayImage.Load(seven.Scan(sequence, "slip")));
        Assert.Equal(name, slip.ResidentName.Value);
        Assert.True(slip.ResidentName.IsAccepted);
        Assert.Equal(number, slip.ResidentNumber.Value);
        Assert.True(slip.ResidentNumber.IsAccepted);
    }

    [Theory]
    [InlineData(19, "4029779401", true)]   // noisy: the top print read `4022977940 1`
    [InlineData(126, "4922583510", false)] // stamped: the top print read `49722583510`
    [InlineData(166, "5080605494", true)]  // skewed: the top print read `50806054948`
    public void A_serial_the_page_read_again_settles_is_taken_when_the_MICR_print_as_first_read_spells_it(int sequence, string serial, bool firstReadingWaits)
    {
        var order = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(seven.Scan(sequence, "order")));
        Assert.Equal(serial, order.Serial.Value);
        Assert.True(order.Serial.IsAccepted);
        // The first reading alone left it to a person. Round 43: #126's first reading now reads it too, its MICR print read
        // `4922583510F` (the on-us symbol as a letter) being a candidate of its own (MoneyOrderReader.WordDigits).
        var firstReadingOnly = new MoneyOrderReader(new MoneyOrderReaderOptions { ReadsPageAgain = false });
        var first = firstReadingOnly.ReadMoneyOrder(fixture.Engine, GrayImage.Load(seven.Scan(sequence, "order"))).Serial.Value;
        if (firstReadingWaits) Assert.Null(first);
        else Assert.Equal(serial, first);
    }

    [Theory]
    [InlineData(85, "5370 MAGNOLIA AVE, BIRMINGHAM, AL 35225")] // old postal form
    [InlineData(146, "7134 LAKEVIEW ST, HOUSTON, TX 77002")]    // western-union form
    public void An_illegible_orders_return_address_is_sought_on_its_slip_read_again(int sequence, string address)
    {
        var order = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(eight.Scan(sequence, "order")));
        Assert.True(order.AmountIllegible);
        var slip = _reader.ReadDepositSlip(fixture.Engine, GrayImage.Load(eight.Scan(sequence, "slip")), order);
        Assert.Equal(address, ReturnAddress.Confirmed(order, slip));
    }
}
