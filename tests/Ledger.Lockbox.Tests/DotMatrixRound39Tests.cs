using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 39 (issue #11): dot-matrix zeros of the words' cents (third generator's grocery form, DejaVu Sans Mono Bold's dotted
/// zero printed in dots, 20 px tall) were judged eights: the lattice makes the outline step in and out by a pixel on single rows,
/// and one such row beside the zero's bar looked like an 8's waist. A waist beside a bar as wide as the glyph must now last two
/// rows. The words' fraction read `@@/1e@` by the page pass is placed on its glyphs too (its denominator begins with the 1 of
/// `/100`). And a zero crossed by its bar is judged only on a glyph 14 px tall or more: below that an 8's waist does not show
/// (an 8 of 10 rows drawn on a lattice has none) and the glyph says nothing.
/// </summary>
[Collection("ocr")]
public class DotMatrixRound39Tests(EngineFixture fixture, ThirdSeed6Round39 six) : IClassFixture<ThirdSeed6Round39>
{
    [Fact]
    public void Dotted_zeros_of_the_words_cents_read_68_settle_beside_numerals_read_00()
    {
        // `$75.00` beside `SEVENTY-FIVE DOLLARS AND 68 CENTS`: both cents glyphs of the words are barred zeros.
        var order = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(six.Scan(90, "order")));
        Assert.Equal(7500L, order.AgreedAmount?.MinorUnits);
    }

    [Fact]
    public void A_fraction_read_as_two_marks_before_its_slash_is_judged_on_its_glyphs()
    {
        // The page pass read `@@/1e@`, the line read again `66/100` and the numerals `$273.86`: every cents glyph is a zero.
        var order = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(six.Scan(107, "order")));
        Assert.Equal(27300L, order.AgreedAmount?.MinorUnits);
    }

    [Fact]
    public void A_one_row_dip_beside_a_full_bar_is_the_lattice_not_a_waist()
    {
        // Third tuning 6 #90, the words' first cents glyph as cut at the usual threshold: row 8 steps in by a pixel.
        var zero = Glyph(
            ".....###.....",
            "...######....",
            ".###########.",
            ".##########..",
            "######.#####.",
            "#####...#####",
            ".###......##.",
            "####....#####",
            ".###......##.",
            "#############",
            "#############",
            "#############",
            "#############",
            "####....####.",
            "#####...#####",
            ".###....####.",
            "############.",
            ".###########.",
            "..#########..",
            "..#########..");
        Assert.Equal(DigitForm.Zero, DigitShape.Classify(zero));
    }

    [Fact]
    public void An_eight_whose_waist_lasts_two_rows_stays_an_eight()
    {
        var eight = Glyph(
            "....#####....",
            "..#########..",
            ".###.....###.",
            "###.......###",
            "###.......###",
            "###.......###",
            ".###.....###.",
            "..#########..",
            "...#######...",
            "..#########..",
            ".###.....###.",
            "###.......###",
            "###.......###",
            "###.......###",
            "###.......###",
            ".###.....###.",
            "..#########..",
            "....#####....");
        Assert.Equal(DigitForm.Eight, DigitShape.Classify(eight));
    }

    [Fact]
    public void A_small_eight_without_a_waist_is_no_zero()
    {
        // An 8 of DejaVu Sans Condensed Bold drawn on a 3-pixel lattice, 10 rows tall: its bar spans it like a zero's.
        var eight = Glyph(
            "..##..",
            "######",
            "##..##",
            "##..##",
            "######",
            "######",
            "##..##",
            "##..##",
            "######",
            ".#####");
        Assert.NotEqual(DigitForm.Zero, DigitShape.Classify(eight));
    }

    /// <summary>A glyph drawn in text, a row a string: '#' ink, anything else paper (also for other rounds' glyph tests).</summary>
    internal static DigitShape.Glyph Glyph(params string[] rows) =>
        new(new PixelRect(0, 0, rows[0].Length, rows.Length), [.. rows.SelectMany(r => r.Select(c => c == '#'))]);
}
