using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 44 (issue #11): a page Leptonica's deskew left as it was, the skew it found at half and quarter size less sure than its
/// floor, is searched again at full size (GrayImage.Decode). A 200-dpi grocery order skewed 2.2° kept its skew, and its clear
/// `$*****15.00` was read as `Gree eeg 00`: the order waited.
/// </summary>
[Collection("ocr")]
public class DeskewRound44Tests(EngineFixture fixture, ThirdSeed25Round44 items) : IClassFixture<ThirdSeed25Round44>
{
    [Fact]
    public void A_small_print_skewed_page_is_straightened_and_its_amount_read()
    {
        var order = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(items.Scan(932, "order")));
        Assert.Equal(1500, order.AgreedAmount?.MinorUnits);
    }
}
