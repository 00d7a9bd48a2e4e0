using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 15: the page pass boxes a slip value over its rule from the label's row down, so the name's last word past the
/// label's end overlapped the label's row and was taken as the value right of the label: `SUSAN` for HERNANDEZ, SUSAN
/// (outside tuning seed 450 #135; the words and boxes below are that page pass's).
/// </summary>
public class SlipValueRound15Tests
{
    private static OcrWord Word(string text, int left, int top, int width, int height) => new(text, 95, new PixelRect(left, top, width, height), 0);

    /// <summary>The layout sorts its words top to bottom: indexes by text.</summary>
    private static int[] At(PageLayout page, params string[] texts) =>
        texts.Select(t => Enumerable.Range(0, page.Words.Count).First(j => page.Words[j].Text == t)).ToArray();

    private static HashSet<int> Labels(PageLayout page, params string[] texts) => [.. At(page, texts)];

    private static readonly PixelRect NameLabel = PixelRect.FromEdges(52, 156, 280, 177);

    [Fact]
    public void A_name_boxed_from_the_labels_row_down_is_the_whole_row_under_the_label()
    {
        var page = new PageLayout([
            Word("RESIDENT", 52, 156, 138, 21), Word("NAME", 201, 156, 79, 21),
            Word("HERNANDEZ,", 58, 168, 265, 82), Word("SUSAN", 354, 168, 131, 82),
            Word("FACILITY", 52, 266, 116, 21), Word("FCI-LOR", 50, 303, 192, 41),
        ], 2550, 1077);
        var labels = Labels(page, "RESIDENT", "NAME", "FACILITY");
        // Before this rule the value was the words right of the label alone.
        Assert.Equal(At(page, "SUSAN"), page.RightOf(NameLabel, labels));
        Assert.Equal(At(page, "HERNANDEZ,", "SUSAN"), MoneyOrderReader.SlipValue(page, NameLabel, labels, 2550));
    }

    [Fact]
    public void A_value_right_of_its_label_stays_the_value()
    {
        // Our own slip's rows: `RESIDENT NAME:` with the name after it, the next row's label under it.
        var page = new PageLayout([
            Word("RESIDENT", 52, 156, 138, 21), Word("NAME:", 201, 156, 85, 21),
            Word("HERNANDEZ,", 330, 150, 265, 34), Word("SUSAN", 620, 150, 131, 34),
            Word("RESIDENT", 52, 238, 138, 21), Word("NUMBER:", 201, 238, 120, 21), Word("35269-597", 330, 232, 200, 34),
        ], 2550, 1077);
        var labels = Labels(page, "NAME:", "NUMBER:");
        labels.UnionWith(Enumerable.Range(0, page.Words.Count).Where(j => page.Words[j].Text == "RESIDENT"));
        Assert.Equal(At(page, "HERNANDEZ,", "SUSAN"), MoneyOrderReader.SlipValue(page, PixelRect.FromEdges(52, 156, 286, 177), labels, 2550));
    }

    [Fact]
    public void A_row_under_the_label_with_words_after_the_ones_right_of_it_leaves_them_as_read()
    {
        // The row under the label also holds a word after the one right of the label (`HILL`, below the label's row):
        // only a lost start is added, never words after what was taken, so the value stays as read.
        var page = new PageLayout([
            Word("RESIDENT", 52, 156, 138, 21), Word("NAME", 201, 156, 79, 21),
            Word("HERNANDEZ,", 58, 168, 265, 82), Word("SUSAN", 354, 168, 131, 82), Word("HILL", 600, 200, 100, 40),
        ], 2550, 1077);
        var labels = Labels(page, "RESIDENT", "NAME");
        Assert.Equal(At(page, "SUSAN"), page.RightOf(NameLabel, labels));
        Assert.Equal(At(page, "HERNANDEZ,", "SUSAN", "HILL"), page.Below(NameLabel, labels, byMiddle: true, nearLabelFirst: true));
        Assert.Equal(At(page, "SUSAN"), MoneyOrderReader.SlipValue(page, NameLabel, labels, 2550));
    }
}
