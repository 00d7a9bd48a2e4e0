using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 27 (issue #11): moneygram orders whose serial waited because the page pass never read one of its two prints as digits.
/// 9826 #127 (noisy): the whole MICR line read as one word "ee" at 30, no digit on it, so its line was never looked at; its field
/// between two symbols, cut out alone, is the second print of the top print read 45604876537. 9827 #491: the top print read as
/// noise ("spaseauaays" at 0), the title misread so the issuer unknown, the MICR field stroked by a signature: both prints cut
/// out alone spell 49896494975, the top print read alike with and without the digit list. 9803 #344 (western-union): the top
/// print read as noise again, the MICR serial field cut in two by a signature glued across it ("1941" and "4969192" between
/// the symbols, no glyph's place lost between them): the pieces read in order are its second print.
/// </summary>
[Collection("ocr")]
public class SerialMicrUnreadRound27Tests(EngineFixture fixture)
{
    private readonly MoneyOrderReader _reader = new();

    [Theory]
    [InlineData(9826, 127, "45604876537")]
    [InlineData(9827, 491, "49896494975")]
    [InlineData(9803, 344, "19414969192")]
    public void The_serial_of_a_legible_order_stands(int seed, int sequence, string serial)
    {
        using var order = TuningItems.Order(seed, sequence, serial);
        Assert.Equal(serial, _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path)).Serial.Value);
    }

    [Fact]
    public void Without_its_MICR_serial_field_a_top_print_no_crop_confirms_waits()
    {
        // 9826 #127 with the MICR line's serial field whitened (x 520–745, y 790–820, read from this scan): the top print's box
        // reaches the frame line and nothing else reads it.
        using var order = TuningItems.Order(9826, 127, "45604876537");
        Assert.Null(_reader.ReadMoneyOrder(fixture.Engine, OutsideDrawnBatch.Whitened(GrayImage.Load(order.Path), 520, 790, 745, 820, paper: 235)).Serial.Value);
    }

    [Fact]
    public void A_top_print_read_as_noise_without_a_second_print_waits()
    {
        // 9827 #491 with the MICR line's serial field whitened (x 335–565, y 666–694): the top print alone, read twice alike from
        // the same pixels, is one print.
        using var order = TuningItems.Order(9827, 491, "49896494975");
        Assert.Null(_reader.ReadMoneyOrder(fixture.Engine, OutsideDrawnBatch.Whitened(GrayImage.Load(order.Path), 335, 666, 565, 694, paper: 235)).Serial.Value);
    }

    [Fact]
    public void A_MICR_print_cut_in_pieces_missing_a_glyph_is_no_second_print()
    {
        // 9803 #344 with the first glyph of the MICR serial's second piece whitened (x 523–548, y 784–818): the pieces count ten
        // glyphs for the top print's eleven; the top print alone waits.
        using var order = TuningItems.Order(9803, 344, "19414969192");
        Assert.Null(_reader.ReadMoneyOrder(fixture.Engine, OutsideDrawnBatch.Whitened(GrayImage.Load(order.Path), 523, 784, 548, 818, paper: 235)).Serial.Value);
    }

}
