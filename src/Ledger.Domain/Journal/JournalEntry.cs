namespace Ledger.Domain.Journal;

/// <summary>
/// A journal entry to post: balanced lines, written atomically, identified by the idempotency key
/// of its source (MoneyGram reference, money-order serial, the API's Idempotency-Key). Once posted
/// it never changes; a mistake is undone by <see cref="Reverse"/>.
/// </summary>
public sealed record JournalEntry
{
    public const int MaxKeyLength = 200;

    public string IdempotencyKey { get; }
    public string Source { get; }
    public string Description { get; }
    public DateTimeOffset EffectiveAt { get; }
    public IReadOnlyList<Posting> Postings { get; }

    /// <summary>Set on a reversal: the entry it undoes.</summary>
    public EntryId? Reverses { get; }

    public JournalEntry(string idempotencyKey, string source, string description, DateTimeOffset effectiveAt,
        IReadOnlyList<Posting> postings, EntryId? reverses = null)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > MaxKeyLength)
            throw new DomainException($"An idempotency key is 1..{MaxKeyLength} characters; got '{idempotencyKey}'.");
        if (string.IsNullOrWhiteSpace(source)) throw new DomainException("An entry needs a source.");
        if (postings.Count < 2) throw new DomainException($"Entry '{idempotencyKey}' has {postings.Count} line(s); an entry needs at least two.");
        foreach (var p in postings)
        {
            if (p.Amount.IsZero) throw new DomainException($"Entry '{idempotencyKey}' has a zero line on {p.Account}.");
            if (p.Account.Currency != p.Amount.Currency)
                throw new DomainException($"Entry '{idempotencyKey}' posts {p.Amount.Currency} to a {p.Account.Currency} account.");
        }

        // Each currency's lines sum to zero, checked in the order currencies first appear (a loop, not GroupBy: an entry has a
        // few lines, and a large intake builds one entry per record).
        for (var i = 0; i < postings.Count; i++)
        {
            var currency = postings[i].Amount.Currency;
            var seen = false;
            for (var j = 0; j < i && !seen; j++) seen = postings[j].Amount.Currency == currency;
            if (seen) continue;
            var sum = 0L;
            for (var j = i; j < postings.Count; j++)
            {
                if (postings[j].Amount.Currency == currency) sum = checked(sum + postings[j].Amount.MinorUnits);
            }
            if (sum != 0) throw new UnbalancedEntryException(idempotencyKey, currency.Code, sum);
        }

        IdempotencyKey = idempotencyKey;
        Source = source;
        Description = description;
        EffectiveAt = effectiveAt;
        Postings = postings.ToArray();
        Reverses = reverses;
    }

    /// <summary>The entry that undoes <paramref name="original"/>: the same lines with their signs turned.</summary>
    public static JournalEntry Reverse(EntryId originalId, JournalEntry original, string idempotencyKey, string description, DateTimeOffset effectiveAt) =>
        new(idempotencyKey, original.Source, description, effectiveAt,
            original.Postings.Select(p => p with { Amount = -p.Amount }).ToArray(), originalId);
}

public sealed class UnbalancedEntryException(string key, string currency, long sum)
    : DomainException($"Entry '{key}' does not balance in {currency}: lines sum to {sum} minor units.");
