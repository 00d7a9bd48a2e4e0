using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 8 (issue #11): courtesy and legal amounts that disagree only in the cents, one print saying 00 and the other 60 or
/// 90 (`$850.00` beside `AND 90/100`, Tesseract's 0 read as 9 in ONE print), are settled by the glyphs when both prints
/// plainly show the same digit at the disputed place; otherwise they wait, as before. The words are drawn as printed and
/// handed to the check with the texts OCR gave them.
/// </summary>
public class ShapeSettledCentsTests
{
    private static long? Settle(string font, int speckle, string[] printed, string[] read, long courtesyCents, long legalCents)
    {
        var (image, boxes) = DigitShapeAmountTests.Page(font, 44, speckle, printed);
        var page = new PageLayout(read.Select((t, i) => new OcrWord(t, 90, boxes[i], 0)).ToList(), image.Width, image.Height);
        return MoneyOrderReader.CentsSettledByShape(image, page, new(courtesyCents, [0, 1, 2, 3], string.Join(' ', read[..4])),
            new(legalCents, [4, 5, 6], string.Join(' ', read[4..])));
    }

    [Theory]
    [InlineData("DejaVuSansMono.ttf", 0)]
    [InlineData("DejaVuSansMono.ttf", 5)]
    [InlineData("DejaVuSans.ttf", 5)]
    [InlineData("DejaVuSerif-Bold.ttf", 0)]
    public void Cents_00_read_90_in_one_print_settle_to_00_when_both_glyphs_are_plainly_zeros(string font, int speckle)
    {
        string[] printed = ["850", "DOLLARS", "00", "CENTS", "AND", "00", "CENTS"];
        Assert.Equal(850_00, Settle(font, speckle, printed, ["850", "DOLLARS", "00", "CENTS", "AND", "90", "CENTS"], 850_00, 850_90));
        Assert.Equal(850_00, Settle(font, speckle, printed, ["850", "DOLLARS", "60", "CENTS", "AND", "00", "CENTS"], 850_60, 850_00));
    }

    [Theory]
    [InlineData("DejaVuSansMono.ttf", 0)]
    [InlineData("DejaVuSans.ttf", 5)]
    public void A_real_six_read_as_zero_in_one_print_settles_to_the_six(string font, int speckle)
    {
        string[] printed = ["850", "DOLLARS", "60", "CENTS", "AND", "60", "CENTS"];
        Assert.Equal(850_60, Settle(font, speckle, printed, ["850", "DOLLARS", "00", "CENTS", "AND", "60", "CENTS"], 850_00, 850_60));
    }

    [Fact]
    public void An_unsure_glyph_never_settles_00_against_60()
    {
        // The words' cents glyph is no digit the check can judge (a 1 stands for a zero whose ring noise broke): it waits.
        string[] printed = ["850", "DOLLARS", "00", "CENTS", "AND", "10", "CENTS"];
        Assert.Null(Settle("DejaVuSansMono.ttf", 0, printed, ["850", "DOLLARS", "00", "CENTS", "AND", "60", "CENTS"], 850_00, 850_60));
    }

    [Fact]
    public void Prints_that_truly_differ_wait()
    {
        // Each glyph confirms its own print's reading: the two prints say different amounts, a person decides.
        string[] printed = ["850", "DOLLARS", "00", "CENTS", "AND", "60", "CENTS"];
        Assert.Null(Settle("DejaVuSans.ttf", 0, printed, ["850", "DOLLARS", "00", "CENTS", "AND", "60", "CENTS"], 850_00, 850_60));
    }

    [Fact]
    public void Only_0_6_8_9_confusions_and_the_same_dollars_are_settled()
    {
        string[] printed = ["850", "DOLLARS", "00", "CENTS", "AND", "00", "CENTS"];
        // A 3 is no digit a hole tells; other dollars are another amount.
        Assert.Null(Settle("DejaVuSans.ttf", 0, printed, ["850", "DOLLARS", "00", "CENTS", "AND", "30", "CENTS"], 850_00, 850_30));
        Assert.Null(Settle("DejaVuSans.ttf", 0, printed, ["850", "DOLLARS", "00", "CENTS", "AND", "00", "CENTS"], 850_00, 860_00));
    }
}
