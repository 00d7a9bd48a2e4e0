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
    private (FieldReading<string> Name, FieldReading<string> Address) ReadPurchaser(OcrEngine engine, PageLayout page)
    {
        var labels = page.Find("FROM").Concat(page.Find("PURCHASER")).Concat(page.Find("SENDER")).ToList();
        if (FindPurchaser(page, labels.Select(h => h.Box).ToList(), engine) is { } found) return found;
        foreach (var label in PurchaserBlock.ValueLabels(page, labels))
        foreach (var again in PurchaserBlock.ReadAgain(engine, page, label.Box))
        {
            // The crop's own layout: the label read again sits at the same place in it.
            if (FindPurchaser(again, []) is { } block) return block;
        }
        return (Missing<string>(), Missing<string>());
    }

    /// <param name="engine">The engine holding <paramref name="page"/>'s image, to read a faint block's lines again; null for a crop's layout.</param>
    private (FieldReading<string> Name, FieldReading<string> Address)? FindPurchaser(PageLayout page, List<PixelRect> labelBoxes, OcrEngine? engine = null)
    {
        List<int> Value(List<int> seg) => seg.Where(j => !PurchaserLabels.Contains(page.Keys[j])).ToList();
        var cities = page.Segments.Select(Value).Where(v => v.Count > 0 && CityLine().IsMatch(page.Text(v))).ToList();
        var h = Math.Max(page.TextHeight, 12);
        double Distance(List<int> city) => labelBoxes.Count == 0 ? 0 : labelBoxes.Min(l => Math.Abs(page.Box(city).Top - l.Bottom));
        foreach (var city in cities.OrderBy(Distance))
        {
            var cityBox = page.Box(city);
            List<int>? Above(PixelRect box) => page.Segments.Select(Value)
                .Where(v => v.Count > 0 && page.Box(v).Bottom <= box.Top + box.Height / 3 && page.Box(v).Bottom > box.Top - 2.5 * box.Height
                    && Math.Abs(page.Box(v).Left - box.Left) < 3 * h)
                .OrderByDescending(v => page.Box(v).Bottom).FirstOrDefault();
            var street = Above(cityBox);
            if (street is null || !char.IsAsciiDigit(page.Words[street[0]].Text[0])) continue;
            var name = Above(page.Box(street));
            var address = TextField(page, street.Concat(city).ToList(), joiner: page.Text(street) + ", " + page.Text(city));
            // Round 8: a block the page pass read faintly (a comma at 1 on tuning seed 8200 #160) is read again line by line; each
            // crop spelling its line alike, itself clearly, is the block's confidence (ReturnAddress: one sheet read clearly).
            if (engine is not null && address.Confidence < ReturnAddress.AgreementMinConfidence)
            {
                var again = new[] { street, city }.Select(line => (Page: page.Text(line), Crop: engine.Read(Around(page.Box(line)), PageSegMode.SingleLine, PurchaserBlock.Characters))).ToList();
                var crop = again.Min(r => r.Crop.MinConfidence);
                if (again.All(r => PurchaserLines.Chars(r.Page) == PurchaserLines.Chars(r.Crop.Text)) && crop >= ReturnAddress.AgreementMinConfidence)
                    address = new FieldReading<string>(crop >= Options.TextMinConfidence ? address.RawText : null, crop, address.RawText);
            }
            return (name is null ? Missing<string>() : TextField(page, name), address);
        }
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Z][A-Z .'-]*,?\s[A-Z]{2}\s\d{5}(-\d{4})?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex CityLine();
}
