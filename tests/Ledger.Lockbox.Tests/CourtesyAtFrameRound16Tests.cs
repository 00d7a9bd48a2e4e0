using Ledger.Intake.Lockbox;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 16 (outside forms): numerals printed past the form's frame ("547 DOLLARS 00" then the frame, CENTS lost beyond it;
/// outside tuning seed 475 #185), the frame glued to the cents read as a closing bracket: the line's last word still belongs
/// to the numerals, and the cut line still says its amount (only ever accepted where the words agree).
/// </summary>
public class CourtesyAtFrameRound16Tests
{
    [Theory]
    [InlineData("547 DOLLARS 00)", 54700)]
    [InlineData("547 DOLLARS 00]", 54700)]
    [InlineData("547 DOLLARS 00|", 54700)]
    [InlineData("634 DOLLARS 05", 63405)] // round 13's case, unchanged
    public void A_cut_line_with_the_frame_read_after_its_cents_says_its_amount(string text, long expected)
    {
        Assert.True(CourtesyAmount.TryParseCutAtEdge(text, out var cents));
        Assert.Equal(expected, cents);
    }

    [Theory]
    [InlineData("547 DOLLARS 0)")]   // one digit of cents
    [InlineData("547 DOLLARS (00")]  // an opening bracket is not the frame after the line
    [InlineData("547) DOLLARS 00")]  // a bracket inside the line
    public void Anything_else_is_no_cut_line(string text) =>
        Assert.False(CourtesyAmount.TryParseCutAtEdge(text, out _));

    [Theory]
    [InlineData("00)", "00", true)]
    [InlineData("$125.00|", "125.00", true)]
    [InlineData(")", "", false)]         // the frame alone
    [InlineData("00", "00", false)]       // no frame: the plain rule's word, not this one
    [InlineData("AB)", "AB", false)]
    public void The_last_word_with_the_frame_glued_after_it_is_a_numeral_word(string text, string key, bool expected) =>
        Assert.Equal(expected, MoneyOrderReader.IsNumeralWordAtFrame(text, key));

    [Theory]
    [InlineData("414 DOLLARS 00 CENT:", 41400)] // outside tuning seed 476 #189 (western_union, clean): a speck after CENT read as a colon
    [InlineData("$125.00;", 12500)]
    public void A_colon_read_at_the_end_of_the_numerals_is_a_speck(string text, long expected)
    {
        Assert.True(CourtesyAmount.TryParseFound(text, out var cents));
        Assert.Equal(expected, cents);
    }

    [Fact]
    public void A_colon_inside_the_numerals_still_refuses() => Assert.False(CourtesyAmount.TryParseFound("414 DOLLARS 00: CENTS", out _));
}
