using Ledger.Data.Intake;
using Ledger.Data.Schema;
using Ledger.Data.Settlements;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Pipeline;
using Ledger.Testing;

namespace Ledger.Intake.Tests;

/// <summary>A money order's excess refunded by check: through the returns desk's refund, four-eyes above the threshold, on positive pay.</summary>
public sealed class RefundCheckTests : IAsyncLifetime
{
    private readonly IntakeWorld _world = new();
    public Task InitializeAsync() => _world.InitializeAsync();
    public Task DisposeAsync() => _world.DisposeAsync();

    private DisbursementStore Store => new(_world.Db.Db, _world.Db.Journal, new ReturnsDesk(_world.Db.Db, _world.Db.Journal, TimeProvider.System), TimeProvider.System);

    private async Task<long> PayableAsync()
    {
        await using var cmd = _world.Db.Db.CreateCommand("""
            SELECT coalesce(sum(p.amount_cents), 0)::bigint FROM postings p JOIN accounts a ON a.id = p.account_id WHERE a.kind = 'refunds_payable'
            """);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_excess_of_a_money_order_is_refunded_by_a_check_someone_else_approves()
    {
        var day = await UtcDay.ClearOfMidnightAsync(TimeSpan.FromMinutes(2)); // the day this test's money moves on (see UtcDay)
        // A $400.00 money order to DE LA CRUZ at a $300.00 limit: $100.00 of excess in refunds payable.
        var (file, _) = await _world.Files.RegisterAsync("lockbox", "batch-r", "sha-batch-r", null, 1, 40000, null);
        await new IntakePipeline(_world.Db.Journal).PostAsync([new ItemPlan(new IntakeItemRow
        {
            FileId = file.Id, Sequence = 1, Reference = "31234567999", Kind = "deposit", Outcome = "partially_posted", ReasonCode = "over_limit",
            Reason = "Over the limit; the excess is returned to you by mail.", PersonNumber = "34567-890", FacilityCode = "T-DUB",
            AmountCents = 40000, CreditedCents = 30000, ReturnedCents = 10000, SenderName = "MARY ADAMS", SenderAddress = "12 OAK AVE, ERIE, PA 16501",
        }, new JournalEntry(LockboxDecider.KeyOf("31234567999"), "lockbox", "Money order 31234567999", DateTimeOffset.UtcNow,
        [
            Posting.Debit(LockboxDecider.Clearing, Money.Usd(40000)),
            Posting.Credit(AccountKey.Personal("34567-890", AccountKind.Trust, Currency.USD), Money.Usd(30000)),
            Posting.Credit(LockboxDecider.RefundsPayable, Money.Usd(10000)),
        ]))]);
        Assert.Equal(10000, await PayableAsync());

        var created = await Store.CreateRefundCheckAsync(file.Id, 1, "ops-a", fourEyesAboveCents: 5000, null, CancellationToken.None);
        Assert.Null(created.Refusal);
        Assert.Equal(DisbursementStatus.PendingApproval, created.Row!.Status);
        Assert.Equal("MARY ADAMS", created.Row.PayeeName);
        Assert.Equal("four-eyes", (await Store.ApproveAsync(created.Row.Id, "ops-a", null, CancellationToken.None)).Refusal);
        Assert.Equal(10000, await PayableAsync());

        var issued = await Store.ApproveAsync(created.Row.Id, "ops-b", null, CancellationToken.None);
        Assert.Null(issued.Refusal);
        Assert.Equal(DisbursementStatus.Issued, issued.Row!.Status);
        Assert.Equal(0, await PayableAsync());
        var desk = await new ReturnsDesk(_world.Db.Db, _world.Db.Journal, TimeProvider.System).FindAsync(file.Id, 1);
        Assert.Equal("refunded", desk!.Disposition!.Status);
        Assert.Equal(issued.Row.EntryId, desk.Disposition.EntryId);
        var csv = await Store.PositivePayCsvAsync(day, "000123456789", CancellationToken.None);
        Assert.Contains($",{issued.Row.CheckNumber},", csv);
        Assert.Contains(",100.00,MARY ADAMS,", csv);

        // Once refunded, not again while the check stands.
        Assert.Equal("already-disbursed", (await Store.CreateRefundCheckAsync(file.Id, 1, "ops-a", 5000, null, CancellationToken.None)).Refusal);

        // The check is lost and voided: the refund entry is reversed, the return waits for its refund again, positive pay says void.
        var voided = await Store.VoidAsync(issued.Row.Id, "ops-b", "lost in the mail", null, CancellationToken.None);
        Assert.Null(voided.Refusal);
        Assert.Equal(DisbursementStatus.Voided, voided.Row!.Status);
        Assert.Equal(10000, await PayableAsync());
        var reopened = await new ReturnsDesk(_world.Db.Db, _world.Db.Journal, TimeProvider.System).FindAsync(file.Id, 1);
        Assert.Null(reopened!.Disposition);
        await using (var cmd = _world.Db.Db.CreateCommand($"SELECT reverses_entry_id FROM journal_entries WHERE id = {voided.Row.VoidEntryId}"))
            Assert.Equal(issued.Row.EntryId, (long)(await cmd.ExecuteScalarAsync())!);
        csv = await Store.PositivePayCsvAsync(day, "000123456789", CancellationToken.None);
        Assert.Contains($",{issued.Row.CheckNumber},", csv);
        Assert.Contains(",100.00,MARY ADAMS,V", csv);
        Assert.Equal("not-issued", (await Store.VoidAsync(issued.Row.Id, "ops-b", "again", null, CancellationToken.None)).Refusal);

        // A new check refunds it again, under a new refund entry.
        var second = await Store.CreateRefundCheckAsync(file.Id, 1, "ops-a", fourEyesAboveCents: 5000, null, CancellationToken.None);
        var reissued = await Store.ApproveAsync(second.Row!.Id, "ops-b", null, CancellationToken.None);
        Assert.Null(reissued.Refusal);
        Assert.Equal(0, await PayableAsync());
        Assert.NotEqual(issued.Row.EntryId, reissued.Row!.EntryId);
        Assert.Equal(reissued.Row.EntryId, (await new ReturnsDesk(_world.Db.Db, _world.Db.Journal, TimeProvider.System).FindAsync(file.Id, 1))!.Disposition!.EntryId);
        Assert.True((await _world.Db.Verifier.VerifyAsync()).Passed);
    }
}
