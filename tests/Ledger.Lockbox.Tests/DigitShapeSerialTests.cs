using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 7 (issue #11): two readings of a serial one digit apart, one saying 0 and the other 6 (`6484012071 / 6484012671`),
/// wait for a person unless the glyphs settle it: every print read either way shows the value's digit plainly. A wrong serial
/// is a wrong duplicate key, so anything less still waits.
/// </summary>
public class DigitShapeSerialTests
{
    [Fact]
    public void Only_differences_between_0_6_8_and_9_are_disputed_by_shape()
    {
        Assert.Equal([7], MoneyOrderReader.DisputedPositions("6484012071", ["6484012671", "6484012071"]));
        Assert.Equal([2, 5], MoneyOrderReader.DisputedPositions("7709203523", ["7769263523"]));
        // Round 8: the value's digit must be one a hole tells (a 0 against a 3 is disputed, to be settled only by a plain 0);
        // a 3 or a 5 as the value is not (no shape speaks for them), nor a 3 against a 5. (Round 7 asked both digits to be
        // among 0, 6, 8, 9.)
        Assert.Equal([4], MoneyOrderReader.DisputedPositions("6484012071", ["6484312071"]));
        Assert.Equal([0], MoneyOrderReader.DisputedPositions("8827226574", ["5827226574"]));
        Assert.Null(MoneyOrderReader.DisputedPositions("6484312071", ["6484012071"]));
        Assert.Null(MoneyOrderReader.DisputedPositions("5851405018", ["3851405018"]));
        Assert.Null(MoneyOrderReader.DisputedPositions("6484012071", ["6484012071"]));
    }

    private static (string, DigitForm?[]) Print(string reading, params DigitForm?[] forms) => (reading, forms);

    [Fact]
    public void The_tie_is_broken_only_when_every_print_plainly_shows_the_values_digit()
    {
        const string value = "6484012071", other = "6484012671";
        string[] readings = [value, other];
        List<int> at = [7];
        Assert.True(MoneyOrderReader.ShapeSettles(value, readings, [Print(value, DigitForm.Zero), Print(other, DigitForm.Zero)], at));
        // One print unclear, or showing a six: it waits.
        Assert.False(MoneyOrderReader.ShapeSettles(value, readings, [Print(value, DigitForm.Zero), Print(other, DigitForm.Unclear)], at));
        Assert.False(MoneyOrderReader.ShapeSettles(value, readings, [Print(value, DigitForm.Zero), Print(other, DigitForm.Six)], at));
        Assert.False(MoneyOrderReader.ShapeSettles(value, readings, [Print(value, DigitForm.Zero), Print(other, (DigitForm?)null)], at));
        // The print the other reading came from was not looked at: it waits.
        Assert.False(MoneyOrderReader.ShapeSettles(value, readings, [Print(value, DigitForm.Zero), Print(value, DigitForm.Zero)], at));
        // One print alone settles nothing.
        Assert.False(MoneyOrderReader.ShapeSettles(value, readings, [Print(other, DigitForm.Zero)], at));
        // The other way round: the 6 stands only where the prints show a six.
        Assert.False(MoneyOrderReader.ShapeSettles(other, readings, [Print(value, DigitForm.Zero), Print(other, DigitForm.Zero)], at));
        Assert.True(MoneyOrderReader.ShapeSettles(other, readings, [Print(value, DigitForm.Six), Print(other, DigitForm.Six)], at));
    }

    [Theory]
    [InlineData("DejaVuSansMono.ttf", 0)]
    [InlineData("DejaVuSansMono.ttf", 9)]
    [InlineData("DejaVuSans.ttf", 9)]
    [InlineData("DejaVuSerif.ttf", 0)]
    public void Printed_serials_settle_their_0_6_tie_by_the_glyphs(string font, int speckle)
    {
        // Two prints of 6484012071 (top and a second print), one read right and one read with the 0 as 6.
        const string value = "6484012071", misread = "6484012671";
        var (prints, disputed) = TwoPrints(value, font, speckle, value, misread);
        Assert.True(MoneyOrderReader.ShapeSettles(value, [value, misread], prints, disputed));
        Assert.False(MoneyOrderReader.ShapeSettles(misread, [value, misread], prints, disputed));
    }

    [Theory]
    [InlineData("DejaVuSansMono.ttf", 0, '3')]
    [InlineData("DejaVuSansMono.ttf", 9, '5')]
    [InlineData("DejaVuSans.ttf", 9, '3')]
    [InlineData("DejaVuSerif.ttf", 0, '5')]
    public void Printed_serials_settle_an_8_read_as_3_or_5_by_the_glyphs(string font, int speckle, char misreadAs)
    {
        // Two prints of 8827226574, one read with the 8 as a 3 or a 5: the glyphs show an 8 in both, so the 8 stands.
        const string value = "8827226574";
        var misread = misreadAs + value[1..];
        var (prints, disputed) = TwoPrints(value, font, speckle, value, misread);
        Assert.True(MoneyOrderReader.ShapeSettles(value, [value, misread], prints, disputed));
        // The other way round, nothing is disputed by shape: a 3 or a 5 as the value never stands on the glyphs.
        Assert.Null(MoneyOrderReader.DisputedPositions(misread, [value]));
    }

    [Theory]
    [InlineData("DejaVuSansMono.ttf", 0)]
    [InlineData("DejaVuSans.ttf", 9)]
    [InlineData("DejaVuSerif.ttf", 0)]
    public void A_3_printed_and_read_as_8_in_one_print_is_not_settled_for_the_8(string font, int speckle)
    {
        // The serial is 3827226574; one print read "8827226574" (the value found) and the other "3827226574": the glyphs show a
        // 3, never plainly an 8, so the 8 does not stand.
        const string truth = "3827226574", value = "8827226574";
        var (prints, disputed) = TwoPrints(truth, font, speckle, value, truth);
        Assert.False(MoneyOrderReader.ShapeSettles(value, [value, truth], prints, disputed));
    }

    /// <summary>
    /// Two prints of <paramref name="printed"/> (a top at 40 px and a second print at 30 px, a little more speckle), the first
    /// read as <paramref name="topRead"/> and the second as <paramref name="secondRead"/>; each print's glyph forms at the
    /// positions where the two readings dispute by shape.
    /// </summary>
    private static (List<(string, DigitForm?[])> Prints, List<int> Disputed) TwoPrints(string printed, string font, int speckle, string topRead, string secondRead)
    {
        var top = DigitShapeTests.Render(printed, font, 40, speckle);
        var second = DigitShapeTests.Render(printed, font, 30, speckle == 0 ? 0 : speckle + 1);
        var disputed = MoneyOrderReader.DisputedPositions(topRead, [secondRead])!;
        DigitForm?[] Forms(Ledger.Intake.Lockbox.Imaging.GrayImage print, string reading) =>
            disputed.Select(p => DigitShape.FormsAt(print, print.Bounds, reading, [p])[0]).ToArray();
        return ([(topRead, Forms(top, topRead)), (secondRead, Forms(second, secondRead))], disputed);
    }
}
