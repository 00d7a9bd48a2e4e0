using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 17 (issue #11): the asterisk fill before the words read as a `K` glued to the first number word (`***K THREE`, both
/// at 0: moneygram tuning seed 9671 #94, clean scan): the words' crop began at THREE with ink of the fill beside it and read
/// at 26, the numerals `$328.00` at 40, so two fields saying 328.00 waited. The crop cut from the fill word's left edge with
/// the fill erased reads the whole line at 94; as every re-read of a field, it counts only when it says the same amount.
/// </summary>
[Collection("ocr")]
public class AmountFillBeforeWordsRound17Tests(EngineFixture fixture)
{
    [Fact]
    public void Words_whose_fill_is_glued_to_the_first_number_word_are_read_again_from_the_fill()
    {
        using var order = TuningItems.Order(9671, 94, "95921625463");
        var reading = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path));
        Assert.Equal(32800L, reading.AgreedAmount?.MinorUnits);
        Assert.True(reading.LegalAmount.Confidence >= 50);
    }

    [Fact]
    public void Only_a_word_that_starts_with_fill_is_taken_before_the_words()
    {
        var words = new[] { Word("***K", 100), Word("THREE", 190), Word("HUNDRED", 300), Word("LEDGER", 1500, 900) };
        var page = new Ledger.Intake.Lockbox.Reading.PageLayout(words, 2000, 1000);
        var three = Enumerable.Range(0, page.Words.Count).Single(j => page.Words[j].Text == "THREE");
        var fill = Enumerable.Range(0, page.Words.Count).Single(j => page.Words[j].Text == "***K");
        Assert.Equal(fill, MoneyOrderReader.FillWordBefore(page, [three]));
        Assert.Null(MoneyOrderReader.FillWordBefore(page, [fill]));
        var hundred = Enumerable.Range(0, page.Words.Count).Single(j => page.Words[j].Text == "HUNDRED");
        Assert.Null(MoneyOrderReader.FillWordBefore(page, [hundred]));
        Assert.Null(MoneyOrderReader.FillWordBefore(page, []));
    }

    private static Ledger.Intake.Lockbox.Ocr.OcrWord Word(string text, int left, int top = 550) =>
        new(text, 90, new PixelRect(left, top, 20 * text.Length, 27), 0);
}
