using Ledger.Data.Intake;
using Ledger.Data.Settlements;
using Ledger.Domain;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Returns;
using Ledger.Testing;

namespace Ledger.Intake.Tests;

/// <summary>
/// A money order over the limit whose sender address OCR did not confirm (round 8): the limit is credited at once and only
/// the excess waits, in refunds payable, for staff to confirm or key the address; no refund, check or letter before.
/// Real PostgreSQL, hand-read batches (what OCR saw), the real intake pipeline, returns desk and disbursements.
/// </summary>
public sealed class OverLimitAwaitingAddressTests : IAsyncLifetime
{
    private readonly IntakeWorld _world = new();
    private readonly HandReadBatches _batches;
    public OverLimitAwaitingAddressTests() => _batches = new HandReadBatches(_world);
    public Task InitializeAsync() => _world.InitializeAsync();
    public Task DisposeAsync() => _world.DisposeAsync();

    private ReturnsDesk Desk => new(_world.Db.Db, _world.Db.Journal, TimeProvider.System);
    private DisbursementStore Checks => new(_world.Db.Db, _world.Db.Journal, Desk, TimeProvider.System);

    /// <summary>$1,500.00 to JOHN DOE at T-LOR ($999.99 limit), the slip's address unread: nothing confirms where the excess goes.</summary>
    private static LockboxItemReading NoAddress(int sequence, string serial) =>
        HandReadBatches.Read(sequence, serial, 150000, "12345-678", "JOHN DOE", addressReadable: false);

    [Fact]
    public async Task The_limit_is_credited_at_once_and_the_excess_waits_in_refunds_payable_as_returned_cents()
    {
        var (s, items) = await _batches.PostAsync(NoAddress(1, "52345678901"), HandReadBatches.Read(2, "52345678902", 2500, "12345-678", "JOHN DOE"));

        var item = items[1];
        Assert.Equal(("partially_posted", "over_limit_awaiting_address"), (item.Outcome, item.ReasonCode));
        Assert.Equal((150000L, 99999L, 50001L, 0L), (item.AmountCents, item.CreditedCents, item.ReturnedCents, item.InReviewCents));
        // No address on record to mail to: the unconfirmed readings stay in what OCR saw, for staff.
        Assert.Null(item.SenderAddress);
        Assert.Contains(SenderAddresses.Readings(item.Details), r => r.Field == "money order: purchaser's address" && r.Value == "12 OAK AVE, ERIE, PA 16501");
        // The summary and the day's reconciliation count the waiting excess as returned (it is owed back, in refunds payable).
        Assert.True(s.Balanced);
        Assert.Equal((1L, 1L, 0L, 152500L, 102499L, 50001L, 0L),
            (s.Posted, s.PartiallyPosted, s.InReview, s.AmountInCents, s.CreditedCents, s.ReturnedCents, s.InReviewCents));
        Assert.Equal(Money.Usd(102499), await _world.TrustAsync("12345-678"));
        Assert.Equal(Money.Usd(50001), await _world.Db.Balances.BalanceAsync(LockboxDecider.RefundsPayable));
        var report = await new Reconciliation(_world.Db.Db).ReportAsync(DateOnly.FromDateTime(DateTime.UtcNow));
        var file = Assert.Single(report.Rows, r => r.Scope == "file");
        Assert.True(file.Balanced);
        Assert.Equal((1L, 0L, 50001L, 0L), (file.PartiallyPosted, file.InReview, file.ReturnedCents, file.InReviewCents));
        await _world.Db.AssertLedgerConsistentAsync();

        // The same order in another batch is never posted twice: it waits as a serial seen before, and nothing moves again.
        var (again, twice) = await _batches.PostAsync(NoAddress(1, "52345678901"));
        Assert.Equal(("in_review", "serial_seen_before"), (twice[1].Outcome, twice[1].ReasonCode));
        Assert.Equal(0L, again.ReturnedCents);
        Assert.Equal(Money.Usd(102499), await _world.TrustAsync("12345-678"));
        Assert.Equal(Money.Usd(50001), await _world.Db.Balances.BalanceAsync(LockboxDecider.RefundsPayable));
    }

