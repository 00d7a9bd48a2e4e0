using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 41 (issue #11): the page pass lost the last word of a resident's name whole (`ELIZABETH DE LA` at 95 for the plainly
/// typed ELIZABETH DE LA CRUZ on a noisy slip, third tuning 14 #99), and the three words stood as the name: not the roster's, the
/// order waited. Letters a word's space after the name's last word, under no page word, now make the reader read the whole value
/// again, as for a name that lost a word; those reads are readings for the roster only.
/// </summary>
[Collection("ocr")]
public class SlipNameWordLostRound41Tests(EngineFixture fixture, ThirdSeed14Round41Slip fourteen) : IClassFixture<ThirdSeed14Round41Slip>
{
    [Fact]
    public void A_name_whose_last_word_was_lost_whole_is_settled_by_the_roster()
    {
        var slip = new MoneyOrderReader().ReadDepositSlip(fixture.Engine, GrayImage.Load(fourteen.Scan(99, "slip")));
        var settled = LockboxDecider.ConfirmedByRoster(slip, n => n == "35471-222" ? ("DE LA CRUZ", "ELIZABETH") : null);
        Assert.Equal("ELIZABETH DE LA CRUZ", settled.ResidentName.Value);
    }

    [Fact]
    public void Letters_a_space_after_the_last_word_under_no_page_word_are_a_lost_word()
    {
        // The word LA at x 100–160 (20 px tall), then four letters from x 175: a word's space (15 px) after it.
        var image = Page((100, 160, 20), (175, 187, 20), (190, 202, 20), (205, 217, 20), (220, 232, 20));
        var page = new PageLayout([Word("LA", 100, 60)], image.Width, image.Height);
        Assert.True(SlipNames.WordAfter(image, page, 0));
    }

    [Fact]
    public void Read_letters_specks_and_the_next_column_are_no_lost_word()
    {
        // Covered by a page word: the page pass read them.
        var read = Page((100, 160, 20), (175, 187, 20), (190, 202, 20));
        Assert.False(SlipNames.WordAfter(read, new PageLayout([Word("LA", 100, 60), Word("CRUZ", 175, 30)], read.Width, read.Height), 0));
        // Specks a third of the letters' height.
        var specks = Page((100, 160, 20), (175, 181, 6), (190, 196, 6));
        Assert.False(SlipNames.WordAfter(specks, new PageLayout([Word("LA", 100, 60)], specks.Width, specks.Height), 0));
        // Print two and a half print heights on: another column's, no word of the name.
        var far = Page((100, 160, 20), (215, 227, 20), (230, 242, 20));
        Assert.False(SlipNames.WordAfter(far, new PageLayout([Word("LA", 100, 60)], far.Width, far.Height), 0));
    }

    /// <summary>A white page 400×80 with solid letters (left, right, height), bottoms aligned at y 50.</summary>
    private static GrayImage Page(params (int Left, int Right, int Height)[] letters)
    {
        const int width = 400, height = 80;
        var pixels = Enumerable.Repeat((byte)255, width * height).ToArray();
        foreach (var (left, right, h) in letters)
            for (var y = 50 - h; y < 50; y++)
                for (var x = left; x < right; x++)
                    // A ring, not a blob: letters have strokes.
                    if (x < left + 3 || x >= right - 3 || y < 50 - h + 3 || y >= 47) pixels[y * width + x] = 0;
        return new GrayImage(width, height, pixels);
    }

    private static OcrWord Word(string text, int left, int width) => new(text, 95, new PixelRect(left, 30, width, 20), 0);
}
