using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 22 (issue #11): prairie-bank serials (ten digits, no check digit) that waited though every print read on its own
/// spells them. Tuning seed 9773 #129 (noisy): the page pass read the top print "2751279209" (a 4 read as 1) and the MICR line
/// "27542792094" (the on-us symbol as a 4); the MICR field cut out alone reads 2754279209, and so does the top print's line cut
/// out at its label `NO.` ("no. 2754279209"; "02754279209" with the digit list, the label as a 0), while both crops of the top
/// print read nothing. A read of nothing, or of the value with the label read as one more digit, is no reading against it
/// (`MoneyOrderReader.SaysNothingAgainst`). Tuning seed 9773 #219 (clean): the top print read as "4aa94565e1", the MICR
/// line's segment taken with the form's frame beside it, so the line found from it lost the serial's field; the line under the
/// MICR word itself counts the ten glyphs between two symbols.
/// </summary>
[Collection("ocr")]
public class SerialReadAloneRound22Tests(EngineFixture fixture)
{
    private readonly MoneyOrderReader _reader = new();

    private static readonly PixelRect Top = new(1400, 30, 257, 79);
    private static readonly PixelRect AtLabel = new(1300, 45, 631, 191);
    private static readonly PixelRect Micr = new(648, 811, 280, 33);
    private static readonly PixelRect MicrField = new(649, 811, 246, 32);

    private static MoneyOrderReader.PrintRead Page(string value, PixelRect print) => new(value, print, PagePass: true);
    private static MoneyOrderReader.PrintRead Own(string value, PixelRect print) => new(value, print, PagePass: false);

    [Theory]
    [InlineData(9773, 129, "2754279209")]
    [InlineData(9773, 219, "4449456581")]
    public void A_serial_every_print_read_alone_spells_is_read(int seed, int sequence, string serial)
    {
        using var order = TuningItems.Order(seed, sequence, serial);
        Assert.Equal(serial, _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path)).Serial.Value);
    }

    [Theory]
    // Tuning seed 9774 #272 (clean): the top print read 9115266113 by the page pass and by both its crops, 2115266113 cut out
    // at its label, as the MICR field reads: the top print read alone is split, nothing says which read is the misread one.
    [InlineData(9774, 272, "2115266113", "9115266113")]
    // Tuning seed 9774 #252 (noisy): the top print read 5368346025 by the page pass and cut out at its label, 5308346025 by its
    // crops and the MICR field; its zero (a dot inside) is unclear to the glyph shapes.
    [InlineData(9774, 252, "5308346025", "5368346025")]
    public void A_top_print_split_between_its_own_reads_still_waits_rather_than_post_a_misread(int seed, int sequence, string serial, string misread)
    {
        using var order = TuningItems.Order(seed, sequence, serial);
        var read = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path)).Serial.Value;
        Assert.NotEqual(misread, read);
        Assert.True(read is null || read == serial, $"serial {read}");
    }

    [Fact]
    public void A_dissent_whose_print_read_alone_spells_the_value_and_otherwise_read_nothing_is_overruled()
    {
        // 9773 #129: the top print's crops read nothing, its line at the label reads the value (and the value with the label as 0).
        Assert.True(MoneyOrderReader.DissentOverruled("2754279209",
            [Page("2751279209", Top), Own("", Top), Own("02754279209", AtLabel), Own("2754279209", AtLabel),
             Page("27542792094", Micr), Own("2754279209", MicrField)]));
    }

    [Fact]
    public void A_dissent_whose_print_read_alone_says_anything_else_stands()
    {
        // Only nothing read: the print was never read as the value.
        Assert.False(MoneyOrderReader.DissentOverruled("2754279209",
            [Page("2751279209", Top), Own("", Top), Page("27542792094", Micr), Own("2754279209", MicrField)]));
        // The label read as one more digit before the dissent, not before the value.
        Assert.False(MoneyOrderReader.DissentOverruled("2754279209",
            [Page("2751279209", Top), Own("02751279209", AtLabel), Own("2754279209", AtLabel), Own("2754279209", MicrField)]));
        // A read one digit short, or of other digits: a reading of the print that is not the value.
        Assert.False(MoneyOrderReader.DissentOverruled("2754279209",
            [Page("2751279209", Top), Own("275127920", Top), Own("2754279209", AtLabel), Own("2754279209", MicrField)]));
        Assert.False(MoneyOrderReader.DissentOverruled("2754279209",
            [Page("2751279209", Top), Own("3", Top), Own("2754279209", AtLabel), Own("2754279209", MicrField)]));
    }

    [Theory]
    [InlineData("", "2754279209", true)]
    [InlineData("2754279209", "2754279209", true)]
    [InlineData("02754279209", "2754279209", true)]
    [InlineData("27542792094", "2754279209", true)]
    [InlineData("02751279209", "2754279209", false)]
    [InlineData("2751279209", "2754279209", false)]
    [InlineData("275427920", "2754279209", false)]
    [InlineData("0027542792", "2754279209", false)]
    public void What_a_print_read_alone_says_against_a_value(string read, string value, bool saysNothing) =>
        Assert.Equal(saysNothing, MoneyOrderReader.SaysNothingAgainst(read, value));
}
