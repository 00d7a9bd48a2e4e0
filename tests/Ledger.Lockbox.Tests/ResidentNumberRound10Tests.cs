using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 10 (issue #11): a resident number read with a letter for a digit that looks like it (`7S771-516` for 75771-516) gives the
/// number with that digit as one more reading; the roster still has to hold it under the whole name the slip reads
/// (`ResidentNumberDigits.LettersAsDigits`, `LockboxDecider.ConfirmedByRoster` unchanged).
/// </summary>
[Collection("ocr")]
public class ResidentNumberRound10Tests(EngineFixture fixture)
{
    [Theory]
    [InlineData("7S771-516", "75771-516")]
    [InlineData("27Q13-482", "27013-482")]
    [InlineData("8O1I5-609", "80115-609")]
    [InlineData("35B59-066", "35859-066")]
    public void A_register_shaped_read_with_letters_like_digits_gives_the_number_with_those_digits(string read, string number) =>
        Assert.Contains(number, ResidentNumberDigits.LettersAsDigits(read));

    [Theory]
    [InlineData("75771-516")] // no letter: nothing new
    [InlineData("7X771-516")] // a letter no digit looks like
    [InlineData("7SS7I-516")] // three letters
    [InlineData("7S771-5160")] // not register-shaped
    [InlineData("7S7715-16")] // the dash elsewhere
    public void Anything_else_gives_none(string read) =>
        Assert.Empty(ResidentNumberDigits.LettersAsDigits(read));

    [Fact]
    public void The_slip_whose_number_was_read_with_an_S_is_settled_by_the_roster_under_the_name_read()
    {
        // Tuning seed 9100 #260 (MoneyGram, clean scan): the number read `7S771-516`, `15771-516`, `78771-516`; the name
        // HERNANDEZ, LUIS clear. The roster holds 75771-516 under LUIS HERNANDEZ.
        using var slip = TuningItems.Slip(9100, 260, "75771-516");
        // The first reading alone (round 37's reading of the slip again, below, settles the number itself).
        var reading = new MoneyOrderReader(new MoneyOrderReaderOptions { ReadsPageAgain = false }).ReadDepositSlip(fixture.Engine, GrayImage.Load(slip.Path));
        Assert.Null(reading.ResidentNumber.Value);
        Assert.Contains("75771-516", reading.ResidentNumber.Alternatives);
        var roster = TuningItems.Roster().ToDictionary(p => p.PersonNumber, p => (p.LastName, p.FirstName));
        (string Last, string First)? Find(string n) => roster.TryGetValue(n, out var p) ? p : null;
        Assert.Equal("75771-516", LockboxDecider.ConfirmedByRoster(reading, Find).ResidentNumber.Value);

        // The same reads against a roster that holds 75771-516 under another name: nothing is settled, a person keys it.
        roster["75771-516"] = ("HALL", "MARIA");
        Assert.Null(LockboxDecider.ConfirmedByRoster(reading, Find).ResidentNumber.Value);

        // Round 36/37: the slip read again without what is not print (MoneyOrderReader.PagesAgain) settles the number on its own.
        var again = new MoneyOrderReader().ReadDepositSlip(fixture.Engine, GrayImage.Load(slip.Path));
        Assert.Equal("75771-516", again.ResidentNumber.Value);
        Assert.True(again.ResidentNumber.IsAccepted);
    }
}
