using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 40 (issue #11): the last word of a resident's name read as lower-case junk (`DAVID DE LA mun` for DAVID DE LA CRUZ on a
/// speckled slip, third tuning 11 #6) was dropped as grain, and the three words left, read at 94, stood as the name: not the
/// roster's, the order waited. A dropped word where the name's next word would stand now makes the reader read the whole value
/// again, as for a name that lost a word; those reads are readings for the roster only, which settles the name with the number.
/// </summary>
[Collection("ocr")]
public class SlipNameWordDroppedRound40Tests(EngineFixture fixture, ThirdSeed11Round40 eleven) : IClassFixture<ThirdSeed11Round40>
{
    [Fact]
    public void A_name_whose_last_word_was_read_as_junk_is_settled_by_the_roster()
    {
        var slip = new MoneyOrderReader().ReadDepositSlip(fixture.Engine, GrayImage.Load(eleven.Scan(6, "slip")));
        var settled = LockboxDecider.ConfirmedByRoster(slip, n => n == "30074-223" ? ("DE LA CRUZ", "DAVID") : null);
        Assert.Equal("DAVID DE LA CRUZ", settled.ResidentName.Value);
    }

    [Fact]
    public void A_lower_case_word_far_right_of_the_name_is_no_word_of_it()
    {
        // Grain read as a word six letter heights right of the name: the name as read stands, no more reads.
        var page = new PageLayout([Word("LOPEZ,", 100, 20, 80), Word("DARNELL", 200, 20, 100), Word("mesial", 430, 20, 70)], 1000, 200);
        Assert.True(SlipNames.NextWordOf(page, 0, 1));
        Assert.False(SlipNames.NextWordOf(page, 1, 2));
    }

    private static Ledger.Intake.Lockbox.Ocr.OcrWord Word(string text, int left, int top, int width) =>
        new(text, 90, new PixelRect(left, top, width, 21), 0);
}
