using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;

namespace Ledger.Intake.Tests;

/// <summary>
/// A MoneyGram chunk is cut only by size: a reversal (and what it gives back of a restitution share) is decided inside
/// the chunk, with the decisions chunks cut at every reversal gave; where a posting does not meet what a decision counted
/// on, the chunk is decided again that way. Real PostgreSQL.
/// </summary>
public class MoneyGramChunkTests : IAsyncLifetime
{
    private readonly IntakeWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private const string OBrien = "23456-789"; // owes $50.00 at Test Atlanta, 20% of each trust deposit

    [Fact]
    public async Task A_send_and_its_reversal_post_in_one_transaction_and_the_share_given_back_is_collected_by_the_next_send()
    {
        var s = await _world.RunAsync(new MoneyGramFileBuilder()
            .Send("75000001", "23456789OBRIEN", "100.00")
            .Send("75000002", "12345678DOE", "40.00")
            .Reversal("75000003", "75000001", "23456789OBRIEN", "100.00")
            .Send("75000004", "23456789OBRIEN", "100.00")
            .Send("75000005", "23456789OBRIEN", "100.00")
            .Send("75000006", "23456789OBRIEN", "100.00"), "one-chunk.mgx.csv");

        Assert.Equal((1L, 5L, 0L), (s.Reversed, s.Posted, s.InReview));
        // $20 taken and given back, then $20, $20 and the last $10 of the $50.
        Assert.Equal(Money.Usd(50_00), await _world.RestitutionAsync(OBrien));
        Assert.Equal(Money.Usd(250_00), await _world.TrustAsync(OBrien));

        // One transaction wrote every entry of the file (the same xmin), the reversal naming the send's entry.
        await using var cmd = _world.Db.Db.CreateCommand("""
            SELECT count(DISTINCT e.xmin::text), (SELECT r.reverses_entry_id = s.id FROM journal_entries r, journal_entries s
                                                 WHERE r.idempotency_key = 'mg:75000003' AND s.idempotency_key = 'mg:75000001'),
                   (SELECT id FROM journal_entries WHERE idempotency_key = 'mg:75000001')
            FROM journal_entries e WHERE e.idempotency_key LIKE 'mg:7500000%'
            """);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(1L, reader.GetInt64(0));
        Assert.True(reader.GetBoolean(1));
        var sendId = reader.GetInt64(2);
        var items = await _world.ItemsAsync(s.FileId);
        Assert.Equal($"Reverses MoneyGram 75000001 (entry {sendId}).", items["75000003#3"].Reason);
        await _world.Db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task A_repeated_send_takes_no_restitution_share_from_the_sends_after_it()
    {
        // The repeat posts nothing, so what it would have taken is still owed: $20, $20, then the last $10.
        var s = await _world.RunAsync(new MoneyGramFileBuilder()
            .Send("75100001", "23456789OBRIEN", "100.00")
            .Send("75100001", "23456789OBRIEN", "100.00")
            .Send("75100002", "23456789OBRIEN", "100.00")
            .Send("75100003", "23456789OBRIEN", "100.00"), "repeat.mgx.csv");

        Assert.Equal((3L, 1L), (s.Posted, s.Duplicates));
        Assert.Equal(Money.Usd(50_00), await _world.RestitutionAsync(OBrien));
        Assert.Equal(Money.Usd(250_00), await _world.TrustAsync(OBrien));
        await _world.Db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task A_reversal_refused_for_insufficient_funds_gives_back_nothing_to_the_sends_after_it()
    {
        await _world.RunAsync(new MoneyGramFileBuilder().Send("75200001", "23456789OBRIEN", "100.00"), "first.mgx.csv");
        // O'BRIEN spends $75 of the $80 credited: the reversal of that send can no longer take it back.
        await _world.Db.Journal.PostAsync(new JournalEntry("buy:75200001", "test", "music", DateTimeOffset.UtcNow, [
            Posting.Debit(AccountKey.Personal(OBrien, AccountKind.Trust, Currency.USD), Money.Usd(75_00)),
            Posting.Credit(AccountKey.OfCompany(AccountKind.MediaRevenue, Currency.USD), Money.Usd(75_00))]));

        var s = await _world.RunAsync(new MoneyGramFileBuilder()
            .Send("75200002", "23456789OBRIEN", "25.00")
            .Reversal("75200003", "75200001", "23456789OBRIEN", "100.00")
            .Send("75200004", "23456789OBRIEN", "200.00"), "refused.mgx.csv");

        Assert.Equal((2L, 1L, 0L), (s.Posted, s.InReview, s.Reversed));
        Assert.Equal(["insufficient_funds"], (await _world.Files.ItemsAsync(s.FileId, "in_review")).Select(i => i.ReasonCode ?? "").ToArray());
        // $20 + $5 collected before; the $20 was not given back, so the $200 send takes the $25 left, not $40.
        Assert.Equal(Money.Usd(50_00), await _world.RestitutionAsync(OBrien));
        Assert.Equal(Money.Usd(5_00 + 20_00 + 175_00), await _world.TrustAsync(OBrien));
        await _world.Db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task A_reversal_in_its_sends_chunk_whose_own_key_was_posted_before_is_a_duplicate_and_its_send_stays_posted()
    {
        // An earlier file's send carried the reference the reversal carries now: the reversal's key exists.
        await _world.RunAsync(new MoneyGramFileBuilder().Send("75300002", "12345678DOE", "10.00"), "earlier.mgx.csv");

        var s = await _world.RunAsync(new MoneyGramFileBuilder()
            .Send("75300001", "12345678DOE", "40.00")
            .Reversal("75300002", "75300001", "12345678DOE", "40.00"), "clash.mgx.csv");

        Assert.Equal((1L, 1L, 0L, 2L), (s.Posted, s.Duplicates, s.Reversed, s.Items));
        var items = await _world.ItemsAsync(s.FileId);
        Assert.Equal(("posted", "duplicate"), (items["75300001#1"].Outcome, items["75300002#2"].Outcome));
        Assert.Equal(Money.Usd(50_00), await _world.TrustAsync("12345-678"));
        await _world.Db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task A_reversal_after_a_send_and_its_reversal_is_refused_as_the_files_order_refuses_it()
    {
        await _world.RunAsync(new MoneyGramFileBuilder().Send("75400001", "12345678DOE", "40.00"), "earlier.mgx.csv");
        // DOE spends $30 of the $40: $10 left.
        await _world.Db.Journal.PostAsync(new JournalEntry("buy:75400001", "test", "music", DateTimeOffset.UtcNow, [
            Posting.Debit(AccountKey.Personal("12345-678", AccountKind.Trust, Currency.USD), Money.Usd(30_00)),
            Posting.Credit(AccountKey.OfCompany(AccountKind.MediaRevenue, Currency.USD), Money.Usd(30_00))]));

        // In the file's order the $30 send is taken back before the earlier $40 is reversed: $10 cannot cover it. Posted
        // with the chunk's batch first and its own reversal after, $10 + $30 would cover the $40 and leave the $30 unpaid.
        var s = await _world.RunAsync(new MoneyGramFileBuilder()
            .Send("75400002", "12345678DOE", "30.00")
            .Reversal("75400003", "75400002", "12345678DOE", "30.00")
            .Reversal("75400004", "75400001", "12345678DOE", "40.00"), "order.mgx.csv");

        Assert.Equal((1L, 1L, 1L), (s.Posted, s.Reversed, s.InReview));
        var items = await _world.ItemsAsync(s.FileId);
        Assert.Equal(("reversed", "in_review", "insufficient_funds"),
            (items["75400003#2"].Outcome, items["75400004#3"].Outcome, items["75400004#3"].ReasonCode));
        Assert.Equal(Money.Usd(10_00), await _world.TrustAsync("12345-678"));
        await _world.Db.AssertLedgerConsistentAsync();
    }
}
