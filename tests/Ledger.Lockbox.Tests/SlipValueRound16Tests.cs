using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using static Ledger.Lockbox.Tests.OcrWords;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 16 (issue #11): tuning seed 9673 #17 (western-union, clean): the slip's border, read by the page pass as one tall
/// `—` (336 × 177 px) whose box reaches the `RESIDENT NUMBER` row, was taken as the value right of the label, so the
/// plainly printed `66569-354` under it was never read and a legible order waited.
/// </summary>
[Collection("ocr")]
public class SlipValueBesideJunkRound16Tests(EngineFixture fixture)
{
    private static HashSet<int> Labels(PageLayout page, params string[] keys) =>
        Enumerable.Range(0, page.Words.Count).Where(j => keys.Contains(page.Words[j].Text)).ToHashSet();

    [Fact]
    public void A_mark_without_letters_or_digits_right_of_the_label_is_not_the_value()
    {
        var page = new PageLayout([
            W("RESIDENT", 1017, 200, 126, 17), W("NUMBER", 1152, 200, 108, 17), W("—", 1499, 38, 336, 177),
            W("66569-354", 1027, 241, 202, 29), W("PHONE", 1017, 330, 86, 17),
        ], 1872, 1005);
        var labels = Labels(page, "RESIDENT", "NUMBER", "PHONE");
        var label = PixelRect.FromEdges(1017, 200, 1260, 217);
        Assert.Equal("—", page.Text(page.RightOf(label, labels)));
        Assert.Equal("66569-354", page.Text(MoneyOrderReader.SlipValue(page, label, labels, 1872)));
    }

    [Fact]
    public void A_value_right_of_the_label_with_a_mark_beside_it_stays()
    {
        var page = new PageLayout([
            W("RESIDENT", 52, 238, 138, 21), W("NUMBER:", 201, 238, 120, 21), W("35269-597", 330, 232, 200, 34), W("|", 560, 232, 8, 34),
        ], 2550, 1077);
        var labels = Labels(page, "RESIDENT", "NUMBER:");
        Assert.Equal("35269-597 |", page.Text(MoneyOrderReader.SlipValue(page, PixelRect.FromEdges(52, 238, 321, 259), labels, 2550)));
    }

    [Fact]
    public void The_slip_whose_border_lay_beside_the_label_has_its_number_read()
    {
        using var slip = TuningItems.Slip(9673, 17, "66569-354");
        var reading = new MoneyOrderReader().ReadDepositSlip(fixture.Engine, GrayImage.Load(slip.Path));
        Assert.Equal("66569-354", reading.ResidentNumber.Value);
    }
}
