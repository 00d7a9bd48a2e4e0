using System.Globalization;

namespace Ledger.Domain;

/// <summary>An amount in integer minor units (cents) of one currency. No floating point anywhere.</summary>
public readonly record struct Money(long MinorUnits, Currency Currency) : IComparable<Money>
{
    public static Money Usd(long cents) => new(cents, Currency.USD);
    public static Money Zero(Currency currency) => new(0, currency);

    public bool IsZero => MinorUnits == 0;
    public bool IsNegative => MinorUnits < 0;
    public bool IsPositive => MinorUnits > 0;

    public static Money operator +(Money a, Money b) => new(checked(a.MinorUnits + Same(a, b).MinorUnits), a.Currency);
    public static Money operator -(Money a, Money b) => new(checked(a.MinorUnits - Same(a, b).MinorUnits), a.Currency);
    public static Money operator -(Money a) => new(checked(-a.MinorUnits), a.Currency);
    public static bool operator <(Money a, Money b) => a.CompareTo(b) < 0;
    public static bool operator >(Money a, Money b) => a.CompareTo(b) > 0;
    public static bool operator <=(Money a, Money b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Money a, Money b) => a.CompareTo(b) >= 0;

    public int CompareTo(Money other) => MinorUnits.CompareTo(Same(this, other).MinorUnits);

    public static Money Min(Money a, Money b) => a <= b ? a : b;
    public static Money Max(Money a, Money b) => a >= b ? a : b;

    /// <summary>
    /// Splits this amount in proportion to <paramref name="weights"/> by largest remainder:
    /// the parts always sum to the whole and none is negative (for a non-negative whole).
    /// </summary>
    public Money[] Allocate(params long[] weights)
    {
        if (weights.Length == 0) throw new DomainException("Allocation needs at least one weight.");
        if (weights.Any(w => w < 0)) throw new DomainException("Allocation weights must not be negative.");
        var total = weights.Aggregate(0L, (s, w) => checked(s + w));
        if (total == 0) throw new DomainException("Allocation weights must not all be zero.");

        var sign = MinorUnits < 0 ? -1 : 1;
        var whole = (UInt128)(ulong)Math.Abs(MinorUnits);
        var parts = new long[weights.Length];
        var remainders = new (UInt128 Remainder, int Index)[weights.Length];
        UInt128 given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var product = whole * (ulong)weights[i];
            var share = product / (ulong)total;
            parts[i] = (long)share;
            given += share;
            remainders[i] = (product % (ulong)total, i);
        }

        // The cents left over go one each to the largest remainders; ties to the earlier part.
        var leftover = (long)(whole - given);
        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take((int)leftover))
            parts[index]++;

        var currency = Currency;
        return parts.Select(p => new Money(sign * p, currency)).ToArray();
    }

    /// <summary>The share of this amount given in basis points (1/100 of a percent), rounded down to the cent.</summary>
    public Money PercentOf(int basisPoints)
    {
        if (basisPoints is < 0 or > 10_000) throw new DomainException($"Basis points {basisPoints} out of 0..10000.");
        return new Money(checked(MinorUnits * basisPoints) / 10_000, Currency);
    }

    /// <summary>Parses "125.00" (a dot and exactly the currency's minor digits), the only form intake files use.</summary>
    public static bool TryParseExact(ReadOnlySpan<char> text, Currency currency, out Money money)
    {
        money = default;
        var dot = text.IndexOf('.');
        if (dot <= 0 || text.Length - dot - 1 != currency.MinorDigits) return false;
        var units = text[..dot];
        var minor = text[(dot + 1)..];
        if (units.Length > 13) return false;
        foreach (var c in units) if (c is < '0' or > '9') return false;
        foreach (var c in minor) if (c is < '0' or > '9') return false;
        var value = long.Parse(units, NumberStyles.None, CultureInfo.InvariantCulture);
        var scale = Scale(currency);
        money = new Money(value * scale + long.Parse(minor, NumberStyles.None, CultureInfo.InvariantCulture), currency);
        return true;
    }

    public static Money ParseExact(string text, Currency currency) =>
        TryParseExact(text, currency, out var m) ? m : throw new FormatException($"'{text}' is not an amount like 125.00.");

    /// <summary>"125.00" or "-3.50", invariant.</summary>
    public string ToDecimalString()
    {
        var scale = Scale(Currency);
        var abs = Math.Abs(MinorUnits);
        var sign = MinorUnits < 0 ? "-" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{abs / scale}.{(abs % scale).ToString(new string('0', Currency.MinorDigits), CultureInfo.InvariantCulture)}");
    }

    public override string ToString() => $"{ToDecimalString()} {Currency.Code}";

    private static long Scale(Currency currency)
    {
        long scale = 1;
        for (var i = 0; i < currency.MinorDigits; i++) scale *= 10;
        return scale;
    }

    private static Money Same(Money a, Money b) =>
        a.Currency == b.Currency ? b : throw new DomainException($"Cannot mix {a.Currency} and {b.Currency}.");
}
