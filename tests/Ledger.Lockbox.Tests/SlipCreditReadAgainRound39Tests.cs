using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 39 (issue #11): the CREDIT TO row of a speckled slip read as noise by the page pass (`Gieeown'To: [x] trust Kuen [1
/// restrrunion`, third tuning 9 #19; #179 the same on another slip) is read again on the slip without its loose specks, as the
/// resident's name and number are (round 36): the labels are placed by that reading, the boxes' marks judged on the slip's pixels.
/// </summary>
[Collection("ocr")]
public class SlipCreditReadAgainRound39Tests(EngineFixture fixture, ThirdSeed9Round39 nine) : IClassFixture<ThirdSeed9Round39>
{
    [Theory]
    [InlineData(19, AccountKind.Trust)]
    [InlineData(179, AccountKind.Media)]
    public void A_credit_row_grain_hid_is_read_on_the_slip_without_its_specks(int sequence, AccountKind marked)
    {
        var slip = GrayImage.Load(nine.Scan(sequence, "slip"));
        var first = new MoneyOrderReader(new MoneyOrderReaderOptions { ReadsPageAgain = false }).ReadDepositSlip(fixture.Engine, slip);
        Assert.False(first.CreditTo.IsAccepted);
        var reading = new MoneyOrderReader().ReadDepositSlip(fixture.Engine, slip);
        Assert.True(reading.CreditTo.IsAccepted, reading.CreditTo.RawText);
        Assert.Equal(marked, reading.CreditTo.Value);
    }
}
