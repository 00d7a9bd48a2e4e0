using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;

namespace Ledger.Intake.Lockbox.Reading;

/// <summary>
/// The slip's sender lines looked for again as the money order's purchaser block spells them (round 7). A return (illegible,
/// or the excess over a limit) is mailed only to an address two prints agree on (<see cref="ReturnAddress"/>); on tuning and
/// held-back slips the agreement was lost for the slip's side alone: its street line read three ways, none of them the
/// purchaser block's (`7658 HILE ST | 7058 HILL SF`), or the line (or the sender's name) not found under its label at all
/// while the page pass had read it. Two things are done, only when the purchaser block was read and no read of the slip's
/// line spells it:
/// <list type="number">
/// <item>the page pass's lines anywhere on the slip are searched for one spelling it (a read already made, not found by the
/// label: a value set a line lower, or its label misread);</item>
/// <item>the line's crop is read again at twice the size, as one line without a character list, and (round 8) with a stamp's
/// gray dropped.</item>
/// </list>
/// A read is kept only when it spells the purchaser's line letter for letter and digit for digit (<see cref="AddressReadKind.AgainstPurchaser"/>):
/// it can confirm nothing else, and <see cref="ReturnAddress"/> takes it only with a clear purchaser block. A wrong address
/// would need the order and the slip, two sheets printed apart, misread into the same wrong line.
/// </summary>
internal static class PurchaserLines
{
    /// <summary>The purchaser block's street and city lines (the reader joins them with ", "), or null.</summary>
    public static (string Street, string City)? Split(string purchaserAddress)
    {
        var comma = purchaserAddress.IndexOf(", ", StringComparison.Ordinal);
        if (comma <= 0 || comma + 2 >= purchaserAddress.Length) return null;
        return (purchaserAddress[..comma].Trim(), purchaserAddress[(comma + 2)..].Trim());
    }

    public static string Chars(string s) => string.Concat(s.Where(char.IsAsciiLetterOrDigit)).ToUpperInvariant();

    private static string Letters(string s) => string.Concat(s.Where(char.IsAsciiLetter)).ToUpperInvariant();

    /// <summary>Some read of the line already spells <paramref name="target"/> (letters and digits; a name by its letters).</summary>
    public static bool Spelled(IEnumerable<AddressLineRead> reads, AddressLine line, string target) =>
        reads.Any(r => r.Line == line && Key(line, r.Text) == Key(line, target));

    private static string Key(AddressLine line, string text) => line == AddressLine.Name ? Letters(text) : Chars(text);

    /// <summary>
    /// A run of the page pass's words, within one of its lines and outside the form's labels, spelling <paramref name="target"/>;
    /// the weakest word's confidence.
    /// </summary>
    public static AddressLineRead? OnPage(PageLayout page, ISet<int> labelWords, AddressLine line, string target)
    {
        var key = Key(line, target);
        if (key.Length < 4) return null;
        foreach (var segment in page.Segments)
        {
            var words = segment.Where(j => !labelWords.Contains(j)).ToList();
            for (var i = 0; i < words.Count; i++)
            for (var k = i + 1; k <= words.Count; k++)
            {
                var run = words[i..k];
                var spelled = Key(line, page.Text(run));
                if (spelled.Length > key.Length) break;
                if (spelled == key) return new AddressLineRead(line, AddressReadKind.AgainstPurchaser, page.Text(run), page.MinConfidence(run));
            }
        }
        return null;
    }

    /// <summary>
    /// The line's crop read again, at twice the size and as one line without a character list; the reads that spell
    /// <paramref name="target"/>.
    /// </summary>
    public static IEnumerable<AddressLineRead> ReadAgain(OcrEngine engine, PixelRect crop, AddressLine line, string target, string characters,
        Func<OcrEngine, GrayImage, string?, OcrText> readAlone)
    {
        var page = engine.Image!;
        crop = crop.ClampTo(page.Width, page.Height);
        if (crop.IsEmpty) yield break;
        var reads = new List<OcrText> { readAlone(engine, page.Crop(crop).Scale(2), characters), engine.Read(crop, PageSegMode.SingleLine) };
        // Round 8: a RECEIVED stamp over the line (`DAYTON, OH ECEIVED`): the crop with the stamp's gray dropped (PurchaserBlock).
        reads.Add(readAlone(engine, PurchaserBlock.WithoutStamp(page.Crop(crop)), characters));
        foreach (var read in reads.Where(r => Key(line, r.Text) == Key(line, target)))
            yield return new AddressLineRead(line, AddressReadKind.AgainstPurchaser, read.Text.Trim(), read.MinConfidence);
    }
}
