using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>Where the slip's values are found, on word boxes as the page pass gave them on outside tuning slips.</summary>
public class SlipLayoutTests
{
    private static OcrWord W(string text, int left, int top, int width, int height) => new(text, 96, new PixelRect(left, top, width, height), 0);

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
}
