using System.Globalization;

namespace Ledger.Data.Statements;

/// <summary>
/// A statement period of whole UTC days, both ends included: from <see cref="From"/> 00:00:00 UTC up to, but not
/// including, the day after <see cref="To"/>. A line posted at 23:59:59.999999 on the last day is in; one at
/// midnight after it is not.
/// </summary>
public sealed record StatementPeriod
{
    public DateOnly From { get; }
    public DateOnly To { get; }

    public StatementPeriod(DateOnly from, DateOnly to)
    {
        if (from > to) throw new StatementInputException($"The period starts ({Format(from)}) after it ends ({Format(to)}).");
        From = from;
        To = to;
    }

    /// <summary>The first instant of the period.</summary>
    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The first instant after the period (midnight UTC after <see cref="To"/>).</summary>
    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>"2026-11-01_2026-11-30": for file names.</summary>
    public string Slug => $"{Format(From)}_{Format(To)}";

    public override string ToString() => $"{Format(From)} to {Format(To)} (UTC, inclusive)";

    /// <summary>Parses two YYYY-MM-DD dates; a missing, malformed or reversed date is refused with a message naming it.</summary>
    public static StatementPeriod Parse(string? from, string? to) => new(ParseDate("from", from), ParseDate("to", to));

    private static DateOnly ParseDate(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new StatementInputException($"The period needs a '{name}' date (YYYY-MM-DD).");
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new StatementInputException($"'{name}' date '{text}' is not a date like 2026-11-30 (YYYY-MM-DD).");
    }

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A statement request that cannot be answered as asked (bad dates, unknown facility); the message says why.</summary>
public class StatementInputException(string message) : Exception(message);

public sealed class UnknownFacilityException(string code) : StatementInputException($"No facility '{code}'.")
{
    public string Code { get; } = code;
}
