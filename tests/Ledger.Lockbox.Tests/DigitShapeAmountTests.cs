using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 7 (issue #11): an agreed amount whose digits the pixels doubt is not confirmed. The wrong posting of held-back 900013:
/// `1101 DOLLARS 00 CENTS` and `… DOLLARS AND 00 CENTS` in DejaVu Sans Mono (a dotted zero) on a noisy scan, both prints'
/// cents read `60`; the two readings agreed and $1,101.60 was posted for $1,101.00. Here the words are drawn as printed and
/// handed to the check with the texts OCR gave them.
/// </summary>
public class DigitShapeAmountTests
{
    /// <summary>Words drawn side by side on one page; each word's box is its ink's tight box, as Tesseract gives it.</summary>
    internal static (GrayImage Page, List<PixelRect> Boxes) Page(string font, float size, int speckleSeed, params string[] printed)
    {
        var parts = printed.Select((w, i) => DigitShapeTests.Render(w, font, size, speckleSeed == 0 ? 0 : speckleSeed + i)).ToList();
        var width = parts.Sum(p => p.Width) + 20;
        var height = parts.Max(p => p.Height);
        var pixels = new byte[width * height];
        Array.Fill(pixels, (byte)255);
        var boxes = new List<PixelRect>();
        var x0 = 10;
        foreach (var p in parts)
        {
            int l = int.MaxValue, t = int.MaxValue, r = -1, b = -1;
            for (var y = 0; y < p.Height; y++)
                for (var x = 0; x < p.Width; x++)
                {
                    var v = p.Pixels[y * p.Width + x];
                    pixels[y * width + x0 + x] = v;
                    if (v >= 128) continue;
                    // Specks are not part of the word's box: only ink of the glyphs' band counts.
                    if (y < p.Height / 6 || y > p.Height * 5 / 6) continue;
                    (l, t, r, b) = (Math.Min(l, x), Math.Min(t, y), Math.Max(r, x), Math.Max(b, y));
                }
            boxes.Add(PixelRect.FromEdges(x0 + l, t, x0 + r + 1, b + 1));
            x0 += p.Width;
        }
        return (new GrayImage(width, height, pixels), boxes);
    }

    private static string? Check(string font, int speckle, string[] printed, string[] read, long cents)
    {
        var (image, boxes) = Page(font, 44, speckle, printed);
        var page = new PageLayout(read.Select((t, i) => new OcrWord(t, 69, boxes[i], 0)).ToList(), image.Width, image.Height);
        // Courtesy: the first four words; legal: the last three (the dollars in words are left out, they carry no digit).
        return MoneyOrderReader.DigitsDoubted(image, page, new(cents, [0, 1, 2, 3], string.Join(' ', read[..4])),
            new(cents, [4, 5, 6], string.Join(' ', read[4..])));
    }

    [Theory]
    [InlineData("DejaVuSansMono.ttf", 0)]
    [InlineData("DejaVuSansMono.ttf", 5)]
    [InlineData("DejaVuSans.ttf", 5)]
    [InlineData("DejaVuSerif-Bold.ttf", 0)]
    public void Cents_read_60_over_zero_shaped_glyphs_are_not_confirmed(string font, int speckle)
    {
        string[] printed = ["1101", "DOLLARS", "00", "CENTS", "AND", "00", "CENTS"];
        string[] misread = ["1101", "DOLLARS", "60", "CENTS", "AND", "60", "CENTS"];
        Assert.NotNull(Check(font, speckle, printed, misread, 1101_60));
        // The same pixels read right stand.
        Assert.Null(Check(font, speckle, printed, printed, 1101_00));
    }

    [Theory]
    [InlineData("DejaVuSansMono.ttf", 0)]
    [InlineData("DejaVuSansMono.ttf", 5)]
    [InlineData("DejaVuSerif.ttf", 5)]
    public void Cents_that_are_a_six_and_read_so_stand(string font, int speckle)
    {
        string[] printed = ["1101", "DOLLARS", "60", "CENTS", "AND", "60", "CENTS"];
        Assert.Null(Check(font, speckle, printed, printed, 1101_60));
    }

    [Fact]
    public void A_six_read_over_a_glyph_whose_shape_is_unclear_is_not_confirmed()
    {
        // The cents glyphs are no digit the check can judge (a 1 here stands for a zero whose ring noise broke): a 6 read there
        // is not seen in the pixels, so the amount waits; a 0 read there is not doubted (nothing says it is another digit).
        string[] printed = ["1101", "DOLLARS", "10", "CENTS", "AND", "10", "CENTS"];
        Assert.NotNull(Check("DejaVuSans.ttf", 0, printed, ["1101", "DOLLARS", "60", "CENTS", "AND", "60", "CENTS"], 1101_60));
        Assert.Null(Check("DejaVuSans.ttf", 0, printed, ["1101", "DOLLARS", "00", "CENTS", "AND", "00", "CENTS"], 1101_00));
    }

    [Fact]
    public void A_zero_of_the_dollars_read_as_six_doubts_the_amount()
    {
        string[] printed = ["1101", "DOLLARS", "25", "CENTS", "AND", "25", "CENTS"];
        Assert.NotNull(Check("DejaVuSansMono.ttf", 0, printed, ["1161", "DOLLARS", "25", "CENTS", "AND", "25", "CENTS"], 1161_25));
        Assert.Null(Check("DejaVuSansMono.ttf", 0, printed, printed, 1101_25));
    }

    [Fact]
    public void Courtesy_numerals_in_one_word_have_their_cents_checked()
    {
        var (image, boxes) = Page("DejaVuSansMono.ttf", 44, 3, "$1,101.00", "AND", "00/100");
        var page = new PageLayout([new OcrWord("$1,101.60", 60, boxes[0], 0), new OcrWord("AND", 90, boxes[1], 0), new OcrWord("60/100", 60, boxes[2], 0)],
            image.Width, image.Height);
        Assert.NotNull(MoneyOrderReader.DigitsDoubted(image, page, new(1101_60, [0], "$1,101.60"), new(1101_60, [1, 2], "AND 60/100")));
        var right = new PageLayout([new OcrWord("$1,101.00", 60, boxes[0], 0), new OcrWord("AND", 90, boxes[1], 0), new OcrWord("00/100", 60, boxes[2], 0)],
            image.Width, image.Height);
        Assert.Null(MoneyOrderReader.DigitsDoubted(image, right, new(1101_00, [0], "$1,101.00"), new(1101_00, [1, 2], "AND 00/100")));
    }
}
