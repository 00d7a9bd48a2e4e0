using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 37 (issue #11): stamped scans of the third generator whose amount, resident's name or number the page pass and the reading
/// without specks (round 36) left unsettled are read once more with the rubber stamp's mid gray dropped as well
/// (MoneyOrderReader.PagesAgain, PurchaserBlock.StampInk). A field is taken from that reading only when it settles there on its
/// own evidence; each of these waited for keying in round 36.
/// </summary>
[Collection("ocr")]
public class StampRound37ScanTests(EngineFixture fixture, ThirdSeed7Round37 seven, ThirdSeed8Round37 eight)
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
