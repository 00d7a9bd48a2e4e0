using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;

namespace Ledger.Intake.Lockbox.Reading;

/// <summary>
/// The money order's purchaser block read again at its label (round 8). The purchaser block is the second sheet a return
/// address stands on (<see cref="ReturnAddress"/>); when the page pass holds no street line over a `CITY, ST ZIP` line, an
/// over-limit order's excess (or an illegible order) waits for a person. On tuning seed 8200 #18 (prairie-bank, stamped) the
/// mailroom's RECEIVED stamp lay over the block: the page pass read `peRerny YOUNG`, `REG@ayYTO , OH 45402` and no street
/// line at all. So when a FROM / PURCHASER / SENDER label is printed (not a signature line's caption), the place beside and
/// under it is cut out, the stamp's gray dropped or not (<see cref="WithoutStamp"/>), and read on its own as sparse words; the block
/// is then looked for in that read as on the page. What it reads is the order's block only: it still has to spell the slip's
/// lines letter for letter to confirm anything.
/// </summary>
internal static class PurchaserBlock
{
    /// <summary>
    /// Print is typed or printed near black (ink 25 on our forms); a rubber stamp is mid gray (ours 146–170, the outside
    /// forms' about 115–140). Lighter than this is taken for stamp or paper in the crop read again.
    /// </summary>
    public const byte StampInk = 110;

    public const string Characters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.'-#";

    /// <summary>The labels a purchaser's value may follow: not a caption of a signature line (`PURCHASER SIGNATURE`).</summary>
    public static IEnumerable<LabelHit> ValueLabels(PageLayout page, IEnumerable<LabelHit> labels) =>
        labels.Where(l => !page.Segment(l.WordIndexes[0]).Any(j => PageLayout.IsWord(page.Keys[j], "SIGNATURE") || PageLayout.IsWord(page.Keys[j], "DRAWER")))
            .OrderBy(l => l.Box.Top);

    /// <summary>
    /// The place a purchaser block can be around <paramref name="label"/>: from a little above the label's row (the value may
    /// sit on it, or a line under it) to nine print heights below, and far to the right.
    /// </summary>
    public static PixelRect Region(PixelRect label, int textHeight, int width, int height)
    {
        var h = Math.Max(textHeight, 12);
        return PixelRect.FromEdges(label.Left - 2 * h, label.Top - 2 * h, label.Right + 40 * h, label.Bottom + 9 * h).ClampTo(width, height);
    }

    /// <summary>The crop with everything lighter than <see cref="StampInk"/> made paper, except inside <paramref name="kept"/>.</summary>
    /// <param name="kept">Round 38: places left as they are (a page's dot-matrix print, whose small dots scan mid gray like a
    /// stamp: a dotted `$***833.00` vanished with the stamp over the words beside it, third tuning 6 #173).</param>
    public static GrayImage WithoutStamp(GrayImage crop, IReadOnlyList<PixelRect>? kept = null)
    {
        var pixels = (byte[])crop.Pixels.Clone();
        for (var i = 0; i < pixels.Length; i++)
            if (pixels[i] > StampInk) pixels[i] = 255;
        foreach (var place in kept ?? [])
            for (var y = place.Top; y < place.Bottom; y++)
                Array.Copy(crop.Pixels, y * crop.Width + place.Left, pixels, y * crop.Width + place.Left, place.Width);
        return new GrayImage(crop.Width, crop.Height, pixels);
    }

    /// <summary>
    /// The place around the label read again as sparse words in capitals, digits and an address's punctuation: as it is
    /// (`NEWARK, Nj 07102` on a clean MoneyGram order: the page pass's lower-case j), then with the stamp's gray dropped; each
    /// read's words' layout, lazily (the caller stops at the first holding a block).
    /// </summary>
    public static IEnumerable<PageLayout> ReadAgain(OcrEngine engine, PageLayout page, PixelRect label)
    {
        var image = engine.Image!;
        var region = Region(label, page.TextHeight, image.Width, image.Height);
        if (region.IsEmpty) yield break;
        var crop = image.Crop(region);
        foreach (var read in new Func<GrayImage>[] { () => crop, () => WithoutStamp(crop) })
        {
            var picture = read();
            IReadOnlyList<OcrWord> words;
            try
            {
                engine.SetImage(picture);
                words = engine.ReadWords(PageSegMode.SparseText, null, Characters).Words;
            }
            finally
            {
                engine.SetImage(image);
            }
            if (words.Count > 0) yield return new PageLayout(words, picture.Width, picture.Height);
        }
    }
}
