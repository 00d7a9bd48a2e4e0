using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 44 (issue #11): a serial read on the page read again (round 37/40) stands there only when a MICR print spells it; a MICR
/// field whose on-us symbol was glued after the digits and counted as one more glyph spells it with one digit more. That longer
/// reading is no serial when it fails the check digit of the issuer whose serials have its length, or when the issuer's serials
/// have the shorter length (MoneyOrderReader.MicrSpellsWithSymbolDigit); with the top print clear of ink after its last digit,
/// the MICR print then spells the serial.
/// </summary>
[Collection("ocr")]
public class SerialSymbolDigitRound44Tests(EngineFixture fixture, ThirdSeed26Round44 tuning) : IClassFixture<ThirdSeed26Round44>
{
    [Theory]
    [InlineData("7780370990", "77803709908", true)]   // MoneyGram's eleven digits fail its Luhn check: the 8 is the symbol
    [InlineData("7349010240", "73490102408", true)]
    [InlineData("4212756484", "42127564849", false)]  // the Luhn check holds (held-back 5034 #71's reading): it may be the serial
    [InlineData("7780370990", "87780370990", false)]  // the digit more before the value: not a symbol after it
    [InlineData("7780370990", "778037099088", false)] // two digits more
    [InlineData("7780370990", "77803709918", false)]  // not the value's digits
    public void A_moneygram_micr_print_with_one_digit_more_spells_the_value_only_when_that_digit_cannot_be_the_serials(string value, string micr, bool spells) =>
        Assert.Equal(spells, MoneyOrderReader.MicrSpellsWithSymbolDigit(value, [micr], MoneyOrderIssuer.MoneyGram));

    [Fact]
    public void The_issuers_length_says_which_reading_is_the_serial()
    {
        // First Prairie Bank prints ten digits and no check digit: an eleventh digit after them is the symbol.
        Assert.True(MoneyOrderReader.MicrSpellsWithSymbolDigit("6411742161", ["64117421618"], MoneyOrderIssuer.FirstPrairieBank));
        // Western Union prints eleven digits and no check digit: the eleventh may be the serial's own, the ten read lost it.
        Assert.False(MoneyOrderReader.MicrSpellsWithSymbolDigit("6411742161", ["64117421618"], MoneyOrderIssuer.WesternUnion));
        // An issuer not recognised says nothing.
        Assert.False(MoneyOrderReader.MicrSpellsWithSymbolDigit("6411742161", ["64117421618"], null));
    }

    [Theory]
    [InlineData(656, "7780370990")] // noisy: the page pass did not read the top print at all; the page without its specks did
    [InlineData(877, "7349010240")] // skewed: the page pass read the top print at 3; the page without its specks at 87
    public void A_top_print_read_on_the_page_read_again_stands_beside_its_micr_print_read_with_the_symbol(int sequence, string serial)
    {
        var order = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(tuning.Scan(sequence, "order")));
        Assert.Equal(serial, order.Serial.Value);
    }
}
