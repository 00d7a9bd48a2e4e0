using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 30 (issue #11): third tuning seed 5 #31, a Western Union order to 75771-516 whose slip number the page pass read
/// `75771- pie` and the crop, with capitals only, `75771-PIE`. The two agreed, an agency number may hold letters, so the number
/// was taken as read; once round 30 read the Title Case name clearly, the order went back by rule as a stranger's. Letters read
/// in lower case are a misread of a number printed in capitals and digits: the read is only a reading for the roster, which
/// settles it with the name.
/// </summary>
[Collection("ocr")]
public class SlipNumberLowerCaseRound30Tests(EngineFixture fixture, ThirdSeed5 third) : IClassFixture<ThirdSeed5>
{
    [Fact]
    public void A_number_read_with_lower_case_letters_is_not_taken_as_read()
    {
        // The first reading alone: round 36's reading of the slip without its specks reads the number clearly (below).
        var slip = new MoneyOrderReader(new MoneyOrderReaderOptions { ReadsPageAgain = false }).ReadDepositSlip(fixture.Engine, GrayImage.Load(third.Scan(31, "slip")));
        Assert.Null(slip.ResidentNumber.Value);
        Assert.Contains("75771-516", slip.ResidentNumber.Alternatives);
        // The roster's person with that number and the name read: the number settles, nothing goes back.
        var settled = LockboxDecider.ConfirmedByRoster(slip, n => n == "75771-516" ? ("HERNANDEZ", "LUIS") : null);
        Assert.Equal("75771-516", settled.ResidentNumber.Value);
        Assert.Equal("75771-516", new MoneyOrderReader().ReadDepositSlip(fixture.Engine, GrayImage.Load(third.Scan(31, "slip"))).ResidentNumber.Value);
    }
}
