using Ledger.Testing;
using FsCheck;
using FsCheck.Fluent;
using Ledger.Domain;
using Ledger.Domain.Journal;

namespace Ledger.Data.Tests;

/// <summary>
/// Random sequences of deposits, purchases and reversals, posted through both paths against the real
/// database: afterwards every law holds, and each person's balance is what a simple model predicts.
/// </summary>
public class LedgerLawsProperties(TestDatabase db) : IClassFixture<TestDatabase>
{
    private sealed record Op(int Kind, int Person, long Cents, bool Batch);

    [Fact]
    public async Task Random_histories_keep_every_law_and_match_a_simple_model()
    {
        var ops = Gen.Choose(0, 2).SelectMany(kind => Gen.Choose(0, 4).SelectMany(person => Gen.Choose(1, 5000).SelectMany(cents =>
            Gen.Elements(true, false).Select(batch => new Op(kind, person, cents, batch)))));
        var histories = Gen.Sample(ops.ListOf(), 25, 40);
        var model = new Dictionary<string, long>();
        var originals = new List<(EntryId Id, JournalEntry Entry)>();
        var reversed = new HashSet<EntryId>();
        var run = 0;

        foreach (var history in histories)
        {
            run++;
            var step = 0;
            foreach (var op in history)
            {
                step++;
                var person = $"30000-{op.Person:D3}";
                var key = $"prop:{run}:{step}";
                JournalEntry entry = op.Kind switch
                {
                    0 => Entries.Deposit(key, person, op.Cents),
                    1 => Entries.Purchase(key, person, op.Cents),
                    _ when originals.Count > 0 => JournalEntry.Reverse(originals[^1].Id, originals[^1].Entry, key, "undo", DateTimeOffset.UtcNow),
                    _ => Entries.Deposit(key, person, op.Cents),
                };
                var result = op.Batch ? (await db.Journal.PostBatchAsync([entry]))[0] : await db.Journal.PostAsync(entry);

                var deltas = entry.Postings.Where(p => p.Account.IsPersonal).GroupBy(p => p.Account.Owner.Code)
                    .ToDictionary(g => g.Key, g => g.Sum(p => p.Amount.MinorUnits));
                var fits = deltas.All(d => model.GetValueOrDefault(d.Key) + d.Value >= 0);
                var alreadyReversed = entry.Reverses is { } target && reversed.Contains(target);
                var expected = alreadyReversed ? PostOutcome.AlreadyReversed : fits ? PostOutcome.Posted : PostOutcome.InsufficientFunds;
                // The histories come from a fresh random seed each run: a failure says what was posted onto which balances.
                Assert.True(expected == result.Outcome,
                    $"history {run}, step {step} ({op}, {entry.Description} {string.Join(" ", entry.Postings.Select(p => $"{p.Account.Owner.Code}:{p.Amount.MinorUnits}"))}): "
                    + $"expected {expected}, got {result.Outcome}; balances before: {string.Join(", ", model.Select(m => $"{m.Key}={m.Value}"))}; history: {string.Join(", ", history)}");
                if (result.IsPosted)
                {
                    foreach (var (owner, delta) in deltas) model[owner] = model.GetValueOrDefault(owner) + delta;
                    if (entry.Reverses is { } undone) reversed.Add(undone);
                    else originals.Add((result.EntryId!.Value, entry));
                }
            }
        }

        foreach (var (person, cents) in model)
            Assert.Equal(Money.Usd(cents), await db.Balances.BalanceAsync(Entries.Trust(person)));
        await db.AssertLedgerConsistentAsync();
    }
}
