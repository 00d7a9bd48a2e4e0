using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>The first 42 orders of outside tuning seed 510.</summary>
public sealed class OutsideSeed510() : OutsideDrawnBatch(510, 42);

/// <summary>
/// Round 18 (issue #11, outside forms): two readings of the serial, each confirmed by its own print, one digit apart where
/// the glyphs' holes tell the digits apart. Outside tuning seed 510 #42 (heritage, clean): the page pass read the top print
/// `0164768145` (its word's box stretched over the `NO.` label above, so its glyphs could not be matched to its characters)
/// and its crop re-read said the same; the MICR line's field, between two symbols, read 9164768145 cut out alone. Both
/// stood and a legible order waited. The top print's glyphs, counted by its line's structure, and the MICR field's both
/// show a 9 (one hole high, the mouth open below-left): the MICR reading stands, through `Stand`'s shape check.
/// </summary>
[Collection("ocr")]
public class SerialShapePairRound18Tests(EngineFixture fixture, OutsideSeed510 outside) : IClassFixture<OutsideSeed510>
{
    [Theory]
    [InlineData("0164768145", "9164768145", true)]    // 510 #42: 0 against 9
    [InlineData("59431895701", "99431895701", true)]  // 9 against 5: the 9's hole may speak
    [InlineData("6738367493", "6738367498", true)]    // 3 against 8: the 8's two holes may speak
    [InlineData("2113932036", "2413932036", false)]   // 1 against 4: no hole tells them apart
    [InlineData("0164768145", "9164768175", false)]   // and 4 against 7, where neither has a hole
    [InlineData("0164768145", "91647681450", false)]  // lengths differ
    [InlineData("0164768145", "9064768195", false)]   // three digits apart: two different numbers
    public void Only_a_pair_apart_where_holes_speak_is_looked_at(string a, string b, bool expected) =>
        Assert.Equal(expected, MoneyOrderReader.ApartByShapeDigits([a, b]));

    [Fact]
    public void One_value_or_three_is_no_pair()
    {
        Assert.False(MoneyOrderReader.ApartByShapeDigits(["9164768145"]));
        Assert.False(MoneyOrderReader.ApartByShapeDigits(["0164768145", "9164768145", "6164768145"]));
    }

    [Fact]
    public void Outside_510_item_42_posts_the_serial_both_prints_show()
    {
        var order = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(outside.Order(42)));
        Assert.Equal("9164768145", order.Serial.Value);
        Assert.Equal(39400L, order.AgreedAmount?.MinorUnits);
    }
}
