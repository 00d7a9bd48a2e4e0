using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using static Ledger.Lockbox.Tests.OcrWords;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 45 (issue #11): two dot-matrix misreads in one long word of the legal amount (LegalAmountWords.DottedMisread). The
/// amount still stands only where the numerals agree.
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

/// <summary>The scans the rule was found on; each waited on round 44.</summary>
[Collection("ocr")]
public class LegalWordsDottedRound45ScanTests(EngineFixture fixture, ThirdSeed27Round45 seed27, ThirdSeed5040Round45 seed5040)
    : IClassFixture<ThirdSeed27Round45>, IClassFixture<ThirdSeed5040Round45>
{
    private MoneyOrderReading Read(string scan) => new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(scan));

    [Fact]
    public void Dot_matrix_words_read_with_two_letters_misread_agree_with_the_numerals()
    {
        Assert.Equal(5000, Read(seed27.Scan(118, "order")).AgreedAmount?.MinorUnits);    // `***ETFTY DOLLARS AND 00 CENTS***` beside `$50.00`
        Assert.Equal(1500, Read(seed5040.Scan(91, "order")).AgreedAmount?.MinorUnits);   // `***ETFTEEN AND 66/188 DOLLARS***` beside `$15.60`
    }
}

/// <summary>
/// Round 45: a wrong posting found on the round's held-back read, made by round 44 (main) too: a noisy grocery `$125.00` read
/// `$125.66` and `66/166`; the glyphs settled the second cents place to a zero and left the first a 6 on one print's shape (a
/// dotted zero with a speck of paper on its ring), and $125.60 was posted (MoneyOrderReader.CentsSettledByShape).
/// </summary>
[Collection("ocr")]
public class CentsHalfSettledRound45Tests(EngineFixture fixture, ThirdSeed5045Round45 seed5045) : IClassFixture<ThirdSeed5045Round45>
{
    [Fact]
    public void A_six_beside_a_zero_the_glyphs_overruled_stands_only_on_both_its_glyphs()
    {
        var order = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(seed5045.Scan(8, "order")));
        Assert.NotEqual(12560, order.AgreedAmount?.MinorUnits);
        Assert.True(order.AgreedAmount?.MinorUnits is null or 12500);
    }
}

/// <summary>Round 45: RESIDENT NUMBER with NUMBER read as its first letters (MoneyOrderReader.ResidentNumberLabelHalfRead).</summary>
public class SlipNumberLabelRound45Tests
{
    // Third held-back 5042 #104 (a clean slip), as the page pass read it: NUMBER read `N` at 91, the rest boxed as `manag` at 17.
    private static OcrWord[] Slip104(string begun = "N", int nameTop = 206) =>
    [
        W("CAMPBELL,", 557, 203, 175, 25), W("MALIK", 762, 203, 102, 20, 97), W("RESIDENT", 109, nameTop, 111, 16), W("NAME", 228, nameTop + 1, 64, 15, 97),
        W("51999=50'6", 559, 301, 179, 23, 30), W("manag", 245, 303, 79, 46, 17), W("RESIDENT", 109, 306, 111, 16, 91), W(begun, 228, 307, 13, 15, 91),
        W("FCI-DUB", 557, 403, 141, 21, 39), W("FACILITY", 109, 406, 97, 16),
    ];

    [Fact]
    public void RESIDENT_with_NUMBERs_first_letters_read_clearly_is_the_numbers_label()
    {
        var page = new PageLayout(Slip104(), 2050, 1280);
        var name = page.Find("RESIDENT", "NAME").First();
        var number = MoneyOrderReader.ResidentNumberLabelHalfRead(page, name);
        Assert.NotNull(number);
        var labelWords = name.WordIndexes.Concat(number.WordIndexes).ToHashSet();
        Assert.Equal("51999=50'6", page.Text(MoneyOrderReader.SlipValue(page, number.Box, labelWords, page.Width)));
        Assert.NotNull(MoneyOrderReader.ResidentNumberLabelHalfRead(new PageLayout(Slip104("NUM"), 2050, 1280), name));

        // Another word read clearly there is no label; nor a RESIDENT above the name's label.
        Assert.Null(MoneyOrderReader.ResidentNumberLabelHalfRead(new PageLayout(Slip104("M"), 2050, 1280), name));
        var above = new PageLayout(Slip104("N", nameTop: 400), 2050, 1280);
        Assert.Null(MoneyOrderReader.ResidentNumberLabelHalfRead(above, above.Find("RESIDENT", "NAME").First()));
    }
}

/// <summary>The slip the label rule was found on: it waited on round 44 with its number not looked for.</summary>
[Collection("ocr")]
public class SlipNumberLabelRound45ScanTests(EngineFixture fixture, ThirdSeed5042Round45 seed5042) : IClassFixture<ThirdSeed5042Round45>
{
    [Fact]
    public void A_clean_slip_whose_NUMBER_was_read_as_N_has_its_number_read()
    {
        // The value's reads do not agree (`51999=50'6` at 30, the crop `51999-5306`): the number is a reading for the roster to
        // confirm under the slip's name (LockboxDecider.ConfirmedByRoster), as any number two reads did not settle. Round 44 never
        // looked for it.
        var slip = new MoneyOrderReader().ReadDepositSlip(fixture.Engine, GrayImage.Load(seed5042.Scan(104, "slip")));
        Assert.True(slip.ResidentNumber.Value == "51999-506" || slip.ResidentNumber.Alternatives.Contains("51999-506"));
        Assert.Equal("CAMPBELL, MALIK", slip.ResidentName.Value);
    }
}
