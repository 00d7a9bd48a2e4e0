using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;
using SkiaSharp;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 7 (issue #11): the digits 0, 6, 8, 9 told apart by their holes, without Tesseract. Rendered in the faces the forms
/// print (DejaVu Sans, Serif, Sans Mono with its dotted zero; regular and bold), at the heights of 200 and 300 dpi print,
/// clean and with speckle.
/// </summary>
public class DigitShapeTests
{
    private const string Fonts = "/usr/share/fonts/truetype/dejavu/";

    /// <summary>Text drawn black on white at <paramref name="size"/> px (a digit is about 0.73 of it tall), with speckle when asked.</summary>
    internal static GrayImage Render(string text, string fontFile, float size, int speckleSeed = 0)
    {
        using var typeface = SKTypeface.FromFile(Fonts + fontFile);
        using var font = new SKFont(typeface, size);
        var width = (int)font.MeasureText(text) + 40;
        var height = (int)(size * 1.6f);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            canvas.DrawText(text, 20, size * 1.15f, SKTextAlign.Left, font, paint);
        }
        var pixels = bitmap.Bytes;
        if (speckleSeed != 0)
        {
            // Speckle as a noisy scan has it: dark specks on the paper (some in the holes) and pin-holes in the strokes.
            var rng = new Random(speckleSeed);
            for (var i = 0; i < pixels.Length / 80; i++) pixels[rng.Next(pixels.Length)] = (byte)rng.Next(0, 90);
            for (var i = 0; i < pixels.Length / 150; i++) pixels[rng.Next(pixels.Length)] = (byte)rng.Next(200, 256);
        }
        return new GrayImage(width, height, pixels);
    }

    public static TheoryData<string, float, int> Faces()
    {
        var data = new TheoryData<string, float, int>();
        foreach (var font in new[] { "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf" })
            foreach (var size in new[] { 30f, 50f })   // digits about 22 and 36 px tall: 10-12 pt print at 200 and 300 dpi
                foreach (var speckle in new[] { 0, 7 })
                    data.Add(font, size, speckle);
        return data;
    }

    [Theory]
    [MemberData(nameof(Faces))]
    public void Zero_six_eight_nine_are_told_apart_by_their_holes(string font, float size, int speckle)
    {
        var image = Render("0689", font, size, speckle);
        var glyphs = DigitShape.Glyphs(image, image.Bounds);
        Assert.Equal(4, glyphs.Count);
        Assert.Equal([DigitForm.Zero, DigitForm.Six, DigitForm.Eight, DigitForm.Nine], glyphs.Select(DigitShape.Classify).ToArray());
    }

    [Theory]
    [MemberData(nameof(Faces))]
    public void Other_digits_are_never_taken_for_0_6_8_or_9(string font, float size, int speckle)
    {
        var image = Render("123457", font, size, speckle);
        var glyphs = DigitShape.Glyphs(image, image.Bounds);
        Assert.Equal(6, glyphs.Count);
        // A 4 encloses a small triangle: it may be anything but what this check speaks for.
        Assert.All(glyphs.Where((_, i) => i != 3), g => Assert.Equal(DigitForm.Unclear, DigitShape.Classify(g)));
        Assert.NotEqual(DigitForm.Six, DigitShape.Classify(glyphs[3]));
    }

    [Theory]
    [InlineData(30f)]
    [InlineData(50f)]
    public void The_dotted_zero_of_the_mono_face_is_a_zero_with_ink_in_its_hole(float size)
    {
        var image = Render("0", "DejaVuSansMono.ttf", size);
        var glyph = Assert.Single(DigitShape.Glyphs(image, image.Bounds));
        var hole = Assert.Single(DigitShape.Holes(glyph));
        Assert.True(hole.Inked);
        Assert.Equal(DigitForm.Zero, DigitShape.Classify(glyph));
    }

    [Fact]
    public void A_zero_whose_ring_is_broken_is_unclear_not_a_six()
    {
        // A gap cut through the top of the ring (noise ate it): the inside is open to the paper, as a 6's top is. The check
        // must not call it a 6 (nor a 0): it has no hole at all, and the amount check then refuses a 6 read on it.
        var image = Render("0", "DejaVuSansMono.ttf", 50);
        var glyph = Assert.Single(DigitShape.Glyphs(image, image.Bounds));
        var cut = (byte[])image.Pixels.Clone();
        var midX = glyph.Box.Left + glyph.Box.Width * 2 / 3;
        for (var y = glyph.Box.Top - 2; y < glyph.Box.Top + glyph.Box.Height / 4; y++)
            for (var x = midX; x < midX + 4; x++) cut[y * image.Width + x] = 255;
        var broken = new GrayImage(image.Width, image.Height, cut);
        var form = DigitShape.Classify(Assert.Single(DigitShape.Glyphs(broken, broken.Bounds)));
        Assert.Equal(DigitForm.Unclear, form);
    }

    [Fact]
    public void Digits_of_a_word_are_placed_on_its_glyphs_by_their_position_in_the_text()
    {
        var image = Render("$1,101.60", "DejaVuSansMono.ttf", 44);
        // The cents: the last two characters. The dollars' zero: index 4. The $ and the punctuation are not digits.
        var forms = DigitShape.FormsAt(image, image.Bounds, "$1,101.60", [7, 8, 4]);
        Assert.Equal([DigitForm.Six, DigitForm.Zero, DigitForm.Zero], forms);
    }

    /// <summary>A glyph drawn as rows of '#' (ink) and '.' (paper), as seen cut from a tuning page.</summary>
    private static DigitShape.Glyph Mask(params string[] rows) =>
        new(new PixelRect(0, 0, rows[0].Length, rows.Length), rows.SelectMany(r => r.Select(c => c == '#')).ToArray());

    [Fact]
    public void A_dotted_zero_whose_dot_ran_into_its_ring_is_no_eight()
    {
        // Seed 7800 #65, the 0 of `270` (a bold mono face at 200 dpi): the dot bridges the ring, so two holes one above the
        // other, but no waist between them. Taken for an 8 it doubted an amount read right. Round 29: as wide at the bar as at
        // its widest, it is plainly a zero crossed by its dot (a dot-matrix print's zeros look so once their dots are averaged).
        var zero = Mask(
            "....#####.....", "...########...", "..##########..", ".############.", ".#####..#####.", ".####....#####",
            "#####.....####", "####......####", "####......####", "####......####", "####.#########", "#####.########",
            "####......####", "####......####", "####......####", "####......####", "#####.....####", ".####....#####",
            ".######.#####.", "..###########.", "..##########..", "...########...");
        Assert.Equal(2, DigitShape.Holes(zero).Count);
        Assert.Equal(DigitForm.Zero, DigitShape.Classify(zero));
    }

    [Fact]
    public void A_dollar_sign_is_no_eight()
    {
        // Seed 7800 #6: the bar crossing the S encloses two holes, one left above and one right below.
        var dollar = Mask(
            "........#.........", "........##........", "........##........", "......######......", "...#############..",
            ".####...##..#####.", ".###....##....###.", "####....##....###.", "###.....##.....##.", "###.....##.....##.",
            "####....##........", "######..##........", ".#########........", "..##########......", "...###########....",
            "......##########..", "........#########.", "........##..######", "........##...#####", "........##....####",
            "#.......##....####", "##......##.....###", "###.....##....###.", "#####...##..####..", ".##############...",
            "....########......", "........##........", "........##........");
        Assert.NotEqual(DigitForm.Eight, DigitShape.Classify(dollar));
    }

    [Theory]
    [InlineData("DejaVuSans.ttf", 30f)]
    [InlineData("DejaVuSerif.ttf", 30f)]
    [InlineData("DejaVuSansMono.ttf", 50f)]
    public void An_eight_whose_lower_bowl_noise_opened_is_still_an_eight(string font, float size)
    {
        // Seed 8100 #245: the lower bowl of a thin 8 open by a pixel or two at the bottom; as scanned it has one hole, high up,
        // as a 9 has. A 9 never closes into an 8.
        var image = Render("8", font, size);
        var glyph = Assert.Single(DigitShape.Glyphs(image, image.Bounds));
        var cut = (byte[])image.Pixels.Clone();
        var midX = glyph.Box.Left + glyph.Box.Width / 2;
        for (var y = glyph.Box.Bottom - glyph.Box.Height / 6; y < glyph.Box.Bottom + 2; y++)
            for (var x = midX; x < midX + 2; x++) cut[y * image.Width + x] = 255;
        var opened = new GrayImage(image.Width, image.Height, cut);
        var broken = Assert.Single(DigitShape.Glyphs(opened, opened.Bounds));
        Assert.Single(DigitShape.Holes(broken));
        Assert.Equal(DigitForm.Eight, DigitShape.Classify(broken));
    }
}
