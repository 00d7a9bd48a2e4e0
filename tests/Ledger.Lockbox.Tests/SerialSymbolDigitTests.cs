using Ledger.Intake.Lockbox;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 9 (issue #11): the serial read at its label confirmed by a page-pass word that is the serial with its MICR on-us symbol
/// read as a twelfth digit (tuning seed 8600 #71, Western Union: the page pass found no serial, the label read 44579023785 and
/// the MICR line read "445790237854,").
/// </summary>
public class SerialSymbolDigitTests
{
    [Theory]
    [InlineData("44579023785", "445790237854,")]
    [InlineData("44579023785", "445790237851")]
    public void An_eleven_digit_serial_with_one_digit_more_at_its_end_is_its_repeat(string value, string word) =>
        Assert.True(MoneyOrderReader.RepeatWithSymbolDigit(value, word));

    [Theory]
    // Ten digits: the eleven-digit word may be the serial itself, its other print short of a digit (seed 8600 #233 waits).
    [InlineData("5965565565", "59655655654,")]
    // The extra digit in front: the word is not this number followed by a symbol.
    [InlineData("44579023785", "144579023785")]
    // A digit apart, as long, two digits more, or a letter inside: no repeat.
    [InlineData("44579023785", "445790238854,")]
    [InlineData("44579023785", "44579023785")]
    [InlineData("44579023785", "4457902378541")]
    [InlineData("44579023785", "44579023785a,")]
    public void Anything_else_is_not(string value, string word) =>
        Assert.False(MoneyOrderReader.RepeatWithSymbolDigit(value, word));
}
