using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ledger.Data.Intake;

/// <summary>One field OCR read of the sender (not confirmed): what it is, the text as read and its confidence.</summary>
public sealed record SenderReading(string Field, string? Value, string? Raw, double Confidence);

/// <summary>
/// A sender address staff confirm or key for a return (stored as <c>STREET, CITY, ST 12345</c>, the shape intake stores a
/// confirmed one in and the return letter splits into two lines), and OCR's unconfirmed readings of it, shown beside the form.
/// </summary>
public static partial class SenderAddresses
{
    public static string Clean(string text) => Spaces().Replace(text.Trim(), " ").ToUpperInvariant();

    public static string Join(string street, string cityStateZip) => $"{Clean(street)}, {Clean(cityStateZip)}";

    /// <summary>Why a keyed name and address cannot be mailed to; null when they can.</summary>
    public static string? Invalid(string? name, string? street, string? cityStateZip)
    {
        if (string.IsNullOrWhiteSpace(name) || Clean(name).Length > 100) return "Key the sender's name (up to 100 characters).";
        if (string.IsNullOrWhiteSpace(street) || !street.Any(char.IsAsciiDigit) || street.Contains(',', StringComparison.Ordinal) || Clean(street).Length > 100)
            return "Key the street line with its number (or the P.O. box), without a comma.";
        if (string.IsNullOrWhiteSpace(cityStateZip) || !CityLine().IsMatch(Clean(cityStateZip)))
            return "Key the city line as CITY, ST 12345.";
        return null;
    }

    /// <summary>What OCR read of the sender on the slip and the order (the intake item's details), as read, with confidences.</summary>
    public static IReadOnlyList<SenderReading> Readings(string? details)
    {
        if (string.IsNullOrWhiteSpace(details)) return [];
        using var doc = JsonDocument.Parse(details);
        var list = new List<SenderReading>();
        foreach (var (field, label) in Fields)
        {
            if (!doc.RootElement.TryGetProperty(field, out var f) || f.ValueKind != JsonValueKind.Object) continue;
            string? Text(string p) => f.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var confidence = f.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : 0;
            if (Text("value") is null && string.IsNullOrWhiteSpace(Text("raw"))) continue;
            list.Add(new SenderReading(label, Text("value"), Text("raw"), confidence));
        }
        // The separate reads of the slip's street and city lines (each kind of read on its own), when intake kept them.
        if (doc.RootElement.TryGetProperty("address_reads", out var reads) && reads.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in reads.EnumerateArray())
            {
                string? Text(string p) => a.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                var confidence = a.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : 0;
                list.Add(new SenderReading($"slip: {Text("line")} line, {Text("kind")} read", Text("text"), Text("text"), confidence));
            }
        }
        return list;
    }

    public static string Describe(SenderReading r)
    {
        var c = r.Confidence.ToString("0.#", CultureInfo.InvariantCulture);
        if (r.Value is null) return $"{r.Field}: \"{r.Raw}\", confidence {c} (not accepted)";
        return r.Value == r.Raw ? $"{r.Field}: \"{r.Raw}\", confidence {c}" : $"{r.Field}: {r.Value} (raw \"{r.Raw}\", confidence {c})";
    }

    private static readonly (string Field, string Label)[] Fields =
    [
        ("sender_name", "slip: sender's name"), ("sender_address", "slip: street"), ("city_state_zip", "slip: city, state, ZIP"),
        ("purchaser_name", "money order: purchaser"), ("purchaser_address", "money order: purchaser's address"),
    ];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^[A-Z][A-Z .'-]*, [A-Z]{2} \d{5}(-\d{4})?$")]
    private static partial Regex CityLine();
}
