using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using Ledger.Samples.Lockbox;

namespace Ledger.Lockbox.Tests;

[Collection("ocr")]
public class AsteriskFillTests(EngineFixture fixture)
{
    private const string Numerals = "$., 0123456789";

    private string ReadErased(string printed, bool serifBold, string whitelist, bool splitMerged)
    {
        var line = GrayImage.Decode(LockboxSampleImages.RenderTextLine(printed, 40, serifBold));
        var erased = AsteriskFill.Erase(line, splitMerged);
        Assert.NotNull(erased);
        fixture.Engine.SetImage(erased);
        return fixture.Engine.Read(erased.Bounds, PageSegMode.SingleLine, whitelist).Text;
    }

    [Theory]
    [InlineData("$****321.62", true, 32162)]
    [InlineData("$****873.52", true, 87352)]
    [InlineData("$***17.00", false, 1700)]
    [InlineData("$******5.53", true, 553)]
    public void Asterisk_fill_is_erased_by_its_shape_and_the_numerals_read_alone(string printed, bool serifBold, long cents)
    {
        var read = ReadErased(printed, serifBold, Numerals, splitMerged: true);
        Assert.DoesNotContain('*', read);
        Assert.True(CourtesyAmount.TryParseFound(read, out var parsed), read);
        Assert.Equal(cents, parsed);
    }

    [Theory]
    [InlineData("$825.00", 82500)]
    [InlineData("$7,041.19", 704119)]
    public void Numerals_without_fill_are_left_whole(string printed, long cents)
    {
        // Digits, the dollar sign, the point and the comma are not fill: a 7's bar, a 5's flag and the comma stay.
        var read = ReadErased(printed, serifBold: true, Numerals, splitMerged: true);
        Assert.True(CourtesyAmount.TryParseFound(read, out var parsed), read);
        Assert.Equal(cents, parsed);
    }

    [Fact]
    public void Asterisks_fencing_the_amount_in_words_are_erased_and_the_words_kept()
    {
        var read = ReadErased("***SEVENTY-THREE AND 52/100 DOLLARS***", serifBold: true, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/* ", splitMerged: false);
        Assert.DoesNotContain('*', read);
        Assert.True(LegalAmountWords.TryParse(read, out var parsed), read);
        Assert.Equal(7352, parsed);
    }

    [Fact]
    public void A_crop_without_a_line_of_glyphs_gives_nothing_to_read()
    {
        var blank = new GrayImage(200, 60, Enumerable.Repeat((byte)250, 200 * 60).ToArray());
        Assert.Null(AsteriskFill.Erase(blank, splitMerged: true));
    }
}
