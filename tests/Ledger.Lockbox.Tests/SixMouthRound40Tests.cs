using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 40 (issue #11): a small bold or condensed 6 whose mouth is two rows tall closes into an 8 when its gaps are closed, and
/// the bowl that closing adds is three or four rows tall over a bowl of five to seven, too tall for round 20's test of a mouth.
/// A mouth runs from the arm's end down to the bowl: an added bowl open to the right along its last rows only, and along half of
/// them or more, is a mouth whatever its height, and the glyph is not plainly anything. A break in an 8's stroke, away from its
/// waist, still leaves an 8. Measured on digits drawn with Pillow in 17 faces at 13–45 px (`/work/t39/gen_glyphs*.py`): 46 of
/// the 60 sixes judged eights no longer are (16 now sixes, 30 unclear), no 0, 8 or 9 changes; of 4,320 eights with a stroke broken
/// by one or two rows (`/work/t40/gen_broken8.py`), 30 of the 2,790 judged eights become unclear (breaks two rows tall just above
/// the waist), none a 6.
/// </summary>
[Collection("ocr")]
public class SixMouthRound40Tests(EngineFixture fixture, ThirdSeed10Round40 ten) : IClassFixture<ThirdSeed10Round40>
{
    [Fact]
    public void Sixes_of_the_words_plain_in_the_numerals_let_an_agreed_amount_stand()
    {
        // Western Union `$***200.66` beside `TWO HUNDRED DOLLARS AND 66/100` in DejaVu Sans Condensed Bold, a stamp below.
        var order = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(ten.Scan(154, "order")));
        Assert.Equal(20066L, order.AgreedAmount?.MinorUnits);
    }

    [Fact]
    public void A_six_whose_two_row_mouth_closes_is_no_eight()
    {
        // Third tuning 10 #154, the words' first cents glyph as cut: its mouth is rows 4 and 5, under the arm's end.
        var six = Glyph(
            "...####...",
            "..######..",
            ".########.",
            "###...###.",
            "###.......",
            "###.......",
            "##..###...",
            "########..",
            "#########.",
            "###...###.",
            "###....###",
            "###....###",
            "###....###",
            "###...####",
            ".###..###.",
            ".########.",
            "..######..");
        Assert.NotEqual(DigitForm.Eight, DigitShape.Classify(six));
    }

    [Fact]
    public void An_eight_broken_above_its_waist_stays_an_eight()
    {
        // DejaVu Sans Condensed at 22 px, its upper bowl's right stroke cut by two rows (gen_broken8.py): the stroke goes on
        // below the break, so the bowl closing adds is open along its middle rows, not down to the waist.
        var eight = Glyph(
            "..######..",
            ".####.###.",
            ".##.....##",
            ".##.......",
            ".##.......",
            ".##.....##",
            "..##..###.",
            "...#####..",
            "..###.###.",
            ".##.....##",
            "##......##",
            "##......##",
            "##......##",
            ".##.....##",
            ".####.###.",
            "..######..");
        Assert.Equal(DigitForm.Eight, DigitShape.Classify(eight));
    }

    private static DigitShape.Glyph Glyph(params string[] rows) => DotMatrixRound39Tests.Glyph(rows);
}
