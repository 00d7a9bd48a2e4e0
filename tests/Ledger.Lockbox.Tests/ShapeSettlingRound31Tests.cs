using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 31 (issue #11): when may a glyph's shape overrule what OCR read? Until round 30 the digit shapes were checked only on
/// the faces our generators draw (DejaVu). Drawn in faces no generator of ours uses (Liberation and FreeFont, regular and bold,
/// at 200 and 300 dpi), 0, 6 and 9 are never judged another digit, but a bold 6 whose narrow mouth closes is judged an 8; and
/// on dot lattices other than the third generator's, any of the four can average into another's shape. So an 8's shape settles
/// nothing, and a digit both prints read alike is overruled only into a zero, only where the same item shows the engine reading
/// its known zeros (the fraction's `/100`, the dollars the words give) as that digit.
/// </summary>
public class ShapeSettlingRound31Tests
{
    private const string Liberation = "../liberation/", FreeFont = "../freefont/";

    public static TheoryData<string, float, int> UnseenFaces()
    {
        var data = new TheoryData<string, float, int>();
        foreach (var font in new[] { Liberation + "LiberationSans-Regular.ttf", Liberation + "LiberationSans-Bold.ttf", Liberation + "LiberationSerif-Regular.ttf",
                     Liberation + "LiberationSerif-Bold.ttf", Liberation + "LiberationMono-Regular.ttf", Liberation + "LiberationMono-Bold.ttf",
                     FreeFont + "FreeSans.ttf", FreeFont + "FreeSansBold.ttf", FreeFont + "FreeSerif.ttf", FreeFont + "FreeSerifBold.ttf", FreeFont + "FreeMono.ttf", FreeFont + "FreeMonoBold.ttf" })
            foreach (var size in new[] { 20f, 27f, 33f, 44f })   // digits about 15 to 32 px tall: 200 and 300 dpi print
                foreach (var speckle in new[] { 0, 7 })
                    data.Add(font, size, speckle);
        return data;
    }

    [Theory]
    [MemberData(nameof(UnseenFaces))]
    public void In_faces_no_generator_draws_a_zero_six_or_nine_is_never_taken_for_another_digit(string font, float size, int speckle)
    {
        var image = DigitShapeTests.Render("0689", font, size, speckle);
        var forms = DigitShape.FormsAt(image, image.Bounds, "0689", [0, 1, 2, 3], lightToo: true);
        DigitForm[] printed = [DigitForm.Zero, DigitForm.Six, DigitForm.Eight, DigitForm.Nine];
        for (var k = 0; k < 4; k++)
            if (forms[k] is DigitForm.Zero or DigitForm.Six or DigitForm.Nine)
                Assert.True(forms[k] == printed[k], $"{printed[k]} judged {forms[k]}");
    }

    private static long? Settle(string font, float size, string[] printed, string[] read, long courtesyCents, long legalCents, bool dotted = false, double scale = 1.0)
    {
        var (image, boxes) = DigitShapeAmountTests.Page(font, size, 0, printed);
        if (dotted) image = DotMatrixRound29Tests.Dotted(image);
        if (scale != 1.0)
        {
            image = image.Scale(scale);
            boxes = [.. boxes.Select(b => PixelRect.FromEdges((int)(b.Left * scale), (int)(b.Top * scale), (int)Math.Ceiling(b.Right * scale), (int)Math.Ceiling(b.Bottom * scale)))];
        }
        // One band for the row, so the page keeps the words in their order (it sorts by top, then left; a slash stands taller).
        var (top, bottom) = (boxes.Min(b => b.Top), boxes.Max(b => b.Bottom));
        var page = new PageLayout(read.Select((t, i) => new OcrWord(t, 90, PixelRect.FromEdges(boxes[i].Left, top, boxes[i].Right, bottom), 0)).ToList(), image.Width, image.Height);
        return MoneyOrderReader.CentsSettledByShape(image, page, new(courtesyCents, [0, 1, 2, 3], string.Join(' ', read[..4])),
            new(legalCents, [4, 5], string.Join(' ', read[4..])));
    }

    [Fact]
    public void A_bold_six_read_right_in_both_prints_is_never_settled_to_an_eight()
    {
        // Liberation Sans Bold drawn for 300 dpi and scanned at 200: the 6's mouth closes and its glyph has an 8's two bowls.
        // Round 40: drawn at 40 pt its mouth is now seen as a mouth (DigitShape.ClosedMouth); drawn at 33 it is still an 8.
        const string font = Liberation + "LiberationSans-Bold.ttf";
        const float size = 33;
        var sixes = DigitShapeTests.Render("66", font, size).Scale(2.0 / 3);
        Assert.Contains(DigitForm.Eight, DigitShape.FormsAt(sixes, sixes.Bounds, "66", [0, 1], lightToo: true).Cast<DigitForm>());
        string[] printed = ["850", "DOLLARS", "66", "CENTS", "AND", "66/100"];
        Assert.Null(Settle(font, size, printed, ["850", "DOLLARS", "66", "CENTS", "AND", "66/100"], 850_66, 850_66, scale: 2.0 / 3));
        // One print reading 8 is no better: the 8's shape chooses nothing.
        Assert.Null(Settle(font, size, printed, ["850", "DOLLARS", "86", "CENTS", "AND", "66/100"], 850_86, 850_66, scale: 2.0 / 3));
    }

    [Fact]
    public void Dotted_zeros_read_as_six_in_both_prints_are_zeros_where_the_item_shows_its_zeros_misread_or_alike()
    {
        const string font = "DejaVuSansMono-Bold.ttf";
        string[] printed = ["120", "DOLLARS", "00", "CENTS", "AND", "00/100"];
        // The words' `/100` read `/166`: this print's zeros are read as 6, and every cents glyph is plainly a zero.
        Assert.Equal(120_00, Settle(font, 46, printed, ["120", "DOLLARS", "66", "CENTS", "AND", "66/166"], 120_66, 120_66, dotted: true));
        // Round 42: the same glyphs, the `/100` read right: until round 41 nothing on the item said the engine misreads its zeros
        // and it waited; now the cents glyphs, shaped as zeros and as alike to the hundred's zeros and to 120's as zeros are,
        // are zeros (ZeroLikenessRound42Tests).
        Assert.Equal(120_00, Settle(font, 46, printed, ["120", "DOLLARS", "66", "CENTS", "AND", "66/100"], 120_66, 120_66, dotted: true));
        // Sixes printed and read as sixes stay sixes.
        string[] sixes = ["120", "DOLLARS", "66", "CENTS", "AND", "66/100"];
        Assert.Null(Settle(font, 46, sixes, ["120", "DOLLARS", "66", "CENTS", "AND", "66/100"], 120_66, 120_66, dotted: true));
    }

    [Theory]
    [InlineData("FORTY AND 66/166 DOLLARS", "$40.00", 40_00, "6")]
    [InlineData("Five and 60/160 Dollars", "$5.00", 5_00, "6")]
    [InlineData("TWENTY AND 00/1E@", "$20.00", 20_00, "E@")]
    [InlineData("ONE HUNDRED TWENTY AND 00/100 DOLLARS", "$126.60", 120_60, "6")]   // the numerals' 0 of 120 read as 6
    [InlineData("FORTY AND 00/100", "48 DOLLARS 60 CENTS", 40_60, "8")]
    [InlineData("SEVENTY FIVE DOLLARS AND 00 CENTS", "$75.00", 75_00, "")]
    public void Known_zeros_are_the_fractions_hundred_and_the_dollars_the_words_give(string words, string numerals, long amount, string readAs)
    {
        var misread = MoneyOrderReader.ZerosMisread(new(amount, [], numerals), new(amount, [], words));
        Assert.Equal(readAs.OrderBy(c => c), misread.OrderBy(c => c));
    }

    [Theory]
    [InlineData(3, true, 1)]
    [InlineData(4, true, 1)]
    [InlineData(4, false, 2)]
    [InlineData(5, false, 2)]
    public void A_dot_lattice_is_measured_by_its_pitch(int pitch, bool staggered, int radius)
    {
        var image = DotLattice(DigitShapeTests.Render("0689", "DejaVuSansMono-Bold.ttf", 56), pitch, staggered, radius);
        Assert.Equal(pitch, DigitShape.LatticePitch(image));
    }

    public static TheoryData<float, double> WordSizes() => new() { { 34f, 1.0 }, { 36f, 1.0 }, { 34f, 0.8 }, { 36f, 0.8 }, { 34f, 2.0 / 3 }, { 36f, 2.0 / 3 } };

    [Theory]
    [MemberData(nameof(WordSizes))]
    public void Dotted_digits_at_the_words_size_are_never_taken_for_another_and_a_zero_is_not_an_eight(float size, double scale)
    {
        // The third generator's lattice (a dot every 3 px, rows staggered) at its words' size, scanned at 300, 240 and 200 dpi:
        // the averaged outline steps in and out by a dot from row to row, which made a barred zero look waisted like an 8.
        var image = DotMatrixRound29Tests.Dotted(DigitShapeTests.Render("0689 0689", "DejaVuSansMono-Bold.ttf", size));
        if (scale != 1.0) image = image.Scale(scale);
        var forms = DigitShape.FormsAt(image, image.Bounds, "0689 0689", [0, 1, 2, 3, 5, 6, 7, 8], lightToo: true);
        DigitForm[] printed = [DigitForm.Zero, DigitForm.Six, DigitForm.Eight, DigitForm.Nine, DigitForm.Zero, DigitForm.Six, DigitForm.Eight, DigitForm.Nine];
        Assert.All(forms.Zip(printed), p => Assert.True(p.First is null or DigitForm.Unclear || p.First == p.Second, $"{p.Second} judged {p.First}"));
    }

    /// <summary>Ink kept on a lattice of diamond dots of <paramref name="radius"/> every <paramref name="pitch"/> px (rows offset by half a pitch when staggered).</summary>
    internal static GrayImage DotLattice(GrayImage solid, int pitch, bool staggered, int radius)
    {
        var (w, h, src) = (solid.Width, solid.Height, solid.Pixels);
        var dst = new byte[w * h];
        Array.Fill(dst, (byte)255);
        for (var cy = 0; cy < h; cy += pitch)
            for (var cx = staggered && cy / pitch % 2 == 1 ? pitch / 2 : 0; cx < w; cx += pitch)
            {
                if (src[cy * w + cx] >= 128) continue;
                for (var y = Math.Max(0, cy - radius); y <= Math.Min(h - 1, cy + radius); y++)
                    for (var x = Math.Max(0, cx - radius); x <= Math.Min(w - 1, cx + radius); x++)
                        if (Math.Abs(x - cx) + Math.Abs(y - cy) <= radius) dst[y * w + x] = 0;
            }
        return new GrayImage(w, h, dst);
    }
}
