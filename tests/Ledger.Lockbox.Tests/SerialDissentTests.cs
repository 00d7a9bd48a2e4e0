using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 9 (issue #11): a serial confirmed by its prints, beside a page-pass reading one digit off (`6477660484 / 6477660486`,
/// tuning seed 8100 #49: the page pass misread the MICR field's last digit, whose cut read says 4, as the top print does). The
/// dissent is overruled only when the print it came from, read again on its own, spells the value, and two prints spell it.
/// </summary>
public class SerialDissentTests
{
    private static readonly PixelRect Top = new(1050, 54, 203, 25);
    private static readonly PixelRect Micr = new(311, 597, 162, 51);
    private static readonly PixelRect MicrField = new(311, 601, 160, 30);

    private static MoneyOrderReader.PrintRead Page(string value, PixelRect print) => new(value, print, PagePass: true);
    private static MoneyOrderReader.PrintRead Own(string value, PixelRect print) => new(value, print, PagePass: false);

    [Fact]
    public void A_page_pass_misread_that_its_own_print_read_alone_corrects_is_overruled()
    {
        // Seed 8100 #49: top print read 6477660484; the MICR page pass 6477660486; the MICR field cut out alone 6477660484.
        Assert.True(MoneyOrderReader.DissentOverruled("6477660484",
            [Page("6477660484", Top), Page("6477660486", Micr), Own("6477660484", MicrField)]));
        // Outside seed 120 #165: the top print's page pass dissents (3 for 8), its crop with the digit list reads the value.
        Assert.True(MoneyOrderReader.DissentOverruled("12208515655",
            [Page("12203515655", Top), Own("12208515655", Top), Page("12208515655", Micr), Own("12208515655", MicrField)]));
    }

    [Fact]
    public void A_dissent_its_own_print_does_not_correct_still_waits()
    {
        // Seed 7800 #141 (the value was the misread one): the MICR field cut out alone dissents; no print overrules its own read.
        Assert.False(MoneyOrderReader.DissentOverruled("64844465407",
            [Page("64844465407", Top), Own("64844465407", Top), Own("64844405407", MicrField)]));
        // The dissenting print was not read again.
        Assert.False(MoneyOrderReader.DissentOverruled("6477660484", [Page("6477660484", Top), Page("6477660486", Micr)]));
        // Read again, it is split: one read spells the value, another the dissent (outside seed 120 #199).
        Assert.False(MoneyOrderReader.DissentOverruled("1609706948",
            [Page("1009700948", Top), Own("1609706948", Top), Own("1609700948", Top), Page("1609706948", Micr), Own("1609706948", MicrField)]));
        // Read again, it repeats the dissent.
        Assert.False(MoneyOrderReader.DissentOverruled("6477660484",
            [Page("6477660484", Top), Page("6477660486", Micr), Own("6477660486", MicrField)]));
    }

    [Fact]
    public void One_print_alone_is_not_enough()
    {
        // The only print spelling the value is the dissenting print's own re-read: nothing independent stands for it.
        Assert.False(MoneyOrderReader.DissentOverruled("6477660484", [Page("6477660486", Micr), Own("6477660484", MicrField)]));
        // Nothing dissents: nothing to overrule (the serial stands or not on the usual rules).
        Assert.False(MoneyOrderReader.DissentOverruled("6477660484", [Page("6477660484", Top), Own("6477660484", MicrField)]));
    }
}
