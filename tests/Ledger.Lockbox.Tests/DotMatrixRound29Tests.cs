using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 29 (issue #11): amounts printed by a dot-matrix printer (the third generator's grocery and MoneyGram forms: a mono bold
/// face kept only on a lattice of dots). Tesseract reads their dotted zeros as 6, 8 or `@` in both prints alike, and the glyphs'
/// holes said nothing (dozens of pin-holes, no digit's hole). Averaged over the lattice they are strokes again, and a zero
/// crossed by its dot is plainly a zero; both prints' glyphs showing the same digit settle cents both prints misread alike.
/// </summary>
[Collection("ocr")]
public class DotMatrixRound29Tests(EngineFixture fixture, ThirdSeed4 third) : IClassFixture<ThirdSeed4>
{
    private readonly MoneyOrderReader _reader = new();

    /// <summary>
    /// <paramref name="solid"/>'s ink, thickened by a pixel, kept only on a lattice of dots (a 3×3 cross every 3 px, each row of
    /// dots offset by one), as the third generator draws a dot-matrix print.
    /// </summary>
    internal static GrayImage Dotted(GrayImage solid)
    {
        var (w, h, src) = (solid.Width, solid.Height, solid.Pixels);
        bool Ink(int x, int y) => x >= 0 && y >= 0 && x < w && y < h && src[y * w + x] < 128;
        bool OnDot(int x, int y)
        {
            for (var py = y - 1; py <= y + 1; py++)
                for (var px = x - 1; px <= x + 1; px++)
                    if (py >= 0 && px >= 0 && py % 3 == 0 && (px - py / 3 % 2) % 3 == 0 && Math.Abs(px - x) + Math.Abs(py - y) <= 1) return true;
            return false;
        }
        var dst = new byte[w * h];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var thick = false;
                for (var dy = -1; dy <= 1 && !thick; dy++)
                    for (var dx = -1; dx <= 1 && !thick; dx++) thick = Ink(x + dx, y + dy);
                dst[y * w + x] = thick && OnDot(x, y) ? (byte)0 : (byte)255;
            }
        return new GrayImage(w, h, dst);
    }

    public static TheoryData<float> Sizes() => [34f, 46f, 56f];   // the generator's legal (34–36) and courtesy (46–58) sizes

    [Theory]
    [MemberData(nameof(Sizes))]
    public void A_print_in_dots_is_known_by_its_pin_holes(float size)
    {
        var solid = DigitShapeTests.Render("0689", "DejaVuSansMono-Bold.ttf", size);
        Assert.True(DigitShape.IsDotMatrix(Dotted(solid)));
        Assert.False(DigitShape.IsDotMatrix(solid));
    }

    [Theory]
    [MemberData(nameof(DigitShapeTests.Faces), MemberType = typeof(DigitShapeTests))]
    public void A_solid_print_is_not_taken_for_dots(string font, float size, int speckle) =>
        Assert.False(DigitShape.IsDotMatrix(DigitShapeTests.Render("0689 $125.00", font, size, speckle)));

    [Theory]
    [MemberData(nameof(Sizes))]   // round 30: the legal amount's size too (a zero's smaller hole beside its dot hid it at 34)
    public void Digits_in_dots_are_told_apart_by_their_holes_and_never_taken_for_another(float size)
    {
        var image = Dotted(DigitShapeTests.Render("0689", "DejaVuSansMono-Bold.ttf", size));
        var glyphs = DigitShape.Glyphs(image, image.Bounds);
        Assert.Equal(4, glyphs.Count);
        var forms = glyphs.Select(DigitShape.ClassifyWithMouth).ToArray();
        DigitForm[] printed = [DigitForm.Zero, DigitForm.Six, DigitForm.Eight, DigitForm.Nine];
        // Never another of the four; the zero, which Tesseract misreads, plainly a zero at every size the prints use.
        Assert.All(forms.Zip(printed), p => Assert.True(p.First == p.Second || p.First == DigitForm.Unclear, $"{p.Second} judged {p.First}"));
        Assert.Equal(DigitForm.Zero, forms[0]);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Other_digits_in_dots_are_never_taken_for_0_6_8_or_9(float size)
    {
        var image = Dotted(DigitShapeTests.Render("123457", "DejaVuSansMono-Bold.ttf", size));
        var glyphs = DigitShape.Glyphs(image, image.Bounds);
        Assert.Equal(6, glyphs.Count);
        Assert.All(glyphs.Where((_, i) => i != 3), g => Assert.Equal(DigitForm.Unclear, DigitShape.Classify(g)));
        Assert.NotEqual(DigitForm.Six, DigitShape.Classify(glyphs[3]));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Two_zeros_in_dots_run_together_are_cut_apart(float size)
    {
        // `00/100` at 200 dpi: the averaged dots of two zeros touch; each is judged on its own.
        var image = Dotted(DigitShapeTests.Render("00/100", "DejaVuSansMono-Bold.ttf", size));
        var forms = DigitShape.FormsAt(image, image.Bounds, "00/100", [0, 1, 4, 5]);
        Assert.All(forms, f => Assert.True(f is DigitForm.Zero or DigitForm.Unclear or null, $"judged {f}"));
        Assert.Contains(DigitForm.Zero, forms.Cast<DigitForm>());
    }

    [Theory]
    [InlineData(51, 12000L)]  // MoneyGram, `$120.00` and `… AND 00/100 DOLLARS` in dots, both prints' cents read 60
    [InlineData(59, 15000L)]  // grocery, solid `$***150.00` beside dotted `00/100` read `66/1@6`
    [InlineData(99, 5008L)]   // grocery, `50 DOLLARS 08 CENTS` in dots, its 0 read as 6 and judged an 8 before
    public void Cents_printed_in_dots_are_read_as_printed(int sequence, long cents)
    {
        var reading = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(third.Scan(sequence, "order")));
        Assert.Equal(cents, reading.AgreedAmount?.MinorUnits);
    }
}
