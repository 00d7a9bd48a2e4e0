using System.Globalization;
using System.Text.Json;
using Ledger.Data.Intake;
using Ledger.Data.Schema;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Pipeline;

namespace Ledger.Intake.Tests;

/// <summary>
/// Each decision a scanned money order can get, against a real database, from readings built by hand (what
/// OCR saw), so every case is exact. The OCR itself is exercised end to end in LockboxBatchTests.
/// </summary>
public class LockboxDecisionTests : IAsyncLifetime
{
    private readonly IntakeWorld _world = new();
    private readonly HandReadBatches _batches;
    public LockboxDecisionTests() => _batches = new HandReadBatches(_world);
    public Task InitializeAsync() => _world.InitializeAsync();
    public Task DisposeAsync() => _world.DisposeAsync();

    private static LockboxItemReading Read(int sequence, string? serial, long? cents, string? number, string? name,
        AccountKind? creditTo = AccountKind.Trust, bool addressReadable = true) =>
        HandReadBatches.Read(sequence, serial, cents, number, name, creditTo, addressReadable);

    private async Task<(IntakeSummary Summary, Dictionary<int, IntakeItemRow> Items)> PostAsync(params LockboxItemReading[] readings)
    {
        var posted = await _batches.PostAsync(readings);
        Assert.True(posted.Summary.Balanced);
        return posted;
    }

    private Task<long> EntriesAsync() => _world.Db.ScalarAsync<long>("SELECT count(*) FROM journal_entries");

