namespace Ledger.Domain.Journal;

/// <summary>What became of one entry handed to the journal. Expected rejections are results, not exceptions.</summary>
public enum PostOutcome
{
    Posted,
    /// <summary>An entry with the same idempotency key was posted before; nothing changed.</summary>
    Duplicate,
    /// <summary>It would take a person's account below zero; nothing changed.</summary>
    InsufficientFunds,
    /// <summary>A reversal of an entry that has already been reversed; nothing changed.</summary>
    AlreadyReversed,
    /// <summary>A reversal of an entry that does not exist or is itself a reversal; nothing changed.</summary>
    NotReversible,
}

public readonly record struct PostResult(PostOutcome Outcome, EntryId? EntryId, string? Detail = null)
{
    public bool IsPosted => Outcome == PostOutcome.Posted;
}
