using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;
using static Ledger.Intake.Lockbox.Reading.MicrLine;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 8: the MICR on-us symbol after a serial, read as one more digit ("70441184194,", "46934694841,") or glued to its last
/// digit, kept legible orders waiting (tuning seed 8400 #130, #277; 8100 #198). A labelled print whose glyphs were counted
/// and that is sealed at that end (a gap, the edge or a symbol beside it) says the number has no digit more there.
/// </summary>
public class SerialSealingTests
{
    private static Field Field(int digits, Bound before, Bound after) =>
        new(Enumerable.Range(0, digits).Select(i => new PixelRect(100 + i * 26, 50, 22, 30)).ToList(), before, after);

    [Fact]
    public void A_print_is_sealed_only_where_a_gap_the_edge_or_a_symbol_bounds_it()
    {
        Assert.Equal(new MoneyOrderReader.Sealing(true, true), MoneyOrderReader.Sealing.Of([Field(10, Bound.Symbol, Bound.Gap)]));
        Assert.Equal(new MoneyOrderReader.Sealing(false, true), MoneyOrderReader.Sealing.Of([Field(10, Bound.Unclear, Bound.Edge)]));
        Assert.Equal(new MoneyOrderReader.Sealing(true, false), MoneyOrderReader.Sealing.Of([Field(10, Bound.Gap, Bound.Glued)]));
        // No glyphs counted under it: nothing is known of its ends.
        Assert.Equal(default, MoneyOrderReader.Sealing.Of([]));
    }

    [Theory]
    // The symbol after the serial read as a trailing digit; the labelled print sealed at its end: the shorter stands.
    [InlineData("46934694841", "4693469484", false, true, null, "4693469484")]
    [InlineData("96366453014", "9636645301", false, true, 10, "9636645301")] // prairie-bank: ten digits
    // A mark before it read as a leading digit; sealed at its start.
    [InlineData("14693469484", "4693469484", true, false, null, "4693469484")]
    // Sealed at the other end only, or not at all: nothing says the print lost no digit there; neither stands.
    [InlineData("46934694841", "4693469484", true, false, null, "")]
    [InlineData("14693469484", "4693469484", false, true, null, "")]
    [InlineData("46934694841", "4693469484", false, false, null, "")]
    // An issuer whose serials have eleven digits: the shorter may have lost one; neither stands.
    [InlineData("46934694841", "4693469484", true, true, 11, "")]
    public void Of_two_self_confirmed_readings_a_digit_apart_in_length_the_sealed_labelled_print_stands(
        string longer, string shorter, bool sealedStart, bool sealedEnd, int? issuerLength, string expected)
    {
        var verified = new List<(string, bool)> { (longer, false), (shorter, false) };
        var labelled = new List<(string, MoneyOrderReader.Sealing)> { (shorter, new MoneyOrderReader.Sealing(sealedStart, sealedEnd)) };
        Assert.Equal(expected, string.Join(' ', MoneyOrderReader.Settle(verified, labelled, issuerLength)));
    }

    [Fact]
    public void A_sealed_print_of_the_longer_reading_does_not_make_the_shorter_stand()
    {
        // Only the print read as the shorter value speaks for it; the rule never picks the longer one, and a stronger
        // confirmation (another print or the check digit) still wins as before.
        var labelled = new List<(string, MoneyOrderReader.Sealing)> { ("46934694841", new MoneyOrderReader.Sealing(true, true)) };
        Assert.Empty(MoneyOrderReader.Settle([("46934694841", false), ("4693469484", false)], labelled, null));
        Assert.Equal(["46934694841"], MoneyOrderReader.Settle([("46934694841", true), ("4693469484", false)],
            [("4693469484", new MoneyOrderReader.Sealing(true, true))], null));
    }
}