    [Fact]
    public async Task Refund_check_and_letter_refuse_until_the_address_is_keyed_then_the_excess_goes_back_once()
    {
        var (s, _) = await _batches.PostAsync(NoAddress(1, "53345678901"));
        var waiting = (await Desk.FindAsync(s.FileId, 1))!;
        Assert.True(waiting.AwaitsAddress);
        Assert.Equal(50001L, waiting.PayableCents);

        // Before: no refund, no check, no letter; the manifest lists the money owed and says it waits.
        Assert.Equal(DispositionOutcome.AddressNotConfirmed, (await Desk.RefundAsync(s.FileId, 1, "ops-a")).Outcome);
        Assert.Equal(DispositionOutcome.AddressNotConfirmed, (await Desk.MarkMailedAsync(s.FileId, 1, "ops-a")).Outcome);
        Assert.Equal("address-not-confirmed", (await Checks.CreateRefundCheckAsync(s.FileId, 1, "ops-a", 100_000_00, null, CancellationToken.None)).Refusal);
        var refused = Assert.Throws<ReturnAwaitsAddressException>(() => ReturnManifest.Letter(waiting, DateOnly.FromDateTime(DateTime.UtcNow)));
        Assert.Contains("not confirmed", refused.Message);
        var manifest = System.Text.Encoding.UTF8.GetString(ReturnManifest.ToBytes([waiting]));
        Assert.Contains(",500.01,", manifest);
        Assert.Contains("awaiting_address", manifest);
        Assert.Equal(Money.Usd(50001), await _world.Db.Balances.BalanceAsync(LockboxDecider.RefundsPayable));

        // A bad address is refused and records nothing.
        Assert.Equal(AddressOutcome.Invalid, (await Desk.ConfirmAddressAsync(s.FileId, 1, "MARY ADAMS", "OAK AVE", "ERIE PA", "ops-a")).Outcome);

        // Eight staff key it at once: one is recorded (who and when), the others change nothing.
        var keyed = await Task.WhenAll(Enumerable.Range(0, 8).Select(n =>
            Desk.ConfirmAddressAsync(s.FileId, 1, "Mary Adams", "12 Oak Ave", n % 2 == 0 ? "ERIE, PA 16501" : "ERIE, PA 16502", $"ops-{n}")));
        var first = Assert.Single(keyed, k => k.Outcome == AddressOutcome.Recorded);
        Assert.All(keyed.Where(k => k != first), k => Assert.Equal(AddressOutcome.AlreadyKeyed, k.Outcome));
        var ready = (await Desk.FindAsync(s.FileId, 1))!;
        Assert.False(ready.AwaitsAddress);
        Assert.Equal(first.Return!.Item.SenderAddress, ready.Item.SenderAddress);
        Assert.StartsWith("12 OAK AVE, ERIE, PA 1650", ready.Item.SenderAddress);
        Assert.Equal(("MARY ADAMS", first.Return.AddressKeyed!.By), (ready.Item.SenderName, ready.AddressKeyed!.By));
        Assert.Equal(1L, await _world.Db.ScalarAsync<long>("SELECT count(*) FROM return_addresses"));
        Assert.Equal(AddressOutcome.AlreadyKeyed, (await Desk.ConfirmAddressAsync(s.FileId, 1, "X", "1 A ST", "B, PA 16501", "ops-9")).Outcome);

        // After: the letter names the keyed address, and the excess goes back by one check.
        var letter = ReturnLetter.Lines("lockbox", ready.Item, DateOnly.FromDateTime(DateTime.UtcNow));
        Assert.Contains("    12 OAK AVE", letter);
        Assert.Contains(letter, l => l.StartsWith("Amount returned: $500.01 of the $1500.00", StringComparison.Ordinal));
        var check = await Checks.CreateRefundCheckAsync(s.FileId, 1, "ops-a", 100_000_00, null, CancellationToken.None);
        Assert.Null(check.Refusal);
        Assert.Equal(DisbursementStatus.Issued, check.Row!.Status);
        Assert.Equal(("MARY ADAMS", ready.Item.SenderAddress), (check.Row.PayeeName, check.Row.PayeeAddress));
        Assert.Equal(Money.Usd(0), await _world.Db.Balances.BalanceAsync(LockboxDecider.RefundsPayable));
        Assert.Equal("already-disbursed", (await Checks.CreateRefundCheckAsync(s.FileId, 1, "ops-b", 100_000_00, null, CancellationToken.None)).Refusal);
        Assert.Equal(Money.Usd(99999), await _world.TrustAsync("12345-678"));
        await _world.Db.AssertLedgerConsistentAsync();
    }
}
