using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 40d (issue #11): the form's limit notice is recognised by its words VALID and OVER; read glued by a mark (`NOT
/// VALID-OVER $1,000.00`, third tuning 10 #68, a MoneyGram whose amounts are blotted out) it was not, its `$1,000.00` was taken
/// for the courtesy amount, and an illegible order waited for a person instead of going back.
/// </summary>
[Collection("ocr")]
public class LimitNoticeRound40Tests(EngineFixture fixture, ThirdSeed10Round40 ten) : IClassFixture<ThirdSeed10Round40>
{
    [Theory]
    [InlineData("VALID", true)]
    [InlineData("OVER", true)]
    [InlineData("VALID-OVER", true)]
    [InlineData("VALID.OVER", true)]
    [InlineData("OVERTON", false)]
    [InlineData("DOLLARS", false)]
    public void A_word_of_the_limit_notice_is_known_alone_or_glued(string key, bool notice) =>
        Assert.Equal(notice, MoneyOrderReader.IsLimitNoticeWord(key));

    [Fact]
    public void An_illegible_order_beside_a_glued_notice_has_no_amount_and_shows_it()
    {
        var order = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(ten.Scan(68, "order")));
        Assert.Null(order.CourtesyAmount.Value);
        Assert.True(order.AmountIllegible);
    }
}
