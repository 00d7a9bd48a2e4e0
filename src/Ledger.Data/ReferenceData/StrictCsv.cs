using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Ledger.Domain;

namespace Ledger.Data.ReferenceData;

/// <summary>Reads a headed CSV row by row and turns every bad value into an error naming line and field.</summary>
internal sealed class StrictCsv : IDisposable
{
    private readonly CsvReader _csv;
    private readonly string _name;

    public StrictCsv(TextReader reader, string name, IReadOnlyList<string> requiredColumns)
    {
        _name = name;
        _csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            DetectColumnCountChanges = true,
            BadDataFound = args => throw new CsvInputException(name, args.Context.Parser?.RawRow ?? 0, null, $"badly quoted data: {args.RawRecord.Trim()}"),
        });
        if (!_csv.Read()) throw new CsvInputException(name, 1, null, "the file is empty; expected a header line.");
        _csv.ReadHeader();
        var header = _csv.HeaderRecord ?? [];
        var missing = requiredColumns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToArray();
        if (missing.Length > 0)
            throw new CsvInputException(name, 1, null, $"missing column(s) {string.Join(", ", missing)}; the header is '{string.Join(",", header)}'.");
    }

    public long Line => _csv.Parser.RawRow;

    public bool Read()
    {
        try
        {
            return _csv.Read();
        }
        catch (CsvHelper.BadDataException e)
        {
            throw new CsvInputException(_name, _csv.Parser.RawRow, null, e.Message.Split('\n')[0]);
        }
    }

    public string Text(string field, bool allowEmpty = false)
    {
        var value = _csv.GetField(field) ?? "";
        if (!allowEmpty && value.Length == 0) throw Error(field, "is empty.");
        return value;
    }

    public Money Amount(string field, Currency currency)
    {
        var text = Text(field);
        return Money.TryParseExact(text, currency, out var money) && !money.IsNegative
            ? money
            : throw Error(field, $"'{text}' is not an amount like 125.00.");
    }

    public int Integer(string field, int min, int max)
    {
        var text = Text(field);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Error(field, $"'{text}' is not a whole number in {min}..{max}.");
    }

    /// <summary>"20" or "12.5" percent → basis points, exactly; more than two decimals is refused.</summary>
    public int PercentAsBasisPoints(string field)
    {
        var text = Text(field);
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            && percent is >= 0 and <= 100 && decimal.Round(percent, 2) == percent)
            return (int)(percent * 100);
        throw Error(field, $"'{text}' is not a percentage in 0..100 with at most two decimals.");
    }

    public CsvInputException Error(string field, string message) => new(_name, Line, field, message);

    public void Dispose() => _csv.Dispose();
}
