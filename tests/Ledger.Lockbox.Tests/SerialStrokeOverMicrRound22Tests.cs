using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 22 (issue #11): ink drawn across a MICR line (a purchaser's signature over the lower part of the page, a stamp's frame,
/// the form's own frame) was one piece with the digits it touched, so the line's structure found no field there and the serial's
/// MICR repeat was never read as a second print: a clear prairie-bank order (no check digit) waited. Ink that runs far out of the
/// digits' band is now taken only inside the band (`MicrLine.RunsOutOfBand`, `InBand`), and a field with a glyph cut out of it is
/// `Stroked`: it is read as a second print that must agree with another, never as a print standing alone.
/// </summary>
[Collection("ocr")]
public class SerialStrokeOverMicrRound22Tests(EngineFixture fixture)
{
    private readonly MoneyOrderReader _reader = new();

    /// <summary>A MICR line drawn as <see cref="MicrLineTests.Draw"/> does, with room above it and a signature's stroke across it.</summary>
    private static (GrayImage Image, List<PixelRect> Parts) SignedLine(bool signed)
    {
        const int room = 60;
        var (line, parts) = MicrLineTests.Draw("T", "123456780", "T", "1192751849", "O");
        var width = line.Width;
        var px = Enumerable.Repeat((byte)250, width * (line.Height + room)).ToArray();
        Array.Copy(line.Pixels, 0, px, width * room, line.Pixels.Length);
        var shifted = parts.Select(p => new PixelRect(p.Left, p.Top + room, p.Width, p.Height)).ToList();
        if (signed)
        {
            // A signature: loops from well above the line down onto the serial's digits, its stroke run along their tops (the row
            // just above them, touching every one), then up again past the on-us symbol: one piece of ink with the digits.
            var serial = shifted[3];
            var top = serial.Top - 1;
            void Dot(int x, int y)
            {
                for (var dy = 0; dy < 3; dy++)
                    for (var dx = 0; dx < 3; dx++)
                        if (y - dy >= 0) px[(y - dy) * width + x + dx] = 30;
            }
            for (var x = serial.Left - 40; x < serial.Left; x++) Dot(x, top - (serial.Left - x) * 60 / 40);
            for (var x = serial.Left; x < serial.Right; x++) Dot(x, top);
            for (var x = serial.Right; x < serial.Right + 40; x++) Dot(x, top - (x - serial.Right) * 60 / 40);
        }
        return (new GrayImage(width, line.Height + room, px), shifted);
    }

    [Fact]
    public void A_signature_along_the_tops_of_the_serials_digits_leaves_its_field_counted_between_its_symbols()
    {
        var (image, parts) = SignedLine(signed: true);
        // The page pass's words over the line (the routing number and the serial).
        var line = MicrLine.Find(image, parts[1].Union(parts[3]));
        Assert.NotNull(line);
        Assert.Equal([9, 10], line.Fields.Select(f => f.Count));
        var serial = line.FieldUnder(parts[3], 10);
        Assert.NotNull(serial);
        Assert.Equal(MicrLine.Bound.Symbol, serial.Before);
        Assert.False(serial.Open);
        // Its glyphs were cut out of the stroke: it is marked so; the routing number's field, clear of the stroke, is not.
        Assert.True(serial.Stroked);
        Assert.False(line.FieldUnder(parts[1], 9)!.Stroked);
        // Cut out alone (the stroke left out), the field reads as the serial.
        var read = MoneyOrderReader.ReadAlone(fixture.Engine, line.Cut(serial), "0123456789");
        Assert.Equal("1192751849", new string(read.Text.Where(char.IsAsciiDigit).ToArray()));
    }

    [Fact]
    public void A_line_with_no_stroke_has_no_stroked_field()
    {
        var (image, parts) = SignedLine(signed: false);
        var line = MicrLine.Find(image, parts[1].Union(parts[3]))!;
        Assert.Equal([9, 10], line.Fields.Select(f => f.Count));
        Assert.All(line.Fields, f => Assert.False(f.Stroked));
    }

    [Fact]
    public void A_digits_top_bar_broken_off_its_body_is_still_part_of_its_glyph()
    {
        // Tuning seed 9773 #380 (prairie-bank, noisy): the top print's 5 lost the rows joining its top bar to its body at the
        // threshold; the bar alone is solid, and was ink nothing explains between two glyphs, so the print counted 8 + 2 glyphs
        // glued together and its reading could not stand (the form's frame had hidden that line's structure before this round).
        var (image, parts) = MicrLineTests.Draw("4338479354");
        var px = image.Pixels.ToArray();
        var ink = AsteriskFill.Components(image, AsteriskFill.InkThreshold(image)).Where(b => b.Box.Height > 15).OrderBy(b => b.Box.Left).ToList();
        Assert.Equal(10, ink.Count);
        // The 5's top bar, thresholded solid (11 of 14 columns at h 24 on 9773 #380), and the rows under it white: two pieces.
        var five = ink[8].Box;
        for (var y = five.Top; y < five.Top + 7; y++)
            for (var x = five.Left; x < five.Right; x++)
                px[y * image.Width + x] = y < five.Top + 4 && x >= five.Left + 2 && x < five.Left + 16 ? (byte)25 : (byte)250;
        var broken = new GrayImage(image.Width, image.Height, px);
        Assert.Equal(11, AsteriskFill.Components(broken, AsteriskFill.InkThreshold(broken)).Count(b => b.Box.Height >= 4 && b.Box.Left >= parts[0].Left));
        var line = MicrLine.Find(broken, parts[0])!;
        var field = Assert.Single(line.Fields);
        Assert.Equal(10, field.Count);
        Assert.False(field.Open);
    }

    [Theory]
    // Tuning seed 9774 #51 (prairie-bank, stamped): a stamp's frame across the MICR line after the serial; the page pass read the
    // line as `" BERS EGS? Iz 69659448` (no colon, eight digits), so it was taken for no MICR line although its serial's field of
    // ten glyphs lies between two symbols, and the top print read at its label had no second print.
    [InlineData(9774, 51, "6965944844")]
    // Tuning seed 9774 #101 (prairie-bank, noisy): the form's frame (its top edge and right side, one piece of ink) lay across the
    // top print's line and took every glyph of it in, so the print's glyphs were never counted and its end never sealed: the MICR
    // repeat read with the on-us symbol as an eleventh digit (`31181765494`) could not be told from a longer serial.
    [InlineData(9774, 101, "3118176549")]
    public void A_prairie_bank_order_with_ink_across_a_print_of_its_serial_is_read(int seed, int sequence, string serial)
    {
        using var order = TuningItems.Order(seed, sequence, serial);
        Assert.Equal(serial, _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path)).Serial.Value);
    }
}
