using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 26 (issue #11): moneygram and western-union orders whose serial waited though every print of it was legible.
/// 9822 #96: the top print misread (its Luhn check fails), the MICR print read at 35 by the page pass and at 96 cut out alone:
/// the read again's confidence counts. 9822 #148: the page pass's box of the top print reached the form's frame line and both
/// crops read nothing: the crop held tight to the glyphs the line's structure counts reads it. 9823 #63: the top print's line
/// taken for a MICR line, its glyphs uncounted, beside the MICR print whose on-us symbol is glued to its last digit: two prints
/// agree and the check digit holds. 9823 #4: the MICR field read from a region that ended inside the serial ("3038115537"),
/// found again around the field itself. 9824 #180: the top print's dotted zero read as 6, the MICR field between its symbols
/// read 0, the glyphs' shapes settle it.
/// </summary>
[Collection("ocr")]
public class SerialMoneyGramWesternUnionRound26Tests(EngineFixture fixture)
{
    private readonly MoneyOrderReader _reader = new();

    [Theory]
    [InlineData(9822, 96, "85748617181")]
    [InlineData(9822, 148, "75838472837")]
    [InlineData(9823, 63, "63523058855")]
    [InlineData(9823, 4, "30381155379")]
    [InlineData(9824, 180, "20721345000")]
    public void The_serial_of_a_legible_order_stands(int seed, int sequence, string serial)
    {
        using var order = TuningItems.Order(seed, sequence, serial);
        Assert.Equal(serial, _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path)).Serial.Value);
    }

    [Fact]
    public void Without_its_MICR_print_a_top_print_whose_check_digit_fails_waits()
    {
        // 9822 #96 with its MICR line whitened: only the top print is left, read 85749617181, which the Luhn check refuses.
        using var order = TuningItems.Order(9822, 96, "85748617181");
        Assert.Null(_reader.ReadMoneyOrder(fixture.Engine, OutsideDrawnBatch.Whitened(GrayImage.Load(order.Path), 150, 752, 720, 798, paper: 235)).Serial.Value);
    }

    [Fact]
    public void Without_its_glued_MICR_print_an_uncounted_top_print_waits()
    {
        // 9823 #63 with its MICR line whitened: the top print's glyphs are not counted, and no other print confirms them.
        using var order = TuningItems.Order(9823, 63, "63523058855");
        Assert.Null(_reader.ReadMoneyOrder(fixture.Engine, OutsideDrawnBatch.Whitened(GrayImage.Load(order.Path), 220, 600, 640, 636, paper: 235)).Serial.Value);
    }

}
