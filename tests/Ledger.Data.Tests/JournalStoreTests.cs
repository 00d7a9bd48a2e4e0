using Ledger.Testing;
using Ledger.Domain;
using Ledger.Data.Journal;
using Ledger.Domain.Journal;
using Npgsql;

namespace Ledger.Data.Tests;

public class JournalStoreTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_same_key_twice_posts_once_and_says_it_was_a_duplicate()
    {
        var first = await db.Journal.PostAsync(Entries.Deposit("idem:1", "10000-001", 5000));
        var second = await db.Journal.PostAsync(Entries.Deposit("idem:1", "10000-001", 5000));

        Assert.Equal(PostOutcome.Posted, first.Outcome);
        Assert.Equal(PostOutcome.Duplicate, second.Outcome);
        Assert.Equal(first.EntryId, second.EntryId);
        Assert.Equal(Money.Usd(5000), await db.Balances.BalanceAsync(Entries.Trust("10000-001")));
    }

    [Fact]
    public async Task A_batch_posts_each_key_once_even_when_it_repeats_a_key_or_one_posted_before()
    {
        await db.Journal.PostAsync(Entries.Deposit("idem:b0", "10000-002", 100));
        var results = await db.Journal.PostBatchAsync([
            Entries.Deposit("idem:b0", "10000-002", 100),
            Entries.Deposit("idem:b1", "10000-002", 200),
            Entries.Deposit("idem:b1", "10000-002", 200),
        ]);

        Assert.Equal([PostOutcome.Duplicate, PostOutcome.Posted, PostOutcome.Duplicate], results.Select(r => r.Outcome));
        Assert.Equal(results[1].EntryId, results[2].EntryId);
        Assert.Equal(Money.Usd(300), await db.Balances.BalanceAsync(Entries.Trust("10000-002")));
        await db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task A_key_posted_before_is_answered_as_a_duplicate_whether_or_not_the_batch_looked_it_up_first()
    {
        // A store that has not yet met a known key writes without looking keys up (the unique index finds them): each
        // replay below goes to a fresh store, so it meets the key that way first, and must answer as a looked-up one.
        JournalStore Fresh() => new(db.Db, new AccountDirectory(db.Db));
        var deposit = Entries.Deposit("replay:dep", "10000-040", 1000);
        var posted = (await Fresh().PostBatchAsync([deposit]))[0];
        var spent = (await Fresh().PostBatchAsync([Entries.Purchase("replay:buy", "10000-040", 1000)]))[0];
        Assert.Equal(PostOutcome.Posted, spent.Outcome);

        // Posting the purchase again would overdraw, and reversing the deposit again finds it reversed: a duplicate all the same.
        var replayedPurchase = (await Fresh().PostBatchAsync([Entries.Purchase("replay:buy", "10000-040", 1000)]))[0];
        Assert.Equal((PostOutcome.Duplicate, spent.EntryId), (replayedPurchase.Outcome, replayedPurchase.EntryId));
        await Fresh().PostAsync(Entries.Deposit("replay:dep2", "10000-040", 1000));
        var reversal = JournalEntry.Reverse(posted.EntryId!.Value, deposit, "replay:dep:reversal", "sent back", DateTimeOffset.UtcNow);
        var reversed = await Fresh().PostAsync(reversal);
        Assert.Equal(PostOutcome.Posted, reversed.Outcome);
        var replayedReversal = await Fresh().PostAsync(reversal);
        Assert.Equal((PostOutcome.Duplicate, reversed.EntryId), (replayedReversal.Outcome, replayedReversal.EntryId));

        // One store, new keys and known keys alternating: the answers do not depend on whether it looked first.
        var store = Fresh();
        for (var round = 0; round < 3; round++)
        {
            var batch = await store.PostBatchAsync([Entries.Deposit($"replay:new{round}", "10000-040", 10), Entries.Deposit($"replay:new{round}b", "10000-040", 10)]);
            Assert.All(batch, r => Assert.Equal(PostOutcome.Posted, r.Outcome));
            var again = await store.PostBatchAsync([Entries.Deposit($"replay:new{round}b", "10000-040", 10), Entries.Deposit($"replay:new{round}c", "10000-040", 10)]);
            Assert.Equal([(PostOutcome.Duplicate, batch[1].EntryId), (PostOutcome.Posted, again[1].EntryId)], again.Select(r => (r.Outcome, r.EntryId)));
        }
        Assert.Equal(Money.Usd(3 * 30), await db.Balances.BalanceAsync(Entries.Trust("10000-040")));
        await db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task A_batch_refuses_only_the_entries_that_would_overdraw()
    {
        var results = await db.Journal.PostBatchAsync([
            Entries.Deposit("od:1", "10000-003", 1000),
            Entries.Purchase("od:2", "10000-003", 600),
            Entries.Purchase("od:3", "10000-003", 600),
            Entries.Purchase("od:4", "10000-003", 400),
        ]);

        Assert.Equal([PostOutcome.Posted, PostOutcome.Posted, PostOutcome.InsufficientFunds, PostOutcome.Posted], results.Select(r => r.Outcome));
        Assert.Equal(Money.Usd(0), await db.Balances.BalanceAsync(Entries.Trust("10000-003")));
        await db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task One_entry_and_the_callers_row_commit_together_whatever_the_journal_answers()
    {
        await db.ExecuteAsync("CREATE TABLE IF NOT EXISTS alongside_log (key text, outcome text)");
        WriteAlongside log(string key) => async (conn, tx, results, ct) =>
        {
            await using var cmd = new NpgsqlCommand("INSERT INTO alongside_log VALUES (@k, @o)", conn, tx);
            cmd.Parameters.AddWithValue("k", key);
            cmd.Parameters.AddWithValue("o", results[0].Outcome.ToString());
            await cmd.ExecuteNonQueryAsync(ct);
        };

        var posted = await db.Journal.PostAsync(Entries.Deposit("al:1", "10000-012", 300), log("al:1"));
        var again = await db.Journal.PostAsync(Entries.Deposit("al:1", "10000-012", 300), log("al:1 again"));
        var refused = await db.Journal.PostAsync(Entries.Purchase("al:2", "10000-012", 301), log("al:2"));

        Assert.Equal((PostOutcome.Posted, PostOutcome.Duplicate, PostOutcome.InsufficientFunds), (posted.Outcome, again.Outcome, refused.Outcome));
        Assert.Equal(posted.EntryId, again.EntryId);
        Assert.Equal("al:1=Posted,al:1 again=Duplicate,al:2=InsufficientFunds",
            await db.ScalarAsync<string>("SELECT string_agg(key || '=' || outcome, ',' ORDER BY key) FROM alongside_log"));
        Assert.Equal(Money.Usd(300), await db.Balances.BalanceAsync(Entries.Trust("10000-012")));
        await db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task A_single_debit_beyond_the_balance_is_refused()
    {
        await db.Journal.PostAsync(Entries.Deposit("od1:1", "10000-004", 500));
        var result = await db.Journal.PostAsync(Entries.Purchase("od1:2", "10000-004", 501));

        Assert.Equal(PostOutcome.InsufficientFunds, result.Outcome);
        Assert.Equal(Money.Usd(500), await db.Balances.BalanceAsync(Entries.Trust("10000-004")));
    }

    [Fact]
    public async Task Two_hundred_concurrent_debits_never_overdraw_one_account()
    {
        await db.Journal.PostAsync(Entries.Deposit("conc:fund", "10000-005", 10_000));

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            i % 2 == 0
                ? db.Journal.PostAsync(Entries.Purchase($"conc:{i}", "10000-005", 75))
                : db.Journal.PostBatchAsync([Entries.Purchase($"conc:{i}", "10000-005", 75)]).ContinueWith(t => t.Result[0]))));

        var posted = results.Count(r => r.IsPosted);
        Assert.Equal(10_000 / 75, posted);
        Assert.All(results, r => Assert.True(r.Outcome is PostOutcome.Posted or PostOutcome.InsufficientFunds));
        Assert.Equal(Money.Usd(10_000 - posted * 75L), await db.Balances.BalanceAsync(Entries.Trust("10000-005")));
        await db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Two_batches_of_the_same_keys_in_opposite_orders_post_each_key_once()
    {
        // Two workers given files that share references: each batch's COPY waits on the other's new keys, PostgreSQL
        // finds the deadlock and rolls one batch back whole; that batch starts again and finds the keys posted.
        var people = Enumerable.Range(0, 40).Select(i => $"10001-{i:D3}").ToArray();
        for (var round = 0; round < 5; round++)
        {
            var entries = people.Select((p, i) => Entries.Deposit($"order:{round}:{i}", p, 100)).ToArray();
            var results = await Task.WhenAll(
                Task.Run(() => db.Journal.PostBatchAsync(entries)),
                Task.Run(() => db.Journal.PostBatchAsync(entries.Reverse().ToArray())));
            var forward = results[0];
            var backward = results[1].Reverse().ToArray();
            for (var i = 0; i < entries.Length; i++)
            {
                Assert.Single(new[] { forward[i], backward[i] }, r => r.Outcome == PostOutcome.Posted);
                Assert.Single(new[] { forward[i], backward[i] }, r => r.Outcome == PostOutcome.Duplicate);
                Assert.Equal(forward[i].EntryId, backward[i].EntryId);
            }
        }
        foreach (var person in people) Assert.Equal(Money.Usd(5 * 100), await db.Balances.BalanceAsync(Entries.Trust(person)));
        await db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Concurrent_writers_of_the_same_key_post_it_once()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            i % 2 == 0 ? db.Journal.PostAsync(Entries.Deposit("race:1", "10000-006", 700))
                       : db.Journal.PostBatchAsync([Entries.Deposit("race:1", "10000-006", 700)]).ContinueWith(t => t.Result[0]))));

        Assert.Single(results, r => r.IsPosted);
        Assert.Equal(Money.Usd(700), await db.Balances.BalanceAsync(Entries.Trust("10000-006")));
    }

    [Fact]
    public async Task A_reversal_restores_balances_and_can_happen_only_once()
    {
        var original = Entries.Deposit("rev:1", "10000-007", 2500);
        var posted = await db.Journal.PostAsync(original);
        var reversal = JournalEntry.Reverse(posted.EntryId!.Value, original, "rev:1:reversal", "sent back", DateTimeOffset.UtcNow);

        Assert.Equal(PostOutcome.Posted, (await db.Journal.PostAsync(reversal)).Outcome);
        Assert.Equal(Money.Usd(0), await db.Balances.BalanceAsync(Entries.Trust("10000-007")));

        var again = JournalEntry.Reverse(posted.EntryId!.Value, original, "rev:1:reversal-again", "sent back twice", DateTimeOffset.UtcNow);
        Assert.Equal(PostOutcome.AlreadyReversed, (await db.Journal.PostAsync(again)).Outcome);

        var nothing = JournalEntry.Reverse(new EntryId(999_999_999), original, "rev:ghost", "no such entry", DateTimeOffset.UtcNow);
        Assert.Equal(PostOutcome.NotReversible, (await db.Journal.PostAsync(nothing)).Outcome);
        await db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task A_reversal_that_would_overdraw_the_person_is_refused()
    {
        var original = Entries.Deposit("rev:spent", "10000-008", 1000);
        var posted = await db.Journal.PostAsync(original);
        await db.Journal.PostAsync(Entries.Purchase("rev:spent:buy", "10000-008", 800));

        var reversal = JournalEntry.Reverse(posted.EntryId!.Value, original, "rev:spent:reversal", "sent back", DateTimeOffset.UtcNow);
        Assert.Equal(PostOutcome.InsufficientFunds, (await db.Journal.PostAsync(reversal)).Outcome);
        Assert.Equal(Money.Usd(200), await db.Balances.BalanceAsync(Entries.Trust("10000-008")));
    }

    [Fact]
    public async Task Balances_can_be_read_at_any_past_instant()
    {
        var first = await db.Journal.PostAsync(Entries.Deposit("pit:1", "10000-009", 1000));
        var firstAt = await db.ScalarAsync<DateTime>($"SELECT recorded_at FROM journal_entries WHERE id = {first.EntryId}");
        await Task.Delay(20);
        var second = await db.Journal.PostAsync(Entries.Deposit("pit:2", "10000-009", 300));
        var secondAt = await db.ScalarAsync<DateTime>($"SELECT recorded_at FROM journal_entries WHERE id = {second.EntryId}");

        var account = Entries.Trust("10000-009");
        Assert.Equal(Money.Usd(0), await db.Balances.BalanceAsync(account, new DateTimeOffset(firstAt).AddTicks(-10)));
        Assert.Equal(Money.Usd(1000), await db.Balances.BalanceAsync(account, new DateTimeOffset(firstAt)));
        Assert.Equal(Money.Usd(1300), await db.Balances.BalanceAsync(account, new DateTimeOffset(secondAt)));

        var statement = await db.Balances.StatementAsync(account, new DateTimeOffset(firstAt), new DateTimeOffset(secondAt));
        Assert.Equal(Money.Usd(1000), statement.Opening);
        var line = Assert.Single(statement.Lines);
        Assert.Equal("pit:2", line.IdempotencyKey);
        Assert.Equal(Money.Usd(1300), statement.Closing);
    }

    [Fact]
    public async Task Posted_rows_cannot_be_updated_or_deleted_in_the_database_itself()
    {
        await db.Journal.PostAsync(Entries.Deposit("imm:1", "10000-010", 100));

        foreach (var sql in new[]
                 {
                     "UPDATE journal_entries SET description = 'changed' WHERE idempotency_key = 'imm:1'",
                     "DELETE FROM journal_entries WHERE idempotency_key = 'imm:1'",
                     "UPDATE postings SET amount_cents = amount_cents * 2",
                     "DELETE FROM postings",
                     "TRUNCATE postings CASCADE",
                     "TRUNCATE journal_entries CASCADE",
                     "DELETE FROM accounts",
                 })
        {
            var e = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync(sql));
            Assert.Contains("append-only", e.MessageText, StringComparison.Ordinal);
        }
        Assert.Equal(Money.Usd(100), await db.Balances.BalanceAsync(Entries.Trust("10000-010")));
    }

    [Fact]
    public async Task Unbalanced_lines_are_refused_by_the_database()
    {
        var account = await db.Accounts.ResolveAsync(Entries.Clearing);
        var e = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync($"""
            WITH e AS (INSERT INTO journal_entries (idempotency_key, source, description, effective_at)
                       VALUES ('raw:1', 'sql', 'hand-made', now()) RETURNING id)
            INSERT INTO postings (entry_id, line_number, account_id, amount_cents, currency) SELECT id, 1, {account}, 100, 'USD' FROM e
            """));
        Assert.Contains("does not balance", e.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_persons_line_not_marked_personal_is_refused_by_the_database()
    {
        // Only lines marked personal are in the index statements read: an unmarked person's line would vanish from them.
        var clearing = await db.Accounts.ResolveAsync(Entries.Clearing);
        var trust = await db.Accounts.ResolveAsync(Entries.Trust("10000-013"));
        var unmarked = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync($"""
            WITH e AS (INSERT INTO journal_entries (idempotency_key, source, description, effective_at)
                       VALUES ('raw:unmarked', 'sql', 'hand-made', now()) RETURNING id)
            INSERT INTO postings (entry_id, line_number, account_id, amount_cents, currency)
            SELECT id, n, a, c, 'USD' FROM e, (VALUES (1, {clearing}, -100), (2, {trust}, 100)) l(n, a, c)
            """));
        Assert.Equal("ck_postings_personal", unmarked.ConstraintName);

        var lying = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync($"""
            WITH e AS (INSERT INTO journal_entries (idempotency_key, source, description, effective_at)
                       VALUES ('raw:lying', 'sql', 'hand-made', now()) RETURNING id)
            INSERT INTO postings (entry_id, line_number, account_id, amount_cents, currency, personal)
            SELECT id, n, a, c, 'USD', true FROM e, (VALUES (1, {clearing}, -100), (2, {clearing}, 100)) l(n, a, c)
            """));
        Assert.Equal("ck_postings_personal", lying.ConstraintName);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM journal_entries WHERE idempotency_key IN ('raw:unmarked', 'raw:lying')"));
    }

    [Fact]
    public async Task A_line_on_an_account_that_does_not_exist_is_refused_by_the_database()
    {
        var clearing = await db.Accounts.ResolveAsync(Entries.Clearing);
        var e = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync($"""
            WITH e AS (INSERT INTO journal_entries (idempotency_key, source, description, effective_at)
                       VALUES ('raw:ghost', 'sql', 'hand-made', now()) RETURNING id)
            INSERT INTO postings (entry_id, line_number, account_id, amount_cents, currency)
            SELECT id, n, a, c, 'USD' FROM e, (VALUES (1, {clearing}, -100), (2, 987654321, 100)) l(n, a, c)
            """));
        Assert.Equal("fk_postings_account", e.ConstraintName);
    }

    [Fact]
    public async Task Both_posting_paths_mark_exactly_the_peoples_lines_and_balances_read_them_all()
    {
        // People's lines are read through the partial index (WHERE personal): every one of them must carry the flag.
        await db.Journal.PostBatchAsync([Entries.Deposit("idx:1", "10000-014", 700), Entries.Deposit("idx:2", "10000-014", 300)]);
        await db.Journal.PostAsync(Entries.Purchase("idx:3", "10000-014", 250));

        Assert.Equal(0L, await db.ScalarAsync<long>(
            "SELECT count(*) FROM postings p JOIN accounts a ON a.id = p.account_id WHERE p.personal <> (a.owner_type = 'person')"));
        Assert.Equal(3L, await db.ScalarAsync<long>("""
            SELECT count(*) FROM postings p JOIN journal_entries e ON e.id = p.entry_id WHERE e.idempotency_key LIKE 'idx:%' AND p.personal
            """));
        Assert.Equal(Money.Usd(750), await db.Balances.BalanceAsync(Entries.Trust("10000-014")));
        var statement = await db.Balances.StatementAsync(Entries.Trust("10000-014"), DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(3, statement.Lines.Count);
        Assert.Equal(Money.Usd(750), statement.Closing);
        await db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task A_batch_moves_each_persons_stored_balance_by_the_sum_of_their_lines_in_it_and_no_one_elses()
    {
        // The batch's balance update (rows locked in id order, then updated) gets one delta per person, summed over every
        // entry of the batch that touches them; a person the batch does not touch keeps their balance.
        var people = Enumerable.Range(0, 30).Select(i => $"10002-{i:D3}").ToArray();
        await db.Journal.PostBatchAsync(people.Select((p, i) => Entries.Deposit($"bal:fund:{i}", p, 1_000 + i)).ToArray());
        var untouched = await db.ScalarAsync<long>("SELECT balance_cents FROM accounts WHERE owner_code = '10002-029' AND owner_type = 'person'");

        // People in descending order, some several times, credits and debits mixed; 10002-029 not at all.
        var batch = people.Take(29).Reverse()
            .SelectMany((p, i) => new[] { Entries.Deposit($"bal:in:{i}", p, 10 * (i + 1)), Entries.Purchase($"bal:out:{i}", p, 3 + i) })
            .Append(Entries.Deposit("bal:again", "10002-005", 77))
            .ToArray();
        var results = await db.Journal.PostBatchAsync(batch);

        Assert.All(results, r => Assert.Equal(PostOutcome.Posted, r.Outcome));
        for (var n = 0; n < 29; n++)
        {
            var i = 28 - n; // the position of people[n] in the reversed list
            var expected = 1_000 + n + 10L * (i + 1) - (3 + i) + (people[n] == "10002-005" ? 77 : 0);
            Assert.Equal(expected, await db.ScalarAsync<long>($"SELECT balance_cents FROM accounts WHERE owner_code = '{people[n]}' AND owner_type = 'person'"));
        }
        Assert.Equal(untouched, await db.ScalarAsync<long>("SELECT balance_cents FROM accounts WHERE owner_code = '10002-029' AND owner_type = 'person'"));
        await db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task A_negative_stored_balance_is_refused_by_the_database()
    {
        await db.Journal.PostAsync(Entries.Deposit("neg:1", "10000-011", 100));
        var e = await Assert.ThrowsAsync<PostgresException>(() =>
            db.ExecuteAsync("UPDATE accounts SET balance_cents = -1 WHERE owner_code = '10000-011'"));
        Assert.Equal(Schema.JournalConstraints.PersonNotNegative, e.ConstraintName);
    }
}
