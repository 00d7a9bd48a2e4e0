using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 45 (issue #11): two dot-matrix misreads in one long word of the legal amount (LegalAmountWords.DottedMisread), and a cents
/// 6 or 9 both prints read alike, plainly that digit in one print and shaped as an 8 in the other
/// (MoneyOrderReader.CentsMouthClosed). Printed 6s, 8s and 9s: the 6/8/9-cents safety set in docs/reader-rounds.md.
/// </summary>
public class LegalWordsDottedRound45Tests
{
    [Theory]
    [InlineData("***ETFTY DOLLARS AND 00 CENTS***", 5000)]     // FIFTY: F read as E, I as T
    [InlineData("***ETFTEEN AND 66/188 DOLLARS***", 1566)]     // FIFTEEN; the fraction's cents stand as read
    [InlineData("ONE HUNDRED ETFTY AND 00/100", 15000)]
    public void Two_dot_matrix_misreads_in_a_long_word_are_that_word(string text, long cents)
    {
        Assert.True(LegalAmountWords.TryParse(text, out var parsed));
        Assert.Equal(cents, parsed);
        Assert.False(LegalAmountWords.ReadsPlainly(text));  // repaired: never settles a digit's shape on its own
    }

    [Theory]
    [InlineData("GTXTY AND 00/100 DOLLARS")]    // SIXTY with S read as G: not a dot-matrix misread
    [InlineData("ETVE AND 00/100 DOLLARS")]     // FIVE's F and I: a four-letter word has too few letters left to be sure
    [InlineData("ETFTFEN AND 00/100 DOLLARS")]  // three letters off FIFTEEN
    [InlineData("EFGHTX AND 00/100 DOLLARS")]   // EIGHTY with I read as F and Y as X: not pairs of the list
    public void Other_misreads_of_two_letters_are_refused(string text) =>
        Assert.False(LegalAmountWords.TryParse(text, out _));
}

public class CentsMouthClosedRound45Tests
{
    private static List<(char, DigitForm?, bool)> Cents(char a, DigitForm? fa, char b, DigitForm? fb) => [(a, fa, true), (b, fb, true)];

    [Fact]
    public void A_six_plain_in_one_print_and_shaped_as_an_eight_in_the_other_is_a_closed_mouth()
    {
        Assert.Equal([(false, 0)], MoneyOrderReader.CentsMouthClosed(Cents('6', DigitForm.Six, '7', DigitForm.Unclear), Cents('6', DigitForm.Eight, '7', DigitForm.Unclear)));
        Assert.Equal([(true, 1)], MoneyOrderReader.CentsMouthClosed(Cents('4', null, '6', DigitForm.Eight), Cents('4', DigitForm.Unclear, '6', DigitForm.Six)));
        Assert.Equal([(false, 1)], MoneyOrderReader.CentsMouthClosed(Cents('1', null, '9', DigitForm.Nine), Cents('1', null, '9', DigitForm.Eight)));
    }

    [Fact]
    public void Nothing_else_is()
    {
        // Neither print plainly a 6; an 8 read as 8; the prints reading different digits; a zero's shape.
        Assert.Empty(MoneyOrderReader.CentsMouthClosed(Cents('6', DigitForm.Eight, '0', null), Cents('6', DigitForm.Eight, '0', null)));
        Assert.Empty(MoneyOrderReader.CentsMouthClosed(Cents('6', DigitForm.Unclear, '0', null), Cents('6', DigitForm.Eight, '0', null)));
        Assert.Empty(MoneyOrderReader.CentsMouthClosed(Cents('8', DigitForm.Eight, '0', null), Cents('8', DigitForm.Six, '0', null)));
        Assert.Empty(MoneyOrderReader.CentsMouthClosed(Cents('6', DigitForm.Six, '0', null), Cents('8', DigitForm.Eight, '0', null)));
        Assert.Empty(MoneyOrderReader.CentsMouthClosed(Cents('6', DigitForm.Six, '0', null), Cents('6', DigitForm.Zero, '0', null)));
        Assert.Empty(MoneyOrderReader.CentsMouthClosed(Cents('6', DigitForm.Six, '0', null), [('6', DigitForm.Eight, true)]));
    }
}

/// <summary>The scans the two rules were found on; each waited on round 44.</summary>
[Collection("ocr")]
public class AmountsRound45ScanTests(EngineFixture fixture, ThirdSeed27Round45 seed27, ThirdSeed5040Round45 seed5040, ThirdSeed5042Round45 seed5042)
    : IClassFixture<ThirdSeed27Round45>, IClassFixture<ThirdSeed5040Round45>, IClassFixture<ThirdSeed5042Round45>
{
    private MoneyOrderReading Read(string scan) => new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(scan));

    [Fact]
    public void Dot_matrix_words_read_with_two_letters_misread_agree_with_the_numerals()
    {
        Assert.Equal(5000, Read(seed27.Scan(118, "order")).AgreedAmount?.MinorUnits);    // `***ETFTY DOLLARS AND 00 CENTS***` beside `$50.00`
        Assert.Equal(1500, Read(seed5040.Scan(91, "order")).AgreedAmount?.MinorUnits);   // `***ETFTEEN AND 66/188 DOLLARS***` beside `$15.60`
    }

    [Fact]
    public void A_cents_six_shaped_as_an_eight_in_one_print_stands_beside_a_plain_six()
    {
        Assert.Equal(5067, Read(seed27.Scan(892, "order")).AgreedAmount?.MinorUnits);   // solid `$50.67`, dotted `67/100`
        Assert.Equal(546, Read(seed5042.Scan(141, "order")).AgreedAmount?.MinorUnits);  // dotted `$5.46`, dotted `46/100`
    }
}
