using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 44 (issue #11), MoneyOrderReader.CentsSettledByShape: a cents place one print read as a zero on a glyph shaped as a
/// zero, the other print as a 6, 8 or 9 on a glyph shaped as no digit, is a zero; no other zero on the item is needed to compare
/// the glyph with. Printed sixes stay sixes (CentsZeroRound43Tests, ZeroLikenessRound42Tests, and the 6/8/9-cents safety set
/// in docs/reader-rounds.md).
/// </summary>
[Collection("ocr")]
public class CentsZeroRound44Tests(EngineFixture fixture, ThirdSeed25Round44 items) : IClassFixture<ThirdSeed25Round44>
{
    [Fact]
    public void Numerals_read_and_shaped_as_zeros_settle_words_whose_cents_glyphs_show_nothing()
    {
        // `$75.00` (both cents glyphs read 0, shaped as zeros) beside `SEVENTY-FIVE DOLLARS AND 68 CENTS` (dotted zeros read 6 and
        // 8, shaped as no digit); 75 has no zero and the words no fraction. Round 43 left it waiting.
        var order = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(items.Scan(345, "order")));
        Assert.Equal(7500, order.AgreedAmount?.MinorUnits);
    }
}
