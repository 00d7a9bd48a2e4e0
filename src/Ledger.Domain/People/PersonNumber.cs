namespace Ledger.Domain.People;

/// <summary>Federal register numbers look like NNNNN-NNN; agencies may use numbers of their own.</summary>
public static class PersonNumber
{
    public static bool IsRegisterNumber(string value) =>
        value.Length == 9 && value[5] == '-' && value.AsSpan(0, 5).IndexOfAnyExceptInRange('0', '9') < 0
        && value.AsSpan(6).IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>"12345678" → "12345-678": how MoneyGram senders type a register number.</summary>
    public static string? RegisterNumberFromDigits(ReadOnlySpan<char> digits) =>
        digits.Length == 8 && digits.IndexOfAnyExceptInRange('0', '9') < 0 ? $"{digits[..5]}-{digits[5..]}" : null;

    /// <summary>A person number as stored: trimmed, upper case, letters, digits and dashes only.</summary>
    public static bool IsWellFormed(string value) =>
        value.Length is > 0 and <= 32 && value.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-');
}
