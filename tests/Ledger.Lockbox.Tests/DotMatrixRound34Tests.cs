using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 34 (issue #11): an amount printed in dots that the page as scanned left unsettled is read once more from the page with
/// its dotted print joined into strokes (Reading/DotMatrixPrint). Items of third tuning seed 8 whose amounts waited on round 33's
/// reader; each is posted only on the usual evidence (the two prints agree, or differ only where both glyphs plainly show one digit).
/// </summary>
[Collection("ocr")]
public class DotMatrixRound34Tests(EngineFixture fixture, ThirdSeed8Round34 eight) : IClassFixture<ThirdSeed8Round34>
{
    private readonly MoneyOrderReader _reader = new();

    [Theory]
    [InlineData(110, 2000)]  // `$*****20.00` and TWENTY AND 00/100 both in dots, neither read by the page pass
    [InlineData(56, 12000)]  // `$***120.00` beside a dotted `66/100`, its zeros judged 8s as printed
    [InlineData(59, 30000)]  // `$ 366.66` beside `68/166`: every zero of both prints misread
    [InlineData(130, 1000)]  // `$16.60` beside TEN DOLLARS AND `66` CENTS
    [InlineData(172, 3000)]  // `30 DOLLARS 00 CENTS` beside a dotted Thirty and `66/166` Dollars
    [InlineData(177, 32400)] // MoneyGram numerals in dots
    [InlineData(180, 2800)]  // MoneyGram numerals in dots
    public void A_dotted_amount_the_page_left_unsettled_is_read_with_its_dots_joined(int sequence, long cents)
    {
        var order = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(eight.Scan(sequence, "order")));
        Assert.Equal(cents, order.AgreedAmount?.MinorUnits);
    }

    [Theory]
    [InlineData(117, 20000)] // joined, both prints read its zeros as `68`: the page as scanned settles it, and that reading stands
    [InlineData(11, 1500)]   // joined, the fraction reads `0@°166`
    public void An_amount_the_page_as_scanned_settles_is_not_read_again(int sequence, long cents)
    {
        var order = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(eight.Scan(sequence, "order")));
        Assert.Equal(cents, order.AgreedAmount?.MinorUnits);
    }

    [Theory]
    [InlineData(110)] // both amounts in dots (grocery form)
    [InlineData(1)]   // the words in dots (MoneyGram form)
    [InlineData(56)]
    public void Dotted_print_is_found_and_joined(int sequence)
    {
        var text = MoneyOrderReader.Prepared(GrayImage.Load(eight.Scan(sequence, "order"))).Text;
        Assert.NotEmpty(DotMatrixPrint.Regions(text));
        var joined = DotMatrixPrint.Joined(text);
        Assert.NotSame(text, joined);
        // Joined print is solid: no dotted region is left to find.
        Assert.Empty(DotMatrixPrint.Regions(joined));
    }

    [Theory]
    [InlineData(2)] // western-union form, solid print only
    [InlineData(3)] // postal form
    [InlineData(7)] // bank form, a stamp over it
    public void Solid_print_is_left_as_it_is(int sequence)
    {
        var text = MoneyOrderReader.Prepared(GrayImage.Load(eight.Scan(sequence, "order"))).Text;
        Assert.Empty(DotMatrixPrint.Regions(text));
        Assert.Same(text, DotMatrixPrint.Joined(text));
    }
}
