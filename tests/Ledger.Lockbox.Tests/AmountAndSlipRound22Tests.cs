using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using static Ledger.Lockbox.Tests.OcrWords;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 22 (issue #11): legible prairie-bank items that waited on something else than the serial.
/// Ours tuning 9770 #463 (noisy): `$ 806.00` read `$806.00` at 23 and `***EIGHT HUNDRED SIX AND 00/100 DOLLARS***` read with its
/// fill glued to EIGHT (`**KEIGHT`) at 40; each print's re-reads kept a word at 0 on the gray paper. Black on white with the grain
/// dropped, the numerals' line reads `$ 806.00` at 92 (with the space the print has in the character list) and the words' crop,
/// its fill erased, `EIGHT HUNDRED SIX AND 00/100 DOLLARS` at 94–96.
/// Ours tuning 9771 #177 (skewed): `RESIDENT NAME:` read `RESIDENT Benes` (NAME at 31, a speck under it), so the label was
/// not found and the plainly printed name was never read.
/// </summary>
[Collection("ocr")]
public class AmountAndSlipRound22Tests(EngineFixture fixture)
{
    [Fact]
    public void Two_prints_of_806_00_read_unsure_on_a_noisy_scan_post()
    {
        using var order = TuningItems.Order(9770, 463, "4478029252");
        var reading = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path));
        Assert.Equal(80600L, reading.AgreedAmount?.MinorUnits);
        // The words re-read from their crop, fill erased, black on white: `EIGHT` at 0 on the gray paper, 96 binarized.
        Assert.True(reading.LegalAmount.Confidence >= 50, $"words at {reading.LegalAmount.Confidence}");
    }

    [Fact]
    public void Fill_led_numerals_found_only_black_on_white_are_still_read_without_a_space()
    {
        // Ours tuning 9771 #186 (other-bank, stamped): `$***25.87` is found only by the binarized line's read; with a space
        // allowed that read came apart and no numerals were found (the order posted on round 21's reader, then waited).
        using var order = TuningItems.Order(9771, 186, "35668365935");
        var reading = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path));
        Assert.Equal(2587L, reading.AgreedAmount?.MinorUnits);
    }

    [Fact]
    public void Noisy_numerals_that_read_at_zero_on_gray_paper_are_read_again_binarized_with_their_space()
    {
        using var order = TuningItems.Order(9770, 463, "4478029252");
        // The page as the reader recognises it (evened out, a median for the grain, rules taken out).
        var clean = GrayImage.Load(order.Path).NormalizeBackground();
        if (clean.PaperGrain() > 7.5) clean = clean.Median3();
        var engine = fixture.Engine;
        engine.SetImage(clean.WithoutRules(), 300);
        // Its page pass's words around the courtesy box (`$ 806.00` read `$806.00` at 16, the box's top edge in it).
        var page = new PageLayout([
            W("no.", 1355, 39, 70, 74, 52), W("4478029252", 1437, 39, 284, 74, 93), W("PERSONAL", 83, 136, 169, 23),
            W("pate", 1369, 156, 68, 20, 95), W("2026-11-19", 1460, 147, 220, 29, 97), W("$806.00", 1379, 273, 242, 69, 16),
            W("PAY", 84, 314, 57, 22), W("TO", 151, 314, 40, 22), W("THE", 203, 314, 56, 22), W("ORDER", 271, 314, 105, 22),
            W("**KEIGHT", 83, 402, 184, 29, 40), W("HUNDRED", 280, 402, 207, 29), W("SIX", 503, 402, 63, 29), W("AND", 578, 402, 87, 29),
            W("00/100", 681, 402, 126, 31, 93), W("DOLLARS***", 822, 402, 242, 29, 93), W("DOLLARS", 1693, 417, 82, 14),
        ], clean.Width, clean.Height);
        var numerals = Enumerable.Range(0, page.Words.Count).Where(j => page.Words[j].Text == "$806.00").ToList();
        var again = MoneyOrderReader.NumeralsReadAgain(engine, page, new(80600, numerals, "$806.00"));
        Assert.True(again >= 50, $"numerals read again at {again}");
        // Another amount is not confirmed by the same line.
        Assert.Null(MoneyOrderReader.NumeralsReadAgain(engine, page, new(80800, numerals, "$808.00")));
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
