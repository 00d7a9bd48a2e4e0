using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 25 (issue #11, our postal layout): legible postal orders whose amount waited though both fields are plainly printed.
/// (1) Neither print parsed on the page (`courtesy -- 0 ''` beside `**FONE HUNDRED THREE AND 00/100 DOLLARS***`, the fill glued
/// to ONE read as an F), and every way to the numerals started from words read: the words' line is now read whole first
/// (ours tuning 9804 #164, 9805 #360). (2) A skewed page's date row read into the box's caption as one line of junk, the
/// numerals under it not read at all: the box is found by its rules (9805 #197). (3) `$*****41.00` read right only from its line
/// cut out of the pixels, beside `… AND 60/100` whose 6 is plainly a dotted zero: the line's cents are placed on its glyphs, so
/// the two prints' shapes settle 00 (9806 #245). Those four are cases of round 24's theory
/// (<see cref="AmountPostalRound24Tests.A_plain_postal_amount_is_agreed"/>); here: a $100.00 both prints read as 100.60
/// (9803 #471; it waited, the 6 not seen, until round 29 settled cents both prints misread alike by both glyphs), and the
/// ruled boxes found on synthetic pages.
/// </summary>
[Collection("ocr")]
public class AmountPostalRound25Tests(EngineFixture fixture)
{
    [Fact]
    public void Two_prints_that_both_read_a_6_where_both_glyphs_show_a_zero_are_read_as_printed()
    {
        // $100.00 printed; numerals and words both read 60 cents, and no glyph shows a 6. Round 29: both prints' glyphs there are
        // plainly zeros (a dotted zero and a zero crossed by its dot), so the cents are the zeros printed; before, a person decided.
        using var order = TuningItems.Order(9803, 471, "36890414695");
        var reading = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path));
        Assert.Equal(10000L, reading.AgreedAmount?.MinorUnits);
    }

    private static GrayImage Paper(int w, int h) => new(w, h, Enumerable.Repeat((byte)250, w * h).ToArray());

    private static void Ink(GrayImage image, int left, int top, int width, int height, byte value = 40)
    {
        for (var y = top; y < top + height; y++)
            for (var x = left; x < left + width; x++) image.Pixels[y * image.Width + x] = value;
    }

    [Fact]
    public void A_ruled_box_is_found_by_its_hairlines()
    {
        // A box of 1-px rules lighter than the print (180 on 250 paper, print at 40), 560x70, with numerals inside; a line of
        // print with a rule under it; the page's own frame.
        var page = Paper(1600, 700);
        Ink(page, 1000, 270, 560, 1, 180);
        Ink(page, 1000, 340, 560, 1, 180);
        Ink(page, 1000, 270, 1, 71, 180);
        Ink(page, 1559, 270, 1, 71, 180);
        foreach (var left in new[] { 1030, 1060, 1090, 1120, 1150 }) Ink(page, left, 290, 22, 32);
        foreach (var left in Enumerable.Range(0, 20).Select(k => 100 + 30 * k)) Ink(page, left, 400, 22, 24);
        Ink(page, 100, 430, 600, 2, 180);
        Ink(page, 5, 5, 1590, 1, 180);
        Ink(page, 5, 690, 1590, 1, 180);
        Ink(page, 5, 5, 1, 686, 180);
        Ink(page, 1594, 5, 1, 686, 180);
        var boxes = NumeralLine.RuledBoxes(page, 24, 600);
        var box = Assert.Single(boxes);
        Assert.Equal(new PixelRect(1000, 270, 560, 71), box);
        // The numerals inside are the line read there.
        var line = NumeralLine.Find(page, box.Inflate(2, 2), 24);
        Assert.NotNull(line);
        Assert.True(line.Width < 560, $"line {line.Width}x{line.Height}");
    }

    [Fact]
    public void Print_with_its_ink_inside_is_no_ruled_box()
    {
        // A signature's scrawl or a block of print as wide as a box: its ink is not only along its edges.
        var page = Paper(1600, 700);
        for (var x = 100; x < 700; x++)
        {
            var y = 300 + (int)(30 * Math.Sin(x / 20.0));
            Ink(page, x, y, 1, 3, 120);
        }
        Ink(page, 100, 330, 600, 1, 120);
        Assert.Empty(NumeralLine.RuledBoxes(page, 24, 600));
    }
}
