using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 24 (issue #11, our postal layout): clean and stamped postal orders whose amount, plainly printed in both fields,
/// waited. (1) The double-ruled DOLLARS AND CENTS box's left sides (ink one or two pixels wide, 82 px tall) and the 48-px `$`
/// made the tallest "line" NumeralLine.Find cut out, so the numerals were never read (ours tuning 9782 #184, `$*****95.35`,
/// `courtesy -- 0 ''`). (2) The page pass read the numerals' fill as a letter (`-$**K4.73.67`), which counted as a glyph when
/// the digits were placed on their shapes, so nothing was placed and the cents' plain 6 was "not seen" (9782 #472, `$473.67`).
/// </summary>
[Collection("ocr")]
public class AmountPostalRound24Tests(EngineFixture fixture)
{
    [Theory]
    [InlineData(9782, 184, "75362413860", 9535L)]
    [InlineData(9782, 472, "94245939898", 47367L)]
    // Round 25's (AmountPostalRound25Tests says why each waited): the words read whole when neither print parsed (9804 #164,
    // 9805 #360), the box found by its rules on a skewed page (9805 #197), line-read cents settled by their shapes (9806 #245).
    [InlineData(9804, 164, "33006126442", 10300L)]
    [InlineData(9805, 360, "30508708307", 10700L)]
    [InlineData(9805, 197, "99239628835", 46477L)]
    [InlineData(9806, 245, "63063460315", 4100L)]
    public void A_plain_postal_amount_is_agreed(int seed, int sequence, string serial, long cents)
    {
        using var order = TuningItems.Order(seed, sequence, serial);
        var reading = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path));
        Assert.Equal(cents, reading.AgreedAmount?.MinorUnits);
    }

    [Fact]
    public void A_box_side_is_no_glyph_of_the_numerals_line()
    {
        // 9782 #184 as drawn: two sides of the box 1 px and 2 px wide and 82 px tall, the `$` 48 px, five asterisks 16 px
        // hanging from the top, then 9 5 3 5 40 px tall on the baseline (a point between them).
        var (w, h) = (460, 120);
        var pixels = Enumerable.Repeat((byte)250, w * h).ToArray();
        void Ink(int left, int top, int width, int height, int step = 1)
        {
            for (var y = top; y < top + height; y++)
                for (var x = left; x < left + width; x++)
                    if ((x + y) % step == 0) pixels[y * w + x] = 60;
        }
        Ink(10, 18, 1, 82);
        Ink(13, 18, 2, 82);
        Ink(40, 40, 27, 48, step: 2);
        for (var k = 0; k < 5; k++) Ink(75 + 30 * k, 40, 14, 16, step: 2);
        foreach (var left in new[] { 230, 268, 330, 368 }) Ink(left, 48, 28, 40, step: 2);
        Ink(310, 78, 10, 10);
        var line = NumeralLine.Find(new GrayImage(w, h, pixels), new PixelRect(0, 0, w, h), 20);
        Assert.NotNull(line);
        // The digits' line (the `$` and 9 5 3 5 with a margin), not the box's sides' height with the `$` beside them.
        Assert.True(line.Height < 82, $"line {line.Width}x{line.Height}");
        Assert.True(line.Width > 368 + 28 - 230, $"line {line.Width}x{line.Height}");
    }

    [Theory]
    [InlineData("-$**K4.73.67", "-$***4.73.67")]
    [InlineData("$***B61.00", "$****61.00")]
    [InlineData("$473.67", "$473.67")]
    [InlineData("S**SO5.00", "S****5.00")]
    [InlineData("$**4K3.00", "$**4K3.00")]
    public void Letters_of_the_fill_are_fill(string read, string expected)
    {
        // Only after an asterisk and before the first digit; the text keeps its length (indexes into it hold).
        Assert.Equal(expected, MoneyOrderReader.FillLettersAsFill(read));
    }
}
