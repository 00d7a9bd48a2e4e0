using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 38 (issue #11): the page read again without a stamp's gray (round 37) keeps the page's dot-matrix print as scanned:
/// its small dots scan mid gray like the stamp, and a dotted `$***833.00` vanished with the stamp over the words beside it
/// (third tuning 6 #173, grocery form, which waited for keying in round 37).
/// </summary>
[Collection("ocr")]
public class ReadAgainRound38ScanTests(EngineFixture fixture, ThirdSeed6Round38 six) : IClassFixture<ThirdSeed6Round38>
{
    [Fact]
    public void Dotted_numerals_beside_stamped_words_are_kept_when_the_stamps_gray_is_dropped()
    {
        var order = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(six.Scan(173, "order")));
        Assert.Equal(83300L, order.AgreedAmount?.MinorUnits);
        Assert.False(order.AmountIllegible);
    }

    [Fact]
    public void Only_the_kept_places_keep_their_gray()
    {
        // A 6×4 page of mid gray (lighter than the stamp ink threshold) with one kept place: gray stays only there.
        var page = new GrayImage(6, 4, Enumerable.Repeat((byte)(PurchaserBlock.StampInk + 40), 24).ToArray());
        var dropped = PurchaserBlock.WithoutStamp(page, kept: [new PixelRect(1, 1, 2, 2)]);
        for (var y = 0; y < 4; y++)
            for (var x = 0; x < 6; x++)
                Assert.Equal(x is 1 or 2 && y is 1 or 2 ? PurchaserBlock.StampInk + 40 : 255, (int)dropped.Pixels[y * 6 + x]);
        Assert.All(PurchaserBlock.WithoutStamp(page).Pixels, p => Assert.Equal(255, (int)p));
    }
}
