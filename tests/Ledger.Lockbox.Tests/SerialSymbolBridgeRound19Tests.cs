using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 19 (issue #11, safety): outside seed 1039 #5 (western_union, clean) posted serial 42985650520 for 2985650520. The
/// MICR line's on-us symbol before the serial, a tall and a short thin bar 3 px apart joined by a background wave line one row
/// thick, was taken for a digit glyph (`MicrLine.IsBars` allowed two columns between bars), so the field counted 11 glyphs, the
/// page pass's "4 2985650520" had a field of its length and its field cut out alone read the same 11 digits. The top print,
/// read "No..2985650520" (its label glued on), was no candidate, so nothing refused the longer value.
/// </summary>
[Collection("ocr")]
public class SerialSymbolBridgeRound19Tests(EngineFixture fixture, OutsideSeed1039 outside) : IClassFixture<OutsideSeed1039>
{
    private const string Printed = "2985650520";
    private const string SymbolReadAsDigit = "42985650520";
    private readonly MoneyOrderReader _reader = new();

    [Fact]
    public void The_serial_with_the_symbol_read_as_a_digit_is_not_posted()
    {
        var serial = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(outside.Order(5))).Serial.Value;
        Assert.NotEqual(SymbolReadAsDigit, serial);
        Assert.True(serial is null or Printed, $"serial {serial}");
    }

    [Fact]
    public void The_bridged_on_us_symbol_bounds_a_serial_field_of_ten_glyphs()
    {
        // The page pass's word "2985650520" on the MICR line of this scan (after GrayImage.Load's deskew): x 481–682, y 850–875.
        var words = PixelRect.FromEdges(481, 850, 682, 875);
        var line = MicrLine.Find(GrayImage.Load(outside.Order(5)), words)!;
        var field = line.FieldUnder(words, Printed.Length);
        Assert.NotNull(field);
        Assert.Equal(MicrLine.Bound.Symbol, field.Before);
        Assert.Null(line.FieldUnder(words, SymbolReadAsDigit.Length));
    }

    [Fact]
    public void Two_bars_joined_by_a_wave_line_one_row_thick_are_a_symbol_not_a_digit()
    {
        // The line's digits are 30 px tall: the 3-column bridge, one row thick, is under a fifth of that wide.
        var line = LineWithBridgedSymbol(bridgeRows: 1);
        Assert.Equal(2, line.Symbols);
        var field = Assert.Single(line.Fields);
        Assert.Equal(Printed.Length, field.Count);
        Assert.Equal(MicrLine.Bound.Symbol, field.Before);
    }

    [Fact]
    public void A_thicker_bridge_is_no_wave_line()
    {
        // Four rows thick across the gap is more than a wave line (the tolerance is a tenth of the height): the blob stays a
        // glyph-sized piece, as before round 19.
        Assert.Equal(1, LineWithBridgedSymbol(bridgeRows: 4).Symbols);
    }

    /// <summary>
    /// A MICR line drawn with its first symbol replaced by a tall bar and a short one 3 px apart, joined across the gap by a
    /// line <paramref name="bridgeRows"/> rows thick (a background wave line), then the serial and an on-us symbol.
    /// </summary>
    private static MicrLine LineWithBridgedSymbol(int bridgeRows)
    {
        var (image, parts) = MicrLineTests.Draw("x", Printed, "O");
        var px = image.Pixels.ToArray();
        var box = parts[0];
        void Paint(int l, int t, int r, int b, byte v)
        {
            for (var y = t; y < b; y++)
                for (var x = l; x < r; x++) px[y * image.Width + x] = v;
        }
        Paint(box.Left, box.Top, box.Right, box.Bottom, 250);
        Paint(box.Left, box.Top + 4, box.Left + 5, box.Bottom, 25);
        Paint(box.Left + 8, box.Top + 12, box.Left + 14, box.Bottom, 25);
        Paint(box.Left + 5, box.Top + 16, box.Left + 8, box.Top + 16 + bridgeRows, 25);
        return MicrLine.Find(new GrayImage(image.Width, image.Height, px), parts[1])!;
    }

    [Theory]
    [InlineData("No..2985650520", "2985650520")]
    [InlineData("NO.29856505201", "29856505201")]
    [InlineData("SERIAL:2985650520.", "2985650520")]
    [InlineData("2985650520", null)]
    [InlineData("AGENT95874", null)]
    [InlineData("BANK2985650520", null)]
    [InlineData("No.298565052", null)]
    public void A_serial_label_glued_to_its_print_gives_the_prints_digits(string word, string? digits) =>
        Assert.Equal(digits, MoneyOrderReader.LabelGluedDigits(word));

    [Fact]
    public void The_glued_top_print_is_one_digit_shorter_than_the_MICR_reading_that_holds_it() =>
        Assert.True(MoneyOrderReader.HoldsShorter(SymbolReadAsDigit, [MoneyOrderReader.LabelGluedDigits("No..2985650520")!]));
}
