using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 33 (issue #11): legible amounts of the third generator that waited for a person in round 32. Dot-matrix cents the
/// glyph check could not place (`@0/100`, `0/106`, `6@`, `e@`, a neighbour's letter cut in with them, dots at a 2-pixel
/// pitch), dollars' words judged on how the fraction was read, words run together, and numerals the page pass never read.
/// Each is posted only as before: the two prints agree, or differ only where both glyphs plainly show the same digit.
/// </summary>
[Collection("ocr")]
public class AmountsRound33Tests(EngineFixture fixture, ThirdSeed7Round33 seven, ThirdSeed6Round33 six, ThirdSeed5Round33 five, ThirdSeed4Round33 four)
    : IClassFixture<ThirdSeed7Round33>, IClassFixture<ThirdSeed6Round33>, IClassFixture<ThirdSeed5Round33>, IClassFixture<ThirdSeed4Round33>
{
    private readonly MoneyOrderReader _reader = new();

    private ThirdDrawnItems Seed(int seed) => seed switch { 4 => four, 5 => five, 6 => six, _ => seven };

    [Theory]
    [InlineData(7, 143, 10000)] // `166 DOLLARS 66 CENTS` beside ONE HUNDRED AND `@0/100`: the fraction's zero read as @
    [InlineData(7, 141, 1000)]  // `16 DOLLARS 06 CENTS` beside TEN AND 66/166: the words' fraction repaired, TEN read as printed
    [InlineData(7, 20, 30000)]  // THREE HUNDRED read at 96 beside a fraction `80/165` at 11
    [InlineData(7, 198, 1000)]  // `Ten end 0/106` in dots: read with its dots joined, black on white; the fraction's zeros one character
    [InlineData(7, 98, 20000)]  // `AND 60. CENTS` on a noisy scan: the C of CENTS was cut in with the cents
    [InlineData(7, 133, 7000)]  // `$76.66` beside SEVENTY DOLLARS AND `e@` CENTS
    [InlineData(6, 116, 3000)]  // `$30.00` beside Thirty Dollars and `6@` Cents
    [InlineData(6, 165, 3000)]  // `3@ DOLLARS 66 CENTS` beside THIRTY AND `66/1660`
    [InlineData(5, 146, 4000)]  // FORTY AND 66/166 in dots at a 2-pixel pitch, its zeros broken as printed
    [InlineData(5, 103, 10000)] // `$1` `06` on the page, `$160.60` read again beside ONE HUNDRED AND 66/166
    [InlineData(4, 153, 50000)] // `$500.00` beside FIVE HUNDRED POLLARS AND `6@` CENTS
    public void Dot_matrix_zeros_misread_in_both_prints_are_settled_by_their_glyphs(int seed, int sequence, long cents)
    {
        var order = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(Seed(seed).Scan(sequence, "order")));
        Assert.Equal(cents, order.AgreedAmount?.MinorUnits);
    }

    [Theory]
    [InlineData(7, 41, 15000)]  // `ONEWHUNDRED FIFTY AND 00/100 DOLLARS`: a stamp's edge between two words run together
    [InlineData(7, 35, 8000)]   // `EIGHTY DOLLARS. AND~00CENTS`
    [InlineData(7, 118, 532)]   // `$****5.32` never read by the page pass; a received stamp's date the tallest unread line
    [InlineData(6, 28, 50000)]  // `$ 500.00` in dots never read by the page pass, its dots' pieces lost to the unread cut
    public void Words_run_together_and_numerals_the_page_pass_never_read_are_read(int seed, int sequence, long cents)
    {
        var order = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(Seed(seed).Scan(sequence, "order")));
        Assert.Equal(cents, order.AgreedAmount?.MinorUnits);
    }

    [Theory]
    [InlineData("TEN AND 66/166 DOLLARS", true)]              // the fraction repaired, the dollars as printed
    [InlineData("SEVENTY DOLLARS AND OO CENTS", true)]
    [InlineData("ONE THOUSAND DOLLARS AND 00 CENTS", true)]
    [InlineData("STX HUNDRED AND 00/100 DOLLARS", false)]     // a dollars word repaired
    [InlineData("F IVE HUNDRED DOLLARS AND 00 CENTS", false)] // a dollars word joined
    [InlineData("FIVE HUNDRED", false)]                        // does not parse
    public void The_dollars_read_plainly_are_judged_apart_from_the_cents(string words, bool plain) =>
        Assert.Equal(plain, LegalAmountWords.ReadsDollarsPlainly(words));

    [Theory]
    [InlineData("ONEHUNDRED FIFTY AND 00/100 DOLLARS", 15000)]
    [InlineData("ONEWHUNDRED FIFTY AND 00/100 DOLLARS", 15000)]
    [InlineData("TWENTYFIVE AND 10/100 DOLLARS", 2510)]
    [InlineData("EIGHTY DOLLARS AND 00CENTS", 8000)]
    [InlineData("FIVE HUNDRED DOLLARS AND 6@ CENTS", 50060)]  // an @ for a zero: the glyphs still judge the cents
    [InlineData("TEN AND @0/100", 1000)]
    [InlineData("THIRTY AND 66/1660 DOLLARS", 3066)]
    public void Words_run_together_and_dotted_zeros_parse(string words, long cents)
    {
        Assert.True(LegalAmountWords.TryParse(words, out var parsed), words);
        Assert.Equal(cents, parsed);
        Assert.False(LegalAmountWords.ReadsPlainly(words));
    }

    [Theory]
    [InlineData("SEVENTEEN")]    // a word of the amount is never split
    [InlineData("EIGHTEEN")]
    [InlineData("ONEXXHUNDRED")] // two characters between
    [InlineData("TENNINE1")]     // not all letters
    public void A_token_is_split_only_into_two_words_of_the_amount(string token) =>
        Assert.Null(LegalAmountWords.JoinedWords(token));

    [Theory]
    [InlineData("THIRTY AND 66/1234 DOLLARS")] // a denominator of four that is no dotted 100
    [InlineData("THIRTY AND 66/2660 DOLLARS")]
    [InlineData("THIRTY AND 66/1000 DOLLARS")] // four plain digits: refused as since round 9
    [InlineData("FIVE HUNDRED DOLLARS AND 6# CENTS")]
    public void Other_misreads_of_the_cents_do_not_parse(string words) =>
        Assert.False(LegalAmountWords.TryParse(words, out _));

    [Theory]
    [InlineData("G4/106", true)]
    [InlineData("64/1606", true)]
    [InlineData("00/100", true)]
    [InlineData("GE/106", false)]  // no digit
    [InlineData("DOLLARS", false)]
    [InlineData("4/100", false)]
    public void A_fraction_s_shape_is_two_characters_a_slash_and_a_one(string key, bool shape) =>
        Assert.Equal(shape, MoneyOrderReader.IsFractionShape(key));
}
