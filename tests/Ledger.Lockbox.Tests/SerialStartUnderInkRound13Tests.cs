using Ledger.Intake.Lockbox;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 13 (outside forms): a top print whose first digits lie under a title's ink (`BANK04477129` for 4404477129, outside
/// tuning seed 350 #42) shows its visible end only when letters are glued to its start, seven digits or more show, and one to
/// three are hidden; the MICR print, read twice alike, gives the rest (MoneyOrderReader.StartUnderInk).
/// </summary>
public class SerialStartUnderInkRound13Tests
{
    [Theory]
    [InlineData("BANK04477129", "4404477129", "04477129")]
    [InlineData("LOAN6675769", "72546675769", null)] // four digits hidden: too few of the print show
    [InlineData("BANK404477129", "4404477129", "404477129")]
    [InlineData("NO.404477129\"", "4404477129", null)] // a period between: not letters glued to the digits
    public void The_visible_end_is_the_values_last_digits_behind_glued_letters(string word, string value, string? expected) =>
        Assert.Equal(expected, MoneyOrderReader.VisibleEndOf(word, value));

    [Theory]
    [InlineData("04477129", "4404477129")]     // digits alone: a shorter number read whole, or a part of one; never this
    [InlineData("BANK04477128", "4404477129")] // an end that disagrees
    [InlineData("BANK4404477129", "4404477129")] // nothing hidden: the whole value, the page pass's own candidate rules apply
    [InlineData("BANK477129", "4404477129")]  // six digits: too little of the print
    [InlineData("bank04477129", "4404477129")] // lower case: grain or a signature, not a printed title
    [InlineData("K04477129", "4404477129")]    // one letter: a speck or a mark read as a letter
    public void Anything_else_shows_nothing(string word, string value) =>
        Assert.Null(MoneyOrderReader.VisibleEndOf(word, value));
}
