using Ledger.Data.Intake;
using Ledger.Domain;
using Ledger.Intake.Keying;
using Ledger.Testing;

namespace Ledger.Intake.Tests;

/// <summary>A MoneyGram reversal intake could not apply is settled from the keying queue: applied (reversed) or dismissed.</summary>
public class ReversalKeyingTests : IAsyncLifetime
{
    private readonly IntakeWorld _world = new();
    private KeyingService _keying = null!;
    private KeyingQueue _queue = null!;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        // Keying writes its audit entries to the services schema (api.audit_log), as in production.
        await Ledger.Data.Services.ServicesMigrator.MigrateAsync(_world.Db.ConnectionString);
        var store = new ReviewResolutionStore(_world.Db.Db);
        _keying = new KeyingService(_world.Db.Db, store, _world.Db.Journal, _world.Db.Directory, new KeyingOptions { FourEyesAboveCents = 100_00 }, TimeProvider.System);
        _queue = new KeyingQueue(store);
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    /// <summary>The reversal comes before its send (original not found: review), then the send arrives and posts.</summary>
    private async Task<long> ReversalBeforeItsSendAsync(string send, string reversal, string amount)
    {
        var first = await _world.RunAsync(new MoneyGramFileBuilder().Reversal(reversal, send, "12345678DOE", amount), $"rev-{reversal}.mgx.csv");
        Assert.Equal(1, first.InReview);
        await _world.RunAsync(new MoneyGramFileBuilder().Send(send, "12345678DOE", amount), $"send-{send}.mgx.csv");
        return first.FileId;
    }

    [Fact]
    public async Task A_reversal_in_review_is_listed_and_applying_it_reverses_the_send_once()
    {
        var file = await ReversalBeforeItsSendAsync("75000001", "75000002", "40.00");
        Assert.Equal(Money.Usd(40_00), await _world.TrustAsync("12345-678"));
        var listed = Assert.Single(await _queue.ReversalsAsync());
        Assert.Equal(("75000002", "original_not_found"), (listed.Reference, listed.ReasonCode));

        var applied = await _keying.ReverseAsync(file, 1, "ops-1");

        Assert.True(applied.IsSuccess, applied.Detail);
        Assert.Equal(("reversed", "reversed"), (applied.Resolution!.Status, applied.Resolution.Outcome));
        Assert.Equal(Money.Usd(0), await _world.TrustAsync("12345-678"));
        Assert.Empty(await _queue.ReversalsAsync());
        Assert.Equal("already-resolved", (await _keying.ReverseAsync(file, 1, "ops-2")).Code);
        Assert.Equal(1L, await _world.Db.ScalarAsync<long>("SELECT count(*) FROM journal_entries WHERE reverses_entry_id IS NOT NULL"));
        Assert.Equal(1L, await _world.Db.ScalarAsync<long>("SELECT count(*) FROM api.audit_log WHERE action = 'keying.reverse' AND actor_subject = 'ops-1'"));
        await _world.Db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Above_the_threshold_a_second_staff_member_applies_it_and_the_first_cannot()
    {
        var file = await ReversalBeforeItsSendAsync("75000011", "75000012", "250.00");

        var keyed = await _keying.ReverseAsync(file, 1, "ops-1");
        Assert.Equal("awaiting_approval", keyed.Resolution!.Status);
        Assert.Equal(Money.Usd(250_00), await _world.TrustAsync("12345-678"));
        Assert.Equal("four-eyes", (await _keying.ApproveAsync(keyed.Resolution.Id, "ops-1")).Code);

        var approved = await _keying.ApproveAsync(keyed.Resolution.Id, "ops-2");
        Assert.True(approved.IsSuccess, approved.Detail);
        Assert.Equal(("reversed", "ops-2"), (approved.Resolution!.Status, approved.Resolution.ApprovedBy));
        Assert.Equal(Money.Usd(0), await _world.TrustAsync("12345-678"));
        await _world.Db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task A_reversal_whose_send_never_came_cannot_be_applied_and_is_dismissed_with_a_reason()
    {
        var day = await UtcDay.ClearOfMidnightAsync(TimeSpan.FromMinutes(2)); // the day this test's money moves on (see UtcDay)
        var s = await _world.RunAsync(new MoneyGramFileBuilder().Reversal("75000022", "75000021", "12345678DOE", "30.00"), "orphan.mgx.csv");

        Assert.Equal("original-not-found", (await _keying.ReverseAsync(s.FileId, 1, "ops-1")).Code);
        Assert.Equal("reason-required", (await _keying.DismissAsync(s.FileId, 1, " ", "ops-1")).Code);
        var dismissed = await _keying.DismissAsync(s.FileId, 1, "MoneyGram confirmed the send was never paid out", "ops-1");

        Assert.Equal("dismissed", dismissed.Resolution!.Status);
        Assert.Empty(await _queue.ReversalsAsync());
        Assert.Equal(0L, await _world.Db.ScalarAsync<long>("SELECT count(*) FROM journal_entries"));
        // The day closes: nothing of the file is left in review.
        var row = Assert.Single(await new Reconciliation(_world.Db.Db).ForDayAsync(day), r => r.Scope == "file");
        Assert.Equal((0L, true), (row.InReview, row.Balanced));
    }
}
