using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>The first 58 items of outside tuning seed 608 (round 23: #58's top print).</summary>
public sealed class OutsideSeed608() : OutsideDrawnBatch(608, 58);

/// <summary>The first 99 items of outside tuning seed 619 (round 23: #99's top print).</summary>
public sealed class OutsideSeed619() : OutsideDrawnBatch(619, 99);

/// <summary>The first 19 items of outside tuning seed 622 (round 23: #19's top print under the title).</summary>
public sealed class OutsideSeed622() : OutsideDrawnBatch(622, 19);

/// <summary>
/// Round 23 (issue #11): lakeside serials (eleven digits; the reader knows no check digit for this issuer) that waited though
/// every print of them, read on its own, spells them. Outside tuning 608 #58 (clean): the page pass and both crops of the top
/// print read "15172055305" (the crops take in the title's last letter and the label `NO.` over the first digit), the MICR line
/// "75172855385"; the MICR field cut out alone and the top print's eleven glyphs cut out alone both read 75172055305. 619 #99
/// (clean): the top print read "16872686336" by the page pass and its crop (with the label's colon, "0 16872686336"), cut out
/// alone 16874686336, as the MICR field. 622 #19 (noisy): the top print's first four digits lie under the title's `AN`; read at
/// its label "45008528643"; its last seven glyphs, cut out alone, read 8528643, the end of the MICR field's 55098528643.
/// </summary>
[Collection("ocr")]
public class SerialPrintReadAloneRound23Tests(EngineFixture fixture, OutsideSeed608 b608, OutsideSeed619 b619, OutsideSeed622 b622)
    : IClassFixture<OutsideSeed608>, IClassFixture<OutsideSeed619>, IClassFixture<OutsideSeed622>
{
    private readonly MoneyOrderReader _reader = new();

    private string? SerialOf(string order) => _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(order)).Serial.Value;

    [Fact]
    public void A_top_print_whose_crops_take_in_the_title_and_label_is_read_as_its_glyphs_cut_out_alone_say()
    {
        Assert.Equal("75172055305", SerialOf(b608.Order(58)));
    }

    [Fact]
    public void Two_values_apart_at_a_digit_no_hole_tells_stand_on_the_prints_read_alone()
    {
        Assert.Equal("16874686336", SerialOf(b619.Order(99)));
    }

    [Fact]
    public void A_top_print_under_the_title_agrees_with_the_MICR_print_on_the_digits_it_shows()
    {
        Assert.Equal("55098528643", SerialOf(b622.Order(19)));
    }

    [Fact]
    public void The_top_print_alone_does_not_stand_when_the_MICR_print_is_gone()
    {
        // Each top print without its MICR repeat (the bottom of the form whitened): one print is no serial, however it reads.
        foreach (var (order, misreads) in new[] { (b608.Order(58), "15172055305"), (b619.Order(99), "16872686336"), (b622.Order(19), "45008528643") })
        {
            var image = GrayImage.Load(order);
            var withoutMicr = OutsideDrawnBatch.Whitened(image, new PixelRect(0, image.Height * 85 / 100, image.Width, image.Height * 15 / 100));
            var serial = _reader.ReadMoneyOrder(fixture.Engine, withoutMicr).Serial.Value;
            Assert.NotEqual(misreads, serial);
            Assert.Null(serial);
        }
    }

    [Theory]
    [InlineData("16872686336", "16874686336", true)]  // 619 #99: apart at a 2 and a 4, which no hole tells apart
    [InlineData("0164768145", "9164768145", true)]    // round 18's pair, apart at a shape digit
    [InlineData("16872686336", "16872686336", false)] // one value
    [InlineData("16872686336", "16874686356", true)]  // two digits apart
    [InlineData("16872686336", "16874681356", false)] // three: two numbers, not one misread
    [InlineData("1687268633", "16872686336", false)]  // lengths differ: Settle's, not this rule's
    public void Two_confirmed_values_one_or_two_digits_apart_are_left_to_Stand(string a, string b, bool apart) =>
        Assert.Equal(apart, MoneyOrderReader.ApartByOneOrTwo([a, b]));
}
