using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using Ledger.Samples.Lockbox;

namespace Ledger.Lockbox.Tests;

/// <summary>Round 7: the resident number's box read again as digits alone (<see cref="ResidentNumberDigits"/>), real Tesseract.</summary>
[Collection("ocr")]
public class ResidentNumberDigitsTests(EngineFixture fixture)
{
    [Theory]
    [InlineData("72513-891")]
    [InlineData("20785-390")]
    public void The_crop_and_the_cut_out_line_read_as_digits_give_register_shaped_reads(string number)
    {
        var image = GrayImage.Decode(LockboxSampleImages.RenderTextLine(number, 40));
        fixture.Engine.SetImage(image);
        var line = NumeralLine.Find(image, image.Bounds, textHeight: 20);
        Assert.NotNull(line);

        var reads = ResidentNumberDigits.Reads(fixture.Engine, image.Bounds, line, MoneyOrderReader.ReadAlone).ToList();

        Assert.Equal(3, reads.Count);
        // Only digits and the dash come out, whatever the print looks like; the clear print reads as itself.
        Assert.All(reads, r => Assert.True(r.Trim().All(c => char.IsAsciiDigit(c) || c == '-' || c == ' '), r));
        Assert.Contains(number, reads.Select(r => r.Replace(" ", "", StringComparison.Ordinal).Trim()));
        // The engine has its page back (the slip's other fields are read after).
        Assert.Same(image, fixture.Engine.Image);
    }
}

/// <summary>Round 7: a number read one doubled digit too long gives the numbers without it, for the roster only.</summary>
public class UndoubledNumberTests
{
    [Fact]
    public void A_digit_read_twice_is_dropped_once_to_give_register_shaped_numbers()
    {
        // Tuning seed 7800 #62: 47019-071 read as `47019-9071` (the 9 before the dash read again after it).
        Assert.Equal(["47019-071"], ResidentNumberDigits.Undoubled("47019-9071"));
        Assert.Equal(["52450-110", "52245-010"], ResidentNumberDigits.Undoubled("52245-0110"));
        // Only a digit that repeats its neighbour is dropped: `47019-8071` gives nothing, nor a read of the right length.
        Assert.Empty(ResidentNumberDigits.Undoubled("47013-8071"));
        Assert.Empty(ResidentNumberDigits.Undoubled("47019-071"));
        Assert.All(ResidentNumberDigits.Undoubled("11349-9929"), n => Assert.Matches(@"^\d{5}-\d{3}$", n));
    }
}
