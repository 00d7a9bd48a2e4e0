using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 42b (issue #11): a serial only the issuer's check digit stands for (its print read again on its own, no second print
/// spelling it) that holds a labelled print's reading one digit shorter waits for a person: the extra digit may be a MICR symbol
/// read as one, and a Luhn digit holds by chance once in ten.
/// </summary>
[Collection("ocr")]
public class SerialCheckDigitAloneRound42Tests(EngineFixture fixture, ThirdSeed5034Round42 heldBack) : IClassFixture<ThirdSeed5034Round42>
{
    [Fact]
    public void A_moneygram_whose_on_us_symbol_was_read_as_a_digit_waits_instead_of_posting_a_wrong_serial()
    {
        // The top print `4212756484` (labelled, read at 93) beside the MICR line's `42127564849`, whose last digit is the on-us
        // symbol: it passes MoneyGram's Luhn check, and was posted under the wrong serial.
        var order = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(heldBack.Scan(71, "order")));
        Assert.NotEqual("42127564849", order.Serial.Value);
        Assert.Contains("4212756484", order.Serial.RawText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("42127564849", new[] { true }, new[] { "4212756484" }, true)]      // a digit more at the end
    [InlineData("94250942847", new[] { true }, new[] { "4250942847" }, true)]      // a digit more at the start
    [InlineData("42127564849", new[] { true, false }, new[] { "4212756484" }, false)] // a second print also spells it
    [InlineData("42127564849", new[] { true }, new[] { "42127564849" }, false)]     // the label's print reads it whole
    [InlineData("42127564849", new[] { true }, new[] { "4212756480" }, false)]      // not held by the value
    public void Only_a_check_digit_beside_a_shorter_labelled_read_is_doubted(string value, bool[] checkDigitAlone, string[] labelled, bool doubted)
    {
        Assert.Equal(doubted, MoneyOrderReader.CheckDigitAloneBesideShorterLabelledRead(value, checkDigitAlone, labelled));
    }
}
