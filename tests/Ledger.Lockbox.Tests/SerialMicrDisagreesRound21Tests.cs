using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 21 (issue #11, safety): tuning seed 9758 #285 (prairie-bank, noisy, clean to the eye) posted serial 9941663769 for
/// 9941603769. The top print (DejaVu Sans Mono, a dot inside its zero) was read with a 6 for the 0 and confirmed by a re-read of
/// its own crop; the MICR line under it says 9941603769 plainly, but the page pass read it with the on-us symbol as an eleventh
/// digit ("99416037694") and the line's structure could not bound the field (two 9s run together by speckle), so no reading of
/// the value's length contradicted it. A reading of the MICR print one digit longer than the value now counts without its extra
/// digit (`MoneyOrderReader.SymbolDigitDropped`).
/// </summary>
[Collection("ocr")]
public class SerialMicrDisagreesRound21Tests(EngineFixture fixture)
{
    private readonly MoneyOrderReader _reader = new();

    [Fact]
    public void The_top_print_misread_beside_a_MICR_repeat_read_with_its_symbol_as_a_digit_is_not_posted()
    {
        using var order = TuningItems.Order(9758, 285, "9941603769");
        var serial = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path)).Serial.Value;
        Assert.NotEqual("9941663769", serial);
        Assert.True(serial is null or "9941603769", $"serial {serial}");
    }

    [Fact]
    public void A_top_print_read_with_label_ink_stands_on_the_MICR_field_between_symbols_that_spells_it()
    {
        // Tuning seed 9761 #207 (prairie-bank, clean): the top print read "16 3773214828" (a part of a longer run), the MICR line
        // "3773214628 4" by the page pass, its field of ten glyphs between two symbols cut out alone 3773214828. Two prints spell
        // the value, and the MICR print's dissent is overruled by its own field read alone.
        using var order = TuningItems.Order(9761, 207, "3773214828");
        Assert.Equal("3773214828", _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path)).Serial.Value);
    }

    [Theory]
    [InlineData("9941663769", "99416037694", "9941603769")]   // 9758 #285: the symbol after the serial read as a 4
    [InlineData("9941663769", "49941603769", "9941603769")]   // the symbol before it read as a digit
    [InlineData("44415322732", "444153227321", "44415322732")] // agrees without the extra digit: nothing disputed
    [InlineData("9941603769", "99416037694", "9941603769")]   // the value the MICR print spells: nothing disputed
    [InlineData("9941663769", "2734676591", null)]            // the routing number with a symbol digit: another number
    [InlineData("9941663769", "9941603769", null)]            // the value's length: Contradicted's, not this rule's
    public void A_MICR_reading_one_digit_longer_disputes_the_value_without_its_extra_digit(string value, string micr, string? disputes)
    {
        var dropped = MoneyOrderReader.SymbolDigitDropped(value, [micr]).ToList();
        if (disputes is null || disputes == value) Assert.Empty(dropped);
        else Assert.Equal([disputes], dropped);
        // Added to the readings a value stands against, the dropped reading contradicts it.
        Assert.Equal(disputes is not null && disputes != value, MoneyOrderReader.Contradicted(value, MoneyOrderIssuer.FirstPrairieBank, dropped));
    }
}
