using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 43 (issue #11), MoneyOrderReader.CentsSettledByShape on grocery orders whose cents are dotted zeros read as sixes:
/// one print's glyph plainly a zero of its own print (shaped as one and as alike to its known zeros as zeros are) is enough
/// when the other print's glyph is not placed or shaped as no digit; and a place settled to a zero by its glyphs is a known
/// zero for the other place, so cents with no other zero in either amount can settle. Printed sixes stay sixes.
/// </summary>
[Collection("ocr")]
public class CentsZeroRound43Tests(EngineFixture fixture, ThirdSeed23Round43 items, ThirdSeed5036Round43 heldBack)
    : IClassFixture<ThirdSeed23Round43>, IClassFixture<ThirdSeed5036Round43>
{
    [Theory]
    [InlineData(887, 5000)] // `$50.66` beside `FIFTY AND 66/166`: the words' first cents glyph not placed
    [InlineData(771, 4500)] // `45 DOLLARS 66 CENTS` beside `FORTY-FIVE AND 66/160`: the numerals' second cents glyph unclear
    public void A_cents_zero_plainly_a_zero_in_one_print_settles_when_the_other_print_says_nothing(int sequence, long cents) =>
        Assert.Equal(cents, Read(sequence).AgreedAmount?.MinorUnits);

    [Theory]
    [InlineData(592, 12500)] // `$125.68` / `$125.08` beside `ONE HUNDRED TWENTY FIVE DOLLARS AND 66 CENTS`
    [InlineData(650, 37700)] // `$377.66` / `$377.98` beside `… SEVENTY SEVEN DOLLARS AND 66 CENTS`
    public void A_cents_place_settled_to_a_zero_is_a_known_zero_for_the_other(int sequence, long cents) =>
        Assert.Equal(cents, Read(sequence).AgreedAmount?.MinorUnits);

    [Fact]
    public void Printed_dotted_sixes_in_the_cents_are_never_taken_for_zeros()
    {
        // `$***20.66` beside `Twenty and 66/100 Dollars`, both prints dotted: the amount is read right or waits, never $20.00.
        var agreed = Read(items.Scan(36, "order")).AgreedAmount?.MinorUnits;
        Assert.True(agreed is null or 2066, $"read {agreed}");
        // `$125.66` beside `ONE HUNDRED TWENTY-FIVE AND 66/100`, the hundred read `166`: the item misreads zeros as sixes, and
        // its sixes are still sixes.
        agreed = Read(heldBack.Scan(123, "order")).AgreedAmount?.MinorUnits;
        Assert.True(agreed is null or 12566, $"read {agreed}");
    }

    private MoneyOrderReading Read(int sequence) => Read(items.Scan(sequence, "order"));

    private MoneyOrderReading Read(string scan) => new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(scan));
}
