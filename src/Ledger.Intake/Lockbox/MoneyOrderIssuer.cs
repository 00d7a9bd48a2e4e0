namespace Ledger.Intake.Lockbox;

/// <summary>How an issuer protects its serial numbers against misreading.</summary>
public enum CheckDigitScheme
{
    /// <summary>No check digit: a serial is only as good as the OCR confidence behind it.</summary>
    None,

    /// <summary>USPS style: the last digit is the sum of all the digits before it, mod 9.</summary>
    SumMod9,

    /// <summary>Luhn (mod 10, every second digit from the right doubled), as on payment cards.</summary>
    Luhn,
}

/// <summary>A money-order issuer the lockbox knows: how it names itself and how its serials look.</summary>
public sealed record MoneyOrderIssuer(string Code, string Name, IReadOnlyList<string> Markers, int SerialLength, CheckDigitScheme CheckDigit)
{
    public static readonly MoneyOrderIssuer PostalService =
        new("USPS", "POSTAL MONEY ORDER", ["POSTAL MONEY ORDER", "POSTAL SERVICE"], 11, CheckDigitScheme.SumMod9);

    public static readonly MoneyOrderIssuer MoneyGram =
        new("MONEYGRAM", "MONEYGRAM", ["MONEYGRAM"], 11, CheckDigitScheme.Luhn);

    public static readonly MoneyOrderIssuer WesternUnion =
        new("WESTERN_UNION", "WESTERN UNION", ["WESTERN UNION"], 11, CheckDigitScheme.None);

    public static readonly MoneyOrderIssuer FirstPrairieBank =
        new("FIRST_PRAIRIE_BANK", "FIRST PRAIRIE BANK", ["FIRST PRAIRIE", "PRAIRIE BANK"], 10, CheckDigitScheme.None);

    public static IReadOnlyList<MoneyOrderIssuer> All { get; } = [PostalService, MoneyGram, WesternUnion, FirstPrairieBank];

    public static MoneyOrderIssuer? FromCode(string code) => All.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.Ordinal));

    public bool HasCheckDigit => CheckDigit != CheckDigitScheme.None;

    /// <summary>Right length, digits only, and the check digit (if this issuer has one) matches.</summary>
    public bool IsValidSerial(string serial)
    {
        if (serial.Length != SerialLength || serial.AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0) return false;
        return CheckDigit == CheckDigitScheme.None || ComputeCheckDigit(CheckDigit, serial.AsSpan(0, serial.Length - 1)) == serial[^1];
    }

    /// <summary>The check digit for the digits before it.</summary>
    public static char ComputeCheckDigit(CheckDigitScheme scheme, ReadOnlySpan<char> body)
    {
        if (body.IndexOfAnyExceptInRange('0', '9') >= 0) throw new ArgumentException("Digits only.", nameof(body));
        switch (scheme)
        {
            case CheckDigitScheme.SumMod9:
            {
                var sum = 0;
                foreach (var c in body) sum += c - '0';
                return (char)('0' + sum % 9);
            }
            case CheckDigitScheme.Luhn:
            {
                var sum = 0;
                for (var i = 0; i < body.Length; i++)
                {
                    var d = body[body.Length - 1 - i] - '0';
                    if (i % 2 == 0)
                    {
                        d *= 2;
                        if (d > 9) d -= 9;
                    }
                    sum += d;
                }
                return (char)('0' + (10 - sum % 10) % 10);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "This scheme has no check digit.");
        }
    }
}
