using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 19 (issue #11, prairie-bank): the point before the cents read as a colon. On tuning seed 9737 #125 (clean) the page
/// pass read the boxed numerals `$ 196.70` as `$` and `196:70` at 88; the colon kept `196:70` out of the numerals' run, so the
/// numerals were no reading at all and an order whose words said ONE HUNDRED NINETY-SIX AND 70/100 waited. A colon with
/// exactly two digits after it at the end can only be the cents, as a comma there already is (`$47,50`); as every reading
/// of the numerals, it is accepted only where the words say the same amount.
/// </summary>
[Collection("ocr")]
public class CourtesyColonCentsRound19Tests(EngineFixture fixture)
{
    [Fact]
    public void Numerals_whose_point_was_read_as_a_colon_agree_with_the_words()
    {
        using var order = TuningItems.Order(9737, 125, "6831253893");
        var reading = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path));
        Assert.Equal(19670L, reading.AgreedAmount?.MinorUnits);
    }

    [Theory]
    [InlineData("$196:70", 19670)]
    [InlineData("$ 196:70", 19670)]
    [InlineData("$***196:70", 19670)]
    [InlineData("$1,250:00", 125000)]
    public void A_colon_before_the_last_two_digits_is_the_point(string text, long cents)
    {
        Assert.True(CourtesyAmount.TryParse(text, out var parsed));
        Assert.Equal(cents, parsed);
    }

    [Theory]
    [InlineData("196:70")] // no dollar sign: a time, a reference
    [InlineData("$196:7")]
    [InlineData("$196:700")]
    [InlineData("$19:6:70")]
    [InlineData("$:70")]
    [InlineData("$196:70.00")]
    [InlineData("$12,50:00")]
    public void Any_other_colon_is_refused(string text) => Assert.False(CourtesyAmount.TryParse(text, out _));

    [Theory]
    [InlineData("196:70")]
    [InlineData("$196:70")]
    [InlineData("S196:70")]
    public void A_word_with_the_point_read_as_a_colon_is_a_numeral_word(string word) =>
        Assert.True(MoneyOrderReader.IsNumeralWord(word, word.ToUpperInvariant()));

    [Theory]
    [InlineData("2665202121:")] // a MICR field with its transit symbol read as a colon
    [InlineData("I:")]
    [InlineData("10:3")]
    [InlineData("1:2:34")]
    [InlineData(":70")]
    [InlineData("A1:70")]
    public void Other_words_with_a_colon_are_not(string word) =>
        Assert.False(MoneyOrderReader.IsNumeralWord(word, word.ToUpperInvariant()));
}
