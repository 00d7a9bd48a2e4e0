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

    [Theory]
    [InlineData("o. 5931057514", "5931057514")] // the label beside the serial read with it
    [InlineData("SERIAL NO. 33941 64217", "3394164217")] // digit groups split by a space are one run
    [InlineData("ln 585818937 \"8945925754\" x", "5858189378945925754")]
    [InlineData("no.5931057514", "")] // glued to letters: no run of digits
    public void Runs_of_digits_in_a_read_join_groups_and_drop_marks(string read, string firstRun) =>
        Assert.Equal(firstRun, MoneyOrderReader.DigitRuns(read).FirstOrDefault() ?? "");

    [Fact]
    public void A_serial_whose_other_print_reads_a_digit_or_two_apart_is_contradicted()
    {
        // An issuer without a check digit: nothing says which of the two prints was misread.
        Assert.True(MoneyOrderReader.Contradicted("3945925754", null, ["8945925754"]));
        Assert.True(MoneyOrderReader.Contradicted("3945925754", MoneyOrderIssuer.FirstPrairieBank, ["3945925754", "3945925184"]));
        // The same digits, another length, or many digits apart (another number on the form) are no contradiction.
        Assert.False(MoneyOrderReader.Contradicted("3945925754", null, ["3945925754", "39459257541", "1234567890"]));
    }

    [Fact]
    public void A_serial_that_holds_a_reading_one_digit_shorter_is_in_doubt()
    {
        // A MICR symbol read as one more digit ("76170336901") beside the top print's ten digits: one of them is misread.
        Assert.True(MoneyOrderReader.HoldsShorter("76170336901", ["7617033690"]));
        Assert.True(MoneyOrderReader.HoldsShorter("76170336901", ["6170336901"]));
        // Longer readings that hold the value (a label or a symbol read as a digit beside it) leave it standing, as do the same
        // digits, a digit apart, two digits shorter, or another number.
        Assert.False(MoneyOrderReader.HoldsShorter("7617033690", ["07617033690", "76170336904", "7617033690", "7617033691", "76170336", "9411317620"]));
    }

    [Fact]
    public void A_check_digit_that_holds_for_the_serial_and_not_for_the_other_reading_settles_it()
    {
        var body = "5275793078";
        var serial = body + MoneyOrderIssuer.ComputeCheckDigit(CheckDigitScheme.Luhn, body);
        Assert.True(MoneyOrderIssuer.MoneyGram.IsValidSerial(serial));
        // One digit misread in the other print: Luhn catches every single substitution, so that reading fails its check.
        var misread = (serial[3] == '9' ? "0" : ((char)(serial[3] + 1)).ToString());
        var other = serial[..3] + misread + serial[4..];
        Assert.False(MoneyOrderIssuer.MoneyGram.IsValidSerial(other));
        Assert.False(MoneyOrderReader.Contradicted(serial, MoneyOrderIssuer.MoneyGram, [other]));
        // Without the issuer's check digit the same pair is a contradiction.
        Assert.True(MoneyOrderReader.Contradicted(serial, null, [other]));
    }
}
