namespace Ledger.Intake.Lockbox.Reading;

/// <summary>Names as the slip's reads spell them.</summary>
internal static class SlipNames
{
    /// <summary>
    /// The read without a first token of one or two characters that is not a word of the name (`E WILLIAMS, CHARLES`,
    /// `ME LINDA WALKER`: the rule's end or a speck at the start of a crop or cut-out line, outside tuning seeds 20 and 40),
    /// when two words of letters remain; else null. Only ever one more reading for the roster (or the purchaser's name) to
    /// confirm: a name by itself it is not.
    /// </summary>
    public static string? WithoutLeadingMark(string read)
    {
        var space = read.IndexOf(' ', StringComparison.Ordinal);
        if (space is not (1 or 2)) return null;
        var rest = read[(space + 1)..].Trim();
        if (rest.Length == 0 || !char.IsAsciiLetter(rest[0])) return null;
        var words = rest.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsAsciiLetter));
        return words >= 2 ? rest : null;
    }
}
