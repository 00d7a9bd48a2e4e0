using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.People;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Intake.Lockbox;

// The purchaser's name and address block on the money order.
public sealed partial class MoneyOrderReader
{
    /// <summary>
    /// The purchaser: the CITY, ST ZIP line, the street line above it and the name above that; near FROM / PURCHASER /
    /// SENDER when such a label is printed, anywhere otherwise. Label words are not part of the values. When the page pass
    /// holds no such block but a label is printed, the place beside and under the label is read again on its own with a
    /// stamp's gray dropped (round 8, <see cref="PurchaserBlock"/>).
    /// </summary>
    /// <param name="payTo">The payee as read, never taken for the purchaser's name.</param>
    private (FieldReading<string> Name, FieldReading<string> Address) ReadPurchaser(OcrEngine engine, PageLayout page, string? payTo)
    {
        var labels = page.Find("FROM").Concat(page.Find("PURCHASER")).Concat(page.Find("SENDER")).ToList();
        var found = FindPurchaser(page, labels.Select(h => h.Box).ToList(), payTo, engine,
            PurchaserBlock.ValueLabels(page, labels).Select(l => l.Box).ToList());
        // Round 35: a block found on the page but read faintly (`6767 NAGNOLTA PL, JACKSON, MS. 39221` at 25, third tuning seed 6
        // #183) is looked for again there too, and the read of its place alone, when it holds a block, kept instead: the page's
        // faint read stands only when that holds none. Either must still spell the slip's lines to confirm a return address.
        if (found is { } onPage && onPage.Address.Confidence >= ReturnAddress.AgreementMinConfidence) return onPage;
        foreach (var label in PurchaserBlock.ValueLabels(page, labels))
        foreach (var again in PurchaserBlock.ReadAgain(engine, page, label.Box))
        {
            // The crop's own layout: the label read again sits at the same place in it.
            if (FindPurchaser(again, [], payTo) is { } block) return block;
        }
        return found ?? (Missing<string>(), Missing<string>());
    }

    /// <param name="engine">The engine holding <paramref name="page"/>'s image, to read a faint block's lines again; null for a crop's layout.</param>
    /// <param name="valueLabels">The labels a purchaser's name may follow (not a signature line's caption), for a block on one line.</param>
    private (FieldReading<string> Name, FieldReading<string> Address)? FindPurchaser(PageLayout page, List<PixelRect> labelBoxes, string? payTo, OcrEngine? engine = null,
        List<PixelRect>? valueLabels = null)
    {
        List<int> Value(List<int> seg) => seg.Where(j => !PurchaserLabels.Contains(page.Keys[j])).ToList();
        var cities = page.Segments.Select(Value).Where(v => v.Count > 0 && CityLine().IsMatch(page.Text(v))).ToList();
        var h = Math.Max(page.TextHeight, 12);
        double Distance(List<int> city) => labelBoxes.Count == 0 ? 0 : labelBoxes.Min(l => Math.Abs(page.Box(city).Top - l.Bottom));
        foreach (var city in cities.OrderBy(Distance))
        {
            var cityBox = page.Box(city);
            var street = Above(cityBox);
            if (street is null || !char.IsAsciiDigit(page.Words[street[0]].Text[0])) continue;
            var name = Above(page.Box(street));
            var address = ReadAgainWhenFaint(page, engine, TextField(page, street.Concat(city).ToList(), joiner: page.Text(street) + ", " + page.Text(city)), [street, city]);
            return (name is null ? Missing<string>() : TextField(page, name), address);
        }

        // Round 35: the block printed on one line, `2466 WASHINGTON AVE UNIT 3, MOBILE, AL 36608` (three of the third generator's
        // seven layouts: MoneyGram's, the credit union's and the bank's, under ADDRESS or `STREET, CITY, STATE ZIP`, or unlabelled).
        // Until now no purchaser was read on them, so an illegible order there could be mailed back only on the slip's own two
        // clear reads of each line: on third tuning seed 6, 5 of the 7 illegible orders that waited for a person had their block
        // printed so, clear on the paper. The line is a street (a house number and a name) ending in a comma, then a city line.
        foreach (var segment in page.Segments.Select(Value).Where(v => v.Count > 2).OrderBy(Distance))
        {
            if (OneLineBlock(page, segment) is not { } block) continue;
            var line = block.Words;
            var address = ReadAgainWhenFaint(page, engine, TextField(page, line, joiner: block.Street + ", " + block.City), [line]);
            // The name: beside or under the nearest FROM / PURCHASER / SENDER label above the line (the credit union's form prints
            // the purchaser beside PAY TO, the payee above the address box; MoneyGram's under FROM), else the line above, unless
            // that is the payee's or a caption: a payee taken for the sender would address a return to the person in prison.
            var lineBox = page.Box(line);
            var stop = new HashSet<int>(line);
            var name = (valueLabels ?? []).Where(l => l.Top < lineBox.Top && lineBox.Top - l.Top < 6 * lineBox.Height).OrderBy(l => lineBox.Top - l.Top)
                .Select(l => page.RightOf(l, stop, maxFirstGapInHeights: 4) is { Count: > 0 } beside ? beside : OneRun(page.Below(l, stop, maxDropInHeights: 3)))
                .Select(Value).FirstOrDefault(v => v.Count > 0 && !v.Intersect(line).Any() && IsPersonsName(page.Text(v)));
            name ??= Above(lineBox);
            if (name is not null && (!IsPersonsName(page.Text(name))
                || (!string.IsNullOrEmpty(payTo) && PurchaserLines.Chars(page.Text(name)) == PurchaserLines.Chars(payTo)))) name = null;
            return (name is null ? Missing<string>() : TextField(page, name), address);
        }
        return null;

        // Under a label: only the run of words that starts there, not a caption further along the row (MoneyGram's `SIGNATURE OF
        // PURCHASER / FIRMA` beside the name, third tuning seed 7 #77).
        List<int> OneRun(List<int> row) => row.Count == 0 ? row : page.Segments.First(seg => seg.Contains(row[0])).Where(row.Contains).ToList();

        List<int>? Above(PixelRect box) => page.Segments.Select(Value)
            .Where(v => v.Count > 0 && page.Box(v).Bottom <= box.Top + box.Height / 3 && page.Box(v).Bottom > box.Top - 2.5 * box.Height
                && Math.Abs(page.Box(v).Left - box.Left) < 3 * h)
            .OrderByDescending(v => page.Box(v).Bottom).FirstOrDefault();
    }

