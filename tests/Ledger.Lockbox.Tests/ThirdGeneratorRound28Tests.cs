using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 28 (issue #11): scans drawn by the third generator (tools/third-scans), read whole. Two clear orders that round 27's
/// reader mailed back as illegible (third tuning s1 #159: `80 DOLLARS 00 CENTS` in dot-matrix print, the words under a stamp;
/// s3 #56: `$***60.00` over a watermark), a slip whose RESIDENT NAME label was lost to a speck (s1 #3), and words whose only
/// number word was misread (s1 #31, `***ETFTY AND 91/100***`), and words in Title Case whose HUNDRED the page pass lost
/// (s2 #6, `Eight Hundred Thirty Three Dollars and 00/100`, a clean order).
/// </summary>
[Collection("ocr")]
public class ThirdGeneratorRound28Tests(EngineFixture fixture, ThirdSeed1 third, ThirdSeed2 second) : IClassFixture<ThirdSeed1>, IClassFixture<ThirdSeed2>
{
    private readonly MoneyOrderReader _reader = new();

    [Fact]
    public void A_clear_order_the_page_pass_could_not_read_waits_for_keying_instead_of_going_back()
    {
        // The page pass alone reads no amount (the page is not read again here): only the softened second pass shows there is
        // print a person can read.
        var firstReadingOnly = new MoneyOrderReader(new MoneyOrderReaderOptions { ReadsPageAgain = false });
        var reading = firstReadingOnly.ReadMoneyOrder(fixture.Engine, GrayImage.Load(ThirdDrawnItems.Kept("third-s1-0159-order.png")));
        Assert.Null(reading.AgreedAmount);
        Assert.False(reading.AmountIllegible);
    }

    [Fact]
    public void A_clear_order_whose_words_are_under_a_stamp_is_read_with_the_stamps_gray_dropped()
    {
        // Round 37: `80 DOLLARS 00 CENTS` in dots, the words under a stamp (it waited for keying from round 28 to 36) is read from
        // the page with the stamp's gray dropped (MoneyOrderReader.PagesAgain).
        var reading = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(ThirdDrawnItems.Kept("third-s1-0159-order.png")));
        Assert.Equal(8000L, reading.AgreedAmount?.MinorUnits);
        Assert.False(reading.AmountIllegible);
    }

    [Fact]
    public void A_clear_order_over_a_watermark_is_read_without_its_specks()
    {
        // Round 36: `$***60.00` over a watermark, which the page pass did not read (it waited for keying since round 28), is read
        // from the page with its loose specks whitened (Reading/Specks).
        var reading = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(ThirdDrawnItems.Kept("third-s3-0056-order.png")));
        Assert.Equal(6000L, reading.AgreedAmount?.MinorUnits);
        Assert.False(reading.AmountIllegible);
    }

    [Fact]
    public void Words_whose_only_number_word_was_misread_are_read_again_from_their_line()
    {
        var reading = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(third.Scan(31, "order")));
        Assert.Equal(5091L, reading.AgreedAmount?.MinorUnits);
    }

    [Fact]
    public void The_residents_name_is_read_beside_a_NAME_whose_RESIDENT_was_lost_to_a_speck()
    {
        var slip = _reader.ReadDepositSlip(fixture.Engine, GrayImage.Load(third.Scan(3, "slip")));
        Assert.Equal("MARY NELSON", slip.ResidentName.Value);
    }

    [Fact]
    public void Words_in_title_case_are_read_again_with_lower_case_letters()
    {
        var reading = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(second.Scan(6, "order")));
        Assert.Equal(83300L, reading.AgreedAmount?.MinorUnits);
    }
}
