using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 41 (issue #11): the numerals are sought beside the words (their lines read again, cut out of the pixels) whenever words
/// were read, also words found only after numerals that said another amount; before, only words the first look found had the
/// numerals sought beside them. And among readings of one amount whose weaker print is as weak in each, the one whose stronger
/// print is surest is taken: the amount stands or falls on it. Scans of the third generator's tuning seeds, drawn by the fixtures;
/// every one waited for a person on round 40d's reader.
/// </summary>
[Collection("ocr")]
public class NumeralsBesideLateWordsRound41Tests(EngineFixture fixture, ThirdSeed6Round41 six, ThirdSeed10Round41 ten, ThirdSeed14Round41 fourteen)
    : IClassFixture<ThirdSeed6Round41>, IClassFixture<ThirdSeed10Round41>, IClassFixture<ThirdSeed14Round41>
{
    [Fact]
    public void Numerals_read_from_their_line_settle_beside_dotted_words_found_late()
    {
        // Grocery, noisy: `$*****50.00` (DejaVu Sans Mono, dotted zeros) read `ee 00.` on the page, `$** 8 . 00` from its caption's
        // line; the dot-matrix `***FIFTY DOLLARS AND 00 CENTS***` read `AND 60 CENTS` / `66 CENTS` only when read whole afterwards.
        var order = Read(ten.Scan(10, "order"));
        Assert.Equal(5000L, order.AgreedAmount?.MinorUnits);
    }

    [Fact]
    public void The_surest_reading_of_the_numerals_is_the_one_weighed()
    {
        // Grocery, noisy: the numerals read `$ 20.00` at 17 and at 65 beside words read `66/166` at 0–4 in every reading; the
        // glyphs settle the cents to 00 either way, and the reading at 65 carries the amount.
        var order = Read(six.Scan(40, "order"));
        Assert.Equal(2000L, order.AgreedAmount?.MinorUnits);
    }

    [Theory]
    [InlineData(15, 1500L)]
    [InlineData(31, 7500L)]
    [InlineData(53, 8000L)]
    public void Amounts_whose_words_were_found_after_the_numerals_are_settled(int sequence, long cents)
    {
        var order = Read(fourteen.Scan(sequence, "order"));
        Assert.Equal(cents, order.AgreedAmount?.MinorUnits);
    }

    private MoneyOrderReading Read(string scan) => new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(scan));
}
