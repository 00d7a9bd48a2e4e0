using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 18 (issue #11, prairie-bank): a top print whose light serif 9 broke in two at its hairlines counted eleven glyphs for
/// its ten digits, so the serial waited (tuning seed 9698 #306, clean; its MICR line is under a signature and was not read).
/// Two neighbouring pieces, each as tall as the print and at most 0.6 of a typical glyph wide, no more than a column or two
/// apart and together no wider than a glyph, are one glyph (`MicrLine.GlyphsJoiningBroken`); the reading still needs its second
/// reading, here the print's one field cut out alone (`MoneyOrderReader.ReadSerial`).
/// </summary>
[Collection("ocr")]
public class SerialBrokenGlyphRound18Tests(EngineFixture fixture)
{
    private readonly MoneyOrderReader _reader = new();

    [Fact]
    public void A_top_print_with_a_glyph_broken_in_two_is_read()
    {
        using var order = TuningItems.Order(9698, 306, "2038669027");
        Assert.Equal("2038669027", _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path)).Serial.Value);
    }

    /// <summary>The line "2038669027" with a white cut <paramref name="cut"/> columns wide through the middle of its second glyph (a 0).</summary>
    private static (MicrLine Line, PixelRect Words) LineWithZeroCut(int cut)
    {
        var (image, parts) = MicrLineTests.Draw("2038669027");
        var words = parts[0];
        var px = image.Pixels.ToArray();
        bool Ink(int x) => Enumerable.Range(words.Top, words.Height).Any(y => px[y * image.Width + x] < 128);
        // The glyphs' column runs, left to right; the second is the 0.
        var runs = new List<(int Start, int End)>();
        for (var x = words.Left; x < words.Right; x++)
        {
            if (!Ink(x)) continue;
            if (runs.Count > 0 && runs[^1].End == x - 1) runs[^1] = (runs[^1].Start, x);
            else runs.Add((x, x));
        }
        Assert.Equal(10, runs.Count);
        var middle = (runs[1].Start + runs[1].End) / 2;
        for (var y = 0; y < image.Height; y++)
            for (var x = middle - cut / 2; x < middle - cut / 2 + cut; x++)
                px[y * image.Width + x] = 250;
        var cutImage = new GrayImage(image.Width, image.Height, px);
        return (MicrLine.Find(cutImage, words)!, words);
    }

    [Fact]
    public void A_glyph_broken_in_two_side_by_side_counts_once()
    {
        var (line, words) = LineWithZeroCut(2);
        Assert.Equal(11, line.FieldsUnder(words).Sum(f => f.Count));
        Assert.Equal(10, line.GlyphsJoiningBroken(words));
    }

    [Fact]
    public void Two_pieces_further_apart_than_a_broken_hairline_still_count_twice()
    {
        // Six columns apart: more than the glyph's own hairline gone, as far as two glyphs stand. Nothing joins them.
        var (line, words) = LineWithZeroCut(6);
        Assert.Equal(11, line.FieldsUnder(words).Sum(f => f.Count));
        Assert.Equal(11, line.GlyphsJoiningBroken(words));
    }

    [Fact]
    public void Whole_glyphs_count_as_they_are()
    {
        var (image, parts) = MicrLineTests.Draw("2038669027");
        var line = MicrLine.Find(image, parts[0])!;
        Assert.Equal(10, line.GlyphsJoiningBroken(parts[0]));
        // A glyph gone (a digit the reading lost would leave its place empty, not half-filled): nothing is joined to make up for it.
        var (nine, nineParts) = MicrLineTests.Draw("203866027");
        Assert.Equal(9, MicrLine.Find(nine, nineParts[0])!.GlyphsJoiningBroken(nineParts[0]));
    }
}
