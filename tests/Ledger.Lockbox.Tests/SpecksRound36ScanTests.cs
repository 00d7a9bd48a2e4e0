using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 36 (issue #11): noisy scans of the third generator whose amount or resident's name the page pass left unsettled (specks
/// taken into the words: a clear `$125.00` read as one tall word `Sizor8e` at 0) are read once more with their loose specks
/// whitened (Reading/Specks). A field is taken from that reading only when it settles there on its own evidence.
/// </summary>
[Collection("ocr")]
public class SpecksRound36ScanTests(EngineFixture fixture, ThirdSeed6Round36 six, ThirdSeed7Round36 seven, ThirdSeed8Round36 eight)
    : IClassFixture<ThirdSeed6Round36>, IClassFixture<ThirdSeed7Round36>, IClassFixture<ThirdSeed8Round36>
{
    private readonly MoneyOrderReader _reader = new();

    [Theory]
    [InlineData(6, 89, 12500)]  // MoneyGram `$125.00` and ***ONE HUNDRED TWENTY-FIVE AND 00/100 DOLLARS***, read at 14 and 9
    [InlineData(6, 34, 2553)]   // postal `25 DOLLARS 53 CENTS`
    [InlineData(6, 78, 2500)]   // MoneyGram `$25.00` in dots: a lattice's dots are no specks
    [InlineData(7, 137, 4037)]  // bank `40 DOLLARS 37 CENTS`
    [InlineData(7, 178, 5059)]  // western-union `$*****50.59` beside Fifty and 59/100 Dollars
    [InlineData(8, 9, 22327)]   // postal `$223.27`
    public void An_amount_on_a_noisy_scan_is_read_without_its_specks(int seed, int sequence, long cents)
    {
        var scan = Set(seed).Scan(sequence, "order");
        var text = MoneyOrderReader.Prepared(GrayImage.Load(scan)).Text;
        Assert.NotEmpty(Specks.Find(text, 18));
        var order = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(scan));
        Assert.Equal(cents, order.AgreedAmount?.MinorUnits);
        Assert.False(order.AmountIllegible);
    }

    [Fact]
    public void A_residents_name_on_a_noisy_slip_is_read_without_its_specks()
    {
        // Bank slip, condensed face: the page pass read `SHARES BARER` at 0.
        var slip = _reader.ReadDepositSlip(fixture.Engine, GrayImage.Load(eight.Scan(176, "slip")));
        Assert.Equal("CHARLES BAKER", slip.ResidentName.Value);
        Assert.Equal("63185-131", slip.ResidentNumber.Value);
    }

    [Theory]
    [InlineData(6, 168, "8157 HIGHLAND RD, STOCKTON, CA 95266")] // grocery form, its purchaser block under the blot too
    [InlineData(7, 14, "4492 WASHINGTON WAY, MACON, GA 31219")]  // MoneyGram form, a purchaser other than the sender
    [InlineData(8, 49, "6918 MAPLE WAY, ROCKFORD, IL 61118")]    // old postal form
    public void An_illegible_orders_return_address_is_sought_on_its_slip_without_the_specks(int seed, int sequence, string address)
    {
        var set = Set(seed);
        var order = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(set.Scan(sequence, "order")));
        Assert.True(order.AmountIllegible);
        var slip = _reader.ReadDepositSlip(fixture.Engine, GrayImage.Load(set.Scan(sequence, "slip")), order);
        Assert.Equal(address, ReturnAddress.Confirmed(order, slip));
        // Read for an order that is not going back, the slip's lines are read once: they do not confirm the address.
        var once = _reader.ReadDepositSlip(fixture.Engine, GrayImage.Load(set.Scan(sequence, "slip")), order.PurchaserAddress.RawText, order.PurchaserName.RawText);
        Assert.Null(ReturnAddress.Confirmed(order, once));
    }

    private ThirdDrawnItems Set(int seed) => seed switch { 6 => six, 7 => seven, _ => eight };
}
