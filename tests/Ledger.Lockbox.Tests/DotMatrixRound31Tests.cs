using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 31 (issue #11): dot-matrix amounts of the third generator whose zeros one print read as 6, now read as printed. The
/// words' dotted zero at 200 dpi steps in and out by a dot from row to row, which looked like an 8's waist (#52, #194: `60/106`,
/// `60/160` beside `$20.06`, `$5.00`); numerals read only from their line cut out of the pixels now have their dollars judged
/// on that line's glyphs, so plainly read words settle them (#107: `$126.60` beside ONE HUNDRED TWENTY AND 00/100).
/// </summary>
[Collection("ocr")]
public class DotMatrixRound31Tests(EngineFixture fixture, ThirdSeed5Round31 third) : IClassFixture<ThirdSeed5Round31>
{
    private readonly MoneyOrderReader _reader = new();

    [Theory]
    [InlineData(52, 20_00L)]    // MoneyGram, `$20.00` and `Twenty and 00/100` in dots: read `$20.06` and `60/106`
    [InlineData(107, 120_00L)]  // MoneyGram, `$120.00` read `$126.60` from its line, the words plain
    [InlineData(194, 5_00L)]    // grocery, `$ 5.00` beside dotted `Five and 00/100` read `60/160`
    public void Zeros_printed_in_dots_are_read_as_printed(int sequence, long cents)
    {
        var reading = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(third.Scan(sequence, "order")));
        Assert.Equal(cents, reading.AgreedAmount?.MinorUnits);
    }
}
