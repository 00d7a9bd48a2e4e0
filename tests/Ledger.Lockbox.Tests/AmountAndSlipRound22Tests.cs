using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using static Ledger.Lockbox.Tests.OcrWords;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 22 (issue #11): legible prairie-bank items that waited on something else than the serial.
/// Ours tuning 9770 #463 (noisy): `$ 806.00` read `$806.00` at 23 and `***EIGHT HUNDRED SIX AND 00/100 DOLLARS***` read with its
/// fill glued to EIGHT (`**KEIGHT`) at 40. The numerals' line binarized and read with the space the print has reads at 92.
/// Ours tuning 9771 #177 (skewed): `RESIDENT NAME:` read `RESIDENT Benes` (NAME at 31, a speck under it), so the label was
/// not found and the plainly printed name was never read.
/// </summary>
[Collection("ocr")]
public class AmountAndSlipRound22Tests(EngineFixture fixture)
{
    [Fact]
    public void Noisy_numerals_that_read_at_zero_on_gray_paper_are_read_again_binarized()
    {
        using var order = TuningItems.Order(9770, 463, "4478029252");
        var reading = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path));
        Assert.Equal(80600L, reading.AgreedAmount?.MinorUnits);
        Assert.True(reading.CourtesyAmount.Confidence >= 50, $"courtesy at {reading.CourtesyAmount.Confidence}");
    }

    [Fact]
    public void A_resident_name_label_whose_name_word_the_page_pass_misread_is_found_by_reading_the_word_again()
    {
        using var slip = TuningItems.Slip(9771, 177, "92512-965");
        var reading = new MoneyOrderReader().ReadDepositSlip(fixture.Engine, GrayImage.Load(slip.Path));
        Assert.Equal("ANDERSON, LUIS", reading.ResidentName.Value);
        Assert.Equal("92512-965", reading.ResidentNumber.Value);
    }

    // 9771 #177's first rows as the page pass read them.
    private static PageLayout Slip177(double nameConfidence = 31) => new([
        W("ANDERSON,", 447, 160, 150, 31), W("LUIS", 623, 160, 66, 32),
        W("RESIDENT", 82, 162, 110, 31, 97), W("Benes", 200, 162, 71, 43, nameConfidence),
        W("92512-965", 448, 215, 154, 32, 93), W("RESIDENT", 82, 221, 110, 17), W("NUMBER:", 200, 221, 96, 17, 95),
        W("SUSAN", 448, 411, 85, 23), W("GREEN", 552, 408, 92, 35, 85), W("SENDER", 82, 417, 90, 17), W("NAME:", 180, 417, 71, 17),
    ], 1440, 773);

    private static LabelHit? Label(PageLayout page, Func<PixelRect, IReadOnlyList<string>>? readAgain) =>
        MoneyOrderReader.ResidentNameLabelHalfRead(page, page.Find("RESIDENT", "NUMBER").FirstOrDefault(), page.Find("SENDER", "NAME").FirstOrDefault(), readAgain);

    [Fact]
    public void A_word_read_with_some_confidence_is_the_lost_word_only_when_its_crop_spells_it()
    {
        var page = Slip177();
        var nameWord = page.Words.Single(w => w.Text == "Benes").Box;
        var asked = new List<PixelRect>();
        var label = Label(page, box => { asked.Add(box); return ["iT", "NAME:"]; });
        Assert.NotNull(label);
        Assert.Equal("RESIDENT Benes", page.Text(label!.WordIndexes));
        Assert.Equal([nameWord], asked);
        Assert.Equal("ANDERSON, LUIS", page.Text(MoneyOrderReader.SlipValue(page, label.Box, new HashSet<int>(label.WordIndexes), page.Width)));

        // Not read again, or read again as anything but NAME: no label (the word may be the value).
        Assert.Null(Label(page, null));
        Assert.Null(Label(page, _ => ["Benes"]));
        Assert.Null(Label(page, _ => ["NUMBER"]));
    }

    [Fact]
    public void Noise_under_30_needs_no_second_read()
    {
        var label = Label(Slip177(nameConfidence: 12), _ => throw new InvalidOperationException("read again"));
        Assert.NotNull(label);
    }
}