    /// <summary>
    /// A line that can be a person's name: no digits, and none of the captions a form prints over an address box or beside a
    /// name (`STREET, CITY, STATE ZIP` on the credit union's form, read as the line above its address; a signature line's).
    /// </summary>
    private static bool IsPersonsName(string text) =>
        !text.Any(char.IsAsciiDigit) && !text.Split(' ').Select(PageLayout.Normalize).Any(w => w is "STREET" or "CITY" or "STATE" or "ZIP" or "ADDRESS" or "SIGNATURE");

    /// <summary>
    /// Round 8: a block the page pass read faintly (a comma at 1 on tuning seed 8200 #160) is read again line by line; each crop
    /// spelling its line alike, itself clearly, is the block's confidence (ReturnAddress: one sheet read clearly).
    /// </summary>
    /// <param name="engine">null for a crop's layout: nothing is read again.</param>
    private FieldReading<string> ReadAgainWhenFaint(PageLayout page, OcrEngine? engine, FieldReading<string> address, List<int>[] lines)
    {
        if (engine is null || address.Confidence >= ReturnAddress.AgreementMinConfidence) return address;
        var again = lines.Select(line => (Page: page.Text(line), Crop: engine.Read(Around(page.Box(line)), PageSegMode.SingleLine, PurchaserBlock.Characters))).ToList();
        var crop = again.Min(r => r.Crop.MinConfidence);
        return again.All(r => PurchaserLines.Chars(r.Page) == PurchaserLines.Chars(r.Crop.Text)) && crop >= ReturnAddress.AgreementMinConfidence
            ? new FieldReading<string>(crop >= Options.TextMinConfidence ? address.RawText : null, crop, address.RawText)
            : address;
    }

    /// <summary>
    /// A purchaser block on one line: the street (a house number, then a word of letters) up to the first word ending in a comma
    /// after which the rest is a city line (`UNIT 3, MOBILE, AL 36608`: the comma before the city's, not the city's own); the
    /// line's words from the house number on, or null when the line is not one. Up to two words before the house number are
    /// left out: a label read as other letters (`appress` for the bank form's Address) or a box's edge read as `|`. The city
    /// line is matched with the periods and colons a speck leaves after the state or the ZIP (`PA: 15247.`) set aside; the text
    /// is kept as read (a return address is compared by its letters and digits, ReturnAddress).
    /// </summary>
    internal static (List<int> Words, string Street, string City)? OneLineBlock(PageLayout page, List<int> line)
    {
        var first = line.FindIndex(j => char.IsAsciiDigit(page.Words[j].Text[0]));
        if (first is < 0 or > 2) return null;
        line = line[first..];
        for (var k = 2; k < line.Count; k++)
        {
            if (!page.Words[line[k - 1]].Text.EndsWith(',')) continue;
            var (street, city) = (page.Text(line[..k]).TrimEnd(','), page.Text(line[k..]));
            if (!CityLine().IsMatch(city.Replace(".", "").Replace(":", ""))) continue;
            return street.Split(' ').Skip(1).Any(w => w.Count(char.IsAsciiLetter) >= 2) ? (line, street, city) : null;
        }
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Z][A-Z .'-]*,?\s[A-Z]{2}\s\d{5}(-\d{4})?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex CityLine();
}