    [Fact]
    public async Task A_readable_order_for_a_person_in_custody_credits_the_account_marked_on_the_slip()
    {
        var (s, items) = await PostAsync(
            Read(1, "12345678901", 12500, "12345-678", "JOHN DOE", AccountKind.Trust),
            Read(2, "12345678902", 4000, "12345-678", "DOE, JOHN", AccountKind.Media));

        Assert.Equal((2L, 16500L, 16500L), (s.Posted, s.AmountInCents, s.CreditedCents));
        Assert.Equal(Money.Usd(12500), await _world.TrustAsync("12345-678"));
        Assert.Equal(Money.Usd(4000), await _world.MediaAsync("12345-678"));
        Assert.Equal("12345678901", items[1].Reference);
        var entry = (await _world.Db.Journal.FindEntriesAsync(["mo:12345678901"]))["mo:12345678901"].Entry;
        Assert.Contains(entry.Postings, p => p.Account == LockboxDecider.Clearing && p.Amount == Money.Usd(-12500));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), entry.EffectiveAt);
        await _world.Db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task An_amount_ocr_could_not_settle_waits_for_keying_even_with_a_readable_address()
    {
        var (s, items) = await PostAsync(Read(1, "22345678901", null, "12345-678", "JOHN DOE"), Read(2, null, null, "12345-678", "JOHN DOE"));

        Assert.Equal((2L, 0L, 0L), (s.InReview, s.Returned, s.ReturnedCents));
        Assert.All(items.Values, i => Assert.Equal(("in_review", "unreadable", (long?)null), (i.Outcome, i.ReasonCode, i.EntryId)));
        Assert.Equal("item:2", items[2].Reference);
        Assert.Equal(0L, await EntriesAsync());
    }

    [Fact]
    public async Task An_illegible_amount_with_a_readable_address_goes_back_with_its_slip_and_posts_nothing()
    {
        var illegible = Read(1, "22345678901", null, "12345-678", "JOHN DOE");
        illegible = illegible with { MoneyOrder = illegible.MoneyOrder with { AmountIllegible = true } };
        var (s, items) = await PostAsync(illegible);

        Assert.Equal((1L, 0L, 0L), (s.Returned, s.AmountInCents, s.ReturnedCents));
        Assert.Equal(("returned", "illegible_amount", 0L, (long?)null), (items[1].Outcome, items[1].ReasonCode, items[1].AmountCents, items[1].EntryId));
        Assert.Equal(("MARY ADAMS", "12 OAK AVE, ERIE, PA 16501"), (items[1].SenderName, items[1].SenderAddress));
        Assert.Equal(0L, await EntriesAsync());
    }

    [Fact]
    public async Task A_return_whose_slip_address_the_money_order_does_not_confirm_waits_for_a_person()
    {
        // The slip's address read once, and the order's purchaser block spells another ZIP: nothing says which read is right,
        // so neither the illegible order nor the excess of one over the limit is mailed by itself (ReturnAddress). Since round 8
        // the order over the limit credits the limit all the same; only its excess waits in refunds payable for the address.
        static LockboxItemReading Unconfirmed(LockboxItemReading r, bool illegible) => r with
        {
            MoneyOrder = r.MoneyOrder with { AmountIllegible = illegible, PurchaserAddress = new("12 OAK AVE, ERIE, PA 16507", 96, "12 OAK AVE, ERIE, PA 16507") },
        };
        var (s, items) = await PostAsync(
            Unconfirmed(Read(1, "62345678901", null, "12345-678", "JOHN DOE"), illegible: true),
            Unconfirmed(Read(2, "62345678902", 150000, "12345-678", "JOHN DOE"), illegible: false));

        Assert.Equal((1L, 0L, 1L, 50001L), (s.InReview, s.Returned, s.PartiallyPosted, s.ReturnedCents));
        Assert.Equal(("in_review", "illegible_address_unconfirmed"), (items[1].Outcome, items[1].ReasonCode));
        Assert.Equal(("partially_posted", "over_limit_awaiting_address"), (items[2].Outcome, items[2].ReasonCode));
        // The address as read is still shown to the keyer, who returns the item with one click.
        Assert.Equal("12 OAK AVE, ERIE, PA 16501", items[1].SenderAddress);
        // No address on record for the excess: staff confirm or key it on the returns desk (OverLimitAwaitingAddressTests).
        Assert.Null(items[2].SenderAddress);
        Assert.Equal(1L, await EntriesAsync());
    }

    [Fact]
    public async Task An_unreadable_amount_without_an_address_waits_in_review_with_what_ocr_saw_and_the_images()
    {
        var (s, items) = await PostAsync(Read(7, "32345678901", null, "12345-678", "JOHN DOE", addressReadable: false));

        Assert.Equal(1, s.InReview);
        var item = items[7];
        Assert.Equal(("in_review", "unreadable"), (item.Outcome, item.ReasonCode));
        using var details = JsonDocument.Parse(item.Details!);
        Assert.Equal("images/0007-order.png", details.RootElement.GetProperty("money_order_image").GetString());
        Assert.Equal("images/0007-slip.png", details.RootElement.GetProperty("deposit_slip_image").GetString());
        Assert.Equal("$1?5.0O", details.RootElement.GetProperty("courtesy_amount").GetProperty("raw").GetString());
        Assert.Equal("~#smudge", details.RootElement.GetProperty("sender_address").GetProperty("raw").GetString());
        Assert.Equal(0L, await EntriesAsync());
    }

    [Fact]
    public async Task Over_the_limit_the_limit_is_credited_and_the_excess_is_returned_by_mail()
    {
        var (s, items) = await PostAsync(Read(1, "42345678901", 150000, "12345-678", "JOHN DOE"));

        Assert.Equal((1L, 150000L, 99999L, 50001L), (s.PartiallyPosted, s.AmountInCents, s.CreditedCents, s.ReturnedCents));
        Assert.Equal("over_limit", items[1].ReasonCode);
        Assert.Equal(Money.Usd(99999), await _world.TrustAsync("12345-678"));
        Assert.Equal(Money.Usd(50001), await _world.Db.Balances.BalanceAsync(LockboxDecider.RefundsPayable));
        await _world.Db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Over_the_limit_with_no_address_to_mail_the_excess_to_the_limit_is_posted_and_the_excess_waits()
    {
        // Round 8: this used to wait whole in review (over_limit_no_address) with nothing posted.
        var (s, items) = await PostAsync(Read(1, "52345678901", 150000, "12345-678", "JOHN DOE", addressReadable: false));

        Assert.Equal((1L, 0L, 150000L, 99999L, 50001L, 0L), (s.PartiallyPosted, s.InReview, s.AmountInCents, s.CreditedCents, s.ReturnedCents, s.InReviewCents));
        Assert.Equal(("over_limit_awaiting_address", (string?)null), (items[1].ReasonCode, items[1].SenderAddress));
        Assert.Equal(Money.Usd(99999), await _world.TrustAsync("12345-678"));
        Assert.Equal(1L, await EntriesAsync());
    }

    [Theory]
    [InlineData("99999-999", "PAT STRANGER", "unknown_person")]
    [InlineData("12345-678", "JOHN SMITH", "name_mismatch")]
    [InlineData("12345-678", "JOHN DOBBS", "name_mismatch")]
    [InlineData("45678-901", "JANE ROE", "person_released")]
    [InlineData("56789-012", "EDGAR POE", "person_transferred")]
    public async Task An_order_that_names_nobody_we_can_credit_goes_back_whole_and_posts_nothing(string? number, string? name, string reason)
    {
        var (s, items) = await PostAsync(Read(1, "62345678901", 7500, number, name));

        Assert.Equal((1L, 7500L, 0L, 7500L), (s.Returned, s.AmountInCents, s.CreditedCents, s.ReturnedCents));
        Assert.Equal((reason, (long?)null), (items[1].ReasonCode, items[1].EntryId));
        Assert.Equal(0L, await EntriesAsync());
    }

    [Theory]
    [InlineData(null, "JOHN DOE", "unreadable_resident_number")]
    [InlineData("12345-678", null, "unreadable_name")]
    // Round 42: a number off the roster beside the whole name of someone on it is more likely that person's number misread.
    [InlineData("99999-999", "JOHN DOE", "unreadable_resident_number")]
    public async Task A_return_never_rests_on_a_field_OCR_could_not_read_such_an_order_waits_in_review(string? number, string? name, string reason)
    {
        var (s, items) = await PostAsync(Read(1, "62345678901", 7500, number, name));

        Assert.Equal((1L, 7500L, 0L, 7500L), (s.InReview, s.AmountInCents, s.ReturnedCents, s.InReviewCents));
        Assert.Equal((reason, (long?)null), (items[1].ReasonCode, items[1].EntryId));
        Assert.Equal(0L, await EntriesAsync());
    }

    [Fact]
    public async Task An_order_that_names_nobody_and_cannot_be_mailed_back_waits_in_review()
    {
        var (s, items) = await PostAsync(Read(1, "72345678901", 7500, "99999-999", "PAT STRANGER", addressReadable: false));
        Assert.Equal((1L, 7500L), (s.InReview, s.InReviewCents));
        Assert.Equal("unknown_person", items[1].ReasonCode);
    }

    [Theory]
    [InlineData("ANA DE LA CRUZ")]
    [InlineData("DE LA CRUZ, ANA")]
    [InlineData("DE LA CRUZ ANA")]
    [InlineData("ana de la cruz")]
    public async Task The_last_name_on_the_slip_must_be_the_roster_s_as_whole_words(string name)
    {
        var (s, _) = await PostAsync(Read(1, "82345678901", 1000, "34567-890", name));
        Assert.Equal(1, s.Posted);
    }

    // Close is not the roster's name, so it never posts; but close is also what a misreading looks like, so a person
    // decides instead of the order going back by mail (deliberately changed from "returned as name_mismatch").
    [Theory]
    [InlineData("ANA CRUZ")]
    [InlineData("ANA DE LA CRUZE")]
    [InlineData("DE LA CRUZ")]
    [InlineData("CRUZ, ANA DE LA")]
    [InlineData("DOES, JOHN", "12345-678")]
    public async Task A_last_name_that_is_only_close_waits_for_a_person_and_posts_nothing(string name, string number = "34567-890")
    {
        var (s, items) = await PostAsync(Read(1, "92345678901", 1000, number, name));
        Assert.Equal((1L, 0L, "unreadable_name"), (s.InReview, s.Returned, items[1].ReasonCode));
        Assert.Equal(0L, await EntriesAsync());
    }

    [Fact]
    public async Task A_serial_seen_before_is_never_posted_twice()
    {
        await _world.Db.Journal.PostAsync(new JournalEntry("mo:10000000003", "manual", "keyed by operations", DateTimeOffset.UtcNow,
            [Posting.Debit(LockboxDecider.Clearing, Money.Usd(500)), Posting.Credit(AccountKey.Personal("12345-678", AccountKind.Trust, Currency.USD), Money.Usd(500))]));
        var (first, a) = await PostAsync(
            Read(1, "10000000001", 2500, "12345-678", "JOHN DOE"),
            Read(2, "10000000001", 2500, "12345-678", "JOHN DOE"),
            Read(3, "10000000003", 500, "12345-678", "JOHN DOE"));
        var (second, b) = await PostAsync(Read(1, "10000000001", 2500, "12345-678", "JOHN DOE"), Read(2, "10000000002", null, "12345-678", "JOHN DOE"));
        // Even an order returned unread before is not passed through again unseen.
        var (third, c) = await PostAsync(Read(1, "10000000002", 900, "12345-678", "JOHN DOE"));

        Assert.Equal((1L, 2L, 3000L), (first.Posted, first.InReview, first.InReviewCents));
        Assert.Equal(("serial_seen_before", "serial_seen_before"), (a[2].ReasonCode, a[3].ReasonCode));
        Assert.Equal(("in_review", "serial_seen_before", 2500L), (b[1].Outcome, b[1].ReasonCode, b[1].InReviewCents));
        Assert.Equal(("in_review", "serial_seen_before"), (c[1].Outcome, c[1].ReasonCode));
        Assert.Equal(Money.Usd(3000), await _world.TrustAsync("12345-678"));
        Assert.Equal(2L, await EntriesAsync());
    }

    [Fact]
    public async Task An_unreadable_serial_or_unclear_credit_to_boxes_wait_in_review()
    {
        var (s, items) = await PostAsync(Read(1, null, 2500, "12345-678", "JOHN DOE"), Read(2, "11000000001", 2500, "12345-678", "JOHN DOE", creditTo: null));

        Assert.Equal((2L, 5000L), (s.InReview, s.InReviewCents));
        Assert.Equal(("unreadable_serial", "item:1"), (items[1].ReasonCode, items[1].Reference));
        Assert.Equal("credit_to_unclear", items[2].ReasonCode);
        Assert.Equal(0L, await EntriesAsync());
    }

    [Fact]
    public async Task Restitution_takes_its_share_of_trust_deposits_only()
    {
        var (s, _) = await PostAsync(
            Read(1, "12000000001", 10000, "23456-789", "SEAN O'BRIEN", AccountKind.Trust),
            Read(2, "12000000002", 10000, "23456-789", "O BRIEN, SEAN", AccountKind.Media));

        Assert.Equal((20000L, 2000L), (s.CreditedCents, s.RestitutionCents));
        Assert.Equal(Money.Usd(8000), await _world.TrustAsync("23456-789"));
        Assert.Equal(Money.Usd(10000), await _world.MediaAsync("23456-789"));
        Assert.Equal(Money.Usd(2000), await _world.RestitutionAsync("23456-789"));
    }

    [Fact]
    public async Task A_facility_s_hold_keeps_the_money_until_the_release_step_on_the_due_day()
    {
        // T-DUB holds money orders 5 days and accepts at most $300.00.
        var (s, items) = await PostAsync(Read(1, "13000000001", 20000, "34567-890", "ANA DE LA CRUZ"), Read(2, "13000000002", 45000, "34567-890", "ANA DE LA CRUZ"));
        var holdsAccount = AccountKey.OfFacility("T-DUB", AccountKind.MoneyOrderHolds, Currency.USD);

        Assert.Equal((1L, 1L, 50000L, 15000L), (s.Posted, s.PartiallyPosted, s.CreditedCents, s.ReturnedCents));
        Assert.Equal(Money.Usd(0), await _world.TrustAsync("34567-890"));
        Assert.Equal(Money.Usd(50000), await _world.Db.Balances.BalanceAsync(holdsAccount));
        var holds = new MoneyOrderHoldStore(_world.Db.Db);
        var rows = await holds.ListAsync(items[1].FileId);
        Assert.Equal([(items[1].EntryId!.Value, 20000L), (items[2].EntryId!.Value, 30000L)], rows.Select(h => (h.EntryId, h.AmountCents)).ToArray());
        Assert.All(rows, h => Assert.Equal(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero), h.ReleaseAt));

        var releaser = new HoldReleaser(holds, _world.Db.Journal);
        Assert.Equal(0, (await releaser.ReleaseDueAsync(new DateTimeOffset(2026, 11, 27, 23, 59, 0, TimeSpan.Zero))).Released);
        Assert.Equal(Money.Usd(0), await _world.TrustAsync("34567-890"));

        var released = await releaser.ReleaseDueAsync(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal((2, 50000L), (released.Released, released.ReleasedCents));
        Assert.Equal(Money.Usd(50000), await _world.TrustAsync("34567-890"));
        Assert.Equal(Money.Usd(0), await _world.Db.Balances.BalanceAsync(holdsAccount));
        Assert.NotNull((await _world.Db.Journal.FindEntriesAsync(["mo-release:13000000001"])).GetValueOrDefault("mo-release:13000000001").Entry);

        Assert.Equal(0, (await releaser.ReleaseDueAsync(new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero))).Released);
        Assert.Equal(Money.Usd(50000), await _world.TrustAsync("34567-890"));
        await _world.Db.AssertLedgerConsistentAsync();
    }
}
