namespace Ledger.Domain;

/// <summary>An ISO 4217 currency with its number of minor units. No culture default: always explicit.</summary>
public readonly record struct Currency
{
    public string Code { get; }
    public int MinorDigits { get; }

    private Currency(string code, int minorDigits)
    {
        Code = code;
        MinorDigits = minorDigits;
    }

    public static readonly Currency USD = new("USD", 2);

    public static Currency FromCode(string code) => code switch
    {
        "USD" => USD,
        _ => throw new DomainException($"Unsupported currency '{code}'."),
    };

    public override string ToString() => Code;
}
