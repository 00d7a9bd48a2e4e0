using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using static Ledger.Lockbox.Tests.OcrWords;

namespace Ledger.Lockbox.Tests;

/// <summary>Where the slip's values are found, on word boxes as the page pass gave them on outside tuning slips.</summary>
public class SlipLayoutTests
{
    [Fact]
    public void A_value_under_its_label_whose_box_reaches_up_beside_the_label_is_found_by_its_middle()
    {
        // Outside seed 10 #23: the name's boxes start at 171, inside the label's row (156–180), and were not "under" it;
        // seed 4 #148: `DOE,` so, and `JOSE` under it alone, read as a one-word name.
        var page = new PageLayout(
        [
            W("RESIDENT", 53, 156, 158, 24), W("NAME", 224, 156, 90, 24), W("RESIDENT", 1308, 156, 158, 24), W("NUMBER", 1479, 156, 135, 25),
            W("DOE,", 59, 169, 92, 90), W("JOSE", 190, 196, 135, 46), W("24594-339", 1314, 196, 233, 33),
        ], 2550, 1100);
        var label = page.Find("RESIDENT", "NAME").First();
        var stop = label.WordIndexes.ToHashSet();

        Assert.Equal("DOE, JOSE", page.Text(page.Below(label.Box, stop, rightLimit: 1308, byMiddle: true)));
        Assert.Equal("JOSE", page.Text(page.Below(label.Box, stop, rightLimit: 1308)));
    }

    // Round 15: the page pass boxes a slip value over its rule from the label's row down, so the name's last word past the
    // label's end overlapped the label's row and was taken as the value right of the label: `SUSAN` for HERNANDEZ, SUSAN
    // (outside tuning seed 450 #135; the words and boxes below are that page pass's).
    private static readonly PixelRect NameLabel = PixelRect.FromEdges(52, 156, 280, 177);

    private static HashSet<int> Labels(PageLayout page, params string[] texts) =>
        [.. Enumerable.Range(0, page.Words.Count).Where(j => texts.Contains(page.Words[j].Text))];

    [Fact]
    public void A_name_boxed_from_the_labels_row_down_is_the_whole_row_under_the_label()
    {
        var page = new PageLayout([
            W("RESIDENT", 52, 156, 138, 21), W("NAME", 201, 156, 79, 21),
            W("HERNANDEZ,", 58, 168, 265, 82), W("SUSAN", 354, 168, 131, 82),
            W("FACILITY", 52, 266, 116, 21), W("FCI-LOR", 50, 303, 192, 41),
        ], 2550, 1077);
        var labels = Labels(page, "RESIDENT", "NAME", "FACILITY");
        // Before this rule the value was the words right of the label alone.
        Assert.Equal("SUSAN", page.Text(page.RightOf(NameLabel, labels)));
        Assert.Equal("HERNANDEZ, SUSAN", page.Text(MoneyOrderReader.SlipValue(page, NameLabel, labels, 2550)));
    }

    [Fact]
    public void A_value_right_of_its_label_stays_the_value()
    {
        // Our own slip's rows: `RESIDENT NAME:` with the name after it, the next row's label under it.
        var page = new PageLayout([
            W("RESIDENT", 52, 156, 138, 21), W("NAME:", 201, 156, 85, 21),
            W("HERNANDEZ,", 330, 150, 265, 34), W("SUSAN", 620, 150, 131, 34),
            W("RESIDENT", 52, 238, 138, 21), W("NUMBER:", 201, 238, 120, 21), W("35269-597", 330, 232, 200, 34),
        ], 2550, 1077);
        var labels = Labels(page, "RESIDENT", "NAME:", "NUMBER:");
        Assert.Equal("HERNANDEZ, SUSAN", page.Text(MoneyOrderReader.SlipValue(page, PixelRect.FromEdges(52, 156, 286, 177), labels, 2550)));
    }

    [Fact]
    public void A_row_under_the_label_with_words_after_the_ones_right_of_it_leaves_them_as_read()
    {
        // The row under the label also holds a word after the one right of the label (`HILL`, below the label's row):
        // only a lost start is added, never words after what was taken, so the value stays as read.
        var page = new PageLayout([
            W("RESIDENT", 52, 156, 138, 21), W("NAME", 201, 156, 79, 21),
            W("HERNANDEZ,", 58, 168, 265, 82), W("SUSAN", 354, 168, 131, 82), W("HILL", 600, 200, 100, 40),
        ], 2550, 1077);
        var labels = Labels(page, "RESIDENT", "NAME");
        Assert.Equal("SUSAN", page.Text(page.RightOf(NameLabel, labels)));
        Assert.Equal("HERNANDEZ, SUSAN HILL", page.Text(page.Below(NameLabel, labels, byMiddle: true, nearLabelFirst: true)));
        Assert.Equal("SUSAN", page.Text(MoneyOrderReader.SlipValue(page, NameLabel, labels, 2550)));
    }
}
