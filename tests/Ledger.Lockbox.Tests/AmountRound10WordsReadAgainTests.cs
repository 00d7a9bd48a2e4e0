using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using Ledger.Samples.Lockbox;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 10 (issue #11): words spelled exactly as printed whose page-pass confidence the asterisk fill glued to them dragged
/// under the bar (`***FOUR HUNDRED SIXTY NINE DOLLARS AND 16 CENTS***` at 33 beside `469 DOLLARS 16 CENTS [digit shape: 6 looks
/// Eight]`, own seed 9000 #220) settle a DOLLARS digit's shape dispute when their line, read again alone, says the same amount
/// at the bar. The numerals are drawn with an 8 where OCR read a 9 (round 9's test); the words are drawn as the words say.
/// </summary>
[Collection("ocr")]
public class AmountRound10WordsReadAgainTests(EngineFixture fixture)
{
    private (GrayImage Page, PageLayout Layout) Draw(string wordsPrinted, string wordsRead, double wordsConfidence)
    {
        var (numerals, boxes) = DigitShapeAmountTests.Page("DejaVuSansMono.ttf", 44, 0, "585", "DOLLARS", "25", "CENTS");
        var words = GrayImage.Decode(LockboxSampleImages.RenderTextLine(wordsPrinted, 40, serifBold: true));
        var width = Math.Max(numerals.Width, words.Width) + 40;
        var height = numerals.Height + words.Height + 60;
        var px = Enumerable.Repeat((byte)250, width * height).ToArray();
        for (var y = 0; y < numerals.Height; y++)
            for (var x = 0; x < numerals.Width; x++) px[(y + 10) * width + x + 20] = numerals.Pixels[y * numerals.Width + x];
        int l = int.MaxValue, t = int.MaxValue, r = -1, b = -1;
        var top = numerals.Height + 40;
        for (var y = 0; y < words.Height; y++)
            for (var x = 0; x < words.Width; x++)
            {
                var v = words.Pixels[y * words.Width + x];
                px[(top + y) * width + 20 + x] = v;
                if (v < 128) (l, t, r, b) = (Math.Min(l, 20 + x), Math.Min(t, top + y), Math.Max(r, 20 + x), Math.Max(b, top + y));
            }
        var page = new GrayImage(width, height, px);
        string[] numeralsRead = ["595", "DOLLARS", "25", "CENTS"];
        var layoutWords = numeralsRead.Select((text, i) => new OcrWord(text, 90, new PixelRect(boxes[i].Left + 20, boxes[i].Top + 10, boxes[i].Width, boxes[i].Height), 0))
            .Append(new OcrWord(wordsRead, wordsConfidence, PixelRect.FromEdges(l, t, r + 1, b + 1), 0)).ToList();
        return (page, new PageLayout(layoutWords, width, height));
    }

    private string? Doubt(string wordsPrinted, string wordsRead, double wordsConfidence)
    {
        var (page, layout) = Draw(wordsPrinted, wordsRead, wordsConfidence);
        fixture.Engine.SetImage(page);
        return MoneyOrderReader.DigitsDoubtedBeside(fixture.Engine, layout, new(595_25, [0, 1, 2, 3], "595 DOLLARS 25 CENTS"),
            new(595_25, [4], wordsRead), wordsConfidence, 50);
    }

    private const string Words = "***FIVE HUNDRED NINETY-FIVE DOLLARS AND 25 CENTS***";

    [Fact]
    public void Plain_words_under_the_bar_whose_line_reads_again_the_same_settle_a_dollars_digit()
    {
        Assert.Null(Doubt(Words, Words, 33));
        // Round 9's rule alone (the page pass's confidence) leaves it doubted.
        var (page, layout) = Draw(Words, Words, 33);
        Assert.NotNull(MoneyOrderReader.DigitsDoubted(page, layout, new(595_25, [0, 1, 2, 3], "595 DOLLARS 25 CENTS"), new(595_25, [4], Words), wordsClear: false));
    }

    [Fact]
    public void Words_whose_line_reads_again_as_another_amount_do_not()
    {
        // The page pass read NINETY where EIGHTY is printed: read again, the line says 585.25, not the 595.25 both prints agreed on.
        Assert.NotNull(Doubt("***FIVE HUNDRED EIGHTY-FIVE DOLLARS AND 25 CENTS***", Words, 33));
    }

    [Fact]
    public void Words_something_was_repaired_in_do_not()
    {
        // `NINETY-F1VE`: a letter corrected on the way; whatever the line reads again, the page pass's words are not plain.
        Assert.NotNull(Doubt(Words, "***FIVE HUNDRED NINETY-F1VE DOLLARS AND 25 CENTS***", 33));
    }
}
