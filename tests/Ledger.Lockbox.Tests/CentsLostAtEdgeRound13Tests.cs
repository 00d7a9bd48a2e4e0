using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 13 (outside forms): numerals "634 DOLLARS 05 CENTS" in a box printed past the paper, the scan's right edge cutting
/// off CENTS whole (outside tuning seed 351 #114): "634 DOLLARS 05" says the amount when its print ends at the scan's edge;
/// anywhere else on the page it is no reading (a CENTS there would have been printed and seen).
/// </summary>
public class CentsLostAtEdgeRound13Tests
{
    [Theory]
    [InlineData("634 DOLLARS 05", 63405)]
    [InlineData("311DOLLARS00", 31100)]
    public void Dollars_and_two_cents_digits_are_the_amount(string text, long cents)
    {
        Assert.True(CourtesyAmount.TryParseCutAtEdge(text, out var read));
        Assert.Equal(cents, read);
    }

    [Theory]
    [InlineData("634 DOLLARS 5")]        // one digit of cents: a digit lost too
    [InlineData("634 DOLLARS 056")]      // three: not cents
    [InlineData("634 DOLLARS")]
    [InlineData("DOLLARS 05")]
    [InlineData("0634 DOLLARS 05")]
    [InlineData("634 05")]
    [InlineData("$634.05 DOLLARS 05")]
    public void Anything_else_is_no_reading(string text) =>
        Assert.False(CourtesyAmount.TryParseCutAtEdge(text, out _));

    [Fact]
    public void Only_a_run_ending_at_the_scans_right_edge_has_lost_its_cents_word()
    {
        // Numerals 40 px high in a page 1,531 px wide: ending 61 px from the edge (seed 351 #114) there is no room for CENTS;
        // ending 300 px from it there was, and nothing is taken.
        PageLayout Page(int right) => new(
            [new OcrWord("634", 90, PixelRect.FromEdges(right - 330, 290, right - 250, 330), 0),
             new OcrWord("DOLLARS", 90, PixelRect.FromEdges(right - 230, 290, right - 70, 330), 0),
             new OcrWord("05", 90, PixelRect.FromEdges(right - 50, 290, right, 330), 0)], 1531, 707);
        Assert.True(MoneyOrderReader.EndsAtRightEdge(Page(1470), [0, 1, 2]));
        Assert.False(MoneyOrderReader.EndsAtRightEdge(Page(1231), [0, 1, 2]));
    }
}
