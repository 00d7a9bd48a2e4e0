using Ledger.Intake.Lockbox;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 11 (outside forms): a speck or a MICR symbol's bar read as a dash or an underscore at either end of a serial's word
/// is a mark, like a quote: the digits are a candidate, and the word is marked, so it stands only on the issuer's check digit
/// or a second print (outside tuning seed 300 #48: the top print read "-4932746636", its MICR repeat cut out alone spells it).
/// </summary>
public class SerialDashMarkRound11Tests
{
    [Theory]
    [InlineData("-4932746636", "4932746636")]
    [InlineData("4932746636-", "4932746636")]
    [InlineData("_4932746636", "4932746636")]
    [InlineData("—\"4932746636", "4932746636")]
    [InlineData("-4932746636.", "4932746636")]
    public void A_dash_at_either_end_of_a_serials_word_is_a_mark(string word, string digits)
    {
        Assert.Equal(digits, MoneyOrderReader.WordDigits(word));
        Assert.True(MoneyOrderReader.HasMark(word));
    }

    [Theory]
    [InlineData("4767-177473")] // a dash inside: two numbers, or a misread digit; never joined into one
    [InlineData("12345-678-90")]
    [InlineData("-4767I77473")] // a letter stays a letter
    [InlineData("8173748721:")]
    [InlineData("|19338247440")]
    public void A_dash_inside_or_other_ink_keeps_the_word_out_of_a_serial(string word) =>
        Assert.False(MoneyOrderReader.WordDigits(word).All(char.IsAsciiDigit));

    [Theory]
    [InlineData("4932746636")]
    [InlineData("4932746636.")]
    [InlineData("4932746636,")]
    public void A_plain_word_or_a_trailing_period_is_no_mark(string word) =>
        Assert.False(MoneyOrderReader.HasMark(word));

    [Fact]
    public void A_crops_read_keeps_a_dash_as_a_break_between_runs() =>
        // DigitRuns (a crop's read) is unchanged: a word starting with a dash does not join the digits before it.
        Assert.Equal("123456789", MoneyOrderReader.DigitRuns("123456789 -4932746636").First());
}
