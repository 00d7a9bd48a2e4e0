using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 11's tear rule alone (`InkDamage.Find`: "a tear is paper whose lightest tone is not the paper's"), on a page that
/// round 10's test for missing paper cannot judge: hatching over the whole scan (no plain margin), so the flattest cells of the
/// page are hatched ones and the paper around a tear is no grainier than they are; and a tear whose flat gray is darker than the
/// hatched paper's mean by less than the grain can move a cell's tone. Only its lightest tone, far below the white between the
/// hatching's lines, says it is no paper. (Round 11 left this rule with no isolating test: its drawn tear was caught by round
/// 10's "flat where the paper carries a pattern" branch too.)
/// </summary>
public class TearOnPatternedPaperRound11Tests
{
    private const int Width = 1000, Height = 500, Cell = 10;
    private const byte White = 250, Line = 210;

    /// <summary>One-pixel diagonal lines 40 levels darker every 10 px over the whole page: on the reader's 2-pixel grid every
    /// 10-px cell holds the same share of line (a fifth), so each cell's mean is 242 and its edges the same.</summary>
    private static GrayImage Hatched()
    {
        var px = new byte[Width * Height];
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
                px[y * Width + x] = (x + y) % 10 == 0 ? Line : White;
        return new GrayImage(Width, Height, px);
    }

    /// <summary>Ten cells by four: with the page's edge cells, under the 5 % of cells below which the flattest are hatched ones.</summary>
    private static readonly PixelRect Tear = new(400, 200, 100, 40);

    private static void Fill(GrayImage image, PixelRect at, byte tone)
    {
        for (var y = at.Top; y < at.Bottom; y++)
            for (var x = at.Left; x < at.Right; x++)
                image.Pixels[y * image.Width + x] = tone;
    }

    private static bool Found(GrayImage image) =>
        InkDamage.Find(image, Cell, minWidth: 60).Any(a => a.Left < Tear.Right && a.Right > Tear.Left && a.Top < Tear.Bottom && a.Bottom > Tear.Top);

    [Fact]
    public void A_flat_gray_patch_whose_lightest_tone_is_far_below_the_papers_white_is_missing_paper()
    {
        // 231: 11 levels under the hatched paper's mean (242), less than the 15 the grain asks of a darker cell here (the
        // grain: a cell's edges, 16, are the page's flattest), so round 10's test does not see it; 19 under the paper's white
        // between the lines (250), more than those 15: round 11's does.
        var image = Hatched();
        Fill(image, Tear, 231);
        Assert.True(Found(image));
    }

    [Theory]
    [InlineData(White)] // a white panel the issuer printed on the pattern: the paper's own white
    [InlineData(240)]   // flat, but within the grain of the paper's white: not proven missing
    public void A_flat_patch_as_light_as_the_paper_is_not(byte tone)
    {
        var image = Hatched();
        Fill(image, Tear, tone);
        Assert.False(Found(image));
    }

    [Fact]
    public void The_hatched_page_alone_shows_no_damage() => Assert.Empty(InkDamage.Find(Hatched(), Cell, minWidth: 60));
}
