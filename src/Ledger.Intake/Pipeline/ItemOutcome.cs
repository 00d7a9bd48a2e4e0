namespace Ledger.Intake.Pipeline;

/// <summary>What became of one intake item. Every item of every file ends in exactly one.</summary>
public enum ItemOutcome
{
    Posted,
    /// <summary>Credited up to the facility's limit; the rest goes back to the sender.</summary>
    PartiallyPosted,
    Returned,
    /// <summary>Not posted: waits for a person in operations.</summary>
    InReview,
    /// <summary>Processed before (this or an earlier file): changes nothing.</summary>
    Duplicate,
    Reversed,
}

public static class ItemOutcomes
{
    public static string ToCode(this ItemOutcome outcome) => outcome switch
    {
        ItemOutcome.Posted => "posted",
        ItemOutcome.PartiallyPosted => "partially_posted",
        ItemOutcome.Returned => "returned",
        ItemOutcome.InReview => "in_review",
        ItemOutcome.Duplicate => "duplicate",
        ItemOutcome.Reversed => "reversed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}
