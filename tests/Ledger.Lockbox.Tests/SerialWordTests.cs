using Ledger.Intake.Lockbox;

namespace Ledger.Lockbox.Tests;

public class SerialWordTests
{
    [Theory]
    [InlineData("\"4767177473", "4767177473")] // a MICR symbol read as a quote, glued to the serial
    [InlineData("4767177473\"", "4767177473")]
    [InlineData("‘9835162115", "9835162115")]
    [InlineData("40984628798.", "40984628798")]
    public void Marks_glued_to_a_serial_are_not_part_of_it(string word, string digits) =>
        Assert.Equal(digits, MoneyOrderReader.SerialDigits(word));

    [Theory]
    [InlineData("Q66747018")] // a letter may be a misread digit: the word is no run of digits, never guessed into one
    [InlineData("4767I77473")]
    [InlineData("4767-177473")]
    [InlineData("8173748721:")] // a routing number with a MICR symbol read as "1:" is no serial
    [InlineData("|19338247440")]
    public void A_letter_or_a_dash_inside_keeps_the_word_out_of_a_serial(string word) =>
        Assert.False(MoneyOrderReader.SerialDigits(word).All(char.IsAsciiDigit));
}
