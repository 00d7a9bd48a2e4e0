using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 40 (issue #11): a serial the first reading did not settle is taken from the page read again (without specks, then
/// without a stamp's gray) when that reading's own MICR print spells it too; round 37 took one only where the first reading's
/// MICR print spelled it, so a page whose MICR line the first pass could not read was never read again for its serial.
/// </summary>
[Collection("ocr")]
public class SerialPageReadAgainRound40Tests(EngineFixture fixture, ThirdSeed10Round40 ten, ThirdSeed11Round40 eleven)
    : IClassFixture<ThirdSeed10Round40>, IClassFixture<ThirdSeed11Round40>
{
    [Fact]
    public void A_grainy_orders_serial_is_read_from_its_page_read_again()
    {
        // Grocery form on gray grain: the page pass read `SERIAL NO. 50246898111` as `ee ae`, the MICR line as noise.
        var order = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(eleven.Scan(114, "order")));
        Assert.Equal("50246898111", order.Serial.Value);
    }

    [Fact]
    public void A_moneygram_serial_beside_its_on_us_symbol_read_as_a_digit_is_read_again()
    {
        // `2176706115` at the top, `21767061159` on the MICR line (its on-us symbol read as a 9; an eleven-digit MoneyGram serial's
        // Luhn digit holds for it by chance): refused on the first reading, settled on the page read again.
        var order = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(ten.Scan(50, "order")));
        Assert.Equal("2176706115", order.Serial.Value);
    }
}
